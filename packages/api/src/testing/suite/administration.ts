// The conformance suite's group for administration with the secret key: the organization's
// settings, its membership types (create, update, archive, the default-type rules) and its
// discount codes (create, update, deactivate, list with redemptions).
import assert from 'node:assert/strict';
import {
  AdminDiscountPageSchema,
  AdminDiscountSchema,
  DiscountSchema,
  InvitationPageSchema,
  InvitationSchema,
  MembershipTypeSchema,
  OrganizationSettingsSchema,
  PageSchema,
  SignupConfigSchema,
  type AdminDiscount,
  type Invitation,
  type MembershipType,
  type OrganizationSettings,
  type SignupConfig,
} from '@memberkit/sdk';
import type { SuiteKit } from './kit.js';

export function administrationSuite(kit: SuiteKit): void {
  const { describe, it, host, call, org, admin, expect, problemOf, fieldsOf, signUp, signupOf, poll, withHost, person, annualFields } = kit;
  const settings = (body: unknown) => call('POST', org('/settings'), { ...admin, body });
  const createType = (body: unknown) => call('POST', org('/membership-types'), { ...admin, key: true, body });
  const listedIds = async () =>
    expect<{ membership_types: MembershipType[] }>(await call('GET', org('/signup-config')), 200, SignupConfigSchema).membership_types.map((type) => type.id);

  describe('administration (secret key): settings and membership types', () => {
    it('settings: read and changed; every wrong field named at once; a member token is 403', withHost(async () => {
      const before = expect<OrganizationSettings>(await call('GET', org('/settings'), admin), 200, OrganizationSettingsSchema);
      assert.deepEqual([before.currency, before.membership_policy, before.signup_requires_sign_in], ['USD', 'one_per_organization', false]);
      const changed = expect<OrganizationSettings>(
        await settings({ name: ' Riverside Makers ', currency: 'usd', time_zone: 'Europe/Berlin', locale: 'de-de', embed_origins: ['https://club.example'] }),
        200,
        OrganizationSettingsSchema,
      );
      assert.deepEqual([changed.name, changed.currency, changed.time_zone, changed.locale, changed.embed_origins], ['Riverside Makers', 'USD', 'Europe/Berlin', 'de-DE', ['https://club.example']]);
      const refused = problemOf(
        await settings({ currency: 'xyz', time_zone: 'Mars/Olympus', locale: '!!', terms_url: 'http://club.example/terms', embed_origins: ['https://club.example/path'] }),
        422,
        'validation_failed',
      );
      assert.deepEqual(fieldsOf(refused), ['currency:invalid_currency', 'time_zone:invalid_time_zone', 'locale:invalid_locale', 'terms_url:invalid_url', 'embed_origins.0:invalid_origin']);
      assert.equal(expect<OrganizationSettings>(await call('GET', org('/settings'), admin), 200, OrganizationSettingsSchema).time_zone, 'Europe/Berlin', 'nothing of a refused change is kept');
      const inUse = problemOf(await settings({ currency: 'EUR' }), 409, 'currency_in_use');
      assert.ok(inUse.membership_type_ids.includes('annual'));
      problemOf(await call('GET', org('/settings'), { auth: await host.memberToken('demo', 'alice@example.org') }), 403, 'forbidden');
    }));

    it('settings: the organization’s own Stripe account (Connect) is set, checked for its format, cleared, and never shown to signup pages', withHost(async () => {
      assert.equal(expect<OrganizationSettings>(await call('GET', org('/settings'), admin), 200, OrganizationSettingsSchema).payment_account, null, 'paid on the platform’s account at first');
      const set = expect<OrganizationSettings>(await settings({ payment_account: ' acct_1Nv0FGQ9RKHgCVdK ' }), 200, OrganizationSettingsSchema);
      assert.equal(set.payment_account, 'acct_1Nv0FGQ9RKHgCVdK');
      assert.equal(expect<OrganizationSettings>(await call('GET', org('/settings'), admin), 200, OrganizationSettingsSchema).payment_account, 'acct_1Nv0FGQ9RKHgCVdK');
      for (const wrong of ['acct_', 'ba_1Nv0FGQ9RKHgCVdK', 'acct_1Nv0 FGQ9', 'acct_../../v1/charges', 'sk_test_sandbox']) {
        assert.deepEqual(fieldsOf(problemOf(await settings({ payment_account: wrong }), 422, 'validation_failed')), ['payment_account:invalid_payment_account'], wrong);
      }
      assert.deepEqual(fieldsOf(problemOf(await settings({ payment_account: 42 }), 422, 'validation_failed')).map((field) => field.split(':')[0]), ['payment_account']);
      assert.equal(expect<OrganizationSettings>(await call('GET', org('/settings'), admin), 200, OrganizationSettingsSchema).payment_account, 'acct_1Nv0FGQ9RKHgCVdK', 'a refused change keeps the account');
      const config = JSON.stringify((await call('GET', org('/signup-config'))).body);
      assert.ok(!config.includes('acct_'), 'signup pages are not told it');
      assert.equal(expect<OrganizationSettings>(await settings({ payment_account: null }), 200, OrganizationSettingsSchema).payment_account, null, 'back to the platform’s account');
    }));

    it('settings: the member page the renewal emails link to is https, on one of the embed origins, refused by name otherwise, and cleared', withHost(async () => {
      expect(await settings({ embed_origins: ['https://club.example', 'https://www.club.example'] }), 200, OrganizationSettingsSchema);
      assert.equal(expect<OrganizationSettings>(await call('GET', org('/settings'), admin), 200, OrganizationSettingsSchema).member_page_url, null, 'none at first');
      const set = expect<OrganizationSettings>(await settings({ member_page_url: 'https://www.club.example/members?tab=renew#old' }), 200, OrganizationSettingsSchema);
      assert.equal(set.member_page_url, 'https://www.club.example/members?tab=renew', 'kept without a fragment: the emails put the sign-in ticket there');
      for (const [wrong, code] of [
        ['http://www.club.example/members', 'invalid_url'],
        ['javascript:alert(1)', 'invalid_url'],
        ['members', 'invalid_url'],
        ['https://evil.example/members', 'not_embed_origin'],
        ['https://club.example.evil.example/members', 'not_embed_origin'],
      ] as const) {
        assert.deepEqual(fieldsOf(problemOf(await settings({ member_page_url: wrong }), 422, 'validation_failed')), [`member_page_url:${code}`], wrong);
      }
      assert.deepEqual(
        fieldsOf(problemOf(await settings({ embed_origins: ['https://club.example'] }), 422, 'validation_failed')),
        ['member_page_url:not_embed_origin'],
        'the page’s origin cannot be taken off the embed origins under it',
      );
      const now = expect<OrganizationSettings>(await call('GET', org('/settings'), admin), 200, OrganizationSettingsSchema);
      assert.deepEqual([now.member_page_url, now.embed_origins], ['https://www.club.example/members?tab=renew', ['https://club.example', 'https://www.club.example']], 'a refused change keeps both');
      assert.equal(expect<OrganizationSettings>(await settings({ member_page_url: null, embed_origins: ['https://club.example'] }), 200, OrganizationSettingsSchema).member_page_url, null, 'cleared, with the origin');
    }));

    it('settings: the membership policy and signing in before signing up take effect at once', withHost(async () => {
      const alice = { email: 'alice@example.org', first_name: 'Alice', last_name: 'Anderson' };
      problemOf(await signUp({ membership_type_id: 'monthly', member: alice }), 409, 'already_member');
      expect(await settings({ membership_policy: 'one_per_type' }), 200, OrganizationSettingsSchema);
      assert.equal(signupOf(await signUp({ membership_type_id: 'monthly', member: alice })).status, 'awaiting_payment');
      const config = () => call('GET', org('/signup-config'));
      assert.equal(expect<SignupConfig>(await config(), 200, SignupConfigSchema).signup_requires_sign_in, false);
      expect(await settings({ signup_requires_sign_in: true }), 200, OrganizationSettingsSchema);
      assert.equal(expect<SignupConfig>(await config(), 200, SignupConfigSchema).signup_requires_sign_in, true, 'signup-config tells a signup page to ask for signing in first');
      problemOf(await signUp({ membership_type_id: 'free' }), 401, 'sign_in_required');
      const token = await host.memberToken('demo', 'signed.in@example.org');
      const own = signupOf(await signUp({ membership_type_id: 'free', member: { email: 'signed.in@example.org', first_name: 'S', last_name: 'I' } }, { auth: token }));
      assert.equal(own.status, 'completed');
    }));

    it('membership types: created (currency in any case, id from the name, listed at once), updated, every wrong field named at once', withHost(async () => {
      const created = expect<MembershipType>(
        await createType({ membership_name: 'Tool Library', price: { value: 2500, currency: 'usd' }, duration: 6, duration_interval_type: 'month', grace_days: 7, permissions: ['tools'], featured: true }),
        201,
        MembershipTypeSchema,
      );
      assert.deepEqual(
        [created.id, created.price.currency, created.price.display, created.duration_display, created.featured, created.is_default],
        ['tool-library', 'USD', '$25.00', '6 months', true, false],
      );
      assert.ok((await listedIds()).includes('tool-library'));
      const bought = signupOf(await signUp({ membership_type_id: 'tool-library' }));
      assert.equal(bought.quote.total, 2500);
      const updated = expect<MembershipType>(
        await call('POST', org('/membership-types/tool-library'), { ...admin, body: { price: { value: 3000 }, status: 200 } }),
        200,
        MembershipTypeSchema,
      );
      assert.deepEqual([updated.price.value, updated.status, updated.duration_display], [3000, 200, '6 months']);
      assert.ok(!(await listedIds()).includes('tool-library'), 'hidden');
      const refused = problemOf(
        await createType({
          membership_name: 'Broken',
          price: { value: 1000, currency: 'EUR' },
          duration: 3,
          duration_interval_type: 'month',
          cycle: { day: 1, month: null, buffer_days: 0 },
          fields: [
            { key: 'size', label: 'Size', type: 'select', required: false },
            { key: 'size', label: 'Code', type: 'text', required: false, pattern: '([a-z' },
            // Compiles, but backtracks exponentially: it would freeze every member's page.
            { key: 'member_no', label: 'Member number', type: 'text', required: false, pattern: '(\\d+)+M' },
            // A description of no pattern, and one too long to be an error message.
            { key: 'nickname', label: 'Nickname', type: 'text', required: false, pattern_description: 'Letters only' },
            { key: 'postcode', label: 'Postcode', type: 'text', required: false, pattern: '\\d{5}', pattern_description: 'x'.repeat(201) },
          ],
        }),
        422,
        'validation_failed',
      );
      assert.deepEqual(fieldsOf(refused), ['price.currency:currency_mismatch', 'cycle:invalid_cycle_interval', 'fields.0.options:required', 'fields.1.key:duplicate', 'fields.1.pattern:invalid_pattern', 'fields.2.pattern:invalid_pattern', 'fields.3.pattern_description:invalid', 'fields.4.pattern_description:too_long']);
      // Kept as staff wrote it, and answered to the widget with the field.
      const described = await createType({
        id: 'described',
        membership_name: 'Described',
        price: { value: 0 },
        duration_interval_type: 'year',
        fields: [{ key: 'postcode', label: 'Postcode', type: 'text', required: true, pattern: '\\d{5}', pattern_description: 'Five digits, like 12345' }],
      });
      assert.equal(described.status, 201, JSON.stringify(described.body));
      const saved = (await call('GET', org('/membership-types/described'), admin)).body as { fields: { pattern_description?: string | null }[] };
      assert.equal(saved.fields[0]!.pattern_description, 'Five digits, like 12345');
      problemOf(await createType({ id: 'annual', membership_name: 'Again', price: { value: 0 }, duration_interval_type: 'year' }), 422, 'validation_failed');
    }));

    it('the default type: exactly one, free; it cannot be archived or unset, only replaced by another free type', withHost(async () => {
      problemOf(await call('POST', org('/membership-types/free/archive'), admin), 409, 'default_type_required');
      problemOf(await call('POST', org('/membership-types/free'), { ...admin, body: { is_default: false } }), 409, 'default_type_required');
      assert.deepEqual(fieldsOf(problemOf(await call('POST', org('/membership-types/free'), { ...admin, body: { price: { value: 500 } } }), 422, 'validation_failed')), ['is_default:default_not_free']);
      assert.deepEqual(
        fieldsOf(problemOf(await createType({ membership_name: 'Paid default', price: { value: 500 }, duration_interval_type: 'year', is_default: true }), 422, 'validation_failed')),
        ['is_default:default_not_free'],
      );
      const replacement = expect<MembershipType>(await createType({ membership_name: 'Neighbour', price: { value: 0 }, duration_interval_type: 'year', is_default: true }), 201, MembershipTypeSchema);
      assert.equal(replacement.is_default, true);
      const all = expect<{ data: MembershipType[] }>(await call('GET', org('/membership-types?limit=100'), admin), 200, PageSchema(MembershipTypeSchema));
      assert.deepEqual(all.data.filter((type) => type.is_default).map((type) => type.id), ['neighbour']);
      // The old default, replaced, can be archived: offered nowhere, and signing up for it is 409.
      const archived = expect<MembershipType>(await call('POST', org('/membership-types/free/archive'), admin), 200, MembershipTypeSchema);
      assert.ok(archived.archived_at);
      assert.ok(!(await listedIds()).includes('free'));
      problemOf(await call('GET', org('/membership-types/free')), 404, 'not_found');
      problemOf(await signUp({ membership_type_id: 'free' }), 409, 'type_archived');
      const staffView = expect<MembershipType>(await call('GET', org('/membership-types/free'), admin), 200, MembershipTypeSchema);
      assert.equal(staffView.archived_at, archived.archived_at);
      problemOf(await call('POST', org('/membership-types/free'), { ...admin, body: { membership_name: 'Renamed' } }), 409, 'type_archived');
    }));

    it('discounts: created (idempotent), used case-insensitively, listed with the signups that reserved and redeemed them', withHost(async () => {
      problemOf(await call('POST', org('/discounts'), { ...admin, body: { code: 'NOKEY', percent_off: 10 } }), 400, 'validation_failed');
      const created = expect<AdminDiscount>(
        await call('POST', org('/discounts'), { ...admin, key: true, body: { code: 'Summer25', percent_off: 25, membership_type_ids: ['annual'], max_redemptions: 2 } }),
        201,
        AdminDiscountSchema,
      );
      assert.deepEqual(
        [created.code, created.percent_off, created.active, created.times_redeemed, created.times_reserved, created.redemptions],
        ['Summer25', 25, true, 0, 0, []],
      );
      const buyer = person('summer');
      const signup = signupOf(await signUp({ membership_type_id: 'annual', member: buyer, fields: annualFields, discount_code: 'summer25' }));
      assert.deepEqual(signup.quote, { currency: 'USD', subtotal: 6000, discount_amount: 1500, total: 4500 });
      const reserved = expect<AdminDiscount>(await call('GET', org(`/discounts/${created.id}`), admin), 200, AdminDiscountSchema);
      assert.deepEqual([reserved.times_redeemed, reserved.times_reserved], [0, 1]);
      assert.deepEqual(reserved.redemptions.map((r) => [r.signup_id, r.email, r.redeemed]), [[signup.id, buyer.email, false]]);
      assert.deepEqual(await host.pay(signup.next_action), { paid: true });
      await poll(signup.id);
      const page = expect<{ data: AdminDiscount[] }>(await call('GET', org('/discounts?limit=100'), admin), 200, AdminDiscountPageSchema);
      const listed = page.data.find((discount) => discount.id === created.id)!;
      assert.deepEqual([listed.times_redeemed, listed.times_reserved], [1, 0]);
      assert.deepEqual(listed.redemptions.map((r) => [r.signup_id, r.member_id, r.status, r.redeemed]), [[signup.id, signup.member.id, 'completed', true]]);
      problemOf(await call('GET', org('/discounts'), { auth: await host.memberToken('demo', 'alice@example.org') }), 403, 'forbidden');
      problemOf(await call('GET', org('/discounts/dc_nope'), admin), 404, 'not_found');
    }));

    it('discounts: every wrong field named at once; updated; deactivated codes refuse new signups', withHost(async () => {
      const create = (body: unknown) => call('POST', org('/discounts'), { ...admin, key: true, body });
      const code = expect<AdminDiscount>(await create({ code: 'SPRING', percent_off: 10 }), 201, AdminDiscountSchema);
      const refused = problemOf(
        await create({ code: 'spring', percent_off: 10, amount_off: 500, membership_type_ids: ['nope'], valid_from: '2026-05-01', valid_until: '2026-04-01' }),
        422,
        'validation_failed',
      );
      assert.deepEqual(fieldsOf(refused), ['code:taken', 'amount_off:conflict', 'membership_type_ids.0:unknown', 'valid_until:too_small']);
      assert.deepEqual(fieldsOf(problemOf(await create({ code: 'EUROS', amount_off: 500, currency: 'eur' }), 422, 'validation_failed')), ['currency:currency_mismatch']);
      assert.deepEqual(fieldsOf(problemOf(await create({ code: 'has space' }), 422, 'validation_failed')), ['code:pattern_mismatch', 'percent_off:required']);
      // An amount replaces the percentage; the currency is the organization's.
      const updated = expect<AdminDiscount>(await call('POST', org(`/discounts/${code.id}`), { ...admin, body: { amount_off: 1000 } }), 200, AdminDiscountSchema);
      assert.deepEqual([updated.code, updated.percent_off, updated.amount_off, updated.currency], ['SPRING', null, 1000, 'USD']);
      const validated = expect<{ amount_off: number | null }>(await call('POST', org('/discounts/validate'), { body: { code: 'spring', membership_type_id: 'annual' } }), 200, DiscountSchema);
      assert.equal(validated.amount_off, 1000);
      const deactivated = expect<AdminDiscount>(await call('POST', org(`/discounts/${code.id}/deactivate`), admin), 200, AdminDiscountSchema);
      assert.equal(deactivated.active, false);
      assert.ok(deactivated.deactivated_at);
      const again = expect<AdminDiscount>(await call('POST', org(`/discounts/${code.id}/deactivate`), admin), 200, AdminDiscountSchema);
      assert.equal(again.deactivated_at, deactivated.deactivated_at, 'deactivating twice changes nothing');
      const invalid = problemOf(await call('POST', org('/discounts/validate'), { body: { code: 'SPRING', membership_type_id: 'annual' } }), 422, 'invalid_discount');
      assert.equal(invalid.reason, 'expired');
      problemOf(await signUp({ membership_type_id: 'annual', fields: annualFields, discount_code: 'SPRING' }), 422, 'invalid_discount');
    }));

    it('invitations: created (bound to an email, with an expiry, unguessable code), used once, listed, revoked', withHost(async () => {
      const invite = (body: unknown) => call('POST', org('/invitations'), { ...admin, key: true, body });
      const guest = person('invited');
      const created = expect<Invitation>(await invite({ membership_type_id: 'founders', email: guest.email.toUpperCase(), expires_on: '2027-01-31' }), 201, InvitationSchema);
      assert.deepEqual([created.email, created.expires_on, created.status], [guest.email, '2027-01-31', 'open']);
      assert.ok(created.code.length >= 12, 'a code nobody guesses');
      problemOf(await signUp({ membership_type_id: 'founders', invitation_code: created.code }), 422, 'invitation_required');
      const signup = signupOf(await signUp({ membership_type_id: 'founders', member: guest, invitation_code: created.code.toLowerCase() }));
      assert.equal(signup.status, 'completed');
      const refused = problemOf(await invite({ membership_type_id: 'nope', email: 'not-an-email', expires_on: '2020-01-01', code: 'FOUNDERS-2026' }), 422, 'validation_failed');
      assert.deepEqual(fieldsOf(refused), ['email:invalid_email'], 'a malformed address is refused before anything else');
      const refusedAll = problemOf(await invite({ membership_type_id: 'nope', expires_on: '2020-01-01', code: 'founders-2026' }), 422, 'validation_failed');
      assert.deepEqual(fieldsOf(refusedAll), ['membership_type_id:unknown', 'expires_on:in_the_past', 'code:taken']);
      const open = expect<Invitation>(await invite({ membership_type_id: 'founders', code: 'OPEN-DOOR' }), 201, InvitationSchema);
      const revoked = expect<Invitation>(await call('POST', org(`/invitations/${open.id}/revoke`), admin), 200, InvitationSchema);
      assert.equal(revoked.status, 'revoked');
      const again = expect<Invitation>(await call('POST', org(`/invitations/${open.id}/revoke`), admin), 200, InvitationSchema);
      assert.equal(again.revoked_at, revoked.revoked_at, 'revoking twice changes nothing');
      const refusedRevoked = problemOf(await signUp({ membership_type_id: 'founders', invitation_code: 'open-door' }), 422, 'invitation_required');
      assert.equal(refusedRevoked.reason, 'invalid');
      const page = expect<{ data: Invitation[] }>(await call('GET', org('/invitations?limit=100'), admin), 200, InvitationPageSchema);
      const byId = new Map(page.data.map((invitation) => [invitation.id, invitation]));
      assert.deepEqual([byId.get(created.id)?.status, byId.get(created.id)?.used_by_member_id, byId.get(open.id)?.status], ['redeemed', signup.member.id, 'revoked']);
      problemOf(await call('GET', org('/invitations'), { auth: await host.memberToken('demo', 'alice@example.org') }), 403, 'forbidden');
      problemOf(await call('POST', org('/invitations/inv_nope/revoke'), admin), 404, 'not_found');
    }));
  });
}
