// The Stripe stand-in, driven by the official `stripe` package as the server's adapter drives it:
// Stripe's request encoding, objects, errors and idempotency, test cards at checkout and off
// session, refunds, expiry, and webhooks signed so that stripe.webhooks.constructEvent accepts them.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '@memberkit/api';
import Stripe from 'stripe';
import { StripePayments } from '../src/payments/stripe-payments.js';
import { StripeStandIn } from '../src/payments/stand-in/stand-in.js';

const secret = 'whsec_test_stand_in';

describe('the Stripe stand-in service', () => {
  let now = Date.parse('2026-03-10T12:00:00Z');
  const clock: Clock = { now: () => now, today: () => new Date(now).toISOString().slice(0, 10) };
  const received: { event: Stripe.Event; signature: string; body: string }[] = [];
  let standIn: StripeStandIn;
  let stripe: Stripe;
  let receiver: ReturnType<typeof createServer>;

  before(async () => {
    receiver = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const signature = String(request.headers['stripe-signature']);
        const event = Stripe.webhooks.constructEvent(body, signature, secret, 300, undefined, clock.now());
        received.push({ event, signature, body });
        response.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    standIn = new StripeStandIn({ clock, webhookEndpoints: [{ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, secret }] });
    await standIn.listen();
    stripe = new Stripe('sk_test_stand_in', { ...standIn.clientOptions(), maxNetworkRetries: 0 });
  });
  after(async () => {
    await standIn.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const pay = async (session: Stripe.Checkout.Session, number: string) => {
    const key = session.client_secret ?? new URL(session.url!).pathname.split('/').pop()!;
    const response = await fetch(`${standIn.origin}/c/api/${key}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number, exp_month: '12', exp_year: '34', cvc: '123' }),
    });
    return { status: response.status, body: (await response.json()) as { status?: string; error?: { decline_code: string; message: string }; redirect_url?: string | null } };
  };

  const checkout = async (options: Partial<Stripe.Checkout.SessionCreateParams> = {}) => {
    const customer = await stripe.customers.create({ email: 'ada@example.org', name: 'Ada', metadata: { member_id: 'mem_1' } });
    return stripe.checkout.sessions.create({
      mode: 'payment',
      ui_mode: 'embedded_page',
      redirect_on_completion: 'never',
      customer: customer.id,
      line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: 4500, product_data: { name: 'Annual' } } }],
      payment_intent_data: { capture_method: 'manual', setup_future_usage: 'off_session', metadata: { signup_id: 'su_1' } },
      metadata: { signup_id: 'su_1', organization_id: 'org_1' },
      expires_at: Math.floor(clock.now() / 1000) + 3600,
      ...options,
    } as Stripe.Checkout.SessionCreateParams);
  };

  it('a checkout declined once, then paid: authorized on the card, captured once, the card saved', async () => {
    const session = await checkout();
    assert.equal(session.status, 'open');
    assert.match(session.client_secret!, /^cs_test_/);
    const declined = await pay(session, '4000000000000002');
    assert.deepEqual([declined.status, declined.body.error?.decline_code], [402, 'generic_decline']);
    assert.equal((await stripe.checkout.sessions.retrieve(session.id)).status, 'open', 'a decline leaves the session open for another card');
    assert.equal((await pay(session, '4242 4242 4242 4242')).status, 200);
    const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent.payment_method'] });
    const intent = paid.payment_intent as Stripe.PaymentIntent;
    const method = intent.payment_method as Stripe.PaymentMethod;
    assert.deepEqual([paid.status, intent.status, intent.amount_capturable, method.card?.last4, method.customer], ['complete', 'requires_capture', 4500, '4242', session.customer]);
    assert.equal((method as unknown as Record<string, unknown>).test_card_number, undefined, 'the stand-in keeps its own fields to itself');
    const captured = await stripe.paymentIntents.capture(intent.id, {}, { idempotencyKey: `capture:${intent.id}` });
    assert.equal(captured.status, 'succeeded');
    const again = await stripe.paymentIntents.capture(intent.id, {}, { idempotencyKey: `capture:${intent.id}` });
    assert.equal(again.status, 'succeeded', 'the same key answers the same capture');
    await assert.rejects(stripe.paymentIntents.capture(intent.id), (error: Stripe.errors.StripeError) => error.code === 'payment_intent_unexpected_state');
  });

  it('4000 0000 0000 9995 at a checkout: declined for insufficient funds, as Stripe’s test card is; the session stays open, nothing authorized', async () => {
    const session = await checkout();
    const poor = await pay(session, '4000 0000 0000 9995');
    assert.deepEqual([poor.status, poor.body.error?.decline_code], [402, 'insufficient_funds']);
    assert.match(poor.body.error!.message, /insufficient funds/i);
    const after = await stripe.checkout.sessions.retrieve(session.id);
    assert.deepEqual([after.status, after.payment_status], ['open', 'unpaid']);
    assert.equal((await pay(session, '4242424242424242')).status, 200, 'another card pays it');
  });

  const authenticate = async (session: Stripe.Checkout.Session, outcome: 'succeed' | 'fail') => {
    const key = session.client_secret ?? new URL(session.url!).pathname.split('/').pop()!;
    const response = await fetch(`${standIn.origin}/c/api/${key}/authenticate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome }) });
    return { status: response.status, body: (await response.json()) as { status?: string; error?: { code: string; message: string }; redirect_url?: string | null } };
  };
  const eventsOf = async (type: string, id: string) => {
    await standIn.settled();
    return received.filter(({ event }) => event.type === type && (event.data.object as { id: string }).id === id).map(({ event }) => event.data.object);
  };

  it('4000 0025 0000 3155 at a checkout needs authentication: failed, the session stays open with payment_intent_authentication_failure; completed, it is paid and the card saved', async () => {
    const session = await checkout();
    const asked = await pay(session, '4000 0025 0000 3155');
    assert.deepEqual([asked.status, asked.body], [200, { status: 'requires_action', message: 'Your bank asks you to authenticate this payment.' }]);
    const waiting = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    const intent = waiting.payment_intent as Stripe.PaymentIntent;
    assert.deepEqual([waiting.status, intent.status, intent.next_action?.type], ['open', 'requires_action', 'use_stripe_sdk']);

    const failed = await authenticate(session, 'fail');
    assert.deepEqual([failed.status, failed.body.error?.code], [402, 'payment_intent_authentication_failure']);
    assert.equal(failed.body.error?.message, 'We are unable to authenticate your payment method. Please choose a different payment method and try again.');
    const after = await stripe.paymentIntents.retrieve(intent.id);
    assert.deepEqual([after.status, after.last_payment_error?.code], ['requires_payment_method', 'payment_intent_authentication_failure']);
    assert.equal((await stripe.checkout.sessions.retrieve(session.id)).status, 'open', 'the member may try another card');
    const failures = (await eventsOf('payment_intent.payment_failed', intent.id)) as Stripe.PaymentIntent[];
    assert.deepEqual(failures.map((failure) => failure.last_payment_error?.code), ['payment_intent_authentication_failure']);
    assert.equal((await eventsOf('checkout.session.completed', session.id)).length, 0);
    assert.equal((await authenticate(session, 'succeed')).status, 402, 'a challenge answered twice: nothing is waiting any more');

    assert.equal((await pay(session, '4000002500003155')).body.status, 'requires_action');
    assert.equal((await authenticate(session, 'succeed')).body.status, 'complete');
    const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent.payment_method'] });
    const paidIntent = paid.payment_intent as Stripe.PaymentIntent;
    const method = paidIntent.payment_method as Stripe.PaymentMethod;
    assert.deepEqual([paid.status, paidIntent.status, paidIntent.last_payment_error, method.card?.last4, method.customer], ['complete', 'requires_capture', null, '3155', session.customer]);
    assert.equal((await eventsOf('checkout.session.completed', session.id)).length, 1);

    // Set up with that authentication, the card is charged off session without the member (Stripe's "authenticate unless set up").
    const renewal = await stripe.paymentIntents.create(
      { amount: 4500, currency: 'eur', customer: session.customer as string, payment_method: method.id, off_session: true, confirm: true },
      { idempotencyKey: `renewal:3155:${session.id}` },
    );
    assert.equal(renewal.status, 'succeeded');
  });

  it('4000 0025 0000 3155 in setup mode (a first term of 0): the card is saved only once the member authenticates', async () => {
    const session = await checkout({ mode: 'setup', currency: 'eur', line_items: undefined, payment_intent_data: undefined, setup_intent_data: { metadata: { signup_id: 'su_setup' } } });
    assert.equal((await pay(session, '4000002500003155')).body.status, 'requires_action');
    const setupId = (await stripe.checkout.sessions.retrieve(session.id)).setup_intent as string;
    assert.equal((await stripe.setupIntents.retrieve(setupId)).status, 'requires_action');
    assert.equal((await authenticate(session, 'fail')).body.error?.code, 'payment_intent_authentication_failure');
    const failed = await stripe.setupIntents.retrieve(setupId);
    assert.deepEqual([failed.status, failed.last_setup_error?.code], ['requires_payment_method', 'setup_intent_authentication_failure']);
    assert.equal((await eventsOf('setup_intent.setup_failed', setupId)).length, 1);
    await pay(session, '4000002500003155');
    assert.equal((await authenticate(session, 'succeed')).body.status, 'complete');
    const saved = await stripe.setupIntents.retrieve(setupId, { expand: ['payment_method'] });
    assert.deepEqual([saved.status, (saved.payment_method as Stripe.PaymentMethod).customer], ['succeeded', session.customer]);
    assert.equal((await stripe.checkout.sessions.retrieve(session.id)).status, 'complete');
  });

  it('idempotency keys: the same request answers the same object, different parameters are refused', async () => {
    const first = await stripe.customers.create({ email: 'a@example.org' }, { idempotencyKey: 'customer:mem_9' });
    const second = await stripe.customers.create({ email: 'a@example.org' }, { idempotencyKey: 'customer:mem_9' });
    assert.equal(second.id, first.id);
    await assert.rejects(stripe.customers.create({ email: 'b@example.org' }, { idempotencyKey: 'customer:mem_9' }), (error: Stripe.errors.StripeError) => error.type === 'StripeIdempotencyError');
  });

  it('customers are listed newest first, a page at a time: the official client’s auto-pagination reads each once, and ends', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await stripe.customers.create({ email: 'pages@example.org' })).id);
    const seen: string[] = [];
    for await (const customer of stripe.customers.list({ email: 'pages@example.org', limit: 2 })) {
      seen.push(customer.id);
      if (seen.length > made.length) break; // the same page again, forever
    }
    assert.deepEqual(seen, [...made].reverse());
  });

  it('Stripe’s errors: unknown objects are resource_missing, bad parameters name the parameter, a bad key is refused', async () => {
    await assert.rejects(stripe.checkout.sessions.retrieve('cs_test_nope'), (error: Stripe.errors.StripeError) => error.code === 'resource_missing' && error.statusCode === 404);
    await assert.rejects(
      checkout({ expires_at: Math.floor(clock.now() / 1000) + 60 }),
      (error: Stripe.errors.StripeError) => error.type === 'StripeInvalidRequestError' && error.param === 'expires_at',
    );
    await assert.rejects(new Stripe('pk_test_wrong', { ...standIn.clientOptions(), maxNetworkRetries: 0 }).customers.create({}), (error: Stripe.errors.StripeError) => error.type === 'StripeAuthenticationError');
  });

  it('off session: the saved card is charged; a card saved then declined, and one needing authentication, fail as Stripe’s do', async () => {
    const charge = async (number: string) => {
      const session = await checkout();
      await pay(session, number);
      const intent = (await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] })).payment_intent as Stripe.PaymentIntent;
      return stripe.paymentIntents.create(
        { amount: 4500, currency: 'eur', customer: session.customer as string, payment_method: intent.payment_method as string, off_session: true, confirm: true, metadata: { membership_id: 'ms_1' } },
        { idempotencyKey: `renewal:ms_1:${number}:1` },
      );
    };
    assert.equal((await charge('4242424242424242')).status, 'succeeded');
    await assert.rejects(charge('4000000000000341'), (error: Stripe.errors.StripeCardError) => error.type === 'StripeCardError' && error.decline_code === 'generic_decline' && error.payment_intent?.status === 'requires_payment_method');
    let actionIntent: Stripe.PaymentIntent | undefined;
    await assert.rejects(charge('4000002760003184'), (error: Stripe.errors.StripeCardError) => {
      actionIntent = error.payment_intent;
      return error.code === 'authentication_required';
    });
    assert.equal(actionIntent?.status, 'requires_action');
    const page = actionIntent!.next_action!.redirect_to_url!.url!;
    assert.equal((await fetch(page)).status, 200);
    await fetch(page, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'succeed' }) });
    assert.equal((await stripe.paymentIntents.retrieve(actionIntent!.id)).status, 'succeeded', 'authenticated on the page, the charge goes through');
  });

  it('a card-update session (StripePayments on the Billing Portal): the card the member saves there is what later off-session charges use', async () => {
    const payments = new StripePayments({ stripe, now: () => clock.now(), pages: { checkoutComplete: () => 'https://club.example/done', authenticate: () => 'https://club.example/auth' } });
    const session = await payments.createCheckout({
      organization_id: 'org_portal', signup_id: 'su_portal', amount: 900, currency: 'USD', description: 'Monthly', seller_name: 'Club',
      customer: { member_id: 'mem_portal', email: 'portal@example.org', name: 'Por Tal' }, locale: 'en-US', ui_mode: 'embedded_page',
      return_url: null, save_payment_method: true, expires_at: null, payment_account: null, idempotency_key: 'signup:su_portal',
    });
    assert.equal((await pay(await stripe.checkout.sessions.retrieve(session.id), '4242424242424242')).status, 200);
    const saved = (await payments.capturePayment('org_portal', session.id));
    assert.ok(saved.payment_method && saved.customer);
    const portal = await payments.createCardUpdateSession({ organization_id: 'org_portal', membership_id: 'ms_portal', customer: saved.customer!, return_url: 'https://club.example/account', locale: 'de-DE' });
    assert.match(portal.id, /^bps_/);
    assert.equal((await fetch(portal.url)).status, 200, 'the portal page the member opens');
    const saveCard = (number: string) => fetch(portal.url.replace('/p/session/', '/p/api/'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ number, exp_month: '12', exp_year: '40', cvc: '123' }) });
    assert.equal((await saveCard('4000000000000002')).status, 402, 'a refused card is not saved');
    assert.equal((await saveCard('4000000000000341')).status, 200);
    const charge = await payments.chargeOffSession({
      organization_id: 'org_portal', membership_id: 'ms_portal', customer: saved.customer!, payment_method: saved.payment_method!,
      amount: 900, currency: 'USD', description: 'Monthly renewal', seller_name: 'Club', payment_account: null, idempotency_key: 'renewal:ms_portal:2026-04-01:1',
    });
    assert.deepEqual([charge.status, charge.status === 'declined' && charge.decline_code], ['declined', 'generic_decline'], 'the new card (which declines) was charged, not the signup’s');
    await assert.rejects(payments.createCardUpdateSession({ organization_id: 'org_other', membership_id: 'ms_x', customer: saved.customer!, return_url: null, locale: 'en' }), /not org_other's/);
  });

  it('a checkout opened again with its key (a transaction run again, an approval retried after a crash): one session within the minute, a new one later, never Stripe’s idempotency refusal', async () => {
    const payments = new StripePayments({ stripe, now: () => clock.now(), pages: { checkoutComplete: () => 'https://club.example/done', authenticate: () => 'https://club.example/auth' } });
    const open = () =>
      payments.createCheckout({
        organization_id: 'org_again', signup_id: 'su_again', amount: 900, currency: 'USD', description: 'Monthly', seller_name: 'Club',
        customer: { member_id: 'mem_again', email: 'again@example.org', name: null }, locale: 'en', ui_mode: 'embedded_page',
        // The API's expiry moves with its clock, as each run computes it.
        return_url: null, save_payment_method: false, expires_at: clock.now() + 24 * 3_600_000, payment_account: null, idempotency_key: 'checkout:su_again',
      });
    const start = now;
    try {
      now = Math.floor(now / 60_000) * 60_000 + 5_000;
      const first = await open();
      now += 20_000;
      assert.equal((await open()).id, first.id, 'the same minute: the same session');
      now += 3 * 60_000;
      const later = await open();
      assert.notEqual(later.id, first.id, 'minutes later: a session of its own, not an idempotency error');
      assert.equal(standIn.checkoutSession(later.id)!.status, 'open');
    } finally {
      now = start;
    }
  });

  it('one Stripe customer per member (StripePayments): two first checkouts at once, a run that never committed and its retry under a new member id, a day later; another organization’s customer of the same email is not taken', async () => {
    const payments = new StripePayments({ stripe, now: () => clock.now(), pages: { checkoutComplete: () => 'https://club.example/done', authenticate: () => 'https://club.example/auth' } });
    const open = (organization: string, signup: string, member: string, email: string) =>
      payments.createCheckout({
        organization_id: organization, signup_id: signup, amount: 900, currency: 'USD', description: 'Monthly', seller_name: 'Club',
        customer: { member_id: member, email, name: 'Cus Tomer' }, locale: 'en', ui_mode: 'embedded_page',
        return_url: null, save_payment_method: true, expires_at: null, payment_account: null, idempotency_key: `checkout:${signup}`,
      });
    const customerOf = (session: { id: string }) => standIn.checkoutSession(session.id)!.customer;
    const customersOf = (email: string) => standIn.customers().filter((customer) => customer.email === email);

    // Both look before either has made one: the idempotency key makes the second Stripe's answer to the first.
    const [first, second] = await Promise.all([open('org_once', 'su_once_1', 'mem_once', 'once@example.org'), open('org_once', 'su_once_2', 'mem_once', 'once@example.org')]);
    assert.equal(customersOf('once@example.org').length, 1);
    assert.equal(customerOf(first), customerOf(second));

    const other = await open('org_elsewhere', 'su_elsewhere', 'mem_elsewhere', 'crash@example.org');
    // The server died after Stripe's answer: mem_lost was never stored, and the retry's member has a new id.
    const lost = await open('org_once', 'su_lost', 'mem_lost', 'crash@example.org');
    const retried = await open('org_once', 'su_retried', 'mem_stored', 'crash@example.org');
    assert.equal(customerOf(retried), customerOf(lost), 'the customer the lost run made');
    assert.notEqual(customerOf(retried), customerOf(other), 'not the other organization’s');
    assert.deepEqual(customersOf('crash@example.org').map((customer) => customer.metadata).sort((a, b) => a.organization_id!.localeCompare(b.organization_id!)), [
      { organization_id: 'org_elsewhere', member_id: 'mem_elsewhere' },
      { organization_id: 'org_once', member_id: 'mem_stored' },
    ]);
    const start = now;
    try {
      now += 25 * 3_600_000; // Stripe's idempotency keys are forgotten after 24 hours; the customer is found.
      const later = await open('org_once', 'su_later', 'mem_stored', 'crash@example.org');
      assert.equal(customerOf(later), customerOf(lost));
      assert.equal(customersOf('crash@example.org').length, 2);
    } finally {
      now = start;
    }
  });

  it('refunds, partial then the rest, and no more than was paid', async () => {
    const session = await checkout({ payment_intent_data: { metadata: { signup_id: 'su_2' } } });
    await pay(session, '4242424242424242');
    const intentId = (await stripe.checkout.sessions.retrieve(session.id)).payment_intent as string;
    assert.equal((await stripe.paymentIntents.retrieve(intentId)).status, 'succeeded', 'automatic capture by default');
    assert.equal((await stripe.refunds.create({ payment_intent: intentId, amount: 1000 })).amount, 1000);
    await assert.rejects(stripe.refunds.create({ payment_intent: intentId, amount: 4000 }), (error: Stripe.errors.StripeError) => error.code === 'amount_too_large');
    assert.equal((await stripe.refunds.create({ payment_intent: intentId })).amount, 3500);
    const charge = await stripe.charges.retrieve((await stripe.paymentIntents.retrieve(intentId)).latest_charge as string);
    assert.deepEqual([charge.amount_refunded, charge.refunded], [4500, true]);
    assert.equal(charge.refunds, undefined, 'a charge’s refunds are listed only when expanded, as on current API versions');
    const expanded = await stripe.charges.retrieve(charge.id, { expand: ['refunds'] });
    assert.deepEqual(expanded.refunds!.data.map((refund) => refund.amount), [3500, 1000], 'newest first');
    assert.equal(expanded.refunds!.has_more, false);
    const page = await stripe.refunds.list({ charge: charge.id, limit: 1 });
    assert.deepEqual([page.data.map((refund) => refund.amount), page.has_more], [[3500], true]);
    const all = await stripe.refunds.list({ payment_intent: intentId, limit: 1 }).autoPagingToArray({ limit: 10 });
    assert.deepEqual(all.map((refund) => refund.amount), [3500, 1000], 'paged by starting_after');
  });

  it('a session left open past expires_at expires, and checkout.session.expired is sent', async () => {
    const session = await checkout();
    now += 61 * 60_000;
    assert.equal(standIn.expireDue(), 1);
    assert.equal((await stripe.checkout.sessions.retrieve(session.id)).status, 'expired');
    assert.equal((await pay(session, '4242424242424242')).status, 409, 'an expired session cannot be paid');
    await standIn.settled();
    assert.ok(received.some(({ event }) => event.type === 'checkout.session.expired' && (event.data.object as Stripe.Checkout.Session).id === session.id));
  });

  it('webhooks are signed as Stripe signs them: constructEvent accepts them and refuses a forged or replayed one', async () => {
    await standIn.settled();
    const completed = received.find(({ event }) => event.type === 'checkout.session.completed');
    assert.ok(completed, 'checkout.session.completed was delivered');
    const session = completed.event.data.object as Stripe.Checkout.Session;
    assert.deepEqual(session.metadata, { signup_id: 'su_1', organization_id: 'org_1' });
    assert.throws(() => Stripe.webhooks.constructEvent(completed.body, completed.signature, 'whsec_other'), Stripe.errors.StripeSignatureVerificationError);
    assert.throws(
      () => Stripe.webhooks.constructEvent(completed.body, completed.signature, secret, 300, undefined, clock.now() + 3_600_000),
      /Timestamp outside the tolerance zone/,
    );
    assert.throws(() => Stripe.webhooks.constructEvent(completed.body.replace('"complete"', '"open"'), completed.signature, secret, 300, undefined, clock.now()));
  });

  it('a hosted page: the session’s url is a page that takes the card and sends the member to success_url', async () => {
    const session = await checkout({ ui_mode: 'hosted_page', redirect_on_completion: undefined, success_url: 'https://club.example/done?session={CHECKOUT_SESSION_ID}' });
    const page = await fetch(session.url!);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
    assert.match(await page.text(), /TEST MODE/);
    const paid = await pay(session, '4242424242424242');
    assert.equal(paid.body.redirect_url, `https://club.example/done?session=${session.id}`);
  });
});

describe('the Stripe stand-in looks objects up by their own ids only', () => {
  it('answers 404 resource_missing for ids named like Object.prototype members, as Stripe does', async () => {
    const standIn = new StripeStandIn();
    await standIn.listen();
    try {
      const stripe = new Stripe('sk_test_stand_in', { ...standIn.clientOptions(), maxNetworkRetries: 0 });
      for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        await assert.rejects(stripe.customers.retrieve(id), (error: { statusCode?: number; code?: string }) => error.statusCode === 404 && error.code === 'resource_missing', id);
        await assert.rejects(stripe.checkout.sessions.retrieve(id), (error: { statusCode?: number }) => error.statusCode === 404, id);
        await assert.rejects(stripe.paymentIntents.retrieve(id), (error: { statusCode?: number }) => error.statusCode === 404, id);
      }
    } finally {
      await standIn.close();
    }
  });
});
