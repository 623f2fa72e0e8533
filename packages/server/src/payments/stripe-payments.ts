// The Payments port on Stripe (the official `stripe` package): Checkout Sessions for signups,
// PaymentIntents on the saved card for renewals. The same code runs against Stripe (test or live
// mode) and against the stand-in service (stand-in/), which `stripe` reaches by host and port.
//
// One Stripe account serves every organization on this server (the platform's key): each
// organization may name its own Stripe account (Stripe Connect, destination charges: the money
// goes to it, the platform holds customers and saved cards, so renewals and refunds need only
// the platform's key); an organization without one is paid on the platform's account itself
// (a server run by one organization). See docs/guides/payments.md.
//
// Every call that creates something carries an idempotency key derived from what it is for (the
// signup, the member, the capture of one intent, the renewal attempt), so a storage transaction
// run again, or a retry after a lost answer, never makes a second session, customer or charge.
import { createHash } from 'node:crypto';
import type {
  CardUpdateSession,
  CardUpdateSessionRequest,
  CheckoutPayment,
  CheckoutRequest,
  CheckoutSession,
  CheckoutState,
  OffSessionCharge,
  OffSessionChargeRequest,
  PaymentDispute,
  PaymentRefunds,
  Payments,
  ProcessorRefund,
  Refund,
  RefundRequest,
} from '@memberkit/api';
import Stripe from 'stripe';

export interface StripePaymentsOptions {
  stripe: Stripe;
  /** Epoch ms: Stripe's expiry bounds are counted from it. */
  now: () => number;
  /** The server's pages for the member (its public origin is known per request, hence functions). */
  pages: {
    /**
     * Where a hosted checkout returns the member when the signup gave no return URL, with
     * `{CHECKOUT_SESSION_ID}` (the server's /checkout/complete page).
     */
    checkoutComplete(): string;
    /** Where a member authenticates a renewal's charge that Stripe answered without a page of its own. */
    authenticate(organizationId: string, intentId: string): string;
    /**
     * Where the Billing Portal returns a member whose card-update request named no page of the
     * organization's (the server's /payments/card-updated page); none: the portal shows no way back.
     */
    cardUpdated?(): string;
  };
}

/** Stripe Checkout's locales (its `locale` parameter); others fall back to the language, then `auto`. */
const checkoutLocales = new Set(
  'bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW'.split(' '),
);

export function checkoutLocale(locale: string | null): Stripe.Checkout.SessionCreateParams.Locale {
  // Unsaid: Stripe's own choice (the browser's language).
  if (locale === null) return 'auto';
  if (checkoutLocales.has(locale)) return locale as Stripe.Checkout.SessionCreateParams.Locale;
  const language = locale.split('-')[0]!.toLowerCase();
  return (checkoutLocales.has(language) ? language : 'auto') as Stripe.Checkout.SessionCreateParams.Locale;
}

// Stripe accepts a session's expires_at between 30 minutes and 24 hours after its creation; a
// minute of margin each side absorbs the clocks' difference, and one more the rounding down to
// a whole minute (see createCheckout).
const minimumLifetime = 32 * 60_000;
const maximumLifetime = 24 * 3_600_000 - 60_000;

const expand = ['payment_intent.payment_method', 'setup_intent.payment_method'];

type Intent = Stripe.PaymentIntent;

export class StripePayments implements Payments {
  readonly #stripe: Stripe;
  readonly #now: () => number;
  readonly #pages: StripePaymentsOptions['pages'];

  constructor(options: StripePaymentsOptions) {
    this.#stripe = options.stripe;
    this.#now = options.now;
    this.#pages = options.pages;
  }

  get stripe(): Stripe {
    return this.#stripe;
  }

  /**
   * The member's Stripe customer: the one made for them before (found by email among the
   * account's customers, and by the member id in its metadata), else a new one. Looked up at
   * Stripe rather than in the server's database: this runs inside the API's storage transaction,
   * which on the embedded database holds the only connection. Two first checkouts at once make
   * one customer (the same idempotency key).
   *
   * A customer of this organization with this email but another member id was made in a run
   * that never committed: the server died, or the transaction failed, between Stripe's answer and
   * the commit, and the retry's new member has a new id (the idempotency key, made of it, is new
   * too). Emails are a member's for good in an organization (unique, never changed), so that
   * customer can only be this member's: it is taken (its metadata now names this member) instead
   * of leaving it orphaned beside a second one.
   */
  async customerFor(organizationId: string, customer: CheckoutRequest['customer']): Promise<string> {
    const orphans: Stripe.Customer[] = [];
    for await (const candidate of this.#stripe.customers.list({ email: customer.email, limit: 100 })) {
      if (candidate.metadata?.organization_id !== organizationId) continue;
      if (candidate.metadata.member_id === customer.member_id) return candidate.id;
      orphans.push(candidate);
    }
    // The first one made, should several runs have died.
    const orphan = orphans.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id))[0];
    if (orphan) {
      await this.#stripe.customers.update(orphan.id, { metadata: { member_id: customer.member_id } });
      return orphan.id;
    }
    const emailKey = createHash('sha256').update(customer.email).digest('hex').slice(0, 16);
    const created = await this.#stripe.customers.create(
      { email: customer.email, ...(customer.name && { name: customer.name }), metadata: { organization_id: organizationId, member_id: customer.member_id } },
      { idempotencyKey: `customer:${organizationId}:${customer.member_id}:${emailKey}` },
    );
    return created.id;
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    const org = request.organization_id;
    const customer = await this.customerFor(org, request.customer);
    // The organization's connected account comes with the request (its record, read in the
    // API's transaction): no lookup of its own while that transaction holds the connection.
    const account = request.payment_account;
    const metadata = { organization_id: org, signup_id: request.signup_id, member_id: request.customer.member_id, seller_name: request.seller_name };
    const now = this.#now();
    const lifetime = request.expires_at === null ? maximumLifetime : Math.min(Math.max(request.expires_at - now, minimumLifetime), maximumLifetime);
    // Stripe refuses a key sent again with other parameters, and the expiry is the one that moves
    // with the clock: a transaction run again, or an approval retried after a crash (same signup,
    // so same key), would be refused for 24 hours. So the expiry is rounded down to the minute
    // (runs within one minute share one session) and is part of the key (a later run opens a
    // new session; the earlier one never reached the member, its run having rolled back).
    const expiresAt = Math.floor((now + lifetime) / 60_000) * 60;
    const common: Stripe.Checkout.SessionCreateParams = {
      ui_mode: request.ui_mode,
      customer,
      locale: checkoutLocale(request.locale),
      metadata,
      client_reference_id: request.signup_id,
      expires_at: expiresAt,
      ...(request.ui_mode === 'embedded_page'
        ? // The widget polls the signup once Stripe.js says the session completed: no redirect.
          { redirect_on_completion: 'never' as const }
        : { success_url: request.return_url ?? this.#pages.checkoutComplete(), cancel_url: request.return_url ?? this.#pages.checkoutComplete() }),
    };
    // A first term of 0 on a plan that renews automatically: nothing to pay now, but the card
    // must be collected and saved for the renewal (setup mode).
    const params: Stripe.Checkout.SessionCreateParams =
      request.amount === 0
        ? {
            ...common,
            mode: 'setup',
            currency: request.currency.toLowerCase(),
            setup_intent_data: { metadata, description: `${request.description} (${request.seller_name})` },
          }
        : {
            ...common,
            mode: 'payment',
            line_items: [{ quantity: 1, price_data: { currency: request.currency.toLowerCase(), unit_amount: request.amount, product_data: { name: request.description } } }],
            payment_intent_data: {
              // Authorize now, capture once the API completes the signup (see the port).
              capture_method: 'manual',
              description: `${request.description} (${request.seller_name})`,
              metadata,
              ...(request.save_payment_method && { setup_future_usage: 'off_session' as const }),
              ...(account && { transfer_data: { destination: account }, on_behalf_of: account }),
            },
          };
    const session = await this.#stripe.checkout.sessions.create(params, { idempotencyKey: `${org}:${request.idempotency_key}:${expiresAt}` });
    return {
      id: session.id,
      ui_mode: request.ui_mode,
      client_secret: request.ui_mode === 'embedded_page' ? session.client_secret : null,
      url: request.ui_mode === 'hosted_page' ? session.url : null,
      expires_at: request.expires_at,
    };
  }

  /** The session, with its intents and cards, checked to be the organization's. */
  async #session(organizationId: string, id: string): Promise<Stripe.Checkout.Session> {
    const session = await this.#stripe.checkout.sessions.retrieve(id, { expand });
    if (session.metadata?.organization_id !== organizationId) throw new Error(`StripePayments: checkout session ${id} is not ${organizationId}'s`);
    return session;
  }

  #payment(session: Stripe.Checkout.Session): CheckoutPayment | null {
    const customer = typeof session.customer === 'string' ? session.customer : (session.customer?.id ?? null);
    if (session.mode === 'setup') {
      const setup = session.setup_intent as Stripe.SetupIntent | null;
      if (session.status !== 'complete' || !setup || setup.status !== 'succeeded') return null;
      const method = setup.payment_method as Stripe.PaymentMethod | null;
      return {
        reference: setup.id,
        amount: 0,
        currency: (session.currency ?? '').toUpperCase(),
        card_last4: method?.card?.last4 ?? null,
        payment_method: method?.id ?? null,
        customer,
        // Nothing to capture: the card is saved, and that is all this checkout does.
        status: 'captured',
      };
    }
    const intent = session.payment_intent as Intent | null;
    if (!intent || session.status !== 'complete') return null;
    const status = intent.status === 'requires_capture' ? 'authorized' : intent.status === 'succeeded' ? 'captured' : intent.status === 'canceled' ? 'released' : null;
    if (!status) return null;
    const method = intent.payment_method as Stripe.PaymentMethod | null;
    return {
      reference: intent.id,
      amount: status === 'captured' ? intent.amount_received : intent.amount,
      currency: intent.currency.toUpperCase(),
      card_last4: method?.card?.last4 ?? null,
      payment_method: intent.setup_future_usage === 'off_session' ? (method?.id ?? null) : null,
      customer,
      status,
    };
  }

  async retrieveCheckout(organizationId: string, id: string): Promise<CheckoutState> {
    const session = await this.#session(organizationId, id);
    const status: CheckoutState['status'] = session.status === 'complete' ? 'complete' : session.status === 'expired' ? 'expired' : 'open';
    return { id: session.id, status, payment: this.#payment(session) };
  }

  async capturePayment(organizationId: string, checkoutId: string): Promise<CheckoutPayment> {
    const session = await this.#session(organizationId, checkoutId);
    const payment = this.#payment(session);
    if (!payment || payment.status === 'released') throw new Error(`StripePayments: checkout ${checkoutId} has no authorized payment to capture`);
    if (payment.status === 'captured') return payment;
    const captured = await this.#stripe.paymentIntents.capture(payment.reference, {}, { idempotencyKey: `capture:${payment.reference}` });
    return { ...payment, status: 'captured', amount: captured.amount_received };
  }

  async expireCheckout(organizationId: string, id: string): Promise<void> {
    const session = await this.#session(organizationId, id);
    if (session.status === 'open') {
      try {
        await this.#stripe.checkout.sessions.expire(id);
        return;
      } catch (error) {
        // Completed meanwhile: let its authorization go below.
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      }
    }
    const now = await this.#session(organizationId, id);
    const intent = now.payment_intent as Intent | null;
    if (intent?.status === 'requires_capture') await this.#stripe.paymentIntents.cancel(intent.id, {}, { idempotencyKey: `release:${intent.id}` });
  }

  async chargeOffSession(request: OffSessionChargeRequest): Promise<OffSessionCharge> {
    const account = request.payment_account;
    // The card the member saved last in the Billing Portal (the customer's default) replaces
    // the one their signup saved.
    const customer = await this.#stripe.customers.retrieve(request.customer);
    const replaced = 'deleted' in customer && customer.deleted ? null : customer.invoice_settings?.default_payment_method;
    const paymentMethod = (typeof replaced === 'string' ? replaced : replaced?.id) ?? request.payment_method;
    try {
      const intent = await this.#stripe.paymentIntents.create(
        {
          amount: request.amount,
          currency: request.currency.toLowerCase(),
          customer: request.customer,
          payment_method: paymentMethod,
          off_session: true,
          confirm: true,
          description: `${request.description} (${request.seller_name})`,
          metadata: { organization_id: request.organization_id, membership_id: request.membership_id, renewal: request.idempotency_key },
          ...(account && { transfer_data: { destination: account }, on_behalf_of: account }),
          expand: ['payment_method'],
        },
        { idempotencyKey: `${request.organization_id}:${request.idempotency_key}` },
      );
      return this.#charge(intent, request.organization_id);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        const intent = error.payment_intent;
        if (error.code === 'authentication_required' && intent) return this.#charge(intent, request.organization_id);
        return { status: 'declined', reference: intent?.id ?? null, decline_code: error.decline_code ?? error.code ?? 'card_declined', message: error.message };
      }
      throw error;
    }
  }

  /** An off-session intent as the port's charge. */
  #charge(intent: Intent, organizationId: string): OffSessionCharge {
    if (intent.status === 'succeeded') {
      const method = intent.payment_method && typeof intent.payment_method === 'object' ? intent.payment_method : null;
      return { status: 'succeeded', reference: intent.id, amount: intent.amount_received, currency: intent.currency.toUpperCase(), card_last4: method?.card?.last4 ?? null };
    }
    const error = intent.last_payment_error;
    const waiting = intent.status === 'requires_action' || (intent.status === 'requires_payment_method' && error?.code === 'authentication_required');
    if (waiting) {
      const url = intent.next_action?.redirect_to_url?.url ?? null;
      // Stripe answers an off-session charge that needs authentication without a page: the
      // server's own page confirms the intent with Stripe.js (see /payments/authenticate).
      return { status: 'requires_action', reference: intent.id, url: url ?? this.#pages.authenticate(organizationId, intent.id) };
    }
    return {
      status: 'declined',
      reference: intent.id,
      decline_code: error?.decline_code ?? error?.code ?? (intent.status === 'canceled' ? 'canceled' : 'card_declined'),
      message: error?.message ?? 'The payment was not completed.',
    };
  }

  async retrieveCharge(organizationId: string, reference: string): Promise<OffSessionCharge> {
    const intent = await this.#stripe.paymentIntents.retrieve(reference, { expand: ['payment_method'] });
    if (intent.metadata?.organization_id !== organizationId) throw new Error(`StripePayments: payment ${reference} is not ${organizationId}'s`);
    return this.#charge(intent, organizationId);
  }

  async cancelCharge(organizationId: string, reference: string): Promise<void> {
    const intent = await this.#stripe.paymentIntents.retrieve(reference);
    if (intent.metadata?.organization_id !== organizationId) throw new Error(`StripePayments: payment ${reference} is not ${organizationId}'s`);
    if (intent.status === 'succeeded' || intent.status === 'canceled') return;
    await this.#stripe.paymentIntents.cancel(reference, {}, { idempotencyKey: `cancel:${reference}` });
  }

  /**
   * A Refund of the payment intent. With Connect destination charges the transfer to the
   * organization's account is reversed in proportion (`reverse_transfer`), so the organization,
   * not the platform, gives the money back.
   */
  async refund(request: RefundRequest): Promise<Refund> {
    const intent = await this.#stripe.paymentIntents.retrieve(request.reference);
    if (intent.metadata?.organization_id !== request.organization_id) throw new Error(`StripePayments: payment ${request.reference} is not ${request.organization_id}'s`);
    const refund = await this.#stripe.refunds.create(
      {
        payment_intent: request.reference,
        amount: request.amount,
        metadata: {
          organization_id: request.organization_id,
          membership_id: request.membership_id,
          refund: request.idempotency_key,
          // Read back by retrieveRefunds: charge.refunded, should it be recorded first, records
          // the refund as staff meant it. (Stripe keeps at most 500 characters a value.)
          keep_access: String(request.keep_access),
          ...(request.reason && { reason: request.reason.slice(0, 500) }),
        },
        ...(intent.transfer_data && { reverse_transfer: true }),
      },
      { idempotencyKey: `${request.organization_id}:${request.idempotency_key}` },
    );
    return { id: refund.id, reference: request.reference, amount: refund.amount, currency: refund.currency.toUpperCase() };
  }

  /**
   * The refunds of the payment intent's charge, re-read from Stripe: the charge with its
   * `refunds` list expanded (paged through the refunds list when it has more), and
   * `amount_refunded`. Failed and canceled refunds gave nothing back and are left out.
   */
  async retrieveRefunds(organizationId: string, reference: string): Promise<PaymentRefunds> {
    const intent = await this.#stripe.paymentIntents.retrieve(reference);
    if (intent.metadata?.organization_id !== organizationId) throw new Error(`StripePayments: payment ${reference} is not ${organizationId}'s`);
    const chargeId = typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null);
    if (!chargeId) return { reference, amount: 0, amount_refunded: 0, refunds: [] };
    const charge = await this.#stripe.charges.retrieve(chargeId, { expand: ['refunds'] });
    let listed = charge.refunds?.data ?? [];
    if (!charge.refunds || charge.refunds.has_more) listed = await this.#stripe.refunds.list({ charge: chargeId, limit: 100 }).autoPagingToArray({ limit: 10_000 });
    const refunds = [...listed]
      .filter((refund) => refund.status === 'succeeded' || refund.status === 'pending' || refund.status === 'requires_action')
      // Stripe lists newest first (its order, not `created`, which has only seconds); the term
      // records them oldest first.
      .reverse()
      .map((refund): ProcessorRefund => {
        const made = refund.metadata?.organization_id === organizationId && typeof refund.metadata?.keep_access === 'string';
        return {
          id: refund.id,
          reference,
          amount: refund.amount,
          currency: refund.currency.toUpperCase(),
          reason: made ? (refund.metadata?.reason ?? null) : (refund.reason ?? null),
          keep_access: made ? refund.metadata?.keep_access === 'true' : null,
        };
      });
    return { reference, amount: charge.amount_captured, amount_refunded: charge.amount_refunded, refunds };
  }

  /** The dispute, re-read from Stripe, checked to be of the organization's payment. */
  async retrieveDispute(organizationId: string, id: string): Promise<PaymentDispute> {
    const dispute = await this.#stripe.disputes.retrieve(id);
    const reference = typeof dispute.payment_intent === 'string' ? dispute.payment_intent : (dispute.payment_intent?.id ?? null);
    if (!reference || (await this.organizationOfPayment(reference)) !== organizationId) throw new Error(`StripePayments: dispute ${id} is not of a payment of ${organizationId}`);
    return { id: dispute.id, reference, amount: dispute.amount, currency: dispute.currency.toUpperCase(), reason: dispute.reason, status: dispute.status };
  }

  /**
   * The organization whose payment intent `reference` is (its metadata), or null: not made by
   * this server. A dispute's own payload names only the charge and the intent.
   */
  async organizationOfPayment(reference: string): Promise<string | null> {
    try {
      const intent = await this.#stripe.paymentIntents.retrieve(reference);
      return intent.metadata?.organization_id ?? null;
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return null;
      throw error;
    }
  }

  /**
   * A Stripe Billing Portal session of the member's customer: the card they save there becomes
   * the customer's default (`invoice_settings.default_payment_method`), which `chargeOffSession`
   * charges from then on.
   */
  async createCardUpdateSession(request: CardUpdateSessionRequest): Promise<CardUpdateSession> {
    const customer = await this.#stripe.customers.retrieve(request.customer);
    const ours = !('deleted' in customer && customer.deleted) && customer.metadata?.organization_id === request.organization_id;
    if (!ours) throw new Error(`StripePayments: customer ${request.customer} is not ${request.organization_id}'s`);
    // A way back always: the organization's page the member came from (checked by the API to
    // be one of its embed origins), else the server's own page, rather than the portal
    // configuration's default, which a platform serving many organizations cannot set for each.
    const returnUrl = request.return_url ?? this.#pages.cardUpdated?.() ?? null;
    const session = await this.#stripe.billingPortal.sessions.create({
      customer: request.customer,
      locale: portalLocale(request.locale),
      ...(returnUrl && { return_url: returnUrl }),
    });
    return { id: session.id, url: session.url };
  }
}

/** The Billing Portal's `locale`: Checkout's list serves it too, `auto` otherwise. */
function portalLocale(locale: string): Stripe.BillingPortal.SessionCreateParams.Locale {
  return checkoutLocale(locale) as Stripe.BillingPortal.SessionCreateParams.Locale;
}
