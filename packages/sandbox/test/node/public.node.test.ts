// Contract tests, public endpoints: the SDK client against the sandbox in Node, every response
// checked against the SDK's schemas (validateResponses), every rule of the signup flow.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { APIError, NotFoundError, UnprocessableEntityError, ConflictError, AuthenticationError, type Signup } from '@memberkit/sdk';
import { setupSandboxServer } from '@memberkit/sandbox/node';
import { TODAY, annualFields, clientFor, clientSecretOf, freshEmail, payWithCard, rejection, signupParams } from '../helpers.js';

const server = setupSandboxServer({ today: TODAY, validateResponses: true });
const sandbox = server.sandbox;
const client = () => clientFor(sandbox);

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(() => sandbox.reset());
afterEach(() => assert.deepEqual(sandbox.responseErrors.map((e) => e.message), []));

describe('GET /signup-config', () => {
  it('answers the organization, the listed types and the payment settings in one round trip', async () => {
    const config = await client().signupConfig.retrieve();
    assert.equal(config.organization.id, 'demo');
    assert.equal(config.organization.currency, 'USD');
    assert.deepEqual(config.organization.embed_origins, ['http://localhost:4400', 'http://127.0.0.1:4400']);
    assert.match(config.organization.terms_url!, /^https:/);
    assert.deepEqual(config.payment, { provider: 'stripe', publishable_key: 'pk_test_sandbox' });
    assert.equal(config.member, null);
    const ids = config.membership_types.map((type) => type.id);
    for (const id of ['free', 'annual', 'monthly', 'flexible', 'supporter', 'school-year', 'family', 'committee', 'lifetime']) {
      assert.ok(ids.includes(id), id);
    }
    assert.ok(!ids.includes('founders'), 'hidden invite-only type is not listed');
    assert.ok(!ids.includes('corporate'), 'hidden type is not listed');
    assert.equal(config.membership_types.filter((type) => type.is_default).map((t) => t.id).join(), 'free');
  });

  it('adds a hidden type addressed directly', async () => {
    const config = await client().signupConfig.retrieve({ membership_type: 'corporate' });
    assert.ok(config.membership_types.some((type) => type.id === 'corporate'));
  });

  it('adds an invite-only type with a valid invitation (by type and code, or by code alone)', async () => {
    const byBoth = await client().signupConfig.retrieve({ membership_type: 'founders', invitation: 'FOUNDERS-2026' });
    assert.ok(byBoth.membership_types.some((type) => type.id === 'founders'));
    const byCode = await client().signupConfig.retrieve({ invitation: 'founders-2026' });
    assert.ok(byCode.membership_types.some((type) => type.id === 'founders'));
  });

  it('ignores an invitation sent with a type that needs none (as POST /signups does)', async () => {
    const config = await client().signupConfig.retrieve({ membership_type: 'annual', invitation: 'FOUNDERS-2026' });
    assert.ok(config.membership_types.some((type) => type.id === 'annual'));
    assert.ok(!config.membership_types.some((type) => type.id === 'founders'), 'the invitation’s own type is not added');
  });

  it('refuses an invite-only type without a valid invitation: 422 invitation_required', async () => {
    const missing = await rejection(client().signupConfig.retrieve({ membership_type: 'founders' }));
    assert.ok(missing instanceof UnprocessableEntityError);
    assert.equal(missing.code, 'invitation_required');
    assert.deepEqual(missing.errors.map((e: any) => [e.field, e.code]), [['invitation', 'required']]);
    const expired = await rejection(client().signupConfig.retrieve({ membership_type: 'founders', invitation: 'FOUNDERS-2019' }));
    assert.deepEqual(expired.errors.map((e: any) => e.code), ['expired']);
    const unknown = await rejection(client().signupConfig.retrieve({ invitation: 'NOPE' }));
    assert.deepEqual(unknown.errors.map((e: any) => e.code), ['invalid']);
  });

  it('checks an invitation bound to one email against ?email= before any signup: another address is 422 email_mismatch', async () => {
    const other = await rejection(client().signupConfig.retrieve({ membership_type: 'founders', invitation: 'FOUNDERS-ALICE', email: 'bob@example.org' }));
    assert.equal(other.code, 'invitation_required');
    assert.deepEqual(other.errors.map((e: any) => [e.field, e.code]), [['invitation', 'email_mismatch']]);
    const alice = await client().signupConfig.retrieve({ membership_type: 'founders', invitation: 'FOUNDERS-ALICE', email: ' Alice@Example.org ' });
    assert.ok(alice.membership_types.some((type) => type.id === 'founders'));
    // Without an email the code alone is checked (the person is not known yet).
    assert.ok((await client().signupConfig.retrieve({ invitation: 'FOUNDERS-ALICE' })).membership_types.some((type) => type.id === 'founders'));
  });

  it('answers 404 not_found for an unknown type or organization', async () => {
    const type = await rejection(client().signupConfig.retrieve({ membership_type: 'nope' }));
    assert.ok(type instanceof NotFoundError);
    assert.equal(type.code, 'not_found');
    const org = await rejection(clientFor(sandbox, { organization: 'nope' }).signupConfig.retrieve());
    assert.ok(org instanceof NotFoundError);
  });

  it('prefills the member when a member token is sent; an unknown token is 401', async () => {
    const token = sandbox.issueMemberToken('demo', 'Alice@Example.org');
    const config = await clientFor(sandbox, { token }).signupConfig.retrieve();
    assert.equal(config.member?.id, 'mem_alice');
    assert.equal(config.member?.first_name, 'Alice');
    assert.equal(config.member?.status, 'active');
    const bad = await rejection(clientFor(sandbox, { token: 'mt_test_forged' }).signupConfig.retrieve());
    assert.ok(bad instanceof AuthenticationError);
    assert.equal(bad.code, 'unauthorized');
  });

  it('serves the zero-decimal (JPY) and three-decimal (KWD) organizations', async () => {
    const jpy = await clientFor(sandbox, { organization: 'demo-jpy' }).signupConfig.retrieve();
    assert.equal(jpy.organization.currency, 'JPY');
    assert.equal(jpy.membership_types.find((t) => t.id === 'standard')?.price.display, '￥5,000');
    const kwd = await clientFor(sandbox, { organization: 'demo-kwd' }).signupConfig.retrieve();
    assert.equal(kwd.organization.currency, 'KWD');
    assert.equal(kwd.membership_types.find((t) => t.id === 'standard')?.price.value, 12500);
  });
});

describe('GET /membership-types', () => {
  it('lists the listed types only, page by page', async () => {
    const first = await client().membershipTypes.list({ limit: 3 });
    assert.equal(first.data.length, 3);
    assert.equal(first.has_more, true);
    const all: string[] = [];
    for await (const type of client().membershipTypes.list({ limit: 4 })) all.push(type.id);
    assert.ok(all.length >= 9);
    assert.equal(new Set(all).size, all.length);
    assert.ok(!all.includes('founders') && !all.includes('corporate'));
  });

  it('retrieves one type by id, hidden ones included; unknown is 404', async () => {
    assert.equal((await client().membershipTypes.retrieve('founders')).status, 200);
    assert.equal((await client().membershipTypes.retrieve('corporate')).invite_only, false);
    assert.ok((await rejection(client().membershipTypes.retrieve('nope'))) instanceof NotFoundError);
  });

  it('refuses a limit outside 1–100 with validation_failed', async () => {
    const response = await fetch(`${sandbox.baseUrl}/organizations/demo/membership-types?limit=0`);
    assert.equal(response.status, 422);
    const body = await response.json();
    assert.equal(body.code, 'validation_failed');
    assert.deepEqual(body.errors.map((e: any) => e.field), ['limit']);
  });

  it('has a custom field of every type on the demo types', async () => {
    const types = (await client().signupConfig.retrieve()).membership_types;
    const kinds = new Set(types.flatMap((type) => type.fields.map((field) => field.type)));
    for (const kind of ['text', 'textarea', 'email', 'tel', 'url', 'number', 'date', 'select', 'multiselect', 'checkbox', 'consent']) {
      assert.ok(kinds.has(kind as never), kind);
    }
  });
});

describe('POST /discounts/validate', () => {
  const validate = (code: string, membership_type_id = 'annual') => client().discounts.validate({ code, membership_type_id });
  const reason = async (code: string, type = 'annual') => {
    const error = await rejection(validate(code, type));
    assert.ok(error instanceof UnprocessableEntityError);
    assert.equal(error.code, 'invalid_discount');
    return error.errors.map((e: any) => `${e.field}:${e.code}`).join();
  };

  it('answers a usable discount (codes are case-insensitive)', async () => {
    const percent = await validate('welcome20');
    assert.equal(percent.code, 'WELCOME20');
    assert.equal(percent.percent_off, 20);
    const fixed = await validate('SAVE10', 'monthly');
    assert.deepEqual([fixed.amount_off, fixed.currency], [1000, 'USD']);
    assert.equal((await validate('ANNUALONLY')).code, 'ANNUALONLY');
  });

  it('says why a code cannot be used: unknown, expired, not yet valid, used up, not for this type', async () => {
    assert.equal(await reason('NOPE'), 'code:unknown');
    assert.equal(await reason('SPRING2020'), 'code:expired');
    assert.equal(await reason('FUTURE2099'), 'code:not_yet_valid');
    assert.equal(await reason('LAUNCH'), 'code:used_up');
    assert.equal(await reason('ANNUALONLY', 'monthly'), 'code:not_for_this_type');
    assert.equal(await reason('WELCOME20', 'supporter'), 'code:not_for_this_type', 'no discount on donations');
  });

  it('refuses a discount that would leave a total under the processor minimum', async () => {
    const error = await rejection(validate('WELCOME20', 'newsletter'));
    assert.equal(error.code, 'below_processor_minimum');
  });

  it('refuses a malformed request with per-field errors', async () => {
    const error = await rejection(client().discounts.validate({ code: '', membership_type_id: 'annual' }));
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(error.errors.map((e: any) => e.field), ['code']);
    const type = await rejection(validate('WELCOME20', 'nope'));
    assert.deepEqual(type.errors.map((e: any) => `${e.field}:${e.code}`), ['membership_type_id:not_found']);
  });
});

describe('POST /signups: next actions', () => {
  it('free type: completed at once, next_action none, membership active from today', async () => {
    const signup = await client().signups.create(signupParams());
    assert.equal(signup.status, 'completed');
    assert.deepEqual(signup.next_action, { type: 'none' });
    assert.equal(signup.membership.status, 'active');
    assert.equal(signup.membership.starts_on, TODAY);
    assert.equal(signup.membership.expires_on, '2027-03-01');
    assert.equal(signup.member.status, 'active');
    assert.deepEqual(signup.quote, { currency: 'USD', subtotal: 0, discount_amount: 0, total: 0 });
    assert.equal(sandbox.store.payments('demo').length, 0);
  });

  it('paid type: awaiting_payment with an embedded_page client_secret; paying completes it', async () => {
    const signup = await client().signups.create(signupParams({ membership_type_id: 'annual', fields: annualFields }));
    assert.equal(signup.status, 'awaiting_payment');
    assert.equal(signup.membership.status, 'pending');
    assert.equal(signup.member.status, 'pending');
    assert.deepEqual(signup.quote, { currency: 'USD', subtotal: 6000, discount_amount: 0, total: 6000 });
    const response = await payWithCard(sandbox, clientSecretOf(signup));
    assert.equal(response.status, 200);
    const paid = await client().signups.retrieve(signup.id);
    assert.equal(paid.status, 'completed');
    assert.deepEqual(paid.next_action, { type: 'none' });
    assert.equal(paid.membership.status, 'active');
    assert.equal(paid.membership.price_paid, 6000);
    assert.equal(sandbox.store.payments('demo').length, 1);
  });

  it('a declined card leaves the signup awaiting payment; paying twice charges once', async () => {
    const signup = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
    const declined = await payWithCard(sandbox, clientSecretOf(signup), '4000000000000002');
    assert.equal(declined.status, 402);
    assert.equal((await declined.json()).decline_code, 'generic_decline');
    const poor = await payWithCard(sandbox, clientSecretOf(signup), '4000 0000 0000 9995');
    assert.equal((await poor.json()).decline_code, 'insufficient_funds');
    assert.equal((await client().signups.retrieve(signup.id)).status, 'awaiting_payment');
    assert.equal((await payWithCard(sandbox, clientSecretOf(signup))).status, 200);
    assert.equal((await payWithCard(sandbox, clientSecretOf(signup))).status, 200);
    assert.equal(sandbox.store.payments('demo').length, 1);
  });

  it('hosted checkout: with hostedCheckoutUrl the next action is a hosted_page url carrying the client secret', async () => {
    sandbox.setHostedCheckoutUrl('http://localhost:4400/checkout.html');
    try {
      const signup = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
      assert.equal(signup.next_action.type, 'payment');
      assert.ok(signup.next_action.type === 'payment' && signup.next_action.ui_mode === 'hosted_page');
      const url = new URL(signup.next_action.url);
      assert.equal(url.origin + url.pathname, 'http://localhost:4400/checkout.html');
      const secret = url.searchParams.get('client_secret')!;
      assert.equal((await payWithCard(sandbox, secret)).status, 200);
      assert.equal((await client().signups.retrieve(signup.id)).status, 'completed');
    } finally {
      sandbox.setHostedCheckoutUrl(null);
    }
  });

  it('the page a signup asks for (checkout.ui_mode): the hosted one where the sandbox has one, the embedded one always', async () => {
    const asking = (ui_mode: 'embedded_page' | 'hosted_page') => client().signups.create(signupParams({ membership_type_id: 'monthly', checkout: { ui_mode } }));
    const uiModeOf = (signup: Signup) => (signup.next_action.type === 'payment' ? signup.next_action.ui_mode : signup.next_action.type);
    assert.equal(uiModeOf(await asking('hosted_page')), 'embedded_page', 'no hosted page configured: the embedded stand-in');
    sandbox.setHostedCheckoutUrl('http://localhost:4400/checkout.html');
    try {
      const hosted = await asking('hosted_page');
      assert.equal(uiModeOf(hosted), 'hosted_page');
      const embedded = await asking('embedded_page');
      assert.equal(uiModeOf(embedded), 'embedded_page', 'asked for, even where the default is the hosted page');
      assert.equal((await payWithCard(sandbox, clientSecretOf(embedded))).status, 200);
      assert.equal((await client().signups.retrieve(embedded.id)).status, 'completed');
    } finally {
      sandbox.setHostedCheckoutUrl(null);
    }
  });

  it('approval: awaiting_approval with next_action approval until an admin approves, then payment', async () => {
    const signup = await client().signups.create(
      signupParams({ membership_type_id: 'committee', fields: { motivation: 'I would like to help run the club.' } }),
    );
    assert.equal(signup.status, 'awaiting_approval');
    assert.deepEqual(signup.next_action, { type: 'approval' });
    assert.equal(signup.membership.status, 'pending');
    const approve = await fetch(`${sandbox.baseUrl}/organizations/demo/memberships/${signup.membership.id}/approve`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_sandbox' },
    });
    assert.equal(approve.status, 200);
    const approved = await client().signups.retrieve(signup.id);
    assert.equal(approved.status, 'awaiting_payment');
    await payWithCard(sandbox, clientSecretOf(approved));
    const done = await client().signups.retrieve(signup.id);
    assert.equal(done.status, 'completed');
    assert.equal(done.membership.status, 'active');
  });

  it('approval: a declined application fails the signup and declines the membership', async () => {
    const signup = await client().signups.create(
      signupParams({ membership_type_id: 'committee', fields: { motivation: 'Let me in, please, I insist.' } }),
    );
    const decline = await fetch(`${sandbox.baseUrl}/organizations/demo/memberships/${signup.membership.id}/decline`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_sandbox' },
    });
    assert.equal(decline.status, 200);
    const failed = await client().signups.retrieve(signup.id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.membership.status, 'declined');
  });

  it('GET /signups/{id} of an unknown signup is 404', async () => {
    assert.ok((await rejection(client().signups.retrieve('su_nope'))) instanceof NotFoundError);
  });
});

describe('POST /signups: members and the one-membership rule', () => {
  it('finds the member by normalized email (trimmed, lower-cased)', async () => {
    const first = await client().signups.create(signupParams({ member: { email: '  Dana@Example.ORG ', first_name: 'Dana', last_name: 'D' } }));
    const second = await client().signups.create(
      signupParams({ membership_type_id: 'monthly', member: { email: 'dana@example.org', first_name: 'Dana', last_name: 'D' } }),
    );
    assert.equal(first.member.email, 'dana@example.org');
    assert.equal(second.member.id, first.member.id);
  });

  it('a second signup for a held type answers 409 already_member with the membership to renew', async () => {
    const params = signupParams({
      membership_type_id: 'annual',
      member: { email: 'alice@example.org', first_name: 'Alice', last_name: 'Anderson' },
      fields: annualFields,
    });
    const error = await rejection(client().signups.create(params));
    assert.ok(error instanceof ConflictError);
    assert.equal(error.code, 'already_member');
    assert.equal(error.headers.get('link'), '</organizations/demo/me/memberships/ms_alice_annual/renew>; rel="renew"');
    assert.match(error.errors[0].message, /ms_alice_annual/);
    // The problem body itself names the membership (extension members of problem+json).
    const raw = await fetch(`${sandbox.baseUrl}/organizations/demo/signups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'raw-already-member' },
      body: JSON.stringify(params),
    });
    assert.equal(raw.headers.get('content-type'), 'application/problem+json');
    const body = await raw.json();
    assert.equal(body.membership_id, 'ms_alice_annual');
    assert.equal(body.renew_path, '/organizations/demo/me/memberships/ms_alice_annual/renew');
  });

  it('a second application while the first awaits approval: 409 application_pending, with no renewal offered', async () => {
    const params = signupParams({ membership_type_id: 'committee', fields: { motivation: 'I would like to help run the club.' } });
    const first = await client().signups.create(params);
    const error = await rejection(client().signups.create({ ...params }));
    assert.ok(error instanceof ConflictError);
    assert.equal(error.code, 'application_pending');
    assert.deepEqual(error.errors.map((e: any) => `${e.field}:${e.code}`), ['member.email:application_pending']);
    assert.equal(error.headers.get('link'), null, 'a pending application cannot be renewed');
    const raw = await fetch(`${sandbox.baseUrl}/organizations/demo/signups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'raw-application-pending' },
      body: JSON.stringify(params),
    });
    const body = await raw.json();
    assert.deepEqual(
      [body.membership_id, body.application_status, body.renew_path],
      [first.membership.id, 'awaiting_approval', undefined],
    );
  });

  it('a member whose membership has ended is reinstated by a new signup', async () => {
    const signup = await client().signups.create(
      signupParams({ membership_type_id: 'monthly', member: { email: 'carol@example.org', first_name: 'Carol', last_name: 'Chen' } }),
    );
    assert.equal(signup.membership.kind, 'reinstated');
    assert.equal(signup.member.id, 'mem_carol');
    assert.notEqual(signup.membership.id, 'ms_carol_monthly');
  });

  it('an unpaid earlier signup does not block a new attempt', async () => {
    const email = freshEmail();
    const member = { email, first_name: 'Retry', last_name: 'Er' };
    await client().signups.create(signupParams({ membership_type_id: 'monthly', member }));
    const again = await client().signups.create(signupParams({ membership_type_id: 'monthly', member }));
    assert.equal(again.status, 'awaiting_payment');
  });
});

describe('POST /signups: invitations', () => {
  const founders = (email: string, invitation_code?: string) =>
    client().signups.create(signupParams({ membership_type_id: 'founders', member: { email, first_name: 'F', last_name: 'G' }, ...(invitation_code && { invitation_code }) }));

  it('an invite-only type needs an invitation: 422 invitation_required', async () => {
    const error = await rejection(founders(freshEmail()));
    assert.equal(error.code, 'invitation_required');
    assert.deepEqual(error.errors.map((e: any) => `${e.field}:${e.code}`), ['invitation_code:required']);
  });

  it('a bound invitation admits its email only; an expired one nobody', async () => {
    // Alice, who holds annual, takes the founders' place too: one membership per type.
    sandbox.store.organization('demo')!.membership_policy = 'one_per_type';
    const other = await rejection(founders(freshEmail(), 'FOUNDERS-ALICE'));
    assert.deepEqual(other.errors.map((e: any) => e.code), ['email_mismatch']);
    const expired = await rejection(founders(freshEmail(), 'FOUNDERS-2019'));
    assert.deepEqual(expired.errors.map((e: any) => e.code), ['expired']);
    const alice = await founders('ALICE@example.org', 'FOUNDERS-ALICE');
    assert.equal(alice.status, 'completed');
  });

  it('an invitation is single use', async () => {
    assert.equal((await founders(freshEmail(), 'FOUNDERS-2026')).status, 'completed');
    const second = await rejection(founders(freshEmail(), 'FOUNDERS-2026'));
    assert.equal(second.code, 'invitation_required');
    assert.deepEqual(second.errors.map((e: any) => e.code), ['used']);
  });
});

describe('POST /signups: custom fields and member details (validateFields)', () => {
  it('answers 422 validation_failed with one error per rejected field', async () => {
    const error = await rejection(
      client().signups.create(
        signupParams({
          membership_type_id: 'annual',
          member: { email: freshEmail(), first_name: '  ', last_name: 'X' },
          fields: {
            display_name: 'no way!',
            contact_email: 'not-an-email',
            website: 'javascript:alert(1)',
            years_experience: '81',
            birth_date: '2026-02-30',
            tshirt: 'xxl',
            interests: ['events', 'knitting'],
            terms: false,
            favourite_colour: 'blue',
          },
        }),
      ),
    );
    assert.ok(error instanceof UnprocessableEntityError);
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(
      Object.fromEntries(error.errors.map((e: any) => [e.field, e.code])),
      {
        'member.first_name': 'required',
        'fields.display_name': 'pattern_mismatch',
        'fields.contact_email': 'invalid_email',
        'fields.website': 'invalid_url',
        'fields.years_experience': 'too_large',
        'fields.birth_date': 'invalid_date',
        'fields.tshirt': 'invalid_option',
        'fields.interests': 'invalid_option',
        'fields.terms': 'required',
        'fields.favourite_colour': 'unknown_field',
      },
    );
    for (const e of error.errors) assert.ok(e.message.length > 0);
  });

  it('reports missing required fields and malformed member details, all in one answer (an invalid email hides none)', async () => {
    const error = await rejection(
      client().signups.create(
        signupParams({ membership_type_id: 'annual', member: { email: 'nope', first_name: '', last_name: 'B' }, fields: { tshirt: 'xxxl' } }),
      ),
    );
    assert.deepEqual(error.errors.map((e: any) => `${e.field}:${e.code}`), [
      'member.email:invalid_email',
      'member.first_name:required',
      'fields.display_name:required',
      'fields.tshirt:invalid_option',
      'fields.terms:required',
    ]);
    assert.equal(sandbox.store.members('demo').filter((m) => m.email === 'nope').length, 0);
    const missing = await rejection(client().signups.create(signupParams({ membership_type_id: 'annual', fields: {} })));
    assert.deepEqual(missing.errors.map((e: any) => `${e.field}:${e.code}`).sort(), [
      'fields.display_name:required',
      'fields.terms:required',
      'fields.tshirt:required',
    ]);
    const type = await rejection(client().signups.create(signupParams({ membership_type_id: 'nope' })));
    assert.deepEqual(type.errors.map((e: any) => `${e.field}:${e.code}`), ['membership_type_id:not_found']);
  });

  it('stores the accepted field values on a new member when the signup completes', async () => {
    const signup = await client().signups.create(
      signupParams({ membership_type_id: 'annual', fields: { ...annualFields, interests: ['events'], years_experience: '3' } }),
    );
    assert.equal(signup.member.fields.interests, undefined, 'not before payment');
    await payWithCard(sandbox, clientSecretOf(signup));
    const paid = await client().signups.retrieve(signup.id);
    assert.deepEqual(paid.member.fields.interests, ['events']);
  });
});

describe('POST /signups: prices (quotePrice)', () => {
  it('applies a percent discount (WELCOME20: 6000 → 4800) and a fixed one capped at the price', async () => {
    const percent = await client().signups.create(
      signupParams({ membership_type_id: 'annual', fields: annualFields, discount_code: 'welcome20' }),
    );
    assert.deepEqual(percent.quote, { currency: 'USD', subtotal: 6000, discount_amount: 1200, total: 4800 });
    const fixed = await client().signups.create(signupParams({ membership_type_id: 'monthly', discount_code: 'SAVE10' }));
    assert.deepEqual(fixed.quote, { currency: 'USD', subtotal: 900, discount_amount: 900, total: 0 });
    // The monthly plan renews automatically at $9.00: a first term of 0 still collects the card
    // (a checkout of 0 that saves it), or the renewal would find none.
    assert.deepEqual([fixed.status, fixed.next_action.type], ['awaiting_payment', 'payment']);
  });

  it('refuses an unusable discount with invalid_discount', async () => {
    const error = await rejection(client().signups.create(signupParams({ membership_type_id: 'monthly', discount_code: 'SPRING2020' })));
    assert.equal(error.code, 'invalid_discount');
    assert.deepEqual(error.errors.map((e: any) => `${e.field}:${e.code}`), ['discount_code:expired']);
  });

  it('redeems a discount when the signup completes, not before', async () => {
    const signup = await client().signups.create(
      signupParams({ membership_type_id: 'annual', fields: annualFields, discount_code: 'WELCOME20' }),
    );
    assert.equal((await client().discounts.validate({ code: 'WELCOME20', membership_type_id: 'annual' })).times_redeemed, 0);
    await payWithCard(sandbox, clientSecretOf(signup));
    assert.equal((await client().discounts.validate({ code: 'WELCOME20', membership_type_id: 'annual' })).times_redeemed, 1);
  });

  it('donations: the amount within minimum and maximum; empty uses the first preset', async () => {
    const preset = await client().signups.create(signupParams({ membership_type_id: 'supporter' }));
    assert.equal(preset.quote.total, 2500);
    const chosen = await client().signups.create(signupParams({ membership_type_id: 'supporter', amount: 7777 }));
    assert.equal(chosen.quote.total, 7777);
    const low = await rejection(client().signups.create(signupParams({ membership_type_id: 'supporter', amount: 1000 })));
    assert.equal(low.code, 'amount_out_of_range');
    assert.deepEqual(low.errors.map((e: any) => `${e.field}:${e.code}`), ['amount:too_small']);
    assert.match(low.errors[0].message, /\$15\.00/);
    const high = await rejection(client().signups.create(signupParams({ membership_type_id: 'supporter', amount: 100001 })));
    assert.deepEqual(high.errors.map((e: any) => `${e.field}:${e.code}`), ['amount:too_large']);
    const fraction = await rejection(client().signups.create(signupParams({ membership_type_id: 'supporter', amount: 2500.5 })));
    assert.equal(fraction.code, 'validation_failed');
    const discounted = await rejection(client().signups.create(signupParams({ membership_type_id: 'supporter', discount_code: 'WELCOME20' })));
    assert.equal(discounted.code, 'invalid_discount');
  });

  it('refuses an amount on a fixed price (the price is not the member’s to choose)', async () => {
    const error = await rejection(client().signups.create(signupParams({ membership_type_id: 'monthly', amount: 1 })));
    assert.ok(error instanceof UnprocessableEntityError);
    assert.deepEqual(error.errors.map((e: any) => `${e.field}:${e.code}`), ['amount:not_allowed']);
    const alice = clientFor(sandbox, { token: sandbox.issueMemberToken('demo', 'alice@example.org') });
    const renewal = await rejection(alice.me.memberships.renew('ms_alice_annual', { amount: 100 }));
    assert.deepEqual(renewal.errors.map((e: any) => `${e.field}:${e.code}`), ['amount:not_allowed']);
  });

  it('a paid price in a currency outside Stripe’s table (ZAR) is sold, with a floor of about 1 USD (R20.00)', async () => {
    const monthly = sandbox.store.membershipType('demo', 'monthly')!;
    monthly.price = { ...monthly.price, value: 15000, currency: 'ZAR' };
    const signup = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
    assert.deepEqual([signup.status, signup.quote.currency, signup.quote.total], ['awaiting_payment', 'ZAR', 15000]);
    monthly.price = { ...monthly.price, value: 900 };
    const error = await rejection(client().signups.create(signupParams({ membership_type_id: 'monthly' })));
    assert.deepEqual([error.status, error.code, error.problem.minimum], [422, 'below_processor_minimum', 2000]);
  });

  it('refuses a total under the processor minimum: 422 below_processor_minimum', async () => {
    const error = await rejection(client().signups.create(signupParams({ membership_type_id: 'newsletter', discount_code: 'WELCOME20' })));
    assert.equal(error.code, 'below_processor_minimum');
    assert.match(error.problem.detail, /\$0\.50/);
  });

  it('group registration: one price for up to group_size_max people, each with a membership', async () => {
    const group_members = [1, 2, 3, 4].map((n) => ({ email: freshEmail(`kid${n}`), first_name: `Kid ${n}` }));
    const signup = await client().signups.create(
      signupParams({ membership_type_id: 'family', fields: { household_name: 'The Ms' }, group_members }),
    );
    assert.equal(signup.quote.total, 9000);
    await payWithCard(sandbox, clientSecretOf(signup));
    const admin = clientFor(sandbox, { secretKey: 'sk_test_sandbox' });
    for (const person of group_members) {
      const found = (await admin.members.list({ email: person.email })).data[0]!;
      const held = await admin.memberships.list({ member_id: found.id });
      assert.deepEqual(held.data.map((m) => [m.membership_type_id, m.status]), [['family', 'active']]);
    }
    assert.equal(sandbox.store.payments('demo').length, 1);
  });

  it('group registration: too many people, duplicates, or a group on an individual type are refused', async () => {
    const six = [1, 2, 3, 4, 5].map((n) => ({ email: freshEmail(`p${n}`) }));
    const big = await rejection(client().signups.create(signupParams({ membership_type_id: 'family', fields: { household_name: 'Big' }, group_members: six })));
    assert.deepEqual(big.errors.map((e: any) => `${e.field}:${e.code}`), ['group_members:too_large']);
    const email = freshEmail();
    const dup = await rejection(client().signups.create(signupParams({
      membership_type_id: 'family', fields: { household_name: 'Dup' }, group_members: [{ email }, { email: email.toUpperCase() }],
    })));
    assert.deepEqual(dup.errors.map((e: any) => `${e.field}:${e.code}`), ['group_members.1.email:duplicate']);
    assert.match(dup.errors[0].message, /own email address/);
    // One error per field: a repeated invalid address is invalid, not also a duplicate.
    const invalid = await rejection(client().signups.create(signupParams({
      membership_type_id: 'family', fields: { household_name: 'Bad' }, group_members: [{ email: 'nope' }, { email: 'nope' }],
    })));
    assert.deepEqual(invalid.errors.map((e: any) => `${e.field}:${e.code}`), ['group_members.0.email:invalid_email', 'group_members.1.email:invalid_email']);
    const single = await rejection(client().signups.create(signupParams({ membership_type_id: 'monthly', group_members: [{ email: freshEmail() }] })));
    assert.deepEqual(single.errors.map((e: any) => `${e.field}:${e.code}`), ['group_members:too_large']);
    assert.equal(single.errors[0].message, 'This membership is for one person: it takes no group members.');
  });

  it('prices in JPY (no minor unit) and KWD (three decimals)', async () => {
    const jpy = await clientFor(sandbox, { organization: 'demo-jpy' }).signups.create(
      signupParams({ membership_type_id: 'standard', discount_code: 'WELCOME20' }),
    );
    assert.deepEqual(jpy.quote, { currency: 'JPY', subtotal: 5000, discount_amount: 1000, total: 4000 });
    const kwd = await clientFor(sandbox, { organization: 'demo-kwd' }).signups.create(
      signupParams({ membership_type_id: 'standard', discount_code: 'KWD1' }),
    );
    assert.deepEqual(kwd.quote, { currency: 'KWD', subtotal: 12500, discount_amount: 1000, total: 11500 });
    const summary = await (await fetch(`${sandbox.baseUrl}/_sandbox/checkout/${clientSecretOf(kwd)}`)).json();
    assert.match(summary.amount_display, /11\.500/);
  });
});

describe('POST /signups: terms and statuses (calculateExpiry, membershipStatus)', () => {
  it('auto-renewal follows the type: always, never, or the member’s choice', async () => {
    assert.equal((await client().signups.create(signupParams({ membership_type_id: 'monthly' }))).membership.auto_renew, true);
    assert.equal((await client().signups.create(signupParams({ membership_type_id: 'flexible', auto_renew: true }))).membership.auto_renew, true);
    assert.equal((await client().signups.create(signupParams({ membership_type_id: 'flexible' }))).membership.auto_renew, false);
    const error = await rejection(client().signups.create(signupParams({ membership_type_id: 'monthly', auto_renew: false })));
    assert.deepEqual(error.errors.map((e: any) => `${e.field}:${e.code}`), ['auto_renew:invalid_option']);
  });

  it('cyclical school year (September 1, buffer 30): bought 2026-03-01 → 2026-09-01; bought 2026-08-15 → 2027-09-01', async () => {
    const march = await client().signups.create(signupParams({ membership_type_id: 'school-year' }));
    await payWithCard(sandbox, clientSecretOf(march));
    assert.equal((await client().signups.retrieve(march.id)).membership.expires_on, '2026-09-01');
    sandbox.setToday('2026-08-15');
    const august = await client().signups.create(signupParams({ membership_type_id: 'school-year' }));
    await payWithCard(sandbox, clientSecretOf(august));
    assert.equal((await client().signups.retrieve(august.id)).membership.expires_on, '2027-09-01');
  });

  it('lifetime never expires', async () => {
    const signup = await client().signups.create(signupParams({ membership_type_id: 'lifetime' }));
    await payWithCard(sandbox, clientSecretOf(signup));
    const done = await client().signups.retrieve(signup.id);
    assert.equal(done.membership.expires_on, null);
    assert.equal(done.membership.status, 'active');
  });

  it('statuses are computed for the sandbox’s today: active, grace, expired', async () => {
    const token = sandbox.issueMemberToken('demo', 'alice@example.org');
    const me = () => clientFor(sandbox, { token }).me.retrieve();
    const alice = (await me()).memberships.find((m) => m.id === 'ms_alice_annual')!;
    assert.equal(alice.status, 'active');
    assert.equal(alice.expires_on, '2026-11-01');
    sandbox.setToday('2026-11-15');
    assert.equal((await me()).memberships.find((m) => m.id === 'ms_alice_annual')!.status, 'grace');
    sandbox.setToday('2026-12-01');
    const expired = await me();
    assert.equal(expired.memberships.find((m) => m.id === 'ms_alice_annual')!.status, 'expired');
    assert.equal(expired.member.status, 'inactive');
    assert.deepEqual(expired.permissions, []);
  });
});

describe('errors are APIError subclasses with a Request-Id', () => {
  it('carries status, code and requestId', async () => {
    const error = await rejection(client().membershipTypes.retrieve('nope'));
    assert.ok(error instanceof APIError);
    assert.equal(error.status, 404);
    assert.match(error.requestId ?? '', /^req_/);
  });
});
