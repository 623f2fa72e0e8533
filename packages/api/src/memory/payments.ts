// The Payments port in memory: a stand-in for Stripe Checkout that keeps its sessions here, the
// processor's side of a checkout. The member's side (the card form, which calls `confirm`) is the
// sandbox's; the API only creates, reads, captures and closes sessions through the port, as it
// would with Stripe. Stripe's test cards behave as documented (test-cards.ts); a session is
// authorized once and captured at most once.
import { compareDates } from '@memberkit/sdk/calculators';
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
import { testCards } from './test-cards.js';

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

/** A card as the member typed it: digits with spaces or dashes, month and year as numbers or digits. */
export interface TestCard {
  number: unknown;
  exp_month: unknown;
  exp_year: unknown;
  cvc: unknown;
}

/** Why the stand-in refused a card: Stripe's decline code, its message, and the form field at fault. */
export interface CardDecline {
  decline_code: string;
  message: string;
  field: 'number' | 'expiry' | 'cvc';
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

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A whole number sent as a number or as digits (`"04"`, `2034`); null when missing or not one. */
function wholeNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  if (typeof value === 'string' && /^\d{1,4}$/.test(value.trim())) return Number(value.trim());
  return null;
}

const decline = (decline_code: string, message: string, field: CardDecline['field'] = 'number'): CardDecline => ({
  decline_code,
  message,
  field,
});

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
    const number = String(card.number ?? '').replace(/[\s-]/g, '');
    const expMonth = wholeNumber(card.exp_month);
    const expYear = wholeNumber(card.exp_year);
    const cvc = String(card.cvc ?? '').trim();
    if (!/^\d{12,19}$/.test(number)) return decline('incomplete_number', 'Your card number is incomplete.');
    if (!luhn(number)) return decline('incorrect_number', 'Your card number is incorrect.');
    // A missing month or year (`1234` typed without a slash, an empty field) is incomplete, not
    // the year 2000 that Number('') would make of it.
    if (expMonth === null || expYear === null) return decline('incomplete_expiry', "Your card's expiration date is incomplete.", 'expiry');
    if (expMonth < 1 || expMonth > 12) return decline('invalid_expiry_month', "Your card's expiration month is invalid.", 'expiry');
    const year = expYear < 100 ? 2000 + expYear : expYear;
    const today = this.#clock.today('UTC');
    // A card is valid through the last day of its expiry month.
    const lastValid = `${String(year).padStart(4, '0')}-${String(expMonth).padStart(2, '0')}-01`;
    if (compareDates(lastValid, `${today.slice(0, 7)}-01`) < 0) {
      return decline('invalid_expiry_year', "Your card's expiration date is in the past.", 'expiry');
    }
    const amex = number.startsWith('34') || number.startsWith('37');
    if (!(amex ? /^\d{4}$/ : /^\d{3}$/).test(cvc)) return decline('incomplete_cvc', "Your card's security code is incomplete.", 'cvc');
    const known = testCards[number];
    const refused = !known
      ? decline('card_declined', 'Your card was declined. Your request was in test mode, but used a non test card.')
      : known.outcome === 'declined'
        ? decline(known.decline_code, known.message)
        : null;
    if (refused) {
      session.declines += 1;
      this.#changed();
      return refused;
    }
    session.status = 'complete';
    session.payment = {
      reference: `pi_test_${randomHex(12)}`,
      amount: session.amount,
      currency: session.currency,
      card_last4: number.slice(-4),
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
