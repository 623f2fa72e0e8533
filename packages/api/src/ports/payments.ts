// The Payments port: what the API asks of a payment processor. Implementations: the Stripe
// stand-in (memory/payments.ts, used by the sandbox), and the server's Stripe adapter. The
// lifecycle issue adds off-session charges of a saved method and card-update sessions; the
// payments issue adds refunds.

export interface CheckoutCustomer {
  /** The member paying (also the processor's customer reference key). */
  member_id: string;
  email: string;
  name: string | null;
}

export interface CheckoutRequest {
  organization_id: string;
  /** The signup this checkout pays: the processor stores it as metadata. */
  signup_id: string;
  /** Total in the currency's minor unit (the API's quote). */
  amount: number;
  currency: string;
  /** One line item's name, e.g. "Annual membership · Demo Club". */
  description: string;
  customer: CheckoutCustomer;
  /** The member's language for the processor's page (BCP 47). */
  locale: string;
  ui_mode: 'embedded_page' | 'hosted_page';
  /** Where a hosted page returns the member; null for embedded pages. */
  return_url: string | null;
  /** Save the card for later off-session charges (the membership renews automatically). */
  save_payment_method: boolean;
  /** Epoch ms at which an unpaid session closes; null: as late as the processor allows. */
  expires_at: number | null;
  /**
   * Makes the call safe to repeat (a storage transaction may run again): the same key answers
   * the same session.
   */
  idempotency_key: string;
}

export interface CheckoutSession {
  id: string;
  ui_mode: 'embedded_page' | 'hosted_page';
  /** For `embedded_page`. */
  client_secret: string | null;
  /** For `hosted_page`. */
  url: string | null;
  /** Epoch ms, or null: no expiry. */
  expires_at: number | null;
}

export interface CheckoutPayment {
  /** The processor's reference for the money taken (payment intent, charge). */
  reference: string;
  amount: number;
  currency: string;
  card_last4: string | null;
  /** The saved method, when the session saved one for off-session use. */
  payment_method: string | null;
  /** The processor's customer. */
  customer: string | null;
}

export interface CheckoutState {
  id: string;
  status: 'open' | 'complete' | 'expired';
  /** Set once the session is paid. */
  payment: CheckoutPayment | null;
}

export interface Payments {
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** The session as the processor sees it now (the source of truth after a webhook or a poll). */
  retrieveCheckout(organizationId: string, id: string): Promise<CheckoutState>;
  /** Closes an unpaid session so it can no longer be paid (a no-op once closed). */
  expireCheckout(organizationId: string, id: string): Promise<void>;
}
