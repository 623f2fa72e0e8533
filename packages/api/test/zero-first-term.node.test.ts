// A first term of 0 on a membership that renews automatically at a price still collects the card:
// the signup opens a checkout that charges nothing and saves the card for the renewal (Stripe's
// setup mode). A free plan that renews at nothing, and a paid one, are unchanged.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { needsCheckout } from '@memberkit/sdk/calculators';
import { memorySuiteHost } from '../src/testing/index.js';
import { createMembershipApi } from '../src/api.js';

const base = 'https://api.memberkit.test/v1/organizations/demo';
const signup = (email: string, type: string, extra: Record<string, unknown> = {}) =>
  new Request(`${base}/signups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `zero-${email}` },
    body: JSON.stringify({ membership_type_id: type, member: { email, first_name: 'Zed', last_name: 'Zero' }, fields: {}, ...extra }),
  });

describe('a first term of 0 on an automatically renewing membership', () => {
  it('the rule: a total, or a renewal at a price on a renewing membership, needs a checkout', () => {
    assert.equal(needsCheckout({ total: 900 }, { auto_renew: false, renewal_price: 900 }), true);
    assert.equal(needsCheckout({ total: 0 }, { auto_renew: true, renewal_price: 900 }), true);
    assert.equal(needsCheckout({ total: 0 }, { auto_renew: false, renewal_price: 900 }), false);
    assert.equal(needsCheckout({ total: 0 }, { auto_renew: true, renewal_price: 0 }), false);
  });

  it('a full discount on the monthly plan opens a checkout of 0 that saves the card, which renewals then charge', async () => {
    const host = memorySuiteHost();
    await host.reset();
    const api = createMembershipApi({ ...host, basePath: '/v1' });
    const created = await (await api.handle(signup('zero@example.org', 'monthly', { discount_code: 'SAVE10' }))).json();
    assert.equal(created.quote.total, 0);
    assert.equal(created.status, 'awaiting_payment', 'not completed without a card');
    assert.equal(created.next_action.type, 'payment');
    const secret = created.next_action.client_secret as string;
    const session = host.payments.sessionBySecret(secret)!;
    assert.deepEqual([session.amount, session.save_payment_method], [0, true]);
    assert.equal(host.payments.confirm(secret, { number: '4242424242424242', exp_month: 12, exp_year: 2031, cvc: '123' }), null);
    const settled = await api.settleCheckout('demo', session.id);
    assert.equal(settled.status, 'paid');
    const membership = host.storage.rows('memberships').find((row) => row.id === created.membership.id)!;
    assert.equal(membership.state, 'confirmed');
    assert.ok(membership.payment_method && membership.payment_customer, 'the card renewals charge is on the membership');
    assert.deepEqual(
      host.storage.rows('outbox').filter((message) => message.to === 'zero@example.org').map((message) => message.kind),
      ['welcome'],
      'a welcome, and no receipt for 0',
    );
  });

  it('a free plan that does not renew at a price completes at once, without a checkout', async () => {
    const host = memorySuiteHost();
    await host.reset();
    const api = createMembershipApi({ ...host, basePath: '/v1' });
    const created = await (await api.handle(signup('free@example.org', 'free'))).json();
    assert.deepEqual([created.status, created.next_action.type], ['completed', 'none']);
  });
});
