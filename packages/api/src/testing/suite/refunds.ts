// The conformance suite's group for staff refunds (secret key): full or partial, recorded on the
// membership's current term; a full refund ends the membership unless staff keep it.
import assert from 'node:assert/strict';
import { MembershipSchema, type Membership } from '@memberkit/sdk';
import { apiSuiteToday, type SuiteKit } from './kit.js';

export function refundsSuite(kit: SuiteKit): void {
  const { describe, it, host, call, org, admin, expect, problemOf, fieldsOf, signUp, signupOf, poll, withHost, annualFields } = kit;

  /** A paid `annual` membership (6000 USD cents), completed. */
  async function paidMembership(): Promise<Membership> {
    const signup = signupOf(await signUp({ membership_type_id: 'annual', fields: annualFields }));
    assert.deepEqual(await host.pay(signup.next_action), { paid: true });
    await poll(signup.id);
    return expect<Membership>(await call('GET', org(`/memberships/${signup.membership.id}`), admin), 200, MembershipSchema);
  }
  const refund = (id: string, body: unknown, key: string | true = true) => call('POST', org(`/memberships/${id}/refunds`), { ...admin, key, body });

  describe('refunds by staff (secret key)', () => {
    it('a partial refund is recorded on the term and keeps the membership; refunding the rest ends it today', withHost(async () => {
      const paid = await paidMembership();
      assert.equal(paid.status, 'active');
      const partial = expect<Membership>(await refund(paid.id, { amount: 1500, reason: ' Moved away ' }, 'refund-partial-1'), 200, MembershipSchema);
      assert.equal(partial.status, 'active');
      assert.deepEqual(partial.terms!.at(-1)!.refunds!.map((r) => [r.amount, r.reason]), [[1500, 'Moved away']]);
      // The same key is the same refund: nothing is refunded twice.
      const replayed = expect<Membership>(await refund(paid.id, { amount: 1500, reason: ' Moved away ' }, 'refund-partial-1'), 200, MembershipSchema);
      assert.equal(replayed.terms!.at(-1)!.refunds!.length, 1);
      const tooMuch = problemOf(await refund(paid.id, { amount: 4501 }), 422, 'validation_failed');
      assert.deepEqual(fieldsOf(tooMuch), ['amount:too_large']);
      const rest = expect<Membership>(await refund(paid.id, {}), 200, MembershipSchema);
      assert.deepEqual(rest.terms!.at(-1)!.refunds!.map((r) => r.amount), [1500, 4500]);
      assert.deepEqual([rest.status, rest.terminated_on, rest.auto_renew], ['terminated', apiSuiteToday, false]);
      problemOf(await refund(paid.id, {}), 409, 'nothing_to_refund');
    }));

    it('keep_access refunds in full and keeps the membership; unknown and malformed refunds are refused', withHost(async () => {
      const paid = await paidMembership();
      const kept = expect<Membership>(await refund(paid.id, { keep_access: true }), 200, MembershipSchema);
      assert.deepEqual([kept.status, kept.terms!.at(-1)!.refunds!.map((r) => r.amount)], ['active', [6000]]);
      problemOf(await refund(paid.id, { amount: 1 }), 409, 'nothing_to_refund');
      problemOf(await refund('ms_nope', {}), 404, 'not_found');
      assert.deepEqual(fieldsOf(problemOf(await refund(paid.id, { amount: -5 }), 422, 'validation_failed')), ['amount:too_small']);
      problemOf(await call('POST', org(`/memberships/${paid.id}/refunds`), { ...admin, body: {} }), 400, 'validation_failed');
    }));
  });
}
