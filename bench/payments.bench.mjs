// Paid signups through the Stripe stand-in, in one server process (the demo's setup: PGlite, the
// Stripe adapter on the official `stripe` package, the stand-in service on loopback HTTP):
// - signup → paid → completed, as the widget does it: create the signup, pay on the stand-in's
//   checkout page, poll the signup (the poll settles with "Stripe"), beside a free signup's create;
// - webhook handling: POST /v1/webhooks/stripe of a checkout.session.completed not yet applied
//   (verify, settle: read the session again, complete the signup, capture), of a duplicate, and of
//   a forged one; beside the free signup again.
// Figures are ratios in one run on a noisy machine: read them beside each other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, parseConfig } from '@memberkit/server';

const N = 120;
const dir = mkdtempSync(join(tmpdir(), 'memberkit-bench-pay-'));
const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', MEMBERKIT_DATA_DIR: join(dir, 'data'), MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0', MEMBERKIT_RATE_LIMIT_PER_KEY: '0', MEMBERKIT_LIFECYCLE_INTERVAL: '0' }, { demo: true });
const server = await createServer(config);
const url = await server.listen();
const standIn = server.stripe.standIn;

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const row = (name, values) => ({ name, n: values.length, p50_ms: +quantile(values, 0.5).toFixed(2), p99_ms: +quantile(values, 0.99).toFixed(2) });
let count = 0;
async function create(type) {
  const email = `bench-${++count}-${Date.now()}@example.org`;
  const response = await fetch(`${url}/v1/organizations/demo/signups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${email}` },
    body: JSON.stringify({ membership_type_id: type, member: { email, first_name: 'Ben', last_name: 'Ch' }, fields: {} }),
  });
  return response.json();
}
const pay = (secret) =>
  fetch(`${standIn.origin}/c/api/${secret}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ number: '4242424242424242', exp_month: '12', exp_year: '40', cvc: '123' }) }).then((r) => r.json());

try {
  // Warm up.
  for (let i = 0; i < 10; i++) await create('free');
  const free = [];
  for (let i = 0; i < N; i++) {
    const started = performance.now();
    await create('free');
    free.push(performance.now() - started);
  }

  const total = [], createPaid = [], paying = [], completing = [];
  standIn.holdWebhooks(); // the poll completes them here; their webhooks are measured below
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const signup = await create('monthly');
    const t1 = performance.now();
    await pay(signup.next_action.client_secret);
    const t2 = performance.now();
    const polled = await (await fetch(`${url}/v1/organizations/demo/signups/${signup.id}`)).json();
    const t3 = performance.now();
    if (polled.status !== 'completed') throw new Error(`not completed: ${polled.status}`);
    total.push(t3 - t0);
    createPaid.push(t1 - t0);
    paying.push(t2 - t1);
    completing.push(t3 - t2);
  }

  // Webhooks: sessions paid with no poll, their checkout.session.completed applied by the webhook.
  const fresh = [];
  for (let i = 0; i < N; i++) {
    const signup = await create('monthly');
    await pay(signup.next_action.client_secret);
  }
  const completedEvents = standIn.events('checkout.session.completed').slice(-N);
  for (const event of completedEvents) {
    const started = performance.now();
    const status = await standIn.resend(event.id);
    fresh.push(performance.now() - started);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
  }
  const duplicate = [];
  for (const event of completedEvents) {
    const started = performance.now();
    await standIn.resend(event.id);
    duplicate.push(performance.now() - started);
  }
  const forged = [];
  for (const event of completedEvents) {
    const started = performance.now();
    await standIn.resend(event.id, { secret: 'whsec_forged' });
    forged.push(performance.now() - started);
  }
  const rows = [
    row('free signup: create (baseline)', free),
    row('paid signup → paid → completed (create + pay + poll)', total),
    row('  create (opens the Checkout Session)', createPaid),
    row('  pay on the stand-in page', paying),
    row('  poll that completes it (read session, capture)', completing),
    row('webhook checkout.session.completed, applied', fresh),
    row('webhook duplicate (already applied)', duplicate),
    row('webhook with a forged signature (400)', forged),
  ];
  console.table(rows);
  const base = rows[0].p50_ms;
  console.log(`ratios to a free signup's create (p50): paid signup end to end ${(rows[1].p50_ms / base).toFixed(1)}×, webhook applied ${(rows[5].p50_ms / base).toFixed(1)}×, duplicate ${(rows[6].p50_ms / base).toFixed(1)}×`);
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
