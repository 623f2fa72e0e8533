// The Stripe stand-in: an HTTP service that speaks the part of Stripe's REST API the server's
// Stripe adapter uses (customers, Checkout Sessions in payment and setup mode, PaymentIntents on
// and off session with manual or automatic capture, refunds, Billing Portal sessions), with
// Stripe's form-encoded requests, object and error shapes and idempotency keys, and sends
// webhooks signed as Stripe signs them. The official `stripe` package reaches it through its
// `host`, `port` and `protocol` options, so the adapter runs the same code against it as against
// Stripe's test mode. The member's side (the checkout page, hosted or framed in the widget, and a
// renewal's authentication page) is pages.ts. Card rules are @memberkit/api's test cards.
//
// Used by `memberkit-server --demo` when no STRIPE_SECRET_KEY is set, and by the tests.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { authenticationFailure, checkTestCard, offSessionOutcome, systemClock, testCards, type CardDecline, type Clock, type OffSessionOutcome, type TestCard } from '@memberkit/api';
import { Hono, type Context } from 'hono';
import Stripe from 'stripe';
import { decodeForm, form, type FormObject } from './form-body.js';
import {
  emptyState,
  type StandInCharge,
  type StandInCheckoutSession,
  type StandInCustomer,
  type StandInEvent,
  type StandInPaymentIntent,
  type StandInPaymentMethod,
  type StandInRefund,
  type StandInSetupIntent,
  type StandInState,
  type StripeErrorBody,
} from './objects.js';
import { memberPages } from './pages.js';

export interface WebhookEndpoint {
  url: string;
  /** The endpoint's signing secret (`whsec_…`). */
  secret: string;
}

/** One attempt at delivering an event to an endpoint. */
export interface WebhookDelivery {
  event_id: string;
  type: string;
  url: string;
  attempt: number;
  /** The endpoint's HTTP status, or 0 when it could not be reached. */
  status: number;
  at: number;
}

export interface StripeStandInOptions {
  clock?: Clock;
  /** Where events are sent (more can be added with `addWebhookEndpoint`). */
  webhookEndpoints?: WebhookEndpoint[];
  /** Keep the objects in this JSON file (the demo's), read back at start. */
  dataFile?: string;
  /** Seconds between automatic sweeps of expired sessions (0: only on reads and `expireDue()`). */
  sweepSeconds?: number;
  /** Waits before retrying a failed delivery, in ms (Stripe: hours, for three days). */
  retryDelays?: number[];
}

export class StripeError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

const apiVersion = '2026-10-28.endive';
const id = (prefix: string, bytes = 12) => `${prefix}_${randomBytes(bytes).toString('hex')}`;
const brandOf = (number: string) =>
  number.startsWith('4') ? 'visa' : number.startsWith('5') ? 'mastercard' : number.startsWith('34') || number.startsWith('37') ? 'amex' : 'unknown';
const missing = (kind: string, value: string, param = 'id') =>
  new StripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${kind}: '${value}'` });
const invalid = (message: string, param?: string, code = 'parameter_invalid_empty') =>
  new StripeError(400, { type: 'invalid_request_error', code, message, ...(param && { param }) });

export class StripeStandIn {
  readonly clock: Clock;
  #state: StandInState = emptyState();
  readonly #endpoints: WebhookEndpoint[];
  readonly #dataFile: string | null;
  readonly #retryDelays: number[];
  readonly deliveries: WebhookDelivery[] = [];
  #held = false;
  readonly #beforeAnswering = new Map<string, () => Promise<void>>();
  readonly #queue: { event: StandInEvent; endpoint: WebhookEndpoint; attempt: number }[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  #timers = new Set<NodeJS.Timeout>();
  #http: ReturnType<typeof createAdaptorServer> | null = null;
  #sweep: NodeJS.Timeout | null = null;
  #saving: NodeJS.Timeout | null = null;
  /** This service's origin (http://127.0.0.1:port) once listening. */
  origin = '';
  readonly app: Hono;

  constructor(options: StripeStandInOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.#endpoints = [...(options.webhookEndpoints ?? [])];
    this.#dataFile = options.dataFile ?? null;
    this.#retryDelays = options.retryDelays ?? [1_000, 5_000, 30_000, 120_000, 600_000];
    if (this.#dataFile) {
      try {
        this.#state = emptyState(JSON.parse(readFileSync(this.#dataFile, 'utf8')) as Partial<StandInState>);
      } catch {
        // No file yet (or an unreadable one): start empty.
      }
    }
    this.app = this.#routes();
    const sweep = options.sweepSeconds ?? 0;
    if (sweep > 0) {
      this.#sweep = setInterval(() => this.expireDue(), sweep * 1000);
      this.#sweep.unref();
    }
  }

  /** Starts listening (default: a free port on 127.0.0.1); resolves with the origin. */
  listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const http = createAdaptorServer({ fetch: this.app.fetch });
    this.#http = http;
    return new Promise((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, host, () => {
        const address = http.address() as AddressInfo;
        this.origin = `http://${host}:${address.port}`;
        resolve(this.origin);
      });
    });
  }

  /** The `stripe` package's options that reach this service. */
  clientOptions(): { host: string; port: number; protocol: 'http' } {
    const url = new URL(this.origin);
    return { host: url.hostname, port: Number(url.port), protocol: 'http' };
  }

  async close(): Promise<void> {
    if (this.#sweep) clearInterval(this.#sweep);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#flushSave();
    await Promise.allSettled([...this.#inFlight]);
    const http = this.#http;
    if (http?.listening) {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        (http as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    }
  }

  // ── webhooks ────────────────────────────────────────────────────────────────────────────────

  addWebhookEndpoint(endpoint: WebhookEndpoint): void {
    this.#endpoints.push(endpoint);
  }

  /**
   * Once the next `route` request (`POST /v1/refunds`) is done and its idempotency key kept,
   * awaits `action` before answering it: where a test kills the server that asked, so Stripe's
   * work is done and its answer reaches nobody (a crash between Stripe's success and the commit).
   */
  beforeAnswering(route: string, action: () => Promise<void>): void {
    this.#beforeAnswering.set(route, action);
  }

  /** Holds every delivery until `releaseWebhooks()` (a late webhook; a server that is down). */
  holdWebhooks(): void {
    this.#held = true;
  }

  /** Sends the held deliveries, in `order` (default: as they happened; 'reverse': out of order). */
  async releaseWebhooks(order: 'in_order' | 'reverse' = 'in_order'): Promise<void> {
    this.#held = false;
    const queued = this.#queue.splice(0);
    if (order === 'reverse') queued.reverse();
    for (const item of queued) await this.#deliver(item.event, item.endpoint, item.attempt);
  }

  /** Waits for deliveries in flight (not the retries scheduled later). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Events sent so far, oldest first (`type` filters). */
  events(type?: string): StandInEvent[] {
    return Object.values(this.#state.events)
      .filter((event) => !type || event.type === type)
      .sort((a, b) => a.created - b.created);
  }

  /**
   * Sends `eventId` again now, as Stripe's "resend" (or its retry) does: signed afresh, or with
   * `timestamp` (epoch seconds: a replayed delivery) or another `secret` (a forged one).
   * Answers the endpoint's status.
   */
  async resend(eventId: string, options: { timestamp?: number; secret?: string; endpoint?: number } = {}): Promise<number> {
    const event = this.#state.events[eventId];
    if (!event) throw new Error(`No event ${eventId}`);
    const endpoint = this.#endpoints[options.endpoint ?? 0];
    if (!endpoint) throw new Error('No webhook endpoint');
    const payload = JSON.stringify(event, null, 2);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? endpoint.secret,
      ...(options.timestamp !== undefined && { timestamp: options.timestamp }),
    });
    return this.#post(endpoint.url, payload, header);
  }

  #emit(type: string, object: unknown, previous?: Record<string, unknown>): StandInEvent {
    const event: StandInEvent = {
      id: id('evt', 12),
      object: 'event',
      api_version: apiVersion,
      created: this.#seconds(),
      type,
      data: { object: stripInternal(structuredClone(object)), ...(previous && { previous_attributes: previous }) },
      livemode: false,
      pending_webhooks: this.#endpoints.length,
      request: { id: null, idempotency_key: null },
    };
    this.#state.events[event.id] = event;
    for (const endpoint of this.#endpoints) {
      if (this.#held) this.#queue.push({ event, endpoint, attempt: 1 });
      else this.#track(this.#deliver(event, endpoint, 1));
    }
    return event;
  }

  #track(work: Promise<void>): void {
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }

  async #deliver(event: StandInEvent, endpoint: WebhookEndpoint, attempt: number): Promise<void> {
    // After the caller's answer, as Stripe delivers: never inside the request that caused it.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.#held) {
      this.#queue.push({ event, endpoint, attempt });
      return;
    }
    const payload = JSON.stringify(event, null, 2);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: endpoint.secret, timestamp: this.#seconds() });
    const status = await this.#post(endpoint.url, payload, header);
    this.deliveries.push({ event_id: event.id, type: event.type, url: endpoint.url, attempt, status, at: this.clock.now() });
    if (status >= 200 && status < 300) return;
    const delay = this.#retryDelays[attempt - 1];
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#track(this.#deliver(event, endpoint, attempt + 1));
    }, delay);
    timer.unref();
    this.#timers.add(timer);
  }

  async #post(url: string, payload: string, signature: string): Promise<number> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': signature, 'User-Agent': 'Stripe/1.0 (+stand-in)' },
        body: payload,
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  }

  // ── time ───────────────────────────────────────────────────────────────────────────────────

  #seconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  /** Closes open sessions past their `expires_at` (sending checkout.session.expired), as Stripe does. */
  expireDue(): number {
    let expired = 0;
    for (const session of Object.values(this.#state.checkout_sessions)) {
      if (session.status === 'open' && session.expires_at <= this.#seconds()) {
        this.#expireSession(session);
        expired++;
      }
    }
    return expired;
  }

  #expireSession(session: StandInCheckoutSession): void {
    session.status = 'expired';
    session.client_secret = null;
    session.url = null;
    const intent = session.payment_intent ? this.#state.payment_intents[session.payment_intent] : undefined;
    if (intent && intent.status !== 'succeeded' && intent.status !== 'requires_capture') intent.status = 'canceled';
    this.#changed();
    this.#emit('checkout.session.expired', session);
  }

  // ── objects ────────────────────────────────────────────────────────────────────────────────

  /** The session a member's page addresses (its client secret), or undefined. */
  sessionBySecret(secret: string): StandInCheckoutSession | undefined {
    const session = Object.values(this.#state.checkout_sessions).find((entry) => entry.stand_in && this.#pageKey(entry) === secret);
    if (session?.status === 'open' && session.expires_at <= this.#seconds()) this.#expireSession(session);
    return session;
  }

  /** The key in a session's page URL: its client secret (kept after it closes, for its page). */
  #pageKey(session: StandInCheckoutSession): string {
    return `${session.id}_secret_${createHash('sha256').update(session.id).digest('hex').slice(0, 24)}`;
  }

  paymentIntentBySecret(secret: string): StandInPaymentIntent | undefined {
    return Object.values(this.#state.payment_intents).find((intent) => intent.client_secret === secret);
  }

  checkoutSession(sessionId: string): StandInCheckoutSession | undefined {
    return this.#state.checkout_sessions[sessionId];
  }

  paymentIntent(intentId: string): StandInPaymentIntent | undefined {
    return this.#state.payment_intents[intentId];
  }

  charge(chargeId: string): StandInCharge | undefined {
    return this.#state.charges[chargeId];
  }

  customers(): StandInCustomer[] {
    return Object.values(this.#state.customers);
  }

  /** A copy of every object (JSON). */
  snapshot(): StandInState {
    return structuredClone(this.#state);
  }

  #changed(): void {
    if (!this.#dataFile || this.#saving) return;
    this.#saving = setTimeout(() => this.#flushSave(), 50);
    this.#saving.unref();
  }

  #flushSave(): void {
    if (this.#saving) clearTimeout(this.#saving);
    this.#saving = null;
    if (!this.#dataFile) return;
    mkdirSync(dirname(this.#dataFile), { recursive: true });
    const temporary = `${this.#dataFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.#state));
    renameSync(temporary, this.#dataFile);
  }

  // ── the member's side: pages.ts calls these ───────────────────────────────────────────────

  /**
   * The member pays the session with a test card (or saves it, in setup mode): a refused card is
   * answered with its decline (the session stays open, payment_intent.payment_failed is sent); a
   * card whose bank asks for authentication (4000 0025 0000 3155) leaves the intent (or setup
   * intent) in requires_action for the page's challenge (`authenticateSession`); a good one
   * completes the session (authorized or captured as the session asked) and sends
   * checkout.session.completed. A session that is not open answers its state.
   */
  confirmSession(session: StandInCheckoutSession, card: TestCard): { decline: CardDecline | null; requires_action?: true } {
    if (session.status !== 'open') return { decline: null };
    const checked = checkTestCard(card, this.clock.today('UTC'));
    session.stand_in.authenticating = null;
    if ('decline_code' in checked) {
      session.stand_in.declines += 1;
      if (session.mode === 'payment') {
        const intent = this.#sessionIntent(session);
        intent.status = 'requires_payment_method';
        intent.next_action = null;
        intent.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: checked.decline_code, message: checked.message };
        this.#emit('payment_intent.payment_failed', intent);
      }
      this.#changed();
      return { decline: checked };
    }
    const method: StandInPaymentMethod = {
      id: id('pm', 12),
      object: 'payment_method',
      type: 'card',
      created: this.#seconds(),
      customer: null,
      card: { brand: brandOf(checked.number), last4: checked.last4, exp_month: Number(card.exp_month) || 12, exp_year: Number(card.exp_year) || 2034, funding: 'credit' },
      test_card_number: checked.number,
      livemode: false,
    };
    this.#state.payment_methods[method.id] = method;
    if (checked.behaviour.on_session === 'requires_action') {
      // Stripe: the confirmation needs 3D Secure; Checkout shows the bank's challenge in its page.
      session.stand_in.authenticating = method.id;
      if (session.mode === 'payment') {
        const intent = this.#sessionIntent(session);
        intent.status = 'requires_action';
        intent.payment_method = method.id;
        intent.last_payment_error = null;
        intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } };
        this.#emit('payment_intent.requires_action', intent);
      } else {
        const setup = this.#sessionSetupIntent(session);
        setup.status = 'requires_action';
        setup.payment_method = method.id;
        setup.last_setup_error = null;
        this.#emit('setup_intent.requires_action', setup);
      }
      this.#changed();
      return { decline: null, requires_action: true };
    }
    this.#completeSession(session, method);
    return { decline: null };
  }

  /**
   * The member answers the checkout's authentication challenge: completed, the session completes
   * with the card as a good card's does; failed (or nothing waiting), the intent goes back to
   * requires_payment_method with Stripe's `payment_intent_authentication_failure` (a setup
   * intent: `setup_intent_authentication_failure`), payment_intent.payment_failed (or
   * setup_intent.setup_failed) is sent, and the session stays open for another card.
   */
  authenticateSession(session: StandInCheckoutSession, outcome: 'succeed' | 'fail'): { decline: CardDecline | null } {
    if (session.status !== 'open') return { decline: null };
    const methodId = session.stand_in.authenticating ?? null;
    const method = methodId ? this.#state.payment_methods[methodId] : undefined;
    session.stand_in.authenticating = null;
    if (outcome === 'succeed' && method) {
      this.#completeSession(session, method);
      return { decline: null };
    }
    session.stand_in.declines += 1;
    if (session.mode === 'payment') {
      const intent = this.#sessionIntent(session);
      intent.status = 'requires_payment_method';
      intent.next_action = null;
      intent.last_payment_error = {
        type: 'invalid_request_error',
        code: authenticationFailure.code,
        message: 'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      };
      this.#emit('payment_intent.payment_failed', intent);
    } else {
      const setup = this.#sessionSetupIntent(session);
      setup.status = 'requires_payment_method';
      setup.last_setup_error = {
        type: 'invalid_request_error',
        code: 'setup_intent_authentication_failure',
        message: 'The latest attempt to set up the payment method has failed because authentication failed.',
      };
      this.#emit('setup_intent.setup_failed', setup);
    }
    this.#changed();
    return { decline: { decline_code: authenticationFailure.code, message: authenticationFailure.message, field: 'number' } };
  }

  #completeSession(session: StandInCheckoutSession, method: StandInPaymentMethod): void {
    const customer = session.customer;
    const saves = session.mode === 'setup' || session.stand_in.setup_future_usage !== null;
    if (saves && customer) {
      method.customer = customer;
      this.#emit('payment_method.attached', method);
    }
    if (session.mode === 'setup') {
      const setup = this.#sessionSetupIntent(session);
      setup.payment_method = method.id;
      setup.status = 'succeeded';
      setup.last_setup_error = null;
      session.payment_status = 'no_payment_required';
      this.#emit('setup_intent.succeeded', setup);
    } else {
      const intent = this.#sessionIntent(session);
      intent.payment_method = method.id;
      intent.last_payment_error = null;
      intent.next_action = null;
      this.#charge(intent, method, session.stand_in.capture_method === 'manual');
      session.payment_status = intent.status === 'succeeded' ? 'paid' : 'unpaid';
    }
    session.status = 'complete';
    this.#changed();
    this.#emit('checkout.session.completed', session);
  }

  /** The setup-mode session's SetupIntent, made when the member first gives a card. */
  #sessionSetupIntent(session: StandInCheckoutSession): StandInSetupIntent {
    const known = session.setup_intent ? this.#state.setup_intents[session.setup_intent] : undefined;
    if (known) return known;
    const setupId = id('seti', 12);
    const setup: StandInSetupIntent = {
      id: setupId,
      object: 'setup_intent',
      created: this.#seconds(),
      client_secret: `${setupId}_secret_${randomBytes(12).toString('hex')}`,
      customer: session.customer,
      payment_method: null,
      status: 'requires_payment_method',
      usage: 'off_session',
      metadata: session.stand_in.setup_intent_metadata,
      last_setup_error: null,
      livemode: false,
    };
    this.#state.setup_intents[setup.id] = setup;
    session.setup_intent = setup.id;
    return setup;
  }

  /**
   * A renewal's authentication page: the member authenticates (`succeed`) and the charge is
   * captured, or the bank refuses it (`fail`). Answers the intent.
   */
  authenticate(intent: StandInPaymentIntent, outcome: 'succeed' | 'fail'): StandInPaymentIntent {
    if (intent.status !== 'requires_action') return intent;
    const method = intent.payment_method ? this.#state.payment_methods[intent.payment_method] : undefined;
    const after = method ? offSessionOutcome(method.test_card_number) : null;
    const refused = after?.outcome === 'requires_action' && after.then.outcome === 'declined';
    if (outcome === 'fail' || !method || refused) {
      intent.status = 'requires_payment_method';
      intent.next_action = null;
      intent.last_payment_error = {
        type: 'card_error',
        code: 'payment_intent_authentication_failure',
        message: 'The provided PaymentMethod has failed authentication.',
      };
      this.#emit('payment_intent.payment_failed', intent);
    } else {
      intent.next_action = null;
      intent.last_payment_error = null;
      this.#charge(intent, method, intent.capture_method === 'manual');
    }
    this.#changed();
    return intent;
  }

  /**
   * Staff refund a payment in Stripe's dashboard: `amount` (default: all that is left) of the
   * intent's charge given back, as POST /v1/refunds does (refund.created, charge.refunded).
   */
  refundInDashboard(intentId: string, amount?: number, reason = 'requested_by_customer'): StandInRefund {
    return this.#refund({ payment_intent: intentId, ...(amount !== undefined && { amount: String(amount) }), reason });
  }

  /**
   * The dispute ends (the bank's decision, after the evidence given in Stripe's dashboard):
   * status `won` or `lost`, then charge.dispute.closed.
   */
  closeDispute(disputeId: string, result: 'won' | 'lost'): void {
    const dispute = this.#state.disputes[disputeId];
    if (!dispute) throw new Error(`No dispute ${disputeId}`);
    const previous = { status: dispute.status };
    dispute.status = result;
    this.#changed();
    this.#emit('charge.dispute.closed', dispute, previous);
  }

  /** A cardholder disputes a charge (Stripe's dashboard, or its dispute test cards): charge.dispute.created. */
  dispute(chargeId: string, reason = 'fraudulent'): void {
    const charge = this.#state.charges[chargeId];
    if (!charge) throw new Error(`No charge ${chargeId}`);
    charge.disputed = true;
    const dispute = {
      id: id('dp', 12),
      object: 'dispute' as const,
      created: this.#seconds(),
      amount: charge.amount_captured - charge.amount_refunded,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      reason,
      status: 'needs_response' as const,
      livemode: false as const,
    };
    this.#state.disputes[dispute.id] = dispute;
    this.#changed();
    this.#emit('charge.dispute.created', dispute);
  }

  /** Saves a new card as the customer's default (a Billing Portal page's update). */
  updateCustomerCard(customerId: string, card: TestCard): CardDecline | null {
    const customer = this.#state.customers[customerId];
    if (!customer) throw new Error(`No customer ${customerId}`);
    const checked = checkTestCard(card, this.clock.today('UTC'));
    if ('decline_code' in checked) return checked;
    const method: StandInPaymentMethod = {
      id: id('pm', 12),
      object: 'payment_method',
      type: 'card',
      created: this.#seconds(),
      customer: customer.id,
      card: { brand: brandOf(checked.number), last4: checked.last4, exp_month: Number(card.exp_month) || 12, exp_year: Number(card.exp_year) || 2034, funding: 'credit' },
      test_card_number: checked.number,
      livemode: false,
    };
    this.#state.payment_methods[method.id] = method;
    const previous = customer.invoice_settings.default_payment_method;
    customer.invoice_settings = { default_payment_method: method.id };
    this.#emit('payment_method.attached', method);
    this.#emit('customer.updated', customer, { invoice_settings: { default_payment_method: previous } });
    this.#changed();
    return null;
  }

  billingPortalSession(sessionId: string) {
    return this.#state.billing_portal_sessions[sessionId];
  }

  #sessionIntent(session: StandInCheckoutSession): StandInPaymentIntent {
    if (session.payment_intent) return this.#state.payment_intents[session.payment_intent]!;
    const intent = this.#newIntent({
      amount: session.amount_total ?? 0,
      currency: session.currency ?? 'usd',
      customer: session.customer,
      capture_method: session.stand_in.capture_method,
      description: session.stand_in.line_item,
      setup_future_usage: session.stand_in.setup_future_usage,
      metadata: session.stand_in.payment_intent_metadata,
      transfer_destination: session.stand_in.transfer_destination,
    });
    session.payment_intent = intent.id;
    return intent;
  }

  #newIntent(values: {
    amount: number;
    currency: string;
    customer: string | null;
    capture_method: StandInPaymentIntent['capture_method'];
    description: string | null;
    setup_future_usage: StandInPaymentIntent['setup_future_usage'];
    metadata: Record<string, string>;
    transfer_destination: string | null;
    payment_method?: string | null;
  }): StandInPaymentIntent {
    const intentId = id('pi', 12);
    const intent: StandInPaymentIntent = {
      id: intentId,
      object: 'payment_intent',
      created: this.#seconds(),
      amount: values.amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: values.currency,
      status: values.payment_method ? 'requires_confirmation' : 'requires_payment_method',
      capture_method: values.capture_method,
      client_secret: `${intentId}_secret_${randomBytes(12).toString('hex')}`,
      customer: values.customer,
      description: values.description,
      payment_method: values.payment_method ?? null,
      setup_future_usage: values.setup_future_usage,
      latest_charge: null,
      last_payment_error: null,
      next_action: null,
      cancellation_reason: null,
      metadata: values.metadata,
      transfer_data: values.transfer_destination ? { destination: values.transfer_destination } : null,
      livemode: false,
    };
    this.#state.payment_intents[intent.id] = intent;
    this.#emit('payment_intent.created', intent);
    return intent;
  }

  /** Charges `method` for `intent`: held (requires_capture) or captured at once (succeeded). */
  #charge(intent: StandInPaymentIntent, method: StandInPaymentMethod, hold: boolean): void {
    const charge: StandInCharge = {
      id: id('ch', 12),
      object: 'charge',
      created: this.#seconds(),
      amount: intent.amount,
      amount_captured: hold ? 0 : intent.amount,
      amount_refunded: 0,
      captured: !hold,
      refunded: false,
      disputed: false,
      currency: intent.currency,
      customer: intent.customer,
      payment_intent: intent.id,
      payment_method: method.id,
      payment_method_details: { type: 'card', card: { brand: method.card.brand, last4: method.card.last4 } },
      status: 'succeeded',
      metadata: intent.metadata,
      livemode: false,
    };
    this.#state.charges[charge.id] = charge;
    intent.payment_method = method.id;
    intent.latest_charge = charge.id;
    if (hold) {
      intent.status = 'requires_capture';
      intent.amount_capturable = intent.amount;
      this.#emit('payment_intent.amount_capturable_updated', intent);
    } else {
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
      this.#emit('charge.succeeded', charge);
      this.#emit('payment_intent.succeeded', intent);
    }
  }

  // ── the REST API ───────────────────────────────────────────────────────────────────────────

  #createCustomer(params: FormObject): StandInCustomer {
    const customer: StandInCustomer = {
      id: id('cus', 7),
      object: 'customer',
      created: this.#seconds(),
      email: form.string(params.email) ?? null,
      name: form.string(params.name) ?? null,
      metadata: form.metadata(params.metadata),
      invoice_settings: { default_payment_method: null },
      livemode: false,
    };
    this.#state.customers[customer.id] = customer;
    this.#emit('customer.created', customer);
    return customer;
  }

  #updateCustomer(customerId: string, params: FormObject): StandInCustomer {
    const customer = this.#state.customers[customerId];
    if (!customer) throw missing('customer', customerId);
    if (params.email !== undefined) customer.email = form.string(params.email) || null;
    if (params.name !== undefined) customer.name = form.string(params.name) || null;
    if (params.metadata !== undefined) customer.metadata = { ...customer.metadata, ...form.metadata(params.metadata) };
    const defaultMethod = form.string(form.object(params.invoice_settings)?.default_payment_method);
    if (defaultMethod !== undefined) customer.invoice_settings.default_payment_method = defaultMethod || null;
    this.#emit('customer.updated', customer);
    return customer;
  }

  #createSession(params: FormObject): StandInCheckoutSession {
    const mode = form.string(params.mode);
    if (mode !== 'payment' && mode !== 'setup') throw invalid('Missing required param: mode.', 'mode', 'parameter_missing');
    const uiMode = form.string(params.ui_mode) ?? 'hosted_page';
    if (uiMode !== 'embedded_page' && uiMode !== 'hosted_page') throw invalid(`Invalid ui_mode: must be one of embedded_page, hosted_page (the stand-in's).`, 'ui_mode', 'parameter_invalid');
    const customer = form.string(params.customer) ?? null;
    if (customer && !this.#state.customers[customer]) throw missing('customer', customer, 'customer');
    const successUrl = form.string(params.success_url) ?? null;
    const returnUrl = form.string(params.return_url) ?? null;
    const redirect = (form.string(params.redirect_on_completion) as StandInCheckoutSession['redirect_on_completion']) ?? null;
    if (uiMode === 'hosted_page' && !successUrl) throw invalid('You must provide a success_url for a hosted_page Checkout Session.', 'success_url', 'parameter_missing');
    if (uiMode === 'embedded_page' && !returnUrl && redirect !== 'never') {
      throw invalid('return_url is required when ui_mode is embedded_page and redirect_on_completion is not never.', 'return_url', 'parameter_missing');
    }
    let amount: number | null = null;
    let currency = form.string(params.currency)?.toLowerCase() ?? null;
    let lineItem = '';
    if (mode === 'payment') {
      const items = form.list(params.line_items).map((item) => form.object(item)).filter((item) => item !== undefined);
      if (items.length === 0) throw invalid('line_items is required in payment mode.', 'line_items', 'parameter_missing');
      amount = 0;
      for (const [index, item] of items.entries()) {
        const price = form.object(item.price_data);
        const unit = form.integer(price?.unit_amount);
        const itemCurrency = form.string(price?.currency)?.toLowerCase();
        const name = form.string(form.object(price?.product_data)?.name);
        if (!price || unit === undefined || unit < 0 || !itemCurrency || !name) {
          throw invalid('Each line item needs price_data with currency, unit_amount and product_data[name].', `line_items[${index}][price_data]`, 'parameter_missing');
        }
        const quantity = form.integer(item.quantity) ?? 1;
        amount += unit * quantity;
        currency = itemCurrency;
        lineItem ||= name;
      }
      if (amount <= 0) throw invalid('The Checkout Session\'s total amount due must add up to at least 1 in payment mode.', 'line_items', 'amount_too_small');
    } else if (!currency) {
      throw invalid('currency is required in setup mode with dynamic payment methods.', 'currency', 'parameter_missing');
    }
    const now = this.#seconds();
    const expiresAt = form.integer(params.expires_at) ?? now + 24 * 3600;
    if (expiresAt < now + 30 * 60 - 5 || expiresAt > now + 24 * 3600 + 5) {
      throw invalid('The expires_at timestamp must be between 30 minutes and 24 hours from Checkout Session creation.', 'expires_at', 'parameter_invalid_integer');
    }
    const intentData = form.object(params.payment_intent_data);
    const setupData = form.object(params.setup_intent_data);
    const capture = form.string(intentData?.capture_method) === 'manual' ? 'manual' : 'automatic';
    const futureUsage = form.string(intentData?.setup_future_usage);
    const metadata = form.metadata(params.metadata);
    const session: StandInCheckoutSession = {
      id: `cs_test_${randomBytes(24).toString('hex')}`,
      object: 'checkout.session',
      created: now,
      mode,
      ui_mode: uiMode,
      status: 'open',
      payment_status: mode === 'setup' ? 'no_payment_required' : 'unpaid',
      client_secret: null,
      url: null,
      customer,
      customer_email: form.string(params.customer_email) ?? null,
      currency,
      amount_total: amount,
      amount_subtotal: amount,
      locale: form.string(params.locale) ?? null,
      metadata,
      client_reference_id: form.string(params.client_reference_id) ?? null,
      expires_at: expiresAt,
      success_url: successUrl,
      cancel_url: form.string(params.cancel_url) ?? null,
      return_url: returnUrl,
      redirect_on_completion: redirect,
      payment_intent: null,
      setup_intent: null,
      payment_method_collection: (form.string(params.payment_method_collection) as 'always' | 'if_required' | undefined) ?? null,
      livemode: false,
      stand_in: {
        line_item: lineItem || 'Card saved for later payments',
        seller_name: metadata.seller_name ?? 'Stand-in business',
        capture_method: capture,
        setup_future_usage: futureUsage === 'off_session' || futureUsage === 'on_session' ? futureUsage : null,
        payment_intent_metadata: form.metadata(intentData?.metadata),
        setup_intent_metadata: form.metadata(setupData?.metadata),
        transfer_destination: form.string(form.object(intentData?.transfer_data)?.destination) ?? null,
        declines: 0,
      },
    };
    const key = this.#pageKey(session);
    if (uiMode === 'embedded_page') session.client_secret = key;
    else session.url = `${this.origin}/c/pay/${key}`;
    this.#state.checkout_sessions[session.id] = session;
    return session;
  }

  #session(sessionId: string): StandInCheckoutSession {
    const session = this.#state.checkout_sessions[sessionId];
    if (!session) throw missing('checkout.session', sessionId);
    if (session.status === 'open' && session.expires_at <= this.#seconds()) this.#expireSession(session);
    return session;
  }

  #intent(intentId: string): StandInPaymentIntent {
    const intent = this.#state.payment_intents[intentId];
    if (!intent) throw missing('payment_intent', intentId);
    return intent;
  }

  #expireSessionRequest(sessionId: string): StandInCheckoutSession {
    const session = this.#session(sessionId);
    if (session.status !== 'open') {
      throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`, undefined, 'checkout_session_not_open');
    }
    this.#expireSession(session);
    return session;
  }

  /** POST /v1/payment_intents: with `confirm` and a saved method, charged now (off session: a renewal). */
  #createIntent(params: FormObject): StandInPaymentIntent {
    const amount = form.integer(params.amount);
    const currency = form.string(params.currency)?.toLowerCase();
    if (amount === undefined || amount < 1) throw invalid('Missing required param: amount.', 'amount', 'parameter_missing');
    if (!currency) throw invalid('Missing required param: currency.', 'currency', 'parameter_missing');
    const customer = form.string(params.customer) ?? null;
    if (customer && !this.#state.customers[customer]) throw missing('customer', customer, 'customer');
    const methodId = form.string(params.payment_method) ?? null;
    const method = methodId ? this.#state.payment_methods[methodId] : undefined;
    if (methodId && !method) throw missing('payment_method', methodId, 'payment_method');
    if (method && method.customer !== customer) {
      throw invalid(`The provided PaymentMethod ${methodId} does not belong to the customer ${customer ?? '(none)'}.`, 'payment_method', 'payment_method_invalid_parameter');
    }
    const capture = form.string(params.capture_method);
    const intent = this.#newIntent({
      amount,
      currency,
      customer,
      capture_method: capture === 'manual' ? 'manual' : 'automatic',
      description: form.string(params.description) ?? null,
      setup_future_usage: null,
      metadata: form.metadata(params.metadata),
      transfer_destination: form.string(form.object(params.transfer_data)?.destination) ?? null,
      payment_method: methodId,
    });
    if (form.boolean(params.confirm) && method) this.#confirmIntent(intent, method, form.boolean(params.off_session) ?? false);
    return intent;
  }

  #confirmIntent(intent: StandInPaymentIntent, method: StandInPaymentMethod, offSession: boolean): void {
    const known = testCards[method.test_card_number];
    const outcome: OffSessionOutcome = offSession
      ? offSessionOutcome(method.test_card_number)
      : known?.outcome === 'succeeded'
        ? { outcome: 'succeeded' }
        : known
          ? { outcome: 'declined', decline_code: known.decline_code, message: known.message }
          : { outcome: 'declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
    if (outcome.outcome === 'declined') {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: outcome.decline_code, message: outcome.message, param: 'payment_method' };
      this.#changed();
      this.#emit('payment_intent.payment_failed', intent);
      throw new StripeError(402, { ...intent.last_payment_error, payment_intent: structuredClone(intent) });
    }
    if (outcome.outcome === 'requires_action') {
      // Stripe: the confirm fails with authentication_required; the intent waits for the
      // cardholder, who authenticates on session (here, the stand-in's page at next_action).
      intent.status = 'requires_action';
      intent.next_action = { type: 'redirect_to_url', redirect_to_url: { url: `${this.origin}/authenticate/${intent.client_secret}`, return_url: null } };
      intent.last_payment_error = {
        type: 'card_error',
        code: 'authentication_required',
        decline_code: 'authentication_required',
        message: 'Your card was declined. This transaction requires authentication.',
        param: 'payment_method',
      };
      this.#changed();
      this.#emit('payment_intent.requires_action', intent);
      throw new StripeError(402, { ...intent.last_payment_error, payment_intent: structuredClone(intent) });
    }
    this.#charge(intent, method, intent.capture_method === 'manual');
    this.#changed();
  }

  #capture(intentId: string, params: FormObject): StandInPaymentIntent {
    const intent = this.#intent(intentId);
    if (intent.status !== 'requires_capture') {
      throw invalid(
        `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
        undefined,
        'payment_intent_unexpected_state',
      );
    }
    const amount = form.integer(params.amount_to_capture) ?? intent.amount_capturable;
    const charge = this.#state.charges[intent.latest_charge!]!;
    charge.captured = true;
    charge.amount_captured = amount;
    intent.status = 'succeeded';
    intent.amount_received = amount;
    intent.amount_capturable = 0;
    this.#changed();
    this.#emit('charge.captured', charge);
    this.#emit('payment_intent.succeeded', intent);
    return intent;
  }

  #cancel(intentId: string, params: FormObject): StandInPaymentIntent {
    const intent = this.#intent(intentId);
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      throw invalid(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
        undefined,
        'payment_intent_unexpected_state',
      );
    }
    intent.status = 'canceled';
    intent.cancellation_reason = form.string(params.cancellation_reason) ?? 'requested_by_customer';
    intent.amount_capturable = 0;
    intent.next_action = null;
    this.#changed();
    this.#emit('payment_intent.canceled', intent);
    return intent;
  }

  #refund(params: FormObject) {
    const intentId = form.string(params.payment_intent);
    const chargeId = form.string(params.charge) ?? (intentId ? this.#intent(intentId).latest_charge : null);
    const charge = chargeId ? this.#state.charges[chargeId] : undefined;
    if (!charge || !charge.captured) {
      throw invalid(intentId ? `This PaymentIntent (${intentId}) does not have a successful charge to refund.` : 'Missing required param: charge or payment_intent.', 'payment_intent', 'charge_not_refundable');
    }
    const left = charge.amount_captured - charge.amount_refunded;
    const amount = form.integer(params.amount) ?? left;
    if (amount < 1 || amount > left) {
      throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left}).`, 'amount', 'amount_too_large');
    }
    const refund = {
      id: id('re', 12),
      object: 'refund' as const,
      created: this.#seconds(),
      amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      reason: form.string(params.reason) ?? null,
      status: 'succeeded' as const,
      metadata: form.metadata(params.metadata),
    };
    this.#state.refunds[refund.id] = refund;
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount_captured;
    this.#changed();
    this.#emit('refund.created', refund);
    this.#emit('charge.refunded', charge, previous);
    return refund;
  }

  #portal(params: FormObject) {
    const customer = form.string(params.customer);
    if (!customer) throw invalid('Missing required param: customer.', 'customer', 'parameter_missing');
    if (!this.#state.customers[customer]) throw missing('customer', customer, 'customer');
    const sessionId = id('bps', 12);
    const portal = {
      id: sessionId,
      object: 'billing_portal.session' as const,
      created: this.#seconds(),
      customer,
      return_url: form.string(params.return_url) ?? null,
      url: `${this.origin}/p/session/${sessionId}`,
      livemode: false as const,
    };
    this.#state.billing_portal_sessions[sessionId] = portal;
    this.#changed();
    return portal;
  }

  /** `expand[]=payment_intent.payment_method`: ids on the path replaced by their objects. */
  #expand(object: unknown, paths: string[]): unknown {
    const copy = structuredClone(object) as Record<string, unknown>;
    for (const path of paths) {
      // A charge's `refunds` is a list Stripe includes only when asked (API versions since
      // 2022-11-15), newest first.
      if (path === 'refunds' && copy.object === 'charge' && typeof copy.id === 'string') {
        copy.refunds = this.#refundList({ charge: copy.id }, 10, undefined, `/v1/charges/${copy.id}/refunds`);
        continue;
      }
      let node: Record<string, unknown> | undefined = copy;
      for (const field of path.split('.')) {
        if (!node || !Object.hasOwn(node, field)) break;
        const value: unknown = node[field];
        if (typeof value === 'string') {
          const found = this.#byId(value);
          if (found) node[field] = structuredClone(found);
        }
        const next: unknown = node[field];
        node = next && typeof next === 'object' ? (next as Record<string, unknown>) : undefined;
      }
    }
    return stripInternal(copy);
  }

  /** Stripe's list of refunds (of a charge or a payment intent), newest first, paged by `starting_after`. */
  #refundList(filter: { charge?: string | undefined; payment_intent?: string | undefined }, limit: number, startingAfter: string | undefined, url = '/v1/refunds') {
    const all = Object.values(this.#state.refunds)
      .filter((refund) => (!filter.charge || refund.charge === filter.charge) && (!filter.payment_intent || refund.payment_intent === filter.payment_intent))
      // Newest first, as Stripe lists; the table keeps creation order, which breaks ties within a second.
      .reverse();
    const from = startingAfter ? all.findIndex((refund) => refund.id === startingAfter) + 1 : 0;
    const data = all.slice(from, from + limit);
    return { object: 'list' as const, url, has_more: from + limit < all.length, data };
  }

  #byId(value: string): unknown {
    const tables = this.#state;
    const prefix = value.slice(0, value.indexOf('_'));
    const table = {
      cus: tables.customers,
      pm: tables.payment_methods,
      pi: tables.payment_intents,
      ch: tables.charges,
      seti: tables.setup_intents,
      re: tables.refunds,
      dp: tables.disputes,
      cs: tables.checkout_sessions,
    }[prefix] as Record<string, unknown> | undefined;
    return table && Object.hasOwn(table, value) ? table[value] : undefined;
  }

  #routes(): Hono {
    const app = new Hono();
    const api = (handler: (params: FormObject, c: Context) => unknown) => async (c: Context) => {
      const auth = c.req.header('authorization') ?? '';
      if (!/^Bearer sk_(test|live)_\S+$/.test(auth)) {
        return c.json({ error: { type: 'authentication_error', message: 'Invalid API Key provided.' } }, 401);
      }
      const text = c.req.method === 'GET' ? new URL(c.req.url).search.slice(1) : await c.req.text();
      const params = decodeForm(text);
      const key = c.req.method === 'POST' ? c.req.header('idempotency-key') : undefined;
      const fingerprint = `${c.req.method} ${c.req.path} ${text}`;
      if (key) {
        const known = this.#state.idempotency[`${auth}|${key}`];
        if (known && known.created > this.#seconds() - 24 * 3600) {
          if (known.fingerprint !== fingerprint) {
            return c.json(
              {
                error: {
                  type: 'idempotency_error',
                  message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
                },
              },
              400,
            );
          }
          return new Response(known.body, { status: known.status, headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true', 'Request-Id': id('req', 7) } });
        }
      }
      let status = 200;
      let body: string;
      try {
        const result = handler(params, c);
        const expand = form.list(params.expand).filter((entry): entry is string => typeof entry === 'string');
        body = JSON.stringify(this.#expand(result, expand));
      } catch (error) {
        if (!(error instanceof StripeError)) throw error;
        status = error.status;
        body = JSON.stringify({ error: error.body.payment_intent ? { ...error.body, payment_intent: stripInternal(error.body.payment_intent) } : error.body });
      }
      // Stripe keeps the answer to a key, errors included (but not a 5xx or a 409 conflict).
      if (key) this.#state.idempotency[`${auth}|${key}`] = { fingerprint, status, body, created: this.#seconds() };
      this.#changed();
      const route = `${c.req.method} ${c.req.path}`;
      const action = this.#beforeAnswering.get(route);
      if (action) {
        this.#beforeAnswering.delete(route);
        await action();
      }
      return new Response(body, { status, headers: { 'Content-Type': 'application/json', 'Request-Id': id('req', 7) } });
    };
    app.post('/v1/customers', api((params) => this.#createCustomer(params)));
    app.get('/v1/customers', api((params) => {
      const email = form.string(params.email);
      const limit = Math.min(Math.max(form.integer(params.limit) ?? 10, 1), 100);
      // Newest first, and pages after starting_after, as Stripe lists (the official client's
      // auto-pagination asks for the next page while has_more: the same page again never ends).
      const all = Object.values(this.#state.customers).filter((customer) => email === undefined || customer.email === email).reverse();
      const after = form.string(params.starting_after);
      const from = after ? all.findIndex((customer) => customer.id === after) + 1 : 0;
      return { object: 'list', url: '/v1/customers', has_more: from + limit < all.length, data: all.slice(from, from + limit) };
    }));
    app.get('/v1/customers/:id', api((_, c) => this.#state.customers[c.req.param('id')!] ?? raise(missing('customer', c.req.param('id')!))));
    app.post('/v1/customers/:id', api((params, c) => this.#updateCustomer(c.req.param('id')!, params)));
    app.get('/v1/payment_methods/:id', api((_, c) => this.#state.payment_methods[c.req.param('id')!] ?? raise(missing('payment_method', c.req.param('id')!))));
    app.post('/v1/checkout/sessions', api((params) => this.#createSession(params)));
    app.get('/v1/checkout/sessions/:id', api((_, c) => this.#session(c.req.param('id')!)));
    app.post('/v1/checkout/sessions/:id/expire', api((_, c) => this.#expireSessionRequest(c.req.param('id')!)));
    app.post('/v1/payment_intents', api((params) => this.#createIntent(params)));
    app.get('/v1/payment_intents/:id', api((_, c) => this.#intent(c.req.param('id')!)));
    app.post('/v1/payment_intents/:id/capture', api((params, c) => this.#capture(c.req.param('id')!, params)));
    app.post('/v1/payment_intents/:id/cancel', api((params, c) => this.#cancel(c.req.param('id')!, params)));
    app.get('/v1/setup_intents/:id', api((_, c) => this.#state.setup_intents[c.req.param('id')!] ?? raise(missing('setup_intent', c.req.param('id')!))));
    app.get('/v1/charges/:id', api((_, c) => this.#state.charges[c.req.param('id')!] ?? raise(missing('charge', c.req.param('id')!))));
    app.post('/v1/refunds', api((params) => this.#refund(params)));
    app.get('/v1/refunds', api((params) => {
      const limit = Math.min(Math.max(form.integer(params.limit) ?? 10, 1), 100);
      return this.#refundList({ charge: form.string(params.charge), payment_intent: form.string(params.payment_intent) }, limit, form.string(params.starting_after));
    }));
    app.get('/v1/disputes/:id', api((_, c) => this.#state.disputes[c.req.param('id')!] ?? raise(missing('dispute', c.req.param('id')!))));
    app.get('/v1/refunds/:id', api((_, c) => this.#state.refunds[c.req.param('id')!] ?? raise(missing('refund', c.req.param('id')!))));
    app.get('/v1/events/:id', api((_, c) => this.#state.events[c.req.param('id')!] ?? raise(missing('event', c.req.param('id')!))));
    app.post('/v1/billing_portal/sessions', api((params) => this.#portal(params)));
    memberPages(app, this);
    app.all('/v1/*', (c) =>
      c.json({ error: { type: 'invalid_request_error', message: `Unrecognized request URL (${c.req.method}: ${c.req.path}). The Stripe stand-in speaks only the part of the API memberkit uses.` } }, 404),
    );
    return app;
  }
}

function raise(error: Error): never {
  throw error;
}

/** The stand-in's own fields (`stand_in`, `test_card_number`) are not Stripe's: never answered. */
function stripInternal<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripInternal) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'stand_in' || key === 'test_card_number') continue;
    out[key] = entry && typeof entry === 'object' ? stripInternal(entry) : entry;
  }
  return out as T;
}
