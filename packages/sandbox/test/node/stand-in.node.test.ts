// The Stripe stand-in's sandbox-only endpoints: Stripe's test cards as documented, card checks,
// and a session paid exactly once.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setupSandboxServer } from '@memberkit/sandbox/node';
import { testCards } from '@memberkit/sandbox/stripe';
import { TODAY, clientFor, clientSecretOf, signupParams } from '../helpers.js';

const server = setupSandboxServer({ today: TODAY, validateResponses: true });
const sandbox = server.sandbox;

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(() => {
  sandbox.reset();
  sandbox.setFaults(null);
});
afterEach(() => assert.deepEqual(sandbox.responseErrors.map((e) => e.message), []));

async function session(): Promise<string> {
  return clientSecretOf(await clientFor(sandbox).signups.create(signupParams({ membership_type_id: 'monthly' })));
}

async function confirm(secret: string, card: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox.baseUrl}/_sandbox/checkout/${secret}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ exp_month: '12', exp_year: '34', cvc: '123', ...card }),
  });
  return { status: response.status, body: await response.json(), requestId: response.headers.get('request-id') };
}

describe('stand-in checkout endpoints', () => {
  it('summarizes the session: amount, formatted in the organization’s locale', async () => {
    const secret = await session();
    const summary = await (await fetch(`${sandbox.baseUrl}/_sandbox/checkout/${secret}`)).json();
    assert.deepEqual(
      [summary.status, summary.amount, summary.currency, summary.amount_display, summary.membership_name],
      ['open', 900, 'USD', '$9.00', 'Monthly'],
    );
  });

  it('every documented test card does what Stripe says', async () => {
    for (const [number, card] of Object.entries(testCards)) {
      const secret = await session();
      const result = await confirm(secret, { number, cvc: number.startsWith('37') ? '1234' : '123' });
      if (card.outcome === 'succeeded') {
        assert.equal(result.status, 200, number);
      } else {
        assert.deepEqual([result.status, result.body.code, result.body.decline_code, result.body.detail], [402, 'card_declined', card.decline_code, card.message], number);
      }
    }
  });

  it('checks the card: incomplete or wrong number, a real card, a past expiry, a short CVC', async () => {
    const secret = await session();
    const code = async (card: Record<string, unknown>) => (await confirm(secret, card)).body.decline_code;
    assert.equal(await code({ number: '4242' }), 'incomplete_number');
    assert.equal(await code({ number: '4242424242424241' }), 'incorrect_number');
    assert.equal(await code({ number: '4111111111111111' }), 'card_declined');
    assert.equal(await code({ number: '4242424242424242', exp_month: '13' }), 'invalid_expiry_month');
    assert.equal(await code({ number: '4242424242424242', exp_month: '02', exp_year: '26' }), 'invalid_expiry_year');
    assert.equal(await code({ number: '4242424242424242', cvc: '1' }), 'incomplete_cvc');
    // "1234" typed without a slash, or an empty year: incomplete, not the year 2000.
    assert.equal(await code({ number: '4242424242424242', exp_month: '1234', exp_year: '' }), 'incomplete_expiry');
    assert.equal(await code({ number: '4242424242424242', exp_month: '12', exp_year: undefined }), 'incomplete_expiry');
    assert.equal((await confirm(secret, { number: '4242424242424242', exp_month: '03', exp_year: '26' })).status, 200, 'the current month is still valid');
  });

  it('a paid session answers the same payment again and never charges twice', async () => {
    const secret = await session();
    const first = await confirm(secret, { number: '4242424242424242' });
    const second = await confirm(secret, { number: '4000000000000002' });
    assert.deepEqual(second, { ...first, requestId: second.requestId });
    assert.equal(sandbox.store.payments('demo').length, 1);
  });

  it('a lost confirm reply: the payment happened once; the retry gets the same payment from the paid session', async () => {
    const secret = await session();
    await assert.rejects(confirm(secret, { number: '4242424242424242' }, { 'sandbox-fault': 'lost_response' }));
    assert.equal(sandbox.store.payments('demo').length, 1, 'the work was done before the reply was lost');
    const retry = await confirm(secret, { number: '4242424242424242' });
    assert.equal(retry.status, 200);
    assert.equal(retry.body.payment_id, sandbox.store.payments('demo')[0]!.id);
    assert.equal(sandbox.store.payments('demo').length, 1);
  });

  it('keeps no idempotency records of its own: a key sent to confirm is not stored, so it cannot clash across sessions', async () => {
    const [first, second] = [await session(), await session()];
    const key = { 'idempotency-key': 'pay-once' };
    assert.equal((await confirm(first, { number: '4242424242424242' }, key)).status, 200);
    assert.equal((await confirm(second, { number: '4242424242424242' }, key)).status, 200);
    assert.equal(sandbox.store.payments('demo').length, 2);
    assert.deepEqual([sandbox.stats.replays, Object.keys(sandbox.store.state.idempotency).filter((k) => k.includes('pay-once'))], [0, []]);
  });

  it('faults reach the stand-in only when asked: drawn with { standIn: true }, forced with Sandbox-Fault', async () => {
    const secret = await session();
    sandbox.setFaults({ rate: 1, kinds: ['server_error'] });
    assert.equal((await fetch(`${sandbox.baseUrl}/_sandbox/checkout/${secret}`)).status, 200, 'API-only faults by default');
    sandbox.setFaults({ rate: 1, kinds: ['server_error'], standIn: true });
    const failed = await confirm(secret, { number: '4242424242424242' });
    assert.deepEqual([failed.status, failed.body.code], [500, 'internal_error']);
    assert.equal(sandbox.store.payments('demo').length, 0, 'nothing done');
    sandbox.setFaults(null);
    assert.equal((await confirm(secret, { number: '4242424242424242' }, { 'sandbox-fault': 'server_error' })).status, 500);
    assert.equal((await confirm(secret, { number: '4242424242424242' })).status, 200);
  });

  it('an unknown session is 404 (with a Request-Id)', async () => {
    const result = await confirm('cs_test_nope', { number: '4242424242424242' });
    assert.equal(result.status, 404);
    assert.match(result.requestId ?? '', /^req_/);
  });
});
