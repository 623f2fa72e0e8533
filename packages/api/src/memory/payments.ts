// The Payments port in memory: a stand-in for Stripe Checkout that keeps its sessions here, the
// processor's side of a checkout. The member's side (the card form, which calls `confirm`) is the
// sandbox's; the API only creates, reads, captures and closes sessions through the port, as it
// would with Stripe. Stripe's test cards behave as documented (test-cards.ts); a session is
// authorized once and captured at most once. A session that saves the card (the membership
// renews automatically) keeps it on file for off-session charges, which answer by the card as
// Stripe would: charged, declined, or waiting for the member to authenticate.
import type { Clock } from '../ports/clock.js';
import type {
  CardUpdateSession,
  CardUpdateSessionRequest,
  CheckoutPayment,
  CheckoutRequest,
  CheckoutSession,
  CheckoutState,
  CheckoutUiMode,
  OffSessionCharge,
  OffSessionChargeRequest,
  PaymentDispute,
  PaymentRefunds,
  Payments,
  ProcessorRefund,
  Refund,
  RefundRequest,
} from '../ports/payments.js';
import { randomHex } from '../random.js';
import { authenticationFailure, checkTestCard, offSessionOutcome, type CardDecline, type OffSessionOutcome, type TestCard } from './test-cards.js';

export type { CardDecline, TestCard } from './test-cards.js';

/** A checkout session as the stand-in keeps it (JSON: the sandbox persists them). */
export interface MemoryCheckoutSession {
  id: string;
  organization_id: string;
  signup_id: string;
  client_secret: string;
  ui_mode: CheckoutUiMode;
  url: string | null;
  amount: number;
  currency: string;
  description: string;
  seller_name: string;
  /** The member's language; null: unknown. */
  locale: string | null;
  customer: string;
  save_payment_method: boolean;
  /** `expired`: closed unpaid, by the API or by its `expires_at`. */
  status: 'open' | 'complete' | 'expired';
  /** Epoch ms on the stand-in's clock, or null: never. */
  expires_at: number | null;
  payment: CheckoutPayment | null;
  /** Cards refused so far. */
  declines: number;
  idempotency_key: string;
  /** The test card (digits) on file as `payment.payment_method`, when the session saved it. */
  saved_card?: string | null;
  /** The test card (digits) whose bank asked the member to authenticate, until they do or fail (absent: none). */
  authenticating?: string | null;
  /** Refunds of its captured payment, oldest first (absent: none). */
  refunds?: ProcessorRefund[];
  /** Disputes of its captured payment by the cardholder's bank (absent: none). */
  disputes?: PaymentDispute[];
}

/** An off-session charge as the stand-in keeps it (JSON: the sandbox persists them). */
export interface MemoryCharge {
  reference: string;
  organization_id: string;
  membership_id: string;
  payment_method: string;
  amount: number;
  currency: string;
  description: string;
  idempotency_key: string;
  /** Where it stands now: after `requires_action`, the member's authentication decides. */
  outcome: OffSessionCharge;
  /** What authenticating does, while it requires action. */
  after_action: OffSessionOutcome | null;
  card_last4: string;
  /** Refunds of it once succeeded, oldest first (absent: none). */
  refunds?: ProcessorRefund[];
  /** Disputes of it by the cardholder's bank (absent: none). */
  disputes?: PaymentDispute[];
}

/** A card-update page as the stand-in keeps it (until the member saves a card there). */
export interface MemoryCardUpdateSession {
  id: string;
  organization_id: string;
  membership_id: string;
  customer: string;
  url: string;
  return_url: string | null;
  status: 'open' | 'complete';
}

export interface MemoryPaymentsOptions {
  clock: Clock;
  /**
   * The page a `hosted_page` checkout sends the member to (`?client_secret=…` is appended; a
   * relative URL is resolved against the page the code runs in). Default null: such a request is
   * refused, since nothing would host it.
   */
  hostedPageUrl?: string | null;
}

export class MemoryPayments implements Payments {
  readonly #sessions = new Map<string, MemoryCheckoutSession>();
  readonly #bySecret = new Map<string, string>();
  readonly #byKey = new Map<string, string>();
  readonly #charges = new Map<string, MemoryCharge>();
  readonly #chargeByKey = new Map<string, string>();
  readonly #listeners = new Set<() => void>();
  readonly #cardUpdates = new Map<string, MemoryCardUpdateSession>();
  /** The card each customer saved last on a card-update page (test card digits), by `organization|customer`. */
  readonly #customerCards = new Map<string, string>();
  readonly #clock: Clock;
  hostedPageUrl: string | null;

  constructor(options: MemoryPaymentsOptions) {
    this.#clock = options.clock;
    this.hostedPageUrl = options.hostedPageUrl ?? null;
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    const known = this.#byKey.get(`${request.organization_id}|${request.idempotency_key}`);
    if (known) return this.#sessionOf(this.#sessions.get(known)!);
    if (request.ui_mode === 'hosted_page' && !this.hostedPageUrl) {
      throw new Error('MemoryPayments: a hosted_page checkout needs hostedPageUrl');
    }
    const id = `cs_test_${randomHex(16)}`;
    const client_secret = `${id}_secret_${randomHex(12)}`;
    let url: string | null = null;
    if (request.ui_mode === 'hosted_page') {
      const page = new URL(this.hostedPageUrl!, globalThis.location?.href);
      page.searchParams.set('client_secret', client_secret);
      url = page.href;
    }
    const session: MemoryCheckoutSession = {
      id,
      organization_id: request.organization_id,
      signup_id: request.signup_id,
      client_secret,
      ui_mode: request.ui_mode,
      url,
      amount: request.amount,
      currency: request.currency,
      description: request.description,
      seller_name: request.seller_name,
      locale: request.locale,
      customer: request.customer.member_id,
      save_payment_method: request.save_payment_method,
      status: 'open',
      expires_at: request.expires_at,
      payment: null,
      declines: 0,
      idempotency_key: request.idempotency_key,
    };
    this.#add(session);
    this.#changed();
    return this.#sessionOf(session);
  }

  async chargeOffSession(request: OffSessionChargeRequest): Promise<OffSessionCharge> {
    const known = this.#chargeByKey.get(`${request.organization_id}|${request.idempotency_key}`);
    if (known) return structuredClone(this.#charges.get(known)!.outcome);
    const saved = this.#savedCard(request.organization_id, request.payment_method, request.customer);
    // The customer's default card wins, as on Stripe once they replaced it in the portal.
    const card = saved === null ? null : (this.#customerCards.get(`${request.organization_id}|${request.customer}`) ?? saved);
    if (card === null) {
      // Stripe answers a method it does not know (or another customer's) with resource_missing.
      throw new Error(`MemoryPayments: no saved payment method ${request.payment_method} for ${request.customer}`);
    }
    const reference = `pi_test_${randomHex(12)}`;
    const result = offSessionOutcome(card);
    const charge: MemoryCharge = {
      reference,
      organization_id: request.organization_id,
      membership_id: request.membership_id,
      payment_method: request.payment_method,
      amount: request.amount,
      currency: request.currency,
      description: request.description,
      idempotency_key: request.idempotency_key,
      outcome: this.#outcome(reference, result, request, card),
      after_action: result.outcome === 'requires_action' ? result.then : null,
      card_last4: card.slice(-4),
    };
    this.#addCharge(charge);
    this.#changed();
    return structuredClone(charge.outcome);
  }

  async retrieveCharge(organizationId: string, reference: string): Promise<OffSessionCharge> {
    return structuredClone(this.#charge(organizationId, reference).outcome);
  }

  async cancelCharge(organizationId: string, reference: string): Promise<void> {
    const charge = this.#charge(organizationId, reference);
    if (charge.outcome.status !== 'requires_action') return;
    charge.outcome = { status: 'declined', reference, decline_code: 'canceled', message: 'This payment was canceled.' };
    charge.after_action = null;
    this.#changed();
  }

  async retrieveCheckout(organizationId: string, id: string): Promise<CheckoutState> {
    const session = this.#session(organizationId, id);
    return { id: session.id, status: session.status, payment: session.payment ? { ...session.payment } : null };
  }

  async capturePayment(organizationId: string, checkoutId: string): Promise<CheckoutPayment> {
    const session = this.#session(organizationId, checkoutId);
    const payment = session.payment;
    if (!payment || payment.status === 'released') {
      throw new Error(`MemoryPayments: checkout ${checkoutId} has no authorized payment to capture`);
    }
    if (payment.status === 'authorized') {
      payment.status = 'captured';
      this.#changed();
    }
    return { ...payment };
  }

  async expireCheckout(organizationId: string, id: string): Promise<void> {
    const session = this.#session(organizationId, id);
    if (session.status === 'open') {
      session.status = 'expired';
      this.#changed();
    } else if (session.payment?.status === 'authorized') {
      session.payment.status = 'released';
      this.#changed();
    }
  }

  /** The captured payment `reference` of `org`, and what keeps its refunds; null: none. */
  #captured(org: string, reference: string): { amount: number; currency: string; owner: { refunds?: ProcessorRefund[]; disputes?: PaymentDispute[] } } | null {
    const session = [...this.#sessions.values()].find((candidate) => candidate.organization_id === org && candidate.payment?.reference === reference);
    const charge = session ? undefined : this.#charges.get(reference);
    return session
      ? session.payment?.status === 'captured'
        ? { amount: session.payment.amount, currency: session.payment.currency, owner: session }
        : null
      : charge && charge.organization_id === org && charge.outcome.status === 'succeeded'
        ? { amount: charge.amount, currency: charge.currency, owner: charge }
        : null;
  }

  async refund(request: RefundRequest): Promise<Refund> {
    const { organization_id: org, reference } = request;
    const payment = this.#captured(org, reference);
    // Stripe: charge_not_refundable / resource_missing.
    if (!payment) throw new Error(`MemoryPayments: no captured payment ${reference} in ${org} to refund`);
    const refunds = (payment.owner.refunds ??= []);
    const again = refunds.find((refund) => refund.id === `re_test_${request.idempotency_key}`);
    if (again) return { id: again.id, reference, amount: again.amount, currency: again.currency };
    const left = payment.amount - refunds.reduce((sum, refund) => sum + refund.amount, 0);
    if (!Number.isInteger(request.amount) || request.amount < 1 || request.amount > left) {
      throw new Error(`MemoryPayments: refund amount (${request.amount}) is greater than unrefunded amount on payment (${left})`);
    }
    // The key is the id, so a repeated request (or a restored snapshot) answers the same refund.
    const refund: Refund = { id: `re_test_${request.idempotency_key}`, reference, amount: request.amount, currency: payment.currency };
    // Staff's choice is kept with it, as the Stripe adapter keeps it in the refund's metadata.
    refunds.push({ ...refund, reason: request.reason, keep_access: request.keep_access });
    this.#changed();
    return { ...refund };
  }

  async retrieveRefunds(organizationId: string, reference: string): Promise<PaymentRefunds> {
    const payment = this.#captured(organizationId, reference);
    if (!payment) throw new Error(`MemoryPayments: no captured payment ${reference} in ${organizationId}`);
    // Snapshots saved before refunds kept staff's choice have neither field.
    const refunds = (payment.owner.refunds ?? []).map((refund) => ({ ...refund, reason: refund.reason ?? null, keep_access: refund.keep_access ?? null }));
    return { reference, amount: payment.amount, amount_refunded: refunds.reduce((sum, refund) => sum + refund.amount, 0), refunds };
  }

  /**
   * A refund made at the processor, not through the API (Stripe's dashboard): `amount` (default:
   * all that is left) given back on captured payment `reference`. The API learns of it when it
   * settles the payment's refunds (Stripe: `charge.refunded`).
   */
  refundElsewhere(organizationId: string, reference: string, amount?: number): ProcessorRefund {
    const payment = this.#captured(organizationId, reference);
    if (!payment) throw new Error(`MemoryPayments: no captured payment ${reference} in ${organizationId} to refund`);
    const refunds = (payment.owner.refunds ??= []);
    const left = payment.amount - refunds.reduce((sum, refund) => sum + refund.amount, 0);
    const given = amount ?? left;
    if (!Number.isInteger(given) || given < 1 || given > left) throw new Error(`MemoryPayments: refund amount (${given}) is greater than unrefunded amount on payment (${left})`);
    const refund: ProcessorRefund = { id: `re_test_${randomHex(12)}`, reference, amount: given, currency: payment.currency, reason: 'requested_by_customer', keep_access: null };
    refunds.push(refund);
    this.#changed();
    return { ...refund };
  }

  async retrieveDispute(organizationId: string, id: string): Promise<PaymentDispute> {
    const owners = [...this.#sessions.values(), ...this.#charges.values()].filter((owner) => owner.organization_id === organizationId);
    const dispute = owners.flatMap((owner) => owner.disputes ?? []).find((candidate) => candidate.id === id);
    // Stripe: resource_missing (or another organization's payment).
    if (!dispute) throw new Error(`MemoryPayments: no dispute ${id} in ${organizationId}`);
    return { ...dispute };
  }

  /**
   * The cardholder's bank disputes captured payment `reference` (a chargeback, or with a
   * `warning_…` status an inquiry). The API learns of it when it settles the dispute (Stripe:
   * `charge.dispute.created`).
   */
  disputeElsewhere(organizationId: string, reference: string, options: { reason?: string; status?: string } = {}): PaymentDispute {
    const payment = this.#captured(organizationId, reference);
    if (!payment) throw new Error(`MemoryPayments: no captured payment ${reference} in ${organizationId} to dispute`);
    const refunded = (payment.owner.refunds ?? []).reduce((sum, refund) => sum + refund.amount, 0);
    const dispute: PaymentDispute = {
      id: `dp_test_${randomHex(12)}`,
      reference,
      amount: payment.amount - refunded,
      currency: payment.currency,
      reason: options.reason ?? 'fraudulent',
      status: options.status ?? 'needs_response',
    };
    (payment.owner.disputes ??= []).push(dispute);
    this.#changed();
    return { ...dispute };
  }

  /** Dispute `id` closes with Stripe's final `status` (`won`, `lost`, `warning_closed`; Stripe: `charge.dispute.closed`). */
  closeDisputeElsewhere(organizationId: string, id: string, status: string): PaymentDispute {
    const owners = [...this.#sessions.values(), ...this.#charges.values()].filter((owner) => owner.organization_id === organizationId);
    const dispute = owners.flatMap((owner) => owner.disputes ?? []).find((candidate) => candidate.id === id);
    if (!dispute) throw new Error(`MemoryPayments: no dispute ${id} in ${organizationId}`);
    dispute.status = status;
    this.#changed();
    return { ...dispute };
  }

  // ── the member's side (the sandbox's card form) ─────────────────────────────────────────────

  /** The session a client secret belongs to (what the card form shows), or undefined. */
  sessionBySecret(clientSecret: string): Readonly<MemoryCheckoutSession> | undefined {
    const id = this.#bySecret.get(clientSecret);
    if (!id) return undefined;
    const session = this.#sessions.get(id)!;
    this.#expireIfDue(session);
    return session;
  }

  /**
   * The member submits a card for the session of `clientSecret`: a succeeding test card
   * completes it with the amount authorized (nothing is charged until the API captures it); a
   * refused card is answered with Stripe's decline code and the session stays open; a card whose
   * bank asks for authentication (4000 0025 0000 3155) answers `requires_action` and waits for
   * `authenticateCheckout`. A session that is not open is left as it is (answers null: nothing to
   * decline).
   */
  confirm(clientSecret: string, card: TestCard): CardDecline | 'requires_action' | null {
    const session = this.sessionBySecret(clientSecret) as MemoryCheckoutSession | undefined;
    if (!session) throw new Error('MemoryPayments: no checkout session with this client secret');
    if (session.status !== 'open') return null;
    const checked = checkTestCard(card, this.#clock.today('UTC'));
    if ('decline_code' in checked) {
      session.declines += 1;
      session.authenticating = null;
      this.#changed();
      return checked;
    }
    if (checked.behaviour.on_session === 'requires_action') {
      session.authenticating = checked.number;
      this.#changed();
      return 'requires_action';
    }
    this.#complete(session, checked.number);
    return null;
  }

  /**
   * The member answers their bank's authentication of the card `confirm` left waiting: done, the
   * session completes as with any good card; failed (`fail: true`) or with no card waiting, it is
   * answered as Stripe's `payment_intent_authentication_failure` and stays open for another card.
   * A session that is not open is left as it is (null).
   */
  authenticateCheckout(clientSecret: string, { fail = false }: { fail?: boolean } = {}): CardDecline | null {
    const session = this.sessionBySecret(clientSecret) as MemoryCheckoutSession | undefined;
    if (!session) throw new Error('MemoryPayments: no checkout session with this client secret');
    if (session.status !== 'open') return null;
    const card = session.authenticating ?? null;
    session.authenticating = null;
    if (fail || card === null) {
      session.declines += 1;
      this.#changed();
      return { decline_code: authenticationFailure.code, message: authenticationFailure.message, field: 'number' };
    }
    this.#complete(session, card);
    return null;
  }

  #complete(session: MemoryCheckoutSession, card: string): void {
    session.status = 'complete';
    session.payment = {
      reference: `pi_test_${randomHex(12)}`,
      amount: session.amount,
      currency: session.currency,
      card_last4: card.slice(-4),
      payment_method: session.save_payment_method ? `pm_test_${randomHex(12)}` : null,
      customer: `cus_test_${session.customer}`,
      status: 'authorized',
    };
    session.saved_card = session.save_payment_method ? card : null;
    this.#changed();
  }

  /**
   * The member authenticates a charge that required action (its URL's page): what the card then
   * does decides it (`succeeded`, or declined). `fail: true`: the member failed or abandoned the
   * authentication (declined `authentication_required`). A charge not waiting is left alone.
   */
  authenticateCharge(reference: string, { fail = false }: { fail?: boolean } = {}): OffSessionCharge {
    const charge = this.#charges.get(reference);
    if (!charge) throw new Error(`MemoryPayments: no charge ${reference}`);
    if (charge.outcome.status === 'requires_action' && charge.after_action) {
      const then: OffSessionOutcome = fail
        ? { outcome: 'declined', decline_code: 'authentication_required', message: 'Your card was declined: the payment was not authenticated.' }
        : charge.after_action;
      charge.outcome = this.#outcome(reference, then, charge, charge.card_last4);
      charge.after_action = null;
      this.#changed();
    }
    return structuredClone(charge.outcome);
  }

  /**
   * Puts the test card `number` on file in place of the one `paymentMethod` saved: what a test
   * uses for a card that worked at signup and fails later (the bank now declines it for
   * insufficient funds, it expired). The method keeps its id, as a card updated by the network does.
   */
  changeSavedCard(paymentMethod: string, number: string): void {
    const digits = number.replace(/[\s-]/g, '');
    const sessions = [...this.#sessions.values()].filter((session) => session.payment?.payment_method === paymentMethod);
    if (sessions.length === 0) throw new Error(`MemoryPayments: no saved payment method ${paymentMethod}`);
    for (const session of sessions) {
      session.saved_card = digits;
      session.payment!.card_last4 = digits.slice(-4);
    }
    this.#changed();
  }

  async createCardUpdateSession(request: CardUpdateSessionRequest): Promise<CardUpdateSession> {
    const known = [...this.#sessions.values()].some((session) => session.organization_id === request.organization_id && session.payment?.customer === request.customer);
    // Stripe answers a customer it does not know with resource_missing.
    if (!known) throw new Error(`MemoryPayments: no customer ${request.customer} in ${request.organization_id}`);
    const id = `bps_test_${randomHex(12)}`;
    const page = new URL(this.hostedPageUrl ?? 'https://sandbox.memberkit.invalid/card-update', globalThis.location?.href);
    page.searchParams.set('card_update', id);
    const session: MemoryCardUpdateSession = {
      id,
      organization_id: request.organization_id,
      membership_id: request.membership_id,
      customer: request.customer,
      url: page.href,
      return_url: request.return_url,
      status: 'open',
    };
    this.#cardUpdates.set(id, session);
    this.#changed();
    return { id, url: session.url };
  }

  /**
   * The member saves test card `card` on a card-update page (what its URL's form does): a card
   * that cannot be saved answers its decline and changes nothing; else it becomes the customer's
   * card for every later off-session charge.
   */
  updateCard(sessionId: string, card: TestCard): CardDecline | null {
    const session = this.#cardUpdates.get(sessionId);
    if (!session) throw new Error(`MemoryPayments: no card-update session ${sessionId}`);
    const checked = checkTestCard(card, this.#clock.today('UTC'));
    if ('decline_code' in checked) return checked;
    this.#customerCards.set(`${session.organization_id}|${session.customer}`, checked.number);
    session.status = 'complete';
    this.#changed();
    return null;
  }

  /** A card-update session by id (copied), or undefined. */
  cardUpdateSession(id: string): MemoryCardUpdateSession | undefined {
    const session = this.#cardUpdates.get(id);
    return session ? { ...session } : undefined;
  }

  /** Every off-session charge, copied (JSON), in the order they were made. */
  charges(): MemoryCharge[] {
    return [...this.#charges.values()].map((charge) => structuredClone(charge));
  }

  // ── persistence ─────────────────────────────────────────────────────────────────────────────

  /** Every session, copied (JSON). */
  snapshot(): MemoryCheckoutSession[] {
    return [...this.#sessions.values()].map((session) => structuredClone(session));
  }

  /** Replaces every session with `sessions` and every charge with `charges` (a snapshot and `charges()` read back). */
  restore(sessions: readonly MemoryCheckoutSession[], charges: readonly MemoryCharge[] = []): void {
    this.#sessions.clear();
    this.#bySecret.clear();
    this.#byKey.clear();
    this.#charges.clear();
    this.#chargeByKey.clear();
    for (const session of sessions) this.#add(structuredClone(session));
    for (const charge of charges) this.#addCharge(structuredClone(charge));
  }

  /** Called after every change of a session; answers the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #add(session: MemoryCheckoutSession): void {
    this.#sessions.set(session.id, session);
    this.#bySecret.set(session.client_secret, session.id);
    this.#byKey.set(`${session.organization_id}|${session.idempotency_key}`, session.id);
  }

  #addCharge(charge: MemoryCharge): void {
    this.#charges.set(charge.reference, charge);
    this.#chargeByKey.set(`${charge.organization_id}|${charge.idempotency_key}`, charge.reference);
  }

  #charge(organizationId: string, reference: string): MemoryCharge {
    const charge = this.#charges.get(reference);
    if (!charge || charge.organization_id !== organizationId) {
      throw new Error(`MemoryPayments: no charge ${reference} in ${organizationId}`);
    }
    return charge;
  }

  /** The test card a completed session of the organization saved as `paymentMethod` for `customer`, or null. */
  #savedCard(organizationId: string, paymentMethod: string, customer: string): string | null {
    for (const session of this.#sessions.values()) {
      const payment = session.payment;
      if (session.organization_id === organizationId && payment?.payment_method === paymentMethod && payment.customer === customer) {
        return session.saved_card ?? null;
      }
    }
    return null;
  }

  #outcome(
    reference: string,
    result: OffSessionOutcome,
    charge: Pick<OffSessionChargeRequest, 'amount' | 'currency'>,
    card: string,
  ): OffSessionCharge {
    switch (result.outcome) {
      case 'succeeded':
        return { status: 'succeeded', reference, amount: charge.amount, currency: charge.currency, card_last4: card.slice(-4) };
      case 'declined':
        return { status: 'declined', reference, decline_code: result.decline_code, message: result.message };
      case 'requires_action': {
        const page = new URL(this.hostedPageUrl ?? 'https://sandbox.memberkit.invalid/authenticate', globalThis.location?.href);
        page.searchParams.set('payment_intent', reference);
        return { status: 'requires_action', reference, url: page.href };
      }
    }
  }

  #session(organizationId: string, id: string): MemoryCheckoutSession {
    const session = this.#sessions.get(id);
    if (!session || session.organization_id !== organizationId) {
      throw new Error(`MemoryPayments: no checkout session ${id} in ${organizationId}`);
    }
    this.#expireIfDue(session);
    return session;
  }

  /** An open session past its `expires_at` closes, as Stripe's do. */
  #expireIfDue(session: MemoryCheckoutSession): void {
    if (session.status === 'open' && session.expires_at !== null && this.#clock.now() >= session.expires_at) {
      session.status = 'expired';
      this.#changed();
    }
  }

  #sessionOf(session: MemoryCheckoutSession): CheckoutSession {
    return {
      id: session.id,
      ui_mode: session.ui_mode,
      client_secret: session.ui_mode === 'embedded_page' ? session.client_secret : null,
      url: session.url,
      expires_at: session.expires_at,
    };
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
