// The server SIGKILLed between Stripe's success and its webhook: the member paid (the session is
// complete at Stripe, the amount authorized), the server died before the event arrived, Stripe's
// deliveries fail while it is down and are retried; once it is back, the redelivery completes
// the signup exactly once: one payment, captured once, however often the event comes again.
// And a staff refund the server died in the middle of (Stripe refunded, the server never heard):
// retried with its Idempotency-Key, it refunds once, though Stripe's charge.refunded recorded the
// refund first. And a first signup the server died in after Stripe made the member's customer:
// retried, it pays with that customer, not a second one.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openPgliteStorage } from '../src/index.js';
import { StripeStandIn } from '../src/payments/stand-in/stand-in.js';
import { freePort, startServerProcess } from './server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'memberkit-stripe-crash-'));
const secret = 'whsec_test_crash';

describe('the server killed between Stripe’s success and the webhook', () => {
  const standIn = new StripeStandIn({ retryDelays: [200, 400, 800, 1_600, 3_200, 6_400, 12_800] });
  after(async () => {
    await standIn.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('Stripe’s redelivery completes the signup once the server is back, exactly once', async () => {
    await standIn.listen();
    const env = {
      MEMBERKIT_DATA_DIR: join(dataDir, 'data'),
      PORT: String(await freePort()),
      STRIPE_SECRET_KEY: 'sk_test_crash',
      STRIPE_WEBHOOK_SECRET: secret,
      MEMBERKIT_STRIPE_API_URL: standIn.origin,
      MEMBERKIT_LIFECYCLE_INTERVAL: '0',
    };
    let server = await startServerProcess(['--demo'], env);
    standIn.addWebhookEndpoint({ url: `${server.url}/v1/webhooks/stripe`, secret });
    const created = (await (
      await fetch(`${server.url}/v1/organizations/demo/signups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'crash-1' },
        body: JSON.stringify({ membership_type_id: 'monthly', member: { email: 'crash@example.org', first_name: 'Cr', last_name: 'Ash' }, fields: {} }),
      })
    ).json()) as { id: string; next_action: { client_secret: string } };
    const sessionId = standIn.sessionBySecret(created.next_action.client_secret)!.id;

    standIn.holdWebhooks();
    const paid = await fetch(`${standIn.origin}/c/api/${created.next_action.client_secret}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: '4242424242424242', exp_month: '12', exp_year: '40', cvc: '123' }),
    });
    assert.equal(paid.status, 200, 'Stripe took the payment');
    await server.kill();
    await standIn.releaseWebhooks();
    await standIn.settled();
    const completed = standIn.events('checkout.session.completed').find((event) => (event.data.object as { id: string }).id === sessionId)!;
    const attempts = () => standIn.deliveries.filter((delivery) => delivery.event_id === completed.id);
    assert.deepEqual(attempts().map((delivery) => delivery.status), [0], 'the first delivery found nobody');

    server = await startServerProcess(['--demo'], env);
    const deadline = Date.now() + 30_000;
    while (!attempts().some((delivery) => delivery.status === 200)) {
      assert.ok(Date.now() < deadline, `not redelivered: ${JSON.stringify(attempts())}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(await standIn.resend(completed.id), 200, 'a later duplicate is acknowledged');
    await server.stop();

    const intent = standIn.paymentIntent(standIn.checkoutSession(sessionId)!.payment_intent!)!;
    assert.deepEqual([intent.status, intent.amount_received], ['succeeded', 900], 'captured, once');
    const storage = await openPgliteStorage({ dataDir: env.MEMBERKIT_DATA_DIR });
    try {
      const state = await storage.transaction(async (tx) => {
        const signup = (await tx.findOne('signups', { organization_id: 'demo', id: created.id }))!;
        const payments = await tx.find('payments', { organization_id: 'demo', signup_id: created.id });
        const membership = (await tx.findOne('memberships', { organization_id: 'demo', id: signup.membership_ids[0]! }))!;
        return { signup: signup.status, payments: payments.map((payment) => payment.reference), membership: membership.state };
      });
      assert.deepEqual(state, { signup: 'completed', payments: [intent.id], membership: 'confirmed' });
    } finally {
      await storage.close();
    }
  });

  it('a staff refund killed between Stripe’s refund and the commit, retried with its Idempotency-Key, refunds once', async () => {
    // A stand-in of its own: the first test's endpoint (its server stopped) is not this one's.
    const standIn = new StripeStandIn({ retryDelays: [200, 400, 800, 1_600, 3_200, 6_400, 12_800] });
    after(() => standIn.close());
    await standIn.listen();
    const env = {
      MEMBERKIT_DATA_DIR: join(dataDir, 'refund'),
      PORT: String(await freePort()),
      STRIPE_SECRET_KEY: 'sk_test_crash',
      STRIPE_WEBHOOK_SECRET: secret,
      MEMBERKIT_STRIPE_API_URL: standIn.origin,
      MEMBERKIT_LIFECYCLE_INTERVAL: '0',
    };
    let server = await startServerProcess(['--demo'], env);
    // A failed assertion must not leave a server running (the test run would never end).
    after(() => void server.child.kill('SIGKILL'));
    standIn.addWebhookEndpoint({ url: `${server.url}/v1/webhooks/stripe`, secret });
    const created = (await (
      await fetch(`${server.url}/v1/organizations/demo/signups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'crash-refund-signup' },
        body: JSON.stringify({ membership_type_id: 'monthly', member: { email: 'refund-crash@example.org', first_name: 'Re', last_name: 'Fund' }, fields: {} }),
      })
    ).json()) as { id: string; membership: { id: string }; next_action: { client_secret: string } };
    const paid = await fetch(`${standIn.origin}/c/api/${created.next_action.client_secret}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: '4242424242424242', exp_month: '12', exp_year: '40', cvc: '123' }),
    });
    assert.equal(paid.status, 200);
    await standIn.settled();
    const intentId = standIn.sessionBySecret(created.next_action.client_secret)!.payment_intent!;
    const refunds = () => Object.values(standIn.snapshot().refunds).filter((refund) => refund.payment_intent === intentId);
    const refund = (url: string) =>
      fetch(`${url}/v1/organizations/demo/memberships/${created.membership.id}/refunds`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_sandbox', 'content-type': 'application/json', 'idempotency-key': 'staff-refund-crash' },
        body: JSON.stringify({ amount: 300, reason: 'Moved away' }),
      });

    standIn.beforeAnswering('POST /v1/refunds', () => server.kill());
    await assert.rejects(refund(server.url), 'the server died before answering');
    assert.equal(refunds().length, 1, 'Stripe refunded');
    const [refunded] = standIn.events('charge.refunded').filter((event) => (event.data.object as { payment_intent: string }).payment_intent === intentId);
    const attempts = () => standIn.deliveries.filter((delivery) => delivery.event_id === refunded!.id);

    server = await startServerProcess(['--demo'], env);
    const deadline = Date.now() + 30_000;
    while (!attempts().some((delivery) => delivery.status === 200)) {
      assert.ok(Date.now() < deadline, `charge.refunded not redelivered: ${JSON.stringify(attempts())}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const retried = await refund(server.url);
    assert.equal(retried.status, 200, await retried.clone().text());
    const body = (await retried.json()) as { status: string; terms: { refunds?: { amount: number; reason: string | null }[] }[] };
    assert.deepEqual([body.status, body.terms.at(-1)!.refunds!.map((each) => [each.amount, each.reason])], ['active', [[300, 'Moved away']]]);
    assert.deepEqual(refunds().map((each) => each.amount), [300], 'refunded once at Stripe');
    assert.equal(standIn.paymentIntent(intentId)!.amount_received, 900);
    await server.stop();
  });

  it('a first signup killed after Stripe made the member’s customer, before the commit: retried, it pays with that customer, and there is no second one', async () => {
    const standIn = new StripeStandIn({ retryDelays: [] });
    after(() => standIn.close());
    await standIn.listen();
    const env = {
      MEMBERKIT_DATA_DIR: join(dataDir, 'customer'),
      PORT: String(await freePort()),
      STRIPE_SECRET_KEY: 'sk_test_crash',
      STRIPE_WEBHOOK_SECRET: secret,
      MEMBERKIT_STRIPE_API_URL: standIn.origin,
      MEMBERKIT_LIFECYCLE_INTERVAL: '0',
    };
    let server = await startServerProcess(['--demo'], env);
    after(() => void server.child.kill('SIGKILL'));
    standIn.addWebhookEndpoint({ url: `${server.url}/v1/webhooks/stripe`, secret });
    const email = 'customer-crash@example.org';
    const signUp = (url: string) =>
      fetch(`${url}/v1/organizations/demo/signups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'crash-customer' },
        body: JSON.stringify({ membership_type_id: 'monthly', member: { email, first_name: 'Cu', last_name: 'Stomer' }, fields: {} }),
      });
    const customers = () => standIn.customers().filter((customer) => customer.email === email);

    standIn.beforeAnswering('POST /v1/customers', () => server.kill());
    await assert.rejects(signUp(server.url), 'the server died before answering');
    assert.equal(customers().length, 1, 'Stripe made the customer; the member it was made for was never stored');

    server = await startServerProcess(['--demo'], env);
    const retried = await signUp(server.url);
    assert.equal(retried.status, 201, await retried.clone().text());
    const created = (await retried.json()) as { id: string; status: string; member: { id: string }; next_action: { client_secret: string } };
    assert.equal(created.status, 'awaiting_payment');
    assert.equal(customers().length, 1, 'no second customer for the member');
    const [customer] = customers();
    assert.equal(standIn.sessionBySecret(created.next_action.client_secret)!.customer, customer!.id, 'the checkout is the customer’s');
    assert.deepEqual(customer!.metadata, { organization_id: 'demo', member_id: created.member.id }, 'now the stored member’s');

    const paid = await fetch(`${standIn.origin}/c/api/${created.next_action.client_secret}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: '4242424242424242', exp_month: '12', exp_year: '40', cvc: '123' }),
    });
    assert.equal(paid.status, 200);
    const polled = (await (await fetch(`${server.url}/v1/organizations/demo/signups/${created.id}`)).json()) as { status: string };
    assert.equal(polled.status, 'completed');
    assert.equal(customers().length, 1);
    await server.stop();
  });
});
