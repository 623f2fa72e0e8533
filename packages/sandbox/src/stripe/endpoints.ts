// The stand-in's hidden, sandbox-only endpoints under the base URL (not part of the API contract):
//   GET  {baseUrl}/_sandbox/checkout/{client_secret}               → what is being paid
//   POST {baseUrl}/_sandbox/checkout/{client_secret}/confirm       → pays it with a test card
//   POST {baseUrl}/_sandbox/checkout/{client_secret}/authenticate  → the bank's challenge answered
//        ({"outcome":"complete"|"fail"}), for a card whose confirm answered requires_action
// They are the processor's side (the stand-in's sessions in MemoryPayments) and the member's
// card form; the API hears of a completed session through `settleCheckout`, which reads the
// session again through the Payments port and captures the payment or lets it go. A session is
// paid exactly once: confirming a paid one answers the same payment.
import {
  Problem,
  fieldError,
  jsonResponse,
  problemResponse,
  type CardDecline,
  type MemoryPayments,
  type MembershipApi,
  type TestCard,
} from '@memberkit/api';
import { formatMoney } from '@memberkit/sdk/calculators';

export interface CheckoutSummary {
  /** `complete` once paid; `expired` once closed unpaid (or its payment let go). */
  status: 'open' | 'complete' | 'expired';
  amount: number;
  currency: string;
  amount_display: string;
  organization_name: string;
  membership_name: string;
  signup_id: string;
}

export interface ConfirmResult {
  status: 'complete';
  signup_id: string;
  payment_id: string;
}

/** A card whose bank asks the member to authenticate (4000 0025 0000 3155): nothing paid yet. */
export interface AuthenticationRequired {
  status: 'requires_action';
  signup_id: string;
}

/** The answer to a confirm: 200 with the payment, or a problem (402 declined, 404, 409 closed or refused). */
export type ConfirmOutcome = { ok: true; result: ConfirmResult } | { ok: false; problem: Problem };

const unknownSession = () => new Problem(404, 'not_found', 'No checkout session with this client secret.');

function declined(decline: CardDecline): Problem {
  return new Problem(402, 'card_declined', decline.message, {
    errors: [fieldError(decline.field, decline.decline_code, decline.field, decline.message)],
    extensions: { decline_code: decline.decline_code },
  });
}

/** The stand-in's endpoints, on the sandbox's payments and API. */
export class StandInCheckout {
  readonly #payments: MemoryPayments;
  readonly #api: MembershipApi;

  constructor(payments: MemoryPayments, api: MembershipApi) {
    this.#payments = payments;
    this.#api = api;
  }

  summary(clientSecret: string): CheckoutSummary {
    const session = this.#payments.sessionBySecret(clientSecret);
    if (!session) throw unknownSession();
    const payment = session.payment?.status;
    return {
      status: payment === 'captured' ? 'complete' : session.status === 'expired' || payment === 'released' ? 'expired' : 'open',
      amount: session.amount,
      currency: session.currency,
      amount_display: formatMoney(session.amount, session.currency, session.locale ?? undefined),
      organization_name: session.seller_name,
      membership_name: session.description,
      signup_id: session.signup_id,
    };
  }

  /**
   * The member pays with `card`: a refused card is 402 (and the session stays open); a card whose
   * bank asks for authentication answers requires_action (the form shows the challenge, then
   * `authenticate`); a succeeding one authorizes the amount, and the API settles the checkout
   * (capturing it, or refusing the completion and letting it go). A session already settled
   * answers its outcome again: the same payment, or why it is closed.
   */
  async confirm(clientSecret: string, card: TestCard): Promise<ConfirmOutcome | { ok: true; result: AuthenticationRequired }> {
    const session = this.#payments.sessionBySecret(clientSecret);
    if (!session) return { ok: false, problem: unknownSession() };
    const outcome = this.#payments.confirm(clientSecret, card);
    if (outcome === 'requires_action') return { ok: true, result: { status: 'requires_action', signup_id: session.signup_id } };
    if (outcome) return { ok: false, problem: declined(outcome) };
    return this.#settle(session.organization_id, session.id);
  }

  /**
   * The member answers the bank's challenge: `complete` pays as a good card does; `fail` is 402
   * `payment_intent_authentication_failure` and the session stays open for another card.
   */
  async authenticate(clientSecret: string, outcome: 'complete' | 'fail'): Promise<ConfirmOutcome> {
    const session = this.#payments.sessionBySecret(clientSecret);
    if (!session) return { ok: false, problem: unknownSession() };
    const failure = this.#payments.authenticateCheckout(clientSecret, { fail: outcome === 'fail' });
    if (failure) return { ok: false, problem: declined(failure) };
    return this.#settle(session.organization_id, session.id);
  }

  async #settle(organizationId: string, sessionId: string): Promise<ConfirmOutcome> {
    const settled = await this.#api.settleCheckout(organizationId, sessionId);
    if (settled.status === 'paid') return { ok: true, result: { status: 'complete', signup_id: settled.signup_id, payment_id: settled.payment_id } };
    if (settled.status === 'closed') return { ok: false, problem: settled.problem };
    // Confirmed but still open: the session could not be completed (it closed meanwhile).
    return { ok: false, problem: new Problem(409, 'checkout_closed', 'This checkout can no longer be paid. Nothing was charged.') };
  }

  /** The two endpoints; null for a path that is not theirs. */
  async handle(request: Request, path: string): Promise<Response | null> {
    const match = /^\/_sandbox\/checkout\/([^/]+)(\/confirm|\/authenticate)?\/?$/.exec(path);
    if (!match) return null;
    const secret = decodeURIComponent(match[1]!);
    const action = match[2];
    const allowed = action ? 'POST' : 'GET';
    if (request.method !== allowed) {
      return problemResponse(
        new Problem(405, 'method_not_allowed', `${new URL(request.url).pathname} does not accept ${request.method}; use ${allowed}.`, {
          headers: { Allow: allowed },
          extensions: { allowed: [allowed] },
        }),
      );
    }
    try {
      if (!action) return jsonResponse(200, this.summary(secret));
      const text = await request.text();
      let body: unknown = {};
      try {
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        throw new Problem(400, 'invalid_json', 'The request body is not valid JSON.');
      }
      const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
      if (action === '/authenticate' && fields.outcome !== 'complete' && fields.outcome !== 'fail') {
        throw new Problem(400, 'validation_failed', 'outcome must be "complete" or "fail".', { errors: [fieldError('outcome', 'invalid', 'outcome', 'outcome must be "complete" or "fail".')] });
      }
      const outcome = action === '/authenticate' ? await this.authenticate(secret, fields.outcome as 'complete' | 'fail') : await this.confirm(secret, fields as unknown as TestCard);
      return outcome.ok ? jsonResponse(200, outcome.result) : problemResponse(outcome.problem);
    } catch (error) {
      if (error instanceof Problem) return problemResponse(error);
      throw error;
    }
  }
}
