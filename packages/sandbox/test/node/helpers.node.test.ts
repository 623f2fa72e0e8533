// The sandbox's helpers for an integrator's tests (no raw fetch): pay, approve, outbox, and the
// setup through update/insert and the store's live views. They go to the API directly: faults,
// latency and holds are for the requests under test, not for the helpers.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxRequestError } from '@memberkit/sandbox';
import { setupSandboxServer } from '@memberkit/sandbox/node';
import { TODAY, clientFor, clientSecretOf, freshEmail, rejection, signupParams } from '../helpers.js';

const server = setupSandboxServer({ today: TODAY, validateResponses: true });
const sandbox = server.sandbox;
const client = () => clientFor(sandbox);

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(() => {
  sandbox.reset();
  sandbox.setFaults(null);
});
afterEach(() => assert.deepEqual(sandbox.responseErrors.map((e) => e.message), []));

const refusal = async (promise: Promise<unknown>) => {
  const error = await rejection(promise);
  assert.ok(error instanceof SandboxRequestError);
  return error;
};

describe('sandbox.pay(clientSecret, { card })', () => {
  it('pays with 4242 by default: the signup completes, one payment is recorded, paying again answers the same payment', async () => {
    const signup = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
    const paid = await sandbox.pay(clientSecretOf(signup));
    assert.equal(paid.status, 'complete');
    assert.equal(paid.signup_id, signup.id);
    assert.deepEqual(sandbox.store.payments('demo').map((p) => [p.id, p.amount, p.card_last4]), [[paid.payment_id, 900, '4242']]);
    assert.equal((await client().signups.retrieve(signup.id)).status, 'completed');
    assert.deepEqual(await sandbox.pay(clientSecretOf(signup), { card: '4000000000000002' }), paid);
  });

  it('a declined test card rejects with 402 card_declined and its decline code; the checkout stays payable', async () => {
    const signup = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
    const declined = await refusal(sandbox.pay(clientSecretOf(signup), { card: '4000000000009995' }));
    assert.deepEqual([declined.status, declined.code, declined.problem.decline_code], [402, 'card_declined', 'insufficient_funds']);
    const custom = await refusal(sandbox.pay(clientSecretOf(signup), { card: { number: '4242424242424242', exp_month: 1, exp_year: 2020, cvc: '123' } }));
    assert.equal(custom.problem.decline_code, 'invalid_expiry_year');
    assert.equal((await sandbox.pay(clientSecretOf(signup))).status, 'complete');
  });

  it('a checkout that closed (expired after 24 h) or a completion refused (already a member) rejects with 409, nothing charged', async () => {
    const expiring = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
    sandbox.setToday('2026-03-02');
    const closed = await refusal(sandbox.pay(clientSecretOf(expiring)));
    assert.deepEqual([closed.status, closed.code, closed.problem.closed_reason], [409, 'checkout_closed', 'expired']);
    const email = freshEmail();
    const first = await client().signups.create(signupParams({ membership_type_id: 'monthly', member: { email, first_name: 'A', last_name: 'B' } }));
    const second = await client().signups.create(signupParams({ membership_type_id: 'monthly', member: { email, first_name: 'A', last_name: 'B' } }));
    await sandbox.pay(clientSecretOf(first));
    assert.equal((await refusal(sandbox.pay(clientSecretOf(second)))).code, 'already_member');
    assert.equal(sandbox.store.payments('demo').length, 1);
  });

  it('an unknown client secret rejects with 404', async () => {
    assert.equal((await refusal(sandbox.pay('cs_test_nope_secret_x'))).status, 404);
  });
});

describe('sandbox.approve(signupId)', () => {
  it('approves an application: a paid one then awaits payment with its checkout, and paying completes it', async () => {
    const applied = await client().signups.create(signupParams({ membership_type_id: 'committee', fields: { motivation: 'I would like to help.' } }));
    assert.equal(applied.status, 'awaiting_approval');
    const approved = await sandbox.approve(applied.id);
    assert.deepEqual([approved.id, approved.status, approved.next_action.type], [applied.id, 'awaiting_payment', 'payment']);
    await sandbox.pay(clientSecretOf(approved));
    assert.equal((await client().signups.retrieve(applied.id)).membership.status, 'active');
  });

  it('what is not an application waiting is refused with the API’s problem; an unknown signup is 404', async () => {
    const free = await client().signups.create(signupParams());
    const error = await refusal(sandbox.approve(free.id));
    assert.deepEqual([error.status, error.code], [409, 'not_awaiting_approval']);
    assert.equal((await refusal(sandbox.approve('su_nope'))).status, 404);
  });

  it('helpers are not faulted, held or delayed: only the requests under test are', async () => {
    const applied = await client().signups.create(signupParams({ membership_type_id: 'committee', fields: { motivation: 'I would like to help.' } }));
    sandbox.setFaults({ rate: 1, kinds: ['server_error'], standIn: true });
    const hold = sandbox.holdNextRequest();
    const approved = await sandbox.approve(applied.id);
    assert.equal((await sandbox.pay(clientSecretOf(approved))).status, 'complete');
    hold.release();
    assert.deepEqual(sandbox.stats.faults.server_error, 0);
  });
});

describe('sandbox.outbox()', () => {
  it('holds a receipt per payment, to the payer, with what was paid; reset() empties it', async () => {
    const member = { email: freshEmail('payer'), first_name: 'Pay', last_name: 'Er' };
    const signup = await client().signups.create(signupParams({ membership_type_id: 'monthly', member }));
    assert.deepEqual(sandbox.outbox(), []);
    const paid = await sandbox.pay(clientSecretOf(signup));
    const [receipt] = sandbox.outbox(member.email.toUpperCase());
    assert.deepEqual([receipt?.kind, receipt?.to, receipt?.data.payment_id, receipt?.data.amount], ['receipt', member.email, paid.payment_id, 900]);
    assert.match(receipt!.text, /\$9\.00 for your Monthly membership at Riverside Makers Club/);
    assert.deepEqual(sandbox.outbox('someone.else@example.org'), []);
    sandbox.reset();
    assert.deepEqual(sandbox.outbox(), []);
  });
});

describe('setup: sandbox.update, sandbox.insert, the store’s live views', () => {
  it('update and insert write the API’s tables (what the next request sees); a live view writes what is set on it', async () => {
    sandbox.update('organizations', { id: 'demo' }, (organization) => ({ embed_origins: [...organization.embed_origins, 'https://host.example'] }));
    assert.ok((await client().signupConfig.retrieve()).organization.embed_origins.includes('https://host.example'));
    const welcome = sandbox.store.discount('demo', 'WELCOME20')!;
    sandbox.insert('discounts', { ...welcome, id: 'dc_half', code: 'HALF', code_key: 'HALF', percent_off: 50 });
    assert.equal((await client().discounts.validate({ code: 'half', membership_type_id: 'annual' })).percent_off, 50);
    const annual = sandbox.store.membershipType('demo', 'annual')!;
    annual.membership_name = 'Yearly';
    assert.equal((await client().membershipTypes.retrieve('annual')).membership_name, 'Yearly');
    assert.throws(() => (annual.permissions as string[]).push('extra'), TypeError, 'nested values are frozen');
    assert.throws(() => {
      (sandbox.store.state.members.mem_alice as { first_name: string }).first_name = 'Mallory';
    }, TypeError);
    assert.equal(sandbox.store.member('demo', 'mem_alice')!.first_name, 'Alice');
  });
});
