// Renewals processed per second by the lifecycle on PostgreSQL: 10,000 memberships of the demo
// organization's monthly plan, each with its own Stripe customer and saved card, all due on one
// day; the API's runDay of that day charges each off session through the StripePayments adapter
// on the official `stripe` package, against the stand-in service on loopback HTTP (customer
// read, PaymentIntent created and confirmed), renews it, writes its receipt to the outbox. The
// stand-in's webhooks (payment_intent.created, charge.succeeded, payment_intent.succeeded per
// renewal) reach the server's endpoint meanwhile, as Stripe's would. Then the same day again:
// nothing left to do, nothing charged twice.
// Seeding: one real paid signup through the stand-in's checkout, whose membership and member are
// copied 10,000 times into the database, each copy with a customer made at the stand-in and a
// card saved on it (the stand-in's portal update), so every charge is a distinct customer's.
// The stand-in runs in this process (as in the demo): its CPU is counted in the figures.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { renewalAttemptDays } from '@memberkit/sdk/calculators';
import pino from 'pino';
import pg from 'pg';
import Stripe from 'stripe';
import { findTestDatabase } from '../scripts/postgres.mjs';
import { createServer, openPostgresStorage, parseConfig } from '@memberkit/server';
import { StripeStandIn } from '../packages/server/src/payments/stand-in/stand-in.ts';

const DUE = Number(process.env.BENCH_RENEWALS ?? 10_000);
// Memberships runDay takes at once (the server's MEMBERKIT_LIFECYCLE_CONCURRENCY; 1: one after another).
const CONCURRENCY = process.env.BENCH_LIFECYCLE_CONCURRENCY ?? '4';
const BATCH = 500;

const database = await findTestDatabase();
if (!database.url) {
  console.log(`(no PostgreSQL: ${database.reason}; no renewal rows)`);
  process.exit(0);
}
const schema = `mk_bench_renewals_${process.pid}_${Date.now().toString(36)}`;

let now = Date.now();
const clock = {
  now: () => now,
  today: (timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now)),
};
const webhookSecret = 'whsec_bench_renewals';
const standIn = new StripeStandIn({ clock, retryDelays: [] });
await standIn.listen();
const storage = await openPostgresStorage({ url: database.url, schema, poolSize: 10 });
const config = parseConfig(
  {
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STRIPE_SECRET_KEY: 'sk_test_bench_renewals', STRIPE_WEBHOOK_SECRET: webhookSecret,
    MEMBERKIT_STRIPE_API_URL: standIn.origin, MEMBERKIT_LIFECYCLE_INTERVAL: '0', MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0', MEMBERKIT_RATE_LIMIT_PER_KEY: '0',
    MEMBERKIT_LIFECYCLE_CONCURRENCY: CONCURRENCY,
  },
  { demo: true },
);
const server = await createServer(config, { clock, storage, logger: pino({ level: 'silent' }) });
const url = await server.listen();
const stripe = new Stripe('sk_test_bench_renewals', { ...standIn.clientOptions(), maxNetworkRetries: 0 });
const card = { number: '4242424242424242', exp_month: '12', exp_year: '40', cvc: '123' };

async function pool(count, concurrency, work) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await work(next++);
  }));
}

try {
  // The template: a monthly membership paid through the stand-in's checkout, its card saved.
  const created = await (await fetch(`${url}/v1/organizations/demo/signups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ membership_type_id: 'monthly', member: { email: 'renew-0@example.org', first_name: 'Re', last_name: 'New' }, fields: {} }),
  })).json();
  const paid = await fetch(`${standIn.origin}/c/api/${created.next_action.client_secret}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(card) });
  if (paid.status !== 200) throw new Error(`the template's payment answered ${paid.status}`);
  await standIn.settled();
  const polled = await (await fetch(`${url}/v1/organizations/demo/signups/${created.id}`)).json();
  if (polled.status !== 'completed') throw new Error(`the template signup is ${polled.status}`);
  const [template, templateMember] = await storage.transaction(async (tx) => {
    const membership = await tx.findOne('memberships', { organization_id: 'demo', id: created.membership.id });
    return [membership, await tx.findOne('members', { organization_id: 'demo', id: membership.member_id })];
  });
  if (!template.payment_method || !template.auto_renew) throw new Error('the template saved no card for renewals');

  // The copies: a customer and a saved card each at the stand-in, then the rows in batches.
  const seedStarted = performance.now();
  const saved = new Array(DUE - 1);
  await pool(DUE - 1, 20, async (i) => {
    const memberId = `mem_bench_${i}`;
    const customer = await stripe.customers.create({ email: `renew-${i + 1}@example.org`, metadata: { organization_id: 'demo', member_id: memberId } });
    if (standIn.updateCustomerCard(customer.id, card)) throw new Error('the stand-in refused the bench card');
    saved[i] = { memberId, customer: customer.id, method: standIn.customers().find((c) => c.id === customer.id)?.invoice_settings.default_payment_method };
  });
  for (let start = 0; start < saved.length; start += BATCH) {
    await storage.transaction(async (tx) => {
      for (let i = start; i < Math.min(start + BATCH, saved.length); i++) {
        const { memberId, customer, method } = saved[i];
        await tx.insert('members', { ...templateMember, id: memberId, email: `renew-${i + 1}@example.org` });
        await tx.insert('memberships', { ...template, id: `ms_bench_${i}`, member_id: memberId, signup_id: null, payment_customer: customer, payment_method: method });
      }
    });
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  // The server hears the stand-in's events from now on (the seeding's are not the bench's).
  standIn.addWebhookEndpoint({ url: `${url}/v1/webhooks/stripe`, secret: webhookSecret });

  const [day] = renewalAttemptDays(template, template);
  // Mid-afternoon UTC of the attempt day: the same date in the demo organization's time zone.
  now = Date.parse(`${day}T16:00:00Z`);
  const started = performance.now();
  const report = await server.api.runDay('demo', day);
  const ran = (performance.now() - started) / 1000;
  await standIn.settled();
  const settled = (performance.now() - started) / 1000;
  if (report.errors.length > 0) throw report.errors[0].error;
  if (report.renewed.length !== DUE) throw new Error(`renewed ${report.renewed.length} of ${DUE}`);
  const charges = () => Object.values(standIn.snapshot().payment_intents).filter((intent) => intent.metadata.renewal).length;
  const chargedOnce = charges();
  const againStarted = performance.now();
  const again = await server.api.runDay('demo', day);
  const againSeconds = (performance.now() - againStarted) / 1000;
  if (again.renewed.length !== 0 || charges() !== chargedOnce) throw new Error('the day run again charged again');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const receipts = (await client.query(`select count(*)::int as n from ${schema}.outbox where kind = 'receipt'`)).rows[0].n;
  const webhooks = (await client.query(`select count(*)::int as n from ${schema}.server_stripe_events`)).rows[0].n;
  await client.end();
  console.table([
    { step: `runDay ${day}: ${DUE} due, ${CONCURRENCY} at a time, each charged off session and renewed`, seconds: +ran.toFixed(1), 'renewals/s': +(DUE / ran).toFixed(1), 'ms/renewal': +((ran * 1000) / DUE).toFixed(2) },
    { step: '  … and the stand-in\'s webhooks for them handled', seconds: +settled.toFixed(1), 'renewals/s': +(DUE / settled).toFixed(1), 'ms/renewal': +((settled * 1000) / DUE).toFixed(2) },
    { step: 'the same day again (nothing left to charge)', seconds: +againSeconds.toFixed(1), 'renewals/s': null, 'ms/renewal': +((againSeconds * 1000) / DUE).toFixed(2) },
  ]);
  console.log(`seeding ${DUE} memberships took ${seedSeconds.toFixed(1)} s; receipts in the outbox: ${receipts} (the template's signup and every renewal); Stripe events recorded: ${webhooks}; storage ${JSON.stringify(storage.stats)}; load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
} finally {
  await server.close();
  await standIn.close();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}
