// The fault test: 1,000 signups through the SDK client while 30 % of requests fail (server
// errors, timeouts, lost responses) end with exactly 1,000 memberships and 1,000 payments (paid
// plan) or none (free plan): retries with idempotency keys neither lose nor duplicate anything.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, type Signup } from '@memberkit/sdk';
import { setupSandboxServer } from '@memberkit/sandbox/node';
import { TODAY, clientSecretOf, payWithCard } from '../helpers.js';

const SIGNUPS = 1000;
const CONCURRENCY = 50;
const server = setupSandboxServer({ today: TODAY, validateResponses: true });
const sandbox = server.sandbox;

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(() => sandbox.reset());

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

// Nothing here depends on time: an injected timeout answers 504 after `timeoutMs` (the client's
// own timeout is only a safety net, far above any request on a loaded machine), and elapsedMs is
// printed for the lead, never asserted.
async function run(plan: 'monthly' | 'free', seed: number) {
  sandbox.setFaults({ rate: 0.3, kinds: ['server_error', 'timeout', 'lost_response'], seed, timeoutMs: 20 });
  const options = {
    baseUrl: sandbox.baseUrl,
    organization: 'demo',
    maxRetries: 12,
    timeout: 30_000,
    backoff: { initialDelay: 2, maxDelay: 20 },
  };
  const client = createClient(options);
  const admin = createClient({ ...options, secretKey: 'sk_test_sandbox' });
  const seeded = new Set(Object.keys(sandbox.store.state.members));
  const started = performance.now();

  const signups = await inParallel(SIGNUPS, async (i): Promise<Signup> => {
    const signup = await client.signups.create({
      membership_type_id: plan,
      member: { email: `fault.${plan}.${i}@example.org`, first_name: 'Fault', last_name: `Tester ${i}` },
      fields: {},
    });
    if (signup.status === 'awaiting_payment') {
      const paid = await payWithCard(sandbox, clientSecretOf(signup));
      assert.equal(paid.status, 200);
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
  const createRequests = sandbox.stats.requests['POST /organizations/:org/signups'] ?? 0;
  const figures = {
    plan,
    signups: SIGNUPS,
    memberships: ofPlan.length,
    members: new Set(ofPlan.map((m) => m.member_id)).size,
    payments: sandbox.store.payments('demo').length,
    faults: { ...sandbox.stats.faults },
    requests: Object.values(sandbox.stats.requests).reduce((a, b) => a + b, 0),
    signupCreateRetries: createRequests - SIGNUPS,
    idempotentReplays: sandbox.stats.replays,
    elapsedMs: Math.round(elapsed),
  };
  console.log(`fault test figures: ${JSON.stringify(figures)}`);
  return { signups, ofPlan, figures };
}

describe('1,000 signups with 30 % injected faults (server_error, timeout, lost_response)', () => {
  it('paid plan: exactly 1,000 memberships and 1,000 payments, no duplicates, none lost', async () => {
    const { signups, ofPlan, figures } = await run('monthly', 2026);
    assert.ok(signups.every((signup) => signup.status === 'completed' && signup.membership.status === 'active'));
    assert.equal(new Set(signups.map((s) => s.id)).size, SIGNUPS);
    assert.equal(figures.memberships, SIGNUPS);
    assert.equal(figures.members, SIGNUPS);
    assert.ok(ofPlan.every((m) => m.status === 'active'));
    assert.equal(figures.payments, SIGNUPS);
    assert.equal(new Set(sandbox.store.payments('demo').map((p) => p.signup_id)).size, SIGNUPS);
    for (const kind of ['server_error', 'timeout', 'lost_response'] as const) assert.ok(figures.faults[kind] > 0, kind);
    assert.ok(figures.idempotentReplays > 0, 'lost responses were recovered by replays');
  });

  it('free plan: exactly 1,000 memberships and no payment', async () => {
    const { signups, figures } = await run('free', 4242);
    assert.ok(signups.every((signup) => signup.status === 'completed'));
    assert.equal(figures.memberships, SIGNUPS);
    assert.equal(figures.members, SIGNUPS);
    assert.equal(figures.payments, 0);
    for (const kind of ['server_error', 'timeout', 'lost_response'] as const) assert.ok(figures.faults[kind] > 0, kind);
  });
});
