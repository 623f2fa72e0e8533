// The Stripe objects the stand-in keeps, in Stripe's shapes (the fields the server reads, and the
// ones a developer looking at a webhook expects). Amounts in minor units, times in epoch seconds.

export interface StandInCustomer {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  invoice_settings: { default_payment_method: string | null };
  livemode: false;
}

export interface StandInPaymentMethod {
  id: string;
  object: 'payment_method';
  type: 'card';
  created: number;
  customer: string | null;
  card: { brand: string; last4: string; exp_month: number; exp_year: number; funding: 'credit' };
  /** The stand-in's own: the test card's number, so that its behaviour off session is known. */
  test_card_number: string;
  livemode: false;
}

export type PaymentIntentStatus = 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded';

export interface StripeErrorBody {
  type: 'card_error' | 'invalid_request_error' | 'idempotency_error' | 'api_error' | 'authentication_error';
  code?: string;
  decline_code?: string;
  message: string;
  param?: string;
  doc_url?: string;
  payment_intent?: StandInPaymentIntent;
  request_log_url?: string;
}

export interface StandInPaymentIntent {
  id: string;
  object: 'payment_intent';
  created: number;
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  status: PaymentIntentStatus;
  capture_method: 'automatic' | 'automatic_async' | 'manual';
  client_secret: string;
  customer: string | null;
  description: string | null;
  payment_method: string | null;
  setup_future_usage: 'off_session' | 'on_session' | null;
  latest_charge: string | null;
  last_payment_error: StripeErrorBody | null;
  /** A renewal's: the stand-in's authentication page; a checkout's: its own challenge (Stripe.js's `use_stripe_sdk`). */
  next_action: { type: 'redirect_to_url'; redirect_to_url: { url: string; return_url: string | null } } | { type: 'use_stripe_sdk'; use_stripe_sdk: { type: 'three_d_secure_redirect' } } | null;
  cancellation_reason: string | null;
  metadata: Record<string, string>;
  transfer_data: { destination: string } | null;
  livemode: false;
}

export interface StandInCharge {
  id: string;
  object: 'charge';
  created: number;
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  refunded: boolean;
  disputed: boolean;
  currency: string;
  customer: string | null;
  payment_intent: string;
  payment_method: string;
  payment_method_details: { type: 'card'; card: { brand: string; last4: string } };
  status: 'succeeded' | 'pending' | 'failed';
  metadata: Record<string, string>;
  livemode: false;
}

export interface StandInRefund {
  id: string;
  object: 'refund';
  created: number;
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
  metadata: Record<string, string>;
}

export interface StandInDispute {
  id: string;
  object: 'dispute';
  created: number;
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  reason: string;
  /** `needs_response` when opened; `won` or `lost` once closed (closeDispute). */
  status: 'needs_response' | 'won' | 'lost';
  livemode: false;
}

export interface StandInSetupIntent {
  id: string;
  object: 'setup_intent';
  created: number;
  client_secret: string;
  customer: string | null;
  payment_method: string | null;
  status: 'requires_payment_method' | 'requires_action' | 'succeeded' | 'canceled';
  usage: 'off_session' | 'on_session';
  last_setup_error?: StripeErrorBody | null;
  metadata: Record<string, string>;
  livemode: false;
}

export interface StandInCheckoutSession {
  id: string;
  object: 'checkout.session';
  created: number;
  mode: 'payment' | 'setup';
  ui_mode: 'embedded_page' | 'hosted_page';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  client_secret: string | null;
  url: string | null;
  customer: string | null;
  customer_email: string | null;
  currency: string | null;
  amount_total: number | null;
  amount_subtotal: number | null;
  locale: string | null;
  metadata: Record<string, string>;
  client_reference_id: string | null;
  expires_at: number;
  success_url: string | null;
  cancel_url: string | null;
  return_url: string | null;
  redirect_on_completion: 'always' | 'if_required' | 'never' | null;
  payment_intent: string | null;
  setup_intent: string | null;
  payment_method_collection: 'always' | 'if_required' | null;
  livemode: false;
  /** The stand-in's own: what the page shows and the intent it creates once paid. */
  stand_in: {
    line_item: string;
    seller_name: string;
    capture_method: 'automatic' | 'manual';
    setup_future_usage: 'off_session' | 'on_session' | null;
    payment_intent_metadata: Record<string, string>;
    setup_intent_metadata: Record<string, string>;
    transfer_destination: string | null;
    declines: number;
    /** The payment method whose bank asked the member to authenticate, until they answer (absent: none). */
    authenticating?: string | null;
  };
}

export interface StandInBillingPortalSession {
  id: string;
  object: 'billing_portal.session';
  created: number;
  customer: string;
  return_url: string | null;
  url: string;
  livemode: false;
}

export interface StandInEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  type: string;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
}

/** Everything the stand-in keeps, by id (JSON: the demo persists it). */
export interface StandInState {
  customers: Record<string, StandInCustomer>;
  payment_methods: Record<string, StandInPaymentMethod>;
  payment_intents: Record<string, StandInPaymentIntent>;
  charges: Record<string, StandInCharge>;
  refunds: Record<string, StandInRefund>;
  disputes: Record<string, StandInDispute>;
  setup_intents: Record<string, StandInSetupIntent>;
  checkout_sessions: Record<string, StandInCheckoutSession>;
  billing_portal_sessions: Record<string, StandInBillingPortalSession>;
  events: Record<string, StandInEvent>;
  /** Idempotency-Key → the request it answered and the answer (Stripe keeps them 24 hours). */
  idempotency: Record<string, { fingerprint: string; status: number; body: string; created: number }>;
}

/**
 * Objects are looked up by ids that come from request paths and bodies: each table has no
 * prototype, so `customers/__proto__` or `constructor` finds nothing, as at Stripe, instead of
 * Object.prototype's members.
 */
function table<T>(rows: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, rows);
}

/** A state with no objects, or `saved` (parsed JSON) with its tables made prototype-free. */
export const emptyState = (saved: Partial<StandInState> = {}): StandInState => ({
  customers: table(saved.customers),
  payment_methods: table(saved.payment_methods),
  payment_intents: table(saved.payment_intents),
  charges: table(saved.charges),
  refunds: table(saved.refunds),
  disputes: table(saved.disputes),
  setup_intents: table(saved.setup_intents),
  checkout_sessions: table(saved.checkout_sessions),
  billing_portal_sessions: table(saved.billing_portal_sessions),
  events: table(saved.events),
  idempotency: table(saved.idempotency),
});
