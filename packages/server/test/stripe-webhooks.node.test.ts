// POST /v1/webhooks/stripe on the server, with the Stripe adapter talking to the stand-in service
// (as it would to Stripe's test mode): a paid signup completes by its webhook; the same event
// delivered twice, out of order, or after the widget's poll changes nothing more; a delivery with
// a wrong signature, an altered body or an old timestamp is refused and changes nothing; a
// checkout abandoned until it expires fails its signup. charge.refunded (a refund in Stripe's
// dashboard) changes the membership as a staff refund does, once per refund. On PGlite, and on
// PostgreSQL when one is given.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Clock, MembershipRecord } from '@memberkit/api';
import { openPgliteStorage, openPostgresStorage, type SqlStorage } from '../src/index.js';
import { pino } from 'pino';
import Stripe from 'stripe';
import { describePostgres, freshSchema } from './databases.js';
import { useStandInServer } from './stand-in-server.js';


function stripeWebhookSuite(openStorage: () => Promise<SqlStorage>) {
  let now = Date.now();
  const clock: Clock = {
    now: () => now,
    today: (timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now)),
  };
  const logLines: string[] = [];
  // The server's log, read by the tests (what a webhook's handling says, and what it must not).
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  const env = useStandInServer({ name: 'webhooks', clock, openStorage, logger });

  let count = 0;
  async function signup(extra: Record<string, unknown> = {}): Promise<{ id: string; secret: string; email: string }> {
    const email = `webhook-${++count}@example.org`;
    const response = await fetch(`${env.url}/v1/organizations/demo/signups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `webhooks-${count}-${now}` },
      body: JSON.stringify({ membership_type_id: 'monthly', member: { email, first_name: 'Web', last_name: 'Hook' }, fields: {}, ...extra }),
    });
    const body = (await response.json()) as { id: string; status: string; next_action: { client_secret: string } };
    assert.equal(body.status, 'awaiting_payment', JSON.stringify(body));
    return { id: body.id, secret: body.next_action.client_secret, email };
  }
  const pay = (secret: string, number = '4242424242424242') =>
    fetch(`${env.standIn.origin}/c/api/${secret}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number, exp_month: '12', exp_year: '40', cvc: '123' }),
    }).then((response) => response.status);
  /** The signup as stored (not through GET, which would settle it with Stripe itself). */
  const stored = (id: string) =>
    env.server.storage.transaction(async (tx) => {
      const row = (await tx.findOne('signups', { organization_id: 'demo', id }))!;
      const payments = await tx.find('payments', { organization_id: 'demo', signup_id: id });
      const [membership] = await tx.find('memberships', { organization_id: 'demo', id: row.membership_ids[0]! });
      return { status: row.status, payments: payments.length, membership: membership!.state };
    });
  const completedEventOf = (checkoutId: string) =>
    env.standIn.events('checkout.session.completed').find((event) => (event.data.object as { id: string }).id === checkoutId)!;
  const checkoutOf = async (id: string) => (await env.server.storage.transaction((tx) => tx.findOne('signups', { organization_id: 'demo', id })))!.checkout_id!;

  it('the webhook completes a paid signup by itself (no poll), and the payment is captured once', async () => {
    const { id, secret } = await signup();
    assert.equal(await pay(secret), 200);
    await env.standIn.settled();
    assert.deepEqual(await stored(id), { status: 'completed', payments: 1, membership: 'confirmed' });
    const response = await fetch(`${env.url}/v1/organizations/demo/signups/${id}`);
    assert.equal(((await response.json()) as { status: string }).status, 'completed', 'the widget’s poll sees it completed');
  });

  it('a declined card: payment_intent.payment_failed is acknowledged, the signup still awaits payment with its checkout open (the poll says so too); another card completes it', async () => {
    const { id, secret } = await signup();
    assert.equal(await pay(secret, '4000000000000002'), 402);
    await env.standIn.settled();
    const checkout = await checkoutOf(id);
    const [failed] = env.standIn.events('payment_intent.payment_failed').filter((event) => (event.data.object as { metadata: { signup_id?: string } }).metadata.signup_id === id);
    assert.ok(failed, 'Stripe told the server');
    assert.deepEqual(env.standIn.deliveries.filter((delivery) => delivery.event_id === failed.id).map((delivery) => delivery.status), [200]);
    assert.deepEqual(await stored(id), { status: 'awaiting_payment', payments: 0, membership: 'pending' });
    const polled = (await (await fetch(`${env.url}/v1/organizations/demo/signups/${id}`)).json()) as { status: string };
    assert.equal(polled.status, 'awaiting_payment');
    assert.equal(env.standIn.checkoutSession(checkout)!.status, 'open');
    assert.equal(await pay(secret), 200);
    await env.standIn.settled();
    assert.deepEqual(await stored(id), { status: 'completed', payments: 1, membership: 'confirmed' });
  });

  it('the same event delivered twice is applied once', async () => {
    const { id, secret } = await signup();
    await pay(secret);
    await env.standIn.settled();
    const event = completedEventOf(await checkoutOf(id));
    assert.equal(await env.standIn.resend(event.id), 200);
    assert.equal(await env.standIn.resend(event.id), 200);
    assert.deepEqual(await stored(id), { status: 'completed', payments: 1, membership: 'confirmed' });
  });

  it('events out of order, and a webhook after the poll completed the signup, change nothing more', async () => {
    const { id, secret } = await signup();
    env.standIn.holdWebhooks();
    await pay(secret);
    const poll = (await (await fetch(`${env.url}/v1/organizations/demo/signups/${id}`)).json()) as { status: string };
    assert.equal(poll.status, 'completed', 'the poll settles with Stripe before any webhook');
    await env.standIn.releaseWebhooks('reverse');
    await env.standIn.settled();
    const completed = completedEventOf(await checkoutOf(id));
    const deliveries = env.standIn.deliveries.filter((delivery) => delivery.event_id === completed.id);
    assert.deepEqual(deliveries.map((delivery) => delivery.status), [200]);
    assert.deepEqual(await stored(id), { status: 'completed', payments: 1, membership: 'confirmed' });
  });

  it('a wrong signature, an altered body and an old timestamp are refused, and change nothing', async () => {
    const { id, secret } = await signup();
    env.standIn.holdWebhooks();
    await pay(secret);
    const event = completedEventOf(await checkoutOf(id));
    assert.equal(await env.standIn.resend(event.id, { secret: 'whsec_someone_else' }), 400);
    assert.equal(await env.standIn.resend(event.id, { timestamp: Math.floor(now / 1000) - 600 }), 400, 'a delivery replayed 10 minutes later');
    const altered = await fetch(`${env.url}/v1/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${Math.floor(now / 1000)},v1=${'0'.repeat(64)}` },
      body: JSON.stringify(event),
    });
    assert.equal(altered.status, 400);
    assert.equal((await fetch(`${env.url}/v1/webhooks/stripe`, { method: 'POST', body: JSON.stringify(event) })).status, 400, 'no signature at all');
    assert.deepEqual(await stored(id), { status: 'awaiting_payment', payments: 0, membership: 'pending' });
    await env.standIn.releaseWebhooks();
    await env.standIn.settled();
    assert.deepEqual(await stored(id), { status: 'completed', payments: 1, membership: 'confirmed' }, 'the genuine delivery then completes it');
  });

  it('a checkout abandoned until it expires: checkout.session.expired fails the signup, and nothing was charged', async () => {
    const { id, secret } = await signup();
    await pay(secret, '4000000000000002');
    now += 25 * 3_600_000;
    try {
      assert.equal(env.standIn.expireDue() >= 1, true);
      await env.standIn.settled();
      const expired = env.standIn.events('checkout.session.expired').at(-1)!;
      assert.equal((expired.data.object as { id: string }).id, await checkoutOf(id));
      assert.deepEqual(await stored(id), { status: 'failed', payments: 0, membership: 'declined' });
      assert.equal(await pay(secret), 409, 'the expired session cannot be paid any more');
    } finally {
      now -= 25 * 3_600_000;
    }
  });

  it('a first term of 0 on the monthly plan: a setup-mode session saves the card, nothing is charged', async () => {
    const { id, secret } = await signup({ discount_code: 'SAVE10' });
    const session = env.standIn.checkoutSession(await checkoutOf(id))!;
    assert.deepEqual([session.mode, session.amount_total], ['setup', null]);
    assert.equal(await pay(secret), 200);
    await env.standIn.settled();
    assert.deepEqual(await stored(id), { status: 'completed', payments: 1, membership: 'confirmed' });
    const membership = await env.server.storage.transaction(async (tx) => {
      const row = (await tx.findOne('signups', { organization_id: 'demo', id }))!;
      return (await tx.findOne('memberships', { organization_id: 'demo', id: row.membership_ids[0]! }))!;
    });
    assert.match(membership.payment_method ?? '', /^pm_/);
    assert.equal(membership.payment_customer, session.customer);
    assert.equal(Object.values(env.standIn.snapshot().payment_intents).filter((intent) => intent.customer === session.customer).length, 0, 'no payment at all');
  });

  // ── refunds ───────────────────────────────────────────────────────────────────────────────

  /** A paid monthly membership: its id, its payment intent, and what was paid. */
  async function paidMembership(): Promise<{ membership: string; intent: string; paid: number }> {
    const { id, secret } = await signup();
    assert.equal(await pay(secret), 200);
    await env.standIn.settled();
    const membership = await env.server.storage.transaction(async (tx) => {
      const row = (await tx.findOne('signups', { organization_id: 'demo', id }))!;
      return (await tx.findOne('memberships', { organization_id: 'demo', id: row.membership_ids[0]! }))!;
    });
    assert.equal(membership.state, 'confirmed');
    const term = membership.terms.at(-1)!;
    assert.ok(term.amount_paid > 0 && term.payment_reference, 'a paid term');
    return { membership: membership.id, intent: term.payment_reference!, paid: term.amount_paid };
  }
  const membershipRow = (id: string) => env.server.storage.transaction(async (tx) => (await tx.findOne('memberships', { organization_id: 'demo', id }))!) as Promise<MembershipRecord>;
  const refundsOf = async (id: string) => (await membershipRow(id)).terms.at(-1)!.refunds ?? [];
  const refundedEvents = (intent: string) => env.standIn.events('charge.refunded').filter((event) => (event.data.object as { payment_intent: string }).payment_intent === intent);
  /** The organization's webhook events about `membership`, as queued for its endpoint. */
  const orgEvents = (membership: string) =>
    env.server.storage.transaction(async (tx) =>
      (await tx.find('webhook_deliveries', { organization_id: 'demo' }))
        .map((row) => JSON.parse(row.payload) as { type: string; data: { id: string; reason?: string } })
        .filter((event) => event.data.id === membership)
        .map((event) => [event.type, event.data.reason ?? null]),
    );
  const admin = { authorization: 'Bearer sk_test_sandbox', 'content-type': 'application/json' };

  before(async () => {
    // Subscribed to everything: what the organization is told is part of the outcome. Nothing
    // listens there; the queued deliveries are what the tests read.
    const response = await fetch(`${env.url}/v1/organizations/demo/webhook-endpoints`, {
      method: 'POST',
      headers: { ...admin, 'idempotency-key': `refund-endpoint-${now}` },
      body: JSON.stringify({ url: 'http://127.0.0.1:9/memberkit-events', events: ['*'] }),
    });
    assert.equal(response.status, 201, await response.text());
  });

  it('a full refund in Stripe’s dashboard ends the membership today, reason refunded, as a staff refund does', async () => {
    const { membership, intent, paid } = await paidMembership();
    const refund = env.standIn.refundInDashboard(intent);
    await env.standIn.settled();
    assert.deepEqual(env.standIn.deliveries.filter((delivery) => delivery.event_id === refundedEvents(intent)[0]!.id).map((delivery) => delivery.status), [200]);
    const row = await membershipRow(membership);
    // Today in the organization's own time zone (the demo's is New York), which is not UTC's
    // for five hours of every day.
    assert.deepEqual([row.state, row.auto_renew, row.terminated_on], ['terminated', false, clock.today('America/New_York')]);
    assert.deepEqual(
      row.terms.at(-1)!.refunds!.map((each) => [each.id, each.amount, each.reason]),
      [[refund.id, paid, 'requested_by_customer']],
      'recorded on the term the charge paid, under Stripe’s refund id',
    );
    assert.deepEqual(await orgEvents(membership), [
      ['membership.created', null],
      ['membership.terminated', 'refunded'],
    ]);
    const wire = (await (await fetch(`${env.url}/v1/organizations/demo/memberships/${membership}`, { headers: admin })).json()) as { status: string };
    assert.equal(wire.status, 'terminated');
  });

  it('a partial refund in the dashboard keeps the membership; a second one adds up, and the one giving back the rest ends it', async () => {
    const { membership, intent, paid } = await paidMembership();
    const first = env.standIn.refundInDashboard(intent, 100);
    await env.standIn.settled();
    assert.equal((await membershipRow(membership)).state, 'confirmed');
    assert.deepEqual((await refundsOf(membership)).map((each) => [each.id, each.amount]), [[first.id, 100]]);
    const second = env.standIn.refundInDashboard(intent, 200);
    await env.standIn.settled();
    assert.equal((await membershipRow(membership)).state, 'confirmed', 'still not all of it');
    assert.deepEqual((await refundsOf(membership)).map((each) => [each.id, each.amount]), [[first.id, 100], [second.id, 200]]);
    assert.deepEqual(await orgEvents(membership), [['membership.created', null]], 'nothing ended, nothing more to tell');
    const rest = env.standIn.refundInDashboard(intent);
    await env.standIn.settled();
    assert.deepEqual((await refundsOf(membership)).map((each) => [each.id, each.amount]), [[first.id, 100], [second.id, 200], [rest.id, paid - 300]]);
    assert.equal((await membershipRow(membership)).state, 'terminated');
  });

  it('late and out of order: the first charge.refunded delivered records every refund Stripe has, the later ones nothing more', async () => {
    const { membership, intent } = await paidMembership();
    env.standIn.holdWebhooks();
    const first = env.standIn.refundInDashboard(intent, 150);
    const second = env.standIn.refundInDashboard(intent, 250);
    await env.standIn.releaseWebhooks('reverse');
    await env.standIn.settled();
    assert.deepEqual((await refundsOf(membership)).map((each) => [each.id, each.amount]), [[first.id, 150], [second.id, 250]], 'oldest first, each once');
    assert.equal((await membershipRow(membership)).state, 'confirmed');
  });

  it('a staff refund through the admin API, then Stripe’s charge.refunded for it: recorded once', async () => {
    const { membership, intent, paid } = await paidMembership();
    const response = await fetch(`${env.url}/v1/organizations/demo/memberships/${membership}/refunds`, {
      method: 'POST',
      headers: { ...admin, 'idempotency-key': `staff-refund-${membership}` },
      body: JSON.stringify({ amount: 300, reason: 'Moved away' }),
    });
    assert.equal(response.status, 200, await response.text());
    await env.standIn.settled();
    const [event] = refundedEvents(intent);
    assert.ok(event, 'Stripe told the server of the refund the API made');
    assert.equal(await env.standIn.resend(event.id), 200, 'and tells it again');
    const refunds = await refundsOf(membership);
    assert.equal(refunds.length, 1);
    assert.deepEqual([refunds[0]!.amount, refunds[0]!.reason], [300, 'Moved away']);
    assert.equal(refunds[0]!.id, Object.values(env.standIn.snapshot().refunds).find((refund) => refund.payment_intent === intent)!.id, 'under Stripe’s refund id');
    // The rest, refunded in the dashboard: added to the staff refund, which ends the membership.
    env.standIn.refundInDashboard(intent);
    await env.standIn.settled();
    assert.deepEqual((await refundsOf(membership)).map((each) => each.amount), [300, paid - 300]);
    assert.equal((await membershipRow(membership)).state, 'terminated');
  });

  it('a staff refund with keep_access whose charge.refunded is recorded first still keeps the access (staff’s choice travels with the refund)', async () => {
    const { membership, intent, paid } = await paidMembership();
    // What a staff transaction that failed after Stripe refunded leaves: a refund at Stripe made
    // by the adapter, not recorded on the term.
    const refund = await env.server.stripe.stripe!.refund({ organization_id: 'demo', membership_id: membership, reference: intent, amount: paid, idempotency_key: `refund:${membership}:test:1`, keep_access: true, reason: 'Goodwill' });
    await env.standIn.settled();
    const row = await membershipRow(membership);
    assert.deepEqual(row.terms.at(-1)!.refunds!.map((each) => [each.id, each.amount, each.reason]), [[refund.id, paid, 'Goodwill']]);
    assert.equal(row.state, 'confirmed', 'keep_access: the membership runs on');
  });

  it('charge.refunded delivered twice is processed once', async () => {
    const { membership, intent } = await paidMembership();
    env.standIn.refundInDashboard(intent, 100);
    await env.standIn.settled();
    const [event] = refundedEvents(intent);
    assert.equal(await env.standIn.resend(event!.id), 200);
    assert.equal(await env.standIn.resend(event!.id), 200);
    assert.deepEqual((await refundsOf(membership)).map((each) => each.amount), [100]);
    const processed = await env.server.storage.db.selectFrom('server_stripe_events').select('id').where('id', '=', event!.id).execute();
    assert.equal(processed.length, 1);
  });

  it('charge.refunded for a payment the server never made (another integration on the account, an organization it does not have): acknowledged, nothing changes, logged without secrets', async () => {
    const stripe = new Stripe('sk_test_webhooks', { ...env.standIn.clientOptions(), maxNetworkRetries: 0 });
    const everything = () =>
      env.server.storage.transaction(async (tx) => ({
        memberships: await tx.find('memberships', { organization_id: 'demo' }),
        payments: await tx.find('payments', { organization_id: 'demo' }),
        told: (await tx.find('webhook_deliveries', { organization_id: 'demo' })).length,
        outbox: (await tx.find('outbox', { organization_id: 'demo' })).length,
      }));
    const before = await everything();
    for (const metadata of [{}, { organization_id: 'demo' }, { organization_id: 'org_not_here' }]) {
      const session = await stripe.checkout.sessions.create({
        mode: 'payment',
        ui_mode: 'embedded_page',
        redirect_on_completion: 'never',
        line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Not ours' } } }],
        payment_intent_data: { metadata },
        metadata,
      } as Stripe.Checkout.SessionCreateParams);
      assert.equal(await pay(session.client_secret!), 200);
      await env.standIn.settled();
      const intent = env.standIn.checkoutSession(session.id)!.payment_intent!;
      env.standIn.refundInDashboard(intent, 1000);
      await env.standIn.settled();
      const [event] = refundedEvents(intent);
      assert.deepEqual(env.standIn.deliveries.filter((delivery) => delivery.event_id === event!.id).map((delivery) => delivery.status), [200], JSON.stringify(metadata));
      const logged = logLines.map((line) => JSON.parse(line) as { event_id?: string; outcome?: string }).filter((line) => line.event_id === event!.id);
      assert.deepEqual(logged.map((line) => line.outcome), ['not_ours'], 'logged as not ours, once');
      const line = logLines.find((each) => each.includes(event!.id))!;
      for (const secret of [env.webhookSecret, 'sk_test_webhooks', session.client_secret!, 'stripe-signature', 'v1=']) assert.ok(!line.includes(secret), `the log line holds no ${secret}`);
      assert.equal(await env.standIn.resend(event!.id), 200, 'a duplicate too');
    }
    assert.deepEqual(await everything(), before, 'no membership, payment, message or event changed');
  });

  it('an organization with its own Stripe account (Connect, set in its settings): its members’ payments go to it; cleared, back to the platform’s', async () => {
    const settings = (payment_account: string | null) =>
      fetch(`${env.url}/v1/organizations/demo/settings`, { method: 'POST', headers: { ...admin, 'idempotency-key': `account-${payment_account}-${++count}` }, body: JSON.stringify({ payment_account }) });
    assert.equal((await settings('acct_1ConnectedDemo')).status, 200);
    try {
      const { membership, intent } = await paidMembership();
      assert.deepEqual(env.standIn.snapshot().payment_intents[intent]!.transfer_data, { destination: 'acct_1ConnectedDemo' }, 'a destination charge to the organization’s account');
      const refunded = await fetch(`${env.url}/v1/organizations/demo/memberships/${membership}/refunds`, {
        method: 'POST',
        headers: { ...admin, 'idempotency-key': `connect-refund-${membership}` },
        body: JSON.stringify({ amount: 100 }),
      });
      assert.equal(refunded.status, 200, await refunded.clone().text());
      assert.deepEqual(Object.values(env.standIn.snapshot().refunds).filter((each) => each.payment_intent === intent).map((each) => each.amount), [100]);
    } finally {
      assert.equal((await settings(null)).status, 200);
    }
    const { intent } = await paidMembership();
    assert.equal(env.standIn.snapshot().payment_intents[intent]!.transfer_data, null, 'back on the platform’s account');
  });

  // ── disputes ──────────────────────────────────────────────────────────────────────────────

  it('charge.dispute.created: recorded on the term, the disputed card never charged again, the membership runs on, the organization told; once', async () => {
    const { membership, intent, paid } = await paidMembership();
    const before = await membershipRow(membership);
    assert.deepEqual([before.auto_renew, before.payment_method !== null], [true, true], 'a membership that would renew on the saved card');
    const charge = env.standIn.snapshot().payment_intents[intent]!.latest_charge!;
    env.standIn.dispute(charge, 'fraudulent');
    await env.standIn.settled();
    const [event] = env.standIn.events('charge.dispute.created').filter((each) => (each.data.object as { charge: string }).charge === charge);
    assert.deepEqual(env.standIn.deliveries.filter((delivery) => delivery.event_id === event!.id).map((delivery) => delivery.status), [200]);
    const dispute = event!.data.object as { id: string };
    const row = await membershipRow(membership);
    assert.deepEqual([row.state, row.auto_renew, row.payment_method], ['confirmed', false, null]);
    assert.deepEqual(row.terms.at(-1)!.disputes!.map((each) => [each.id, each.amount, each.reason, each.status]), [[dispute.id, paid, 'fraudulent', 'needs_response']]);
    assert.equal(row.terms.at(-1)!.refunds, undefined, 'a dispute is not a refund');
    const wire = (await (await fetch(`${env.url}/v1/organizations/demo/memberships/${membership}`, { headers: admin })).json()) as {
      status: string;
      auto_renew: boolean;
      renewal: { next_attempt_on: string | null; has_payment_method: boolean };
      terms: { disputes?: { id: string; amount: number; reason: string; status: string; funds_withdrawn: boolean; result: string | null; closed_at: string | null }[] }[];
    };
    assert.deepEqual([wire.status, wire.auto_renew, wire.renewal.next_attempt_on, wire.renewal.has_payment_method], ['active', false, null, false], 'no renewal charge is planned');
    assert.deepEqual(
      wire.terms.at(-1)!.disputes!.map((each) => [each.id, each.amount, each.reason, each.status, each.funds_withdrawn, each.result, each.closed_at]),
      [[dispute.id, paid, 'fraudulent', 'needs_response', true, null, null]],
      'staff see it in the admin answer',
    );
    const told = await env.server.storage.transaction(async (tx) =>
      (await tx.find('webhook_deliveries', { organization_id: 'demo', type: 'membership.disputed' }))
        .map((row) => JSON.parse(row.payload) as { data: { id: string; auto_renew: boolean; dispute: { id: string; amount: number; reason: string; funds_withdrawn: boolean } } })
        .filter((payload) => payload.data.id === membership),
    );
    assert.deepEqual(told.map((payload) => [payload.data.auto_renew, payload.data.dispute.id, payload.data.dispute.amount, payload.data.dispute.reason, payload.data.dispute.funds_withdrawn]), [[false, dispute.id, paid, 'fraudulent', true]]);
    assert.equal(await env.standIn.resend(event!.id), 200);
    await env.server.storage.db.deleteFrom('server_stripe_events').where('id', '=', event!.id).execute();
    assert.equal(await env.standIn.resend(event!.id), 200, 'even once forgotten by the event log, the dispute id is recorded');
    assert.equal((await membershipRow(membership)).terms.at(-1)!.disputes!.length, 1);
    assert.equal((await env.server.storage.transaction((tx) => tx.find('webhook_deliveries', { organization_id: 'demo', type: 'membership.disputed' }))).filter((row) => row.payload.includes(membership)).length, 1, 'told once');
  });

  /** What the organization was told of `membership`'s disputes: [type, dispute id, result]. */
  const disputeEvents = (membership: string) =>
    env.server.storage.transaction(async (tx) =>
      (await tx.find('webhook_deliveries', { organization_id: 'demo', type: ['membership.disputed', 'membership.dispute_closed'] }))
        .map((row) => JSON.parse(row.payload) as { type: string; data: { id: string; dispute: { id: string; result?: string; status?: string } } })
        .filter((payload) => payload.data.id === membership)
        .map((payload) => [payload.type, payload.data.dispute.id, payload.data.dispute.result ?? null]),
    );

  it('charge.dispute.closed, lost: the result recorded on the term, the membership runs on without its card, the organization told once', async () => {
    const { membership, intent } = await paidMembership();
    const charge = env.standIn.snapshot().payment_intents[intent]!.latest_charge!;
    env.standIn.dispute(charge);
    await env.standIn.settled();
    const dispute = env.standIn.events('charge.dispute.created').find((each) => (each.data.object as { charge: string }).charge === charge)!.data.object as { id: string };
    env.standIn.closeDispute(dispute.id, 'lost');
    await env.standIn.settled();
    const [closed] = env.standIn.events('charge.dispute.closed').filter((each) => (each.data.object as { id: string }).id === dispute.id);
    assert.deepEqual(env.standIn.deliveries.filter((delivery) => delivery.event_id === closed!.id).map((delivery) => delivery.status), [200]);
    const row = await membershipRow(membership);
    const [entry] = row.terms.at(-1)!.disputes!;
    assert.deepEqual([entry!.id, entry!.status, typeof entry!.closed_at], [dispute.id, 'lost', 'string']);
    const wire = (await (await fetch(`${env.url}/v1/organizations/demo/memberships/${membership}`, { headers: admin })).json()) as { terms: { disputes: { result: string | null; closed_at: string | null }[] }[] };
    assert.deepEqual(wire.terms.at(-1)!.disputes.map((each) => [each.result, each.closed_at]), [['lost', entry!.closed_at]], 'staff see it lost');
    assert.deepEqual([row.state, row.auto_renew, row.payment_method], ['confirmed', false, null]);
    assert.deepEqual(await disputeEvents(membership), [
      ['membership.disputed', dispute.id, null],
      ['membership.dispute_closed', dispute.id, 'lost'],
    ]);
    assert.equal(await env.standIn.resend(closed!.id), 200);
    await env.server.storage.db.deleteFrom('server_stripe_events').where('id', '=', closed!.id).execute();
    assert.equal(await env.standIn.resend(closed!.id), 200, 'even once forgotten by the event log, closed once');
    assert.equal((await disputeEvents(membership)).length, 2, 'told once of each');
  });

  it('a dispute opened and won before either event arrives, delivered out of order: recorded, closed won, each told once', async () => {
    const { membership, intent } = await paidMembership();
    const charge = env.standIn.snapshot().payment_intents[intent]!.latest_charge!;
    env.standIn.holdWebhooks();
    env.standIn.dispute(charge, 'product_not_received');
    const dispute = env.standIn.events('charge.dispute.created').find((each) => (each.data.object as { charge: string }).charge === charge)!.data.object as { id: string };
    env.standIn.closeDispute(dispute.id, 'won');
    await env.standIn.releaseWebhooks('reverse');
    await env.standIn.settled();
    const row = await membershipRow(membership);
    assert.deepEqual(row.terms.at(-1)!.disputes!.map((each) => [each.id, each.reason, each.status]), [[dispute.id, 'product_not_received', 'won']]);
    assert.deepEqual([row.state, row.auto_renew, row.payment_method], ['confirmed', false, null], 'won: the card is still not charged again');
    assert.deepEqual(await disputeEvents(membership), [
      ['membership.disputed', dispute.id, null],
      ['membership.dispute_closed', dispute.id, 'won'],
    ]);
  });
}

describe('Stripe webhooks on the server, on PGlite', () => stripeWebhookSuite(() => openPgliteStorage()));
describePostgres('Stripe webhooks on the server, on PostgreSQL', (url) => stripeWebhookSuite(() => openPostgresStorage({ url, schema: freshSchema(), poolSize: 4 })));
