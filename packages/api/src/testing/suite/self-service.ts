// The conformance suite's group for member self-service with their token: memberships with their
// term history, automatic renewal on and off, cancelling with a reason, receipts.
import assert from 'node:assert/strict';
import { CardUpdateSessionSchema, MeSchema, MembershipSchema, PageSchema, ReceiptSchema, type CardUpdateSession, type Membership, type Receipt } from '@memberkit/sdk';
import { isSecureUrl } from '@memberkit/sdk/calculators';
import type { SuiteKit } from './kit.js';

export function selfServiceSuite(kit: SuiteKit): void {
  const { describe, it, host, call, org, admin, expect, problemOf, fieldsOf, person, signUp, signupOf, withHost } = kit;

  describe('member self-service (member token)', () => {
    it('auto-renew on and off within the type’s rule; a cancelled membership resumes by renewal only', withHost(async () => {
      const pat = person('flex');
      const signup = signupOf(await signUp({ membership_type_id: 'flexible', member: pat, auto_renew: false }));
      assert.deepEqual(await host.pay(signup.next_action), { paid: true });
      const token = await host.memberToken('demo', pat.email);
      const id = signup.membership.id;
      const on = expect<Membership>(await call('POST', org(`/me/memberships/${id}/auto-renew`), { auth: token, body: { auto_renew: true } }), 200, MembershipSchema);
      assert.equal(on.auto_renew, true);
      const off = expect<Membership>(await call('POST', org(`/me/memberships/${id}/auto-renew`), { auth: token, body: { auto_renew: false } }), 200, MembershipSchema);
      assert.equal(off.auto_renew, false);
      // Alice's annual never renews by itself: switching it on is a field error.
      const alice = await host.memberToken('demo', 'alice@example.org');
      const fixed = problemOf(await call('POST', org('/me/memberships/ms_alice_annual/auto-renew'), { auth: alice, body: { auto_renew: true } }), 422, 'validation_failed');
      assert.deepEqual(fieldsOf(fixed), ['auto_renew:invalid_option']);
      // Someone else's membership is unknown.
      problemOf(await call('POST', org(`/me/memberships/${id}/auto-renew`), { auth: alice, body: { auto_renew: true } }), 404, 'not_found');
      expect(await call('POST', org(`/me/memberships/${id}/cancel`), { auth: token, body: { reason: 'Moving away' } }), 200, MembershipSchema);
      problemOf(await call('POST', org(`/me/memberships/${id}/auto-renew`), { auth: token, body: { auto_renew: true } }), 409, 'not_renewable');
    }));

    it('cancel at any time with an optional reason: kept until the term ends; the memberships on /me carry their term history', withHost(async () => {
      const alice = await host.memberToken('demo', 'alice@example.org');
      const cancelled = expect<Membership>(await call('POST', org('/me/memberships/ms_alice_annual/cancel'), { auth: alice, body: { reason: '  Moving to another city  ' } }), 200, MembershipSchema);
      assert.deepEqual([cancelled.status, cancelled.auto_renew], ['cancelled', false]);
      const me = expect<any>(await call('GET', org('/me'), { auth: alice }), 200, MeSchema);
      const held = me.memberships.find((m: Membership) => m.id === 'ms_alice_annual');
      assert.equal(held.status, 'cancelled');
      assert.ok(Array.isArray(held.terms) && held.terms.length >= 1, 'the term history is answered');
      // Without a body too.
      const carol = await host.memberToken('demo', 'carol@example.org');
      const again = signupOf(await signUp({ membership_type_id: 'free', member: { email: 'carol@example.org', first_name: 'Carol', last_name: 'Chen' } }, { auth: carol }));
      expect(await call('POST', org(`/me/memberships/${again.membership.id}/cancel`), { auth: carol }), 200, MembershipSchema);
      problemOf(await call('POST', org('/me/memberships/ms_alice_annual/cancel'), { auth: alice, body: { reason: 42 } }), 422, 'validation_failed');
    }));

    it('receipts: each payment of the member, newest first, with what it paid for', withHost(async () => {
      const pat = person('receipts');
      const first = signupOf(await signUp({ membership_type_id: 'monthly', member: pat }));
      assert.deepEqual(await host.pay(first.next_action), { paid: true });
      const token = await host.memberToken('demo', pat.email);
      const renewal = signupOf(await call('POST', org(`/me/memberships/${first.membership.id}/renew`), { auth: token, key: true, body: {} }));
      assert.deepEqual(await host.pay(renewal.next_action), { paid: true });
      const page = expect<{ data: Receipt[] }>(await call('GET', org('/me/receipts'), { auth: token }), 200, PageSchema(ReceiptSchema));
      assert.deepEqual(page.data.map((r) => [r.description, r.amount, r.currency, r.membership_ids]), [
        ['Monthly renewal', 900, 'USD', [first.membership.id]],
        ['Monthly', 900, 'USD', [first.membership.id]],
      ]);
      const other = await host.memberToken('demo', 'carol@example.org');
      assert.deepEqual(expect<{ data: Receipt[] }>(await call('GET', org('/me/receipts'), { auth: other }), 200, PageSchema(ReceiptSchema)).data, []);
    }));

    it('cancelling closes a renewal charge still waiting for the member’s bank: nothing is charged later, and none is retried', withHost(async () => {
      const pat = person('secure');
      const signup = signupOf(await signUp({ membership_type_id: 'monthly', member: pat }));
      // A card whose bank asks for authentication on every charge, off-session ones too.
      assert.deepEqual(await host.pay(signup.next_action, '4000002760003184'), { paid: true });
      const id = signup.membership.id;
      await host.setToday('2026-03-25');
      await host.runDay('demo', '2026-03-25');
      const staff = async () => expect<Membership>(await call('GET', org(`/memberships/${id}`), admin), 200, MembershipSchema);
      const waiting = await staff();
      assert.deepEqual([waiting.renewal!.awaiting_authentication, waiting.renewal!.attempts, waiting.expires_on], [true, 1, '2026-04-01']);
      const token = await host.memberToken('demo', pat.email);
      const cancelled = expect<Membership>(await call('POST', org(`/me/memberships/${id}/cancel`), { auth: token, body: { reason: 'Too expensive' } }), 200, MembershipSchema);
      assert.deepEqual([cancelled.status, cancelled.renewal!.awaiting_authentication, cancelled.renewal!.next_attempt_on], ['cancelled', false, null]);
      await host.setToday('2026-03-28');
      await host.runDay('demo', '2026-03-28');
      const later = await staff();
      assert.deepEqual([later.status, later.expires_on, later.renewal!.attempts, later.terms!.length], ['cancelled', '2026-04-01', 1, 1], 'no renewal and no new attempt');
    }));

    it('a card-update session: the card the member saves at the processor is the one the next renewal charges', withHost(async () => {
      const pat = person('newcard');
      const signup = signupOf(await signUp({ membership_type_id: 'monthly', member: pat }));
      assert.deepEqual(await host.pay(signup.next_action), { paid: true });
      const id = signup.membership.id;
      const token = await host.memberToken('demo', pat.email);
      const open = (body?: unknown, auth = token, membership = id) => call('POST', org(`/me/memberships/${membership}/card-update-session`), { auth, key: true, ...(body === undefined ? {} : { body }) });
      const session = expect<CardUpdateSession>(await open({ return_url: 'http://localhost:4400/account' }), 201, CardUpdateSessionSchema);
      assert.equal(session.membership_id, id);
      assert.ok(isSecureUrl(session.url), 'a page the member may be sent to');
      assert.equal(await host.saveCard(session.id, '4000000000000002'), false, 'a card the processor refuses is not saved');
      // A card that saves, but whose charges the bank declines: the renewal proves which card it charged.
      assert.equal(await host.saveCard(session.id, '4000000000000341'), true);
      assert.deepEqual(fieldsOf(problemOf(await open({ return_url: 'https://evil.example/phish' }), 422, 'validation_failed')), ['return_url:invalid_redirect']);
      const alice = await host.memberToken('demo', 'alice@example.org');
      problemOf(await open(undefined, alice), 404, 'not_found');
      problemOf(await open(undefined, alice, 'ms_alice_annual'), 409, 'no_saved_card');
      await host.setToday('2026-03-25');
      await host.runDay('demo', '2026-03-25');
      const after = expect<Membership>(await call('GET', org(`/memberships/${id}`), admin), 200, MembershipSchema);
      assert.deepEqual([after.expires_on, after.renewal!.attempts, after.renewal!.last_failure_code], ['2026-04-01', 1, 'generic_decline']);

    }));
  });
}
