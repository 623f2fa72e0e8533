// The messages the API writes, one per event a member hears of: a welcome for a membership that
// began without payment (a paid one's receipt is its welcome), an application's receipt, its
// approval (with what is due) and its decline; each with the data its templates render from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messageKinds } from '../src/index.js';
import { memorySuiteHost } from '../src/testing/index.js';

const base = 'https://api.memberkit.test/v1/organizations/demo';
const admin = { authorization: 'Bearer sk_test_sandbox' };
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), ...headers }, body: JSON.stringify(body) });
const person = (email: string) => ({ email, first_name: 'Noor', last_name: 'Member' });

describe('the messages the API writes', () => {
  it('a free signup writes a welcome with the membership’s dates; a paid one only its receipt', async () => {
    const host = memorySuiteHost();
    await host.reset();
    const free = await (await host.api.handle(post('/signups', { membership_type_id: 'free', member: person('free@example.org'), fields: {} }))).json();
    const [welcome, ...others] = host.mailer.messages('free@example.org');
    assert.deepEqual(others, []);
    assert.equal(welcome!.kind, 'welcome');
    assert.equal(welcome!.subject, 'Welcome to Riverside Makers Club');
    const membership = free.membership;
    assert.deepEqual(welcome!.data, {
      first_name: 'Noor',
      membership_id: membership.id,
      membership_name: 'Friend',
      starts_on: membership.starts_on,
      expires_on: membership.expires_on,
    });

    const paid = await (await host.api.handle(post('/signups', { membership_type_id: 'monthly', member: person('paid@example.org'), fields: {} }))).json();
    assert.deepEqual(host.mailer.messages('paid@example.org'), [], 'nothing before the payment');
    await host.pay(paid.next_action);
    const [receipt, ...more] = host.mailer.messages('paid@example.org');
    assert.deepEqual(more, []);
    assert.equal(receipt!.kind, 'receipt');
    assert.deepEqual(
      [receipt!.data.first_name, receipt!.data.membership_name, receipt!.data.amount, receipt!.data.currency, receipt!.data.card_last4, receipt!.data.renewal],
      ['Noor', 'Monthly', 900, 'USD', '4242', false],
    );
    assert.equal(typeof receipt!.data.expires_on, 'string');
  });

  it('an application is acknowledged, then approved (with the amount due) or declined', async () => {
    const host = memorySuiteHost();
    await host.reset();
    const apply = async (email: string) => (await host.api.handle(post('/signups', { membership_type_id: 'committee', member: person(email), fields: { motivation: 'I would like to help run the club and its workshops.' } }))).json();
    const first = await apply('approve@example.org');
    assert.deepEqual(host.mailer.messages('approve@example.org').map((m) => m.kind), ['application_received']);
    const approved = await host.api.handle(post(`/memberships/${first.membership.id}/approve`, {}, admin));
    assert.equal(approved.status, 200);
    const [, approval] = host.mailer.messages('approve@example.org');
    assert.equal(approval!.kind, 'application_approved');
    assert.deepEqual([approval!.data.requires_payment, approval!.data.amount, approval!.data.currency], [true, 2000, 'USD']);

    const second = await apply('decline@example.org');
    assert.equal((await host.api.handle(post(`/memberships/${second.membership.id}/decline`, {}, admin))).status, 200);
    assert.deepEqual(host.mailer.messages('decline@example.org').map((m) => m.kind), ['application_received', 'application_declined']);

    // Staff cancelling an application is not a decline the applicant is told of.
    const third = await apply('cancel@example.org');
    assert.equal((await host.api.handle(post(`/memberships/${third.membership.id}/cancel`, {}, admin))).status, 200);
    assert.deepEqual(host.mailer.messages('cancel@example.org').map((m) => m.kind), ['application_received']);
  });

  it('every kind written is one of messageKinds (what hosts render)', async () => {
    const host = memorySuiteHost();
    await host.reset();
    await host.api.handle(post('/signups', { membership_type_id: 'free', member: person('kinds@example.org'), fields: {} }));
    for (const message of host.mailer.messages()) assert.ok((messageKinds as readonly string[]).includes(message.kind), message.kind);
  });
});
