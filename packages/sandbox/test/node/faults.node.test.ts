// The fault test: 1,000 signups through the SDK client while 30 % of requests fail (server
// errors, timeouts, lost responses), the stand-in's payment step included, end with exactly
// 1,000 memberships and 1,000 payments (paid plan) or none (free plan): retries with idempotency
// keys neither lose nor duplicate anything.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Signup } from '@memberkit/sdk';
import { setupSandboxServer } from '@memberkit/sandbox/node';
import { TODAY, clientSecretOf } from '../helpers.js';

const SIGNUPS = 1000;
const CONCURRENCY = 50;
const MAX_RETRIES = 12;
const server = setupSandboxServer({ today: TODAY, validateResponses: true });
const sandbox = server.sandbox;

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(() => sandbox.reset());
// Under validateResponses a schema mismatch is a 500, which the retries could otherwise hide.
afterEach(() => assert.deepEqual(sandbox.responseErrors.map((e) => e.message), []));

async function inParallel<T>(count: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await work(index);
      }
    }),
  );
  return results;
}

/**
 * Pays a checkout as the stand-in's form would, retrying after a network error (a lost
 * response), a 5xx (server error, timeout) or a 429, with a short backoff. No Idempotency-Key:
 * the session itself is paid once, and a paid session answers its payment again. Answers the
 * final response and how many retries it took.
 */
async function confirmWithRetries(clientSecret: string): Promise<{ response: Response; retries: number }> {
  const url = `${sandbox.baseUrl}/_sandbox/checkout/${encodeURIComponent(clientSecret)}/confirm`;
  const body = JSON.stringify({ number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' });
  for (let retries = 0; ; retries++) {
    let response: Response | undefined;
    try {
      response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    } catch {
      // A dropped reply: the payment may have happened; retrying finds the session paid.
    }
    if (response && response.status < 500 && response.status !== 429) return { response, retries };
    if (retries >= MAX_RETRIES) throw new Error(`confirm still failing after ${retries} retries (${response?.status ?? 'network error'})`);
    await sleep(Math.min(2 * 2 ** retries, 20));
  }
}

// Nothing here depends on time: an injected timeout answers 504 after `timeoutMs` (the client's
// own timeout is only a safety net, far above any request on a loaded machine), and elapsedMs is
// printed for the lead, never asserted.
async function run(plan: 'monthly' | 'free', seed: number) {
  sandbox.setFaults({ rate: 0.3, kinds: ['server_error', 'timeout', 'lost_response'], seed, timeoutMs: 20, standIn: true });
  const options = {
    baseUrl: sandbox.baseUrl,
    organization: 'demo',
    maxRetries: MAX_RETRIES,
    timeout: 30_000,
    backoff: { initialDelay: 2, maxDelay: 20 },
  };
  const client = createClient(options);
  const admin = createClient({ ...options, secretKey: 'sk_test_sandbox' });
  const seededMembers = Object.keys(sandbox.store.state.members).length;
  const seeded = new Set(Object.keys(sandbox.store.state.members));
  const started = performance.now();
  let confirmRetries = 0;

  const signups = await inParallel(SIGNUPS, async (i): Promise<Signup> => {
    const signup = await client.signups.create({
      membership_type_id: plan,
      member: { email: `fault.${plan}.${i}@example.org`, first_name: 'Fault', last_name: `Tester ${i}` },
      fields: {},
    });
    if (signup.status === 'awaiting_payment') {
      const paid = await confirmWithRetries(clientSecretOf(signup));
      confirmRetries += paid.retries;
      assert.equal(paid.response.status, 200, await paid.response.clone().text());
    }
    return client.signups.retrieve(signup.id);
  });

  // Count through the admin API (also under faults) and through the store.
  const memberships: { member_id: string | null; membership_type_id: string; status: string }[] = [];
  for await (const membership of admin.memberships.list({ limit: 100 })) memberships.push(membership);
  const elapsed = performance.now() - started;
  sandbox.setFaults(null);

  // Only the memberships of this run (the demo data holds one monthly membership already).
  const ofPlan = memberships.filter((m) => m.membership_type_id === plan && !seeded.has(m.member_id ?? ''));
  const requests = sandbox.stats.requests;
  const createRequests = requests['POST /organizations/:org/signups'] ?? 0;
  const figures = {
    plan,
    signups: SIGNUPS,
    memberships: ofPlan.length,
    members: new Set(ofPlan.map((m) => m.member_id)).size,
    newMemberRecords: Object.keys(sandbox.store.state.members).length - seededMembers,
    signupRecords: Object.keys(sandbox.store.state.signups).length,
    payments: sandbox.store.payments('demo').length,
    requests: Object.values(requests).reduce((a, b) => a + b, 0),
    confirmRequests: requests['POST /_sandbox/checkout/:secret/confirm'] ?? 0,
    faults: { ...sandbox.stats.faults },
    signupCreateRetries: createRequests - SIGNUPS,
    confirmRetries,
    idempotentReplays: sandbox.stats.replays,
    elapsedMs: Math.round(elapsed),
  };
  console.log(`fault test figures: ${JSON.stringify(figures)}`);
  return { signups, ofPlan, figures };
}

describe('1,000 signups with 30 % injected faults (server_error, timeout, lost_response), payment step included', () => {
  it('paid plan: exactly 1,000 memberships and 1,000 payments, no duplicates, none lost', async () => {
    const { signups, ofPlan, figures } = await run('monthly', 2026);
    assert.ok(signups.every((signup) => signup.status === 'completed' && signup.membership.status === 'active'));
    assert.equal(new Set(signups.map((s) => s.id)).size, SIGNUPS);
    assert.equal(figures.memberships, SIGNUPS);
    assert.equal(figures.members, SIGNUPS);
    assert.ok(ofPlan.every((m) => m.status === 'active'));
    // No orphan members or extra signup records left behind by retried requests.
    assert.equal(figures.newMemberRecords, SIGNUPS);
    assert.equal(figures.signupRecords, SIGNUPS);
    assert.equal(figures.payments, SIGNUPS);
    assert.equal(new Set(sandbox.store.payments('demo').map((p) => p.signup_id)).size, SIGNUPS);
    for (const kind of ['server_error', 'timeout', 'lost_response'] as const) assert.ok(figures.faults[kind] > 0, kind);
    assert.ok(figures.confirmRetries > 0, 'the payment step was faulted and retried');
    assert.ok(figures.idempotentReplays > 0, 'lost responses were recovered by replays');
  });

  it('free plan: exactly 1,000 memberships and no payment', async () => {
    const { signups, figures } = await run('free', 4242);
    assert.ok(signups.every((signup) => signup.status === 'completed'));
    assert.equal(new Set(signups.map((s) => s.id)).size, SIGNUPS);
    assert.equal(figures.memberships, SIGNUPS);
    assert.equal(figures.members, SIGNUPS);
    assert.equal(figures.newMemberRecords, SIGNUPS);
    assert.equal(figures.signupRecords, SIGNUPS);
    assert.equal(figures.payments, 0);
    for (const kind of ['server_error', 'timeout', 'lost_response'] as const) assert.ok(figures.faults[kind] > 0, kind);
  });
});
