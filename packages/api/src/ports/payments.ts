// The Payments port: what the API asks of a payment processor. Implementations: the Stripe
// stand-in (memory/payments.ts, used by the sandbox), and the server's Stripe adapter. The
// lifecycle issue added off-session charges of a saved method and card-update sessions; the
// payments issue adds refunds.
//
// Checkouts are authorize-then-capture (Stripe: `payment_intent_data.capture_method: 'manual'`):
// the member completing a session only authorizes the amount. The API then decides, when it
// settles the checkout, whether the signup may still complete (the holder may have got the
// membership meanwhile, a renewal window may have closed) and captures the payment or lets it
// go; a refused completion charges nothing.

export interface CheckoutCustomer {
  /** The member paying (also the processor's customer reference key). */
  member_id: string;
  email: string;
  name: string | null;
}

export type CheckoutUiMode = 'embedded_page' | 'hosted_page';

export interface CheckoutRequest {
  organization_id: string;
  /** The signup this checkout pays: the processor stores it as metadata. */
  signup_id: string;
  /** Total in the currency's minor unit (the API's quote). */
  amount: number;
  currency: string;
  /** The one line item's name: the membership's (e.g. "Annual"). */
  description: string;
  /** Who sells: the organization's name, shown on the processor's page. */
  seller_name: string;
  customer: CheckoutCustomer;
  /**
   * The language and number format of the processor's page: the member's (BCP 47); null when
   * the member's is unknown, the processor choosing (Stripe's `auto`: the browser's language).
   */
  locale: string | null;
  ui_mode: CheckoutUiMode;
  /** Where a hosted page returns the member; null for embedded pages (or the processor's default). */
  return_url: string | null;
  /** Save the card for later off-session charges (the membership renews automatically). */
  save_payment_method: boolean;
  /** Epoch ms at which an unpaid session closes; null: as late as the processor allows. */
  expires_at: number | null;
  /** The organization's account the money goes to (its `payment_account`); null: the platform's. */
  payment_account: string | null;
  /**
   * Makes the call safe to repeat (a storage transaction may run again): the same key answers
   * the same session.
   */
  idempotency_key: string;
}

export interface CheckoutSession {
  id: string;
  ui_mode: CheckoutUiMode;
  /** For `embedded_page`. */
  client_secret: string | null;
  /** For `hosted_page`. */
  url: string | null;
  /** Epoch ms, or null: no expiry. */
  expires_at: number | null;
}

export interface CheckoutPayment {
  /** The processor's reference for the money (payment intent, charge). */
  reference: string;
  amount: number;
  currency: string;
  card_last4: string | null;
  /** The saved method, when the session saved one for off-session use. */
  payment_method: string | null;
  /** The processor's customer. */
  customer: string | null;
  /**
   * `authorized`: held on the card, not charged (the API captures it or lets it go);
   * `captured`: charged; `released`: let go, nothing charged.
   */
  status: 'authorized' | 'captured' | 'released';
}

export interface CheckoutState {
  id: string;
  /** `complete`: the member finished the session (its payment is authorized, or later). */
  status: 'open' | 'complete' | 'expired';
  /** Set once the member completed the session. */
  payment: CheckoutPayment | null;
}

/**
 * An automatic renewal's charge of the card a checkout saved (Stripe: a PaymentIntent with
 * `customer`, `payment_method`, `off_session: true`, `confirm: true`, captured at once).
 */
export interface OffSessionChargeRequest {
  organization_id: string;
  /** The membership renewed: the processor stores it as metadata. */
  membership_id: string;
  /** The processor's customer and saved method (a completed checkout's `payment.customer`, `payment.payment_method`). */
  customer: string;
  payment_method: string;
  /** In the currency's minor unit: the plan's price when it renews. */
  amount: number;
  currency: string;
  /** What the member's statement and receipt say, e.g. "Annual renewal". */
  description: string;
  seller_name: string;
  /** The organization's account the money goes to (its `payment_account`); null: the platform's. */
  payment_account: string | null;
  /**
   * `renewal:{membership_id}:{expires_on of the term renewed}:{attempt}` (attempt 1, 2, 3): one
   * charge per membership, term and attempt. The same key answers the same charge, with the
   * outcome it had then (a lifecycle day run twice, or a transaction run again, never charges
   * twice); a new attempt has a new key.
   */
  idempotency_key: string;
}

/**
 * What became of an off-session charge:
 * - `succeeded`: charged (captured); `reference` is the processor's payment (intent).
 * - `declined`: nothing charged; `decline_code` is the processor's (Stripe's `decline_code`, or
 *   its error `code` when there is none: `card_declined`, `insufficient_funds`, `expired_card`,
 *   …) and `message` a sentence for the member. `reference` is null when nothing was created.
 * - `requires_action`: the bank wants the member to authenticate (Stripe: `authentication_required`,
 *   or a PaymentIntent in `requires_action`); nothing is charged unless the member completes it at
 *   `url` (an https page where they authenticate and pay this very charge). Ask `retrieveCharge`
 *   later for what they did; `cancelCharge` closes it.
 */
export type OffSessionCharge =
  | { status: 'succeeded'; reference: string; amount: number; currency: string; card_last4: string | null }
  | { status: 'declined'; reference: string | null; decline_code: string; message: string }
  | { status: 'requires_action'; reference: string; url: string };

/**
 * A page at the processor where a member replaces the card their automatic renewals charge
 * (Stripe: a Billing Portal session of the customer). The card they save there becomes the
 * customer's default, which later off-session charges of that customer use.
 */
export interface CardUpdateSessionRequest {
  organization_id: string;
  /** The membership whose renewals the card pays (metadata, and the page's wording). */
  membership_id: string;
  /** The processor's customer the card is saved for (the membership's `payment_customer`). */
  customer: string;
  /** Where the processor's page sends the member back; null: the processor's default. */
  return_url: string | null;
  /** The page's language (BCP 47). */
  locale: string;
}

export interface CardUpdateSession {
  id: string;
  /** The https page the member opens. */
  url: string;
}

/**
 * Money given back on a payment the API recorded (a term's `payment_reference`: a checkout's or
 * an off-session charge's payment intent). Stripe: a Refund of the payment intent
 * (`reverse_transfer` with Connect destination charges, so the organization gives it back).
 */
export interface RefundRequest {
  organization_id: string;
  /** The membership whose term it refunds (metadata). */
  membership_id: string;
  /** The payment refunded. */
  reference: string;
  /** In the currency's minor unit, at most what is left unrefunded on the payment. */
  amount: number;
  /**
   * `refund:{membership_id}:{hash of the staff request's Idempotency-Key}`: the same key answers
   * the same refund, so a retried request refunds once; the adapter prefixes the organization.
   */
  idempotency_key: string;
  /**
   * Staff's choice and words, kept with the refund at the processor (Stripe: its metadata), so
   * that the processor's own notice of it (`charge.refunded`) records it as staff meant, should
   * that notice be the first to be recorded.
   */
  keep_access: boolean;
  reason: string | null;
}

export interface Refund {
  /** The processor's refund (Stripe `re_…`). */
  id: string;
  /** The payment it refunds. */
  reference: string;
  amount: number;
  currency: string;
}

/** A refund as the processor has it now (see `retrieveRefunds`). */
export interface ProcessorRefund extends Refund {
  /**
   * Made through the API: what staff said (null: nothing). Made elsewhere (the processor's
   * dashboard): the processor's reason code (Stripe: `requested_by_customer`, `duplicate`,
   * `fraudulent`), or null.
   */
  reason: string | null;
  /** Made through the API: whether staff kept the member's access. null: made elsewhere. */
  keep_access: boolean | null;
}

/** What has been given back on a captured payment, as the processor has it now. */
export interface PaymentRefunds {
  reference: string;
  /** What was captured. */
  amount: number;
  /** Given back so far, every standing refund together (Stripe: the charge's `amount_refunded`). */
  amount_refunded: number;
  /** The refunds that stand (Stripe: succeeded or pending; failed and canceled ones gave nothing back), oldest first. */
  refunds: ProcessorRefund[];
}

/**
 * A dispute (chargeback) of a captured payment, as the processor has it now (Stripe: a Dispute
 * of the payment intent's charge).
 */
export interface PaymentDispute {
  /** The processor's dispute (Stripe `dp_…`). */
  id: string;
  /** The payment disputed. */
  reference: string;
  amount: number;
  currency: string;
  /** The bank's reason (Stripe: `fraudulent`, `product_not_received`, `general`, …). */
  reason: string;
  /** The processor's status (Stripe: `warning_…` for an inquiry, `needs_response`, `under_review`, `won`, `lost`). */
  status: string;
}

export interface Payments {
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** The session as the processor sees it now (the source of truth after a webhook or a poll). */
  retrieveCheckout(organizationId: string, id: string): Promise<CheckoutState>;
  /**
   * Charges the authorized payment of a completed session and answers it `captured`; a
   * captured one answers again (safe to repeat). Throws when there is nothing to capture.
   */
  capturePayment(organizationId: string, checkoutId: string): Promise<CheckoutPayment>;
  /**
   * Closes a checkout that is not paid, so that nothing is or will be charged: an open session
   * can no longer be paid, an authorized payment is released. A no-op for a session closed
   * already; a captured payment is left alone.
   */
  expireCheckout(organizationId: string, id: string): Promise<void>;
  /** Charges a saved card without the member present (see OffSessionChargeRequest); safe to repeat by its key. */
  chargeOffSession(request: OffSessionChargeRequest): Promise<OffSessionCharge>;
  /**
   * The charge of `reference` as the processor sees it now: one that required action has
   * `succeeded` once the member authenticated and paid at its URL, is `declined` when that
   * failed or it was cancelled, else still `requires_action`.
   */
  retrieveCharge(organizationId: string, reference: string): Promise<OffSessionCharge>;
  /**
   * Closes a charge still requiring action, so the member can no longer complete it (the
   * membership was terminated or renewed otherwise); a no-op for one that succeeded or failed.
   */
  cancelCharge(organizationId: string, reference: string): Promise<void>;
  /**
   * Opens a card-update page for the member (see CardUpdateSessionRequest). From then on,
   * `chargeOffSession` for that customer charges the card they saved there, whatever
   * `payment_method` it names (the one the signup saved, until replaced).
   */
  createCardUpdateSession(request: CardUpdateSessionRequest): Promise<CardUpdateSession>;
  /**
   * Refunds `amount` of a captured payment (see RefundRequest); safe to repeat by its key.
   * Throws when the payment is not the organization's, not captured, or has less left.
   */
  refund(request: RefundRequest): Promise<Refund>;
  /**
   * The refunds of captured payment `reference` as the processor has them now, whoever made
   * them (the API, or staff in the processor's dashboard): what a refund notice (Stripe's
   * `charge.refunded`) is settled with. Throws when the payment is not the organization's.
   */
  retrieveRefunds(organizationId: string, reference: string): Promise<PaymentRefunds>;
  /**
   * Dispute `id` as the processor has it now: what a dispute notice (Stripe's
   * `charge.dispute.created`) is settled with. Throws when its payment is not the organization's.
   */
  retrieveDispute(organizationId: string, id: string): Promise<PaymentDispute>;
}
