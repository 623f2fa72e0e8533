// POST /v1/webhooks/stripe: Stripe's events, verified and applied once each.
// - The signature is checked on the raw body (stripe.webhooks.constructEvent, 5 minutes'
//   tolerance on the server's clock): a forged, altered or replayed delivery is refused with 400
//   and changes nothing.
// - An event id already handled is acknowledged again without being applied again (Stripe
//   delivers at least once); it is recorded only after it was applied, so a crash in between
//   makes Stripe's redelivery apply it then.
// - Nothing in the payload is trusted as current: a checkout event makes the API settle the
//   checkout, which reads the session again from Stripe; `charge.refunded` makes it settle the
//   payment's refunds, which reads the charge's refunds again. Duplicate, late and out-of-order
//   deliveries therefore all end in the state Stripe has now.
// An event that is not ours (no organization in its metadata, an unknown checkout) is
// acknowledged so that Stripe stops sending it.
import { Problem, type Clock, type MembershipApi } from '@memberkit/api';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import Stripe from 'stripe';

/* eslint-disable @typescript-eslint/no-explicit-any -- the server's own table, outside the port's types */
type Database = Kysely<any>;

export interface StripeWebhooksOptions {
  api: MembershipApi;
  db: Database;
  clock: Clock;
  logger: Logger;
  /** The endpoint's signing secrets (`whsec_…`): several while one is rolled. */
  secrets: string[];
  /** The organization whose payment intent it is (its metadata), or null: a dispute's payload names none. */
  organizationOfPayment?: (reference: string) => Promise<string | null>;
  /** Largest body accepted, in bytes (Stripe's events are far smaller). */
  maxBytes?: number;
}

/** Seconds a signature stays valid (Stripe's default tolerance). */
export const signatureTolerance = 300;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export class StripeWebhooks {
  readonly #options: StripeWebhooksOptions;

  constructor(options: StripeWebhooksOptions) {
    this.#options = options;
  }

  async handle(request: Request): Promise<Response> {
    const { logger } = this.#options;
    const signature = request.headers.get('stripe-signature');
    if (!signature) return json(400, { error: 'missing_signature', message: 'A Stripe webhook must carry a Stripe-Signature header.' });
    const body = await readLimited(request, this.#options.maxBytes ?? 1024 * 1024);
    if (!body) return json(413, { error: 'payload_too_large', message: 'The webhook body is too large.' });
    const event = this.#verify(body, signature);
    if (!event) {
      logger.warn('stripe webhook refused: its signature does not match (wrong secret, altered body, or an old delivery)');
      return json(400, { error: 'invalid_signature', message: 'The Stripe-Signature does not match this body, or is older than 5 minutes.' });
    }
    const started = performance.now();
    const done = await this.#options.db.selectFrom('server_stripe_events').select('id').where('id', '=', event.id).executeTakeFirst();
    if (done) return json(200, { received: true, duplicate: true });
    try {
      const outcome = await this.#apply(event);
      await this.#options.db
        .insertInto('server_stripe_events')
        .values({ id: event.id, type: event.type, processed_at: this.#options.clock.now() })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .execute();
      logger.info({ event_id: event.id, type: event.type, outcome, ms: Math.round(performance.now() - started) }, 'stripe webhook');
      return json(200, { received: true, outcome });
    } catch (error) {
      // Not recorded: Stripe sends it again, and then it is applied.
      logger.error({ err: error, event_id: event.id, type: event.type }, 'stripe webhook failed; Stripe will retry it');
      return json(500, { error: 'internal_error', message: 'The event could not be applied now; it will be retried.' });
    }
  }

  #verify(body: Buffer, signature: string): Stripe.Event | null {
    for (const secret of this.#options.secrets) {
      try {
        return Stripe.webhooks.constructEvent(body, signature, secret, signatureTolerance, undefined, this.#options.clock.now());
      } catch {
        // The next secret (one being rolled), or refused.
      }
    }
    return null;
  }

  /** Applies one event; answers what became of it (for the log). */
  async #apply(event: Stripe.Event): Promise<string> {
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
      case 'checkout.session.async_payment_failed':
      case 'checkout.session.expired': {
        const session = event.data.object;
        return this.#settle(session.metadata?.organization_id, session.id);
      }
      case 'payment_intent.payment_failed': {
        // At a checkout the session stays open and the member may try another card (Stripe's
        // page shows the decline); the signup fails only when the session closes. A renewal's
        // failed charge is the lifecycle's to count, from the charge itself.
        const intent = event.data.object;
        return intent.metadata?.signup_id ? 'checkout_declined_card' : 'ignored';
      }
      case 'charge.refunded': {
        // A refund made in Stripe's dashboard, or the notice of one staff made through the API
        // (recorded already under its refund id: nothing more happens). The charge carries its
        // intent's metadata (Stripe copies it when the intent is confirmed).
        // A charge without it (made before its intent had any) is looked up by its intent.
        const charge = event.data.object;
        const reference = typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null);
        const organizationId = charge.metadata?.organization_id ?? (reference ? await this.#options.organizationOfPayment?.(reference) : undefined);
        return this.#settleRefunds(organizationId ?? undefined, reference);
      }
      case 'charge.dispute.created':
      case 'charge.dispute.closed': {
        // The cardholder's bank disputes a payment: the dispute rule (SDK disputeOutcome) stops
        // charging the card; once closed, its result is recorded. The dispute is re-read from
        // Stripe by the API, so either event, in either order, ends in the state Stripe has.
        const dispute = event.data.object;
        const reference = typeof dispute.payment_intent === 'string' ? dispute.payment_intent : (dispute.payment_intent?.id ?? null);
        const organizationId = reference ? await this.#options.organizationOfPayment?.(reference) : null;
        if (!organizationId) return 'not_ours';
        return this.#notOurs(async () => {
          const settled = await this.#options.api.settleDispute(organizationId, dispute.id);
          if (settled.closed) return `dispute_closed:${settled.closed}`;
          return settled.recorded ? 'dispute_recorded' : 'dispute_recorded_already';
        });
      }
      default:
        return 'ignored';
    }
  }

  /** `work`'s outcome, or `not_ours` for a payment the API never recorded (another integration on the same account). */
  async #notOurs(work: () => Promise<string>): Promise<string> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Problem && error.status === 404) return 'not_ours';
      throw error;
    }
  }

  /**
   * A refund of a payment the API never recorded (another integration on the same Stripe
   * account, an organization this server does not have, a charge with no intent) is `not_ours`:
   * acknowledged, so that Stripe stops sending it, and nothing changes. The API answers 404
   * before it asks Stripe anything, so such a notice costs no call to Stripe.
   */
  async #settleRefunds(organizationId: string | undefined, reference: string | null): Promise<string> {
    if (!organizationId || !reference) return 'not_ours';
    return this.#notOurs(async () => {
      const settled = await this.#options.api.settleRefunds(organizationId, reference);
      return settled.recorded.length > 0 ? `refunds_recorded:${settled.recorded.length}` : 'refunds_recorded_already';
    });
  }

  async #settle(organizationId: string | undefined, sessionId: string): Promise<string> {
    if (!organizationId) return 'not_ours';
    try {
      const settled = await this.#options.api.settleCheckout(organizationId, sessionId);
      return settled.status;
    } catch (error) {
      // A session this server never opened (another integration on the same account).
      if (error instanceof Problem && error.status === 404) return 'not_ours';
      throw error;
    }
  }
}

/** The body, or null when it is larger than `limit`. */
async function readLimited(request: Request, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!request.body) return Buffer.alloc(0);
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
