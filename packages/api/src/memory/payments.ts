// The Payments port in memory: a stand-in for Stripe Checkout that keeps its sessions here, the
// processor's side of a checkout. The member's side (the card form, which calls `confirm`) is the
// sandbox's; the API only creates, reads, captures and closes sessions through the port, as it
// would with Stripe. Stripe's test cards behave as documented (test-cards.ts); a session is
// authorized once and captured at most once.
import type { Clock } from '../ports/clock.js';
import type {
  CheckoutPayment,
  CheckoutRequest,
  CheckoutSession,
  CheckoutState,
  CheckoutUiMode,
  Payments,
} from '../ports/payments.js';
import { randomHex } from '../random.js';
import { checkTestCard, type CardDecline, type TestCard } from './test-cards.js';

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
  locale: string;
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
  readonly #listeners = new Set<() => void>();
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
   * refused card is answered with Stripe's decline code and the session stays open. A session
   * that is not open is left as it is (answers null: nothing to decline).
   */
  confirm(clientSecret: string, card: TestCard): CardDecline | null {
    const session = this.sessionBySecret(clientSecret) as MemoryCheckoutSession | undefined;
    if (!session) throw new Error('MemoryPayments: no checkout session with this client secret');
    if (session.status !== 'open') return null;
    const checked = checkTestCard(card, this.#clock.today('UTC'));
    if ('decline_code' in checked) {
      session.declines += 1;
      this.#changed();
      return checked;
    }
    session.status = 'complete';
    session.payment = {
      reference: `pi_test_${randomHex(12)}`,
      amount: session.amount,
      currency: session.currency,
      card_last4: checked.last4,
      payment_method: session.save_payment_method ? `pm_test_${randomHex(12)}` : null,
      customer: `cus_test_${session.customer}`,
      status: 'authorized',
    };
    this.#changed();
    return null;
  }

  // ── persistence ─────────────────────────────────────────────────────────────────────────────

  /** Every session, copied (JSON). */
  snapshot(): MemoryCheckoutSession[] {
    return [...this.#sessions.values()].map((session) => structuredClone(session));
  }

  /** Replaces every session with `sessions` (a snapshot read back). */
  restore(sessions: readonly MemoryCheckoutSession[]): void {
    this.#sessions.clear();
    this.#bySecret.clear();
    this.#byKey.clear();
    for (const session of sessions) this.#add(structuredClone(session));
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
