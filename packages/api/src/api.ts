// createMembershipApi: the API's behaviour on the ports a host gives it. A host (the sandbox on
// msw, the server on Hono) passes every request to `handle` and calls the other entry points
// when its own events happen: a payment webhook or a card form (settleCheckout), a timer
// (deliverOutbox).
import { idSource, type CheckoutSettings, type DomainContext } from './domain/context.js';
import { concernsLifecycle, lifecycleStep } from './domain/lifecycle.js';
import { deliverMessages, deliverOutbox, type OutboxDelivery } from './domain/outbox.js';
import { settleCheckout, type CheckoutSettlement } from './domain/payments.js';
import { settleRefunds, type RefundSettlement } from './domain/refunds.js';
import { settleDispute, type DisputeSettlement } from './domain/disputes.js';
import { attemptDelivery, deliverDueWebhooks, type WebhookSending } from './domain/webhooks.js';
import { Problem } from './domain/problems.js';
import { isValidDate } from '@memberkit/sdk/calculators';
import type { KeyMode } from './http/auth.js';
import type { Route } from './http/context.js';
import { Pipeline, domainContext, type Aftermath, type ResponseSchemaError } from './http/pipeline.js';
import { routeName } from './http/router.js';
import { apiRoutes } from './http/routes/index.js';
import type { Clock } from './ports/clock.js';
import type { Mailer } from './ports/mailer.js';
import type { MemberTokens } from './ports/member-tokens.js';
import type { CheckoutUiMode, Payments } from './ports/payments.js';
import type { OrganizationRecord } from './ports/records.js';
import type { Storage, Transaction } from './ports/storage.js';

export interface MembershipApiOptions {
  storage: Storage;
  payments: Payments;
  mailer: Mailer;
  clock: Clock;
  memberTokens: MemberTokens;
  /** The path the API answers under (default `/v1`): `/v1/organizations/{org}/…`. */
  basePath?: string;
  /** `test` refuses live secret keys (`sk_live_…`), `live` test keys; default `any`. */
  keyMode?: KeyMode;
  /**
   * The page a checkout happens on, given the one the signup asked for (`checkout.ui_mode`;
   * null: it did not say). Default: the page asked for, else an embedded page.
   */
  checkoutUiMode?(organization: OrganizationRecord, requested: CheckoutUiMode | null): CheckoutUiMode;
  /** How long an unpaid checkout stays open, in ms (default 24 hours, Stripe's default). */
  checkoutLifetimeMs?: number;
  /** Largest accepted request body in bytes (default 65 536); larger → 413. */
  maxBodyBytes?: number;
  /**
   * Parse every answer with its SDK schema; a mismatch answers 500 `sandbox_invalid_response`
   * and is reported to `onResponseSchemaError` (tests expect none). Default false.
   */
  validateResponses?: boolean;
  onResponseSchemaError?(error: ResponseSchemaError): void;
  /**
   * A host's seam, called for every request a route will answer, after its caller is known and
   * its Idempotency-Key is claimed (a second request with the key meanwhile gets 409), before its
   * transaction opens; the work waits for the returned promise. The sandbox holds requests here
   * (`holdNextRequest`) and adds its latency.
   */
  beforeWork?(request: Request, route: Route): void | Promise<void>;
  /**
   * Hand the outbox's messages to the Mailer as soon as their transaction commits (default
   * true; the request waits for it). False: only `deliverOutbox()` sends them, e.g. on a timer.
   */
  deliverAfterCommit?: boolean;
  /**
   * How webhook deliveries reach organizations' endpoints (default: the global fetch). A host
   * that can resolve names refuses internal addresses here (the server: `isInternalAddress`).
   */
  webhookFetch?: typeof fetch;
  /**
   * Accept webhook endpoints on this machine (`localhost`, 127.0.0.0/8, ::1; http allowed
   * there): for development and tests. Default true; the server passes false in production.
   * Other internal addresses (private, link-local, CGNAT, multicast, unspecified) are refused
   * whatever this says.
   */
  allowLoopbackWebhooks?: boolean;
  /** Failures after a commit (a processor effect, a message the Mailer refused). Default: console.error. */
  onError?(error: unknown, during: string): void;
  /**
   * How many of an organization's memberships `runDay` takes at once (default 4): each in its
   * own transaction, its charge keyed by membership, term and attempt, so running several at
   * once (or the same day on two instances) never charges one twice. 1: one after another.
   * On PostgreSQL keep it below the pool's size (each holds a connection while Stripe answers).
   */
  lifecycleConcurrency?: number;
}

export interface MembershipApi {
  /** Answers one request of the HTTP contract (fetch-style: a Request in, a Response out). */
  handle(request: Request): Promise<Response>;
  /**
   * Settles a checkout with the processor's word on it (read again through the Payments port,
   * whatever the caller says): what a payment webhook, a card form's confirm and a signup poll
   * call. Paid: the signup is completed and its payment recorded, once; a completion refused
   * meanwhile (the holder got the membership, the renewal window closed) charges nothing and
   * answers `closed` with the problem. Throws a 404 Problem for an unknown checkout.
   */
  settleCheckout(organizationId: string, checkoutId: string): Promise<CheckoutSettlement>;
  /**
   * Settles the refunds of payment `reference` (a term's `payment_reference`) with the
   * processor's word on them, read again through the Payments port: what a refund webhook
   * (Stripe's `charge.refunded`) calls. Refunds not recorded yet are recorded on the term the
   * payment paid, once each (matched on the processor's refund id, so one staff made through
   * the API is not recorded again), and the refund rule applies (a full refund of the current
   * term ends the membership). Throws a 404 Problem for a payment the API did not record.
   */
  settleRefunds(organizationId: string, reference: string): Promise<RefundSettlement>;
  /**
   * Settles dispute `disputeId` (a chargeback of a term's payment) with the processor's word on
   * it, read again through the Payments port: what a dispute webhook (Stripe's
   * `charge.dispute.created` and `charge.dispute.closed`, in any order) calls. Recorded once on
   * the term the payment paid, and the dispute rule applies (SDK `disputeOutcome`: auto-renewal
   * off, the saved card forgotten, the membership runs on, `membership.disputed` sent); once it
   * is closed, its result (SDK `disputeResult`: won or lost) is recorded and
   * `membership.dispute_closed` sent, once. Throws a 404 Problem for a payment the API did not
   * record.
   */
  settleDispute(organizationId: string, disputeId: string): Promise<DisputeSettlement>;
  /**
   * Runs what day `day` (`YYYY-MM-DD`, the organization's own date) brings to its memberships:
   * automatic renewal charges and their retries, terminations after the last failed attempt,
   * renewal reminders (see docs/guides/lifecycle.md). Idempotent: running a day again changes
   * nothing. Days are meant to be run in order, each once it has come (a day after the
   * organization's today is refused; earlier ones catch up what was missed). Each membership is
   * its own transaction: one that fails is reported in `errors` and the others go on.
   */
  runDay(organizationId: string, day: string): Promise<LifecycleDay>;
  /** Sends every message still in the outbox (a retry of those the Mailer refused); answers how many went. */
  deliverOutbox(): Promise<number>;
  /** Attempts every webhook delivery that is due (a retry's time has come); answers how many succeeded. */
  deliverWebhooks(): Promise<number>;
  /** The route a request is for (for a host's stats and logs), or null. */
  routeOf(request: Pick<Request, 'method' | 'url'>): Route | null;
  readonly routes: readonly Route[];
}

export type { CheckoutSettlement, DisputeSettlement, RefundSettlement };

/** What one lifecycle day did: the memberships by outcome (those with nothing to do are not listed). */
export interface LifecycleDay {
  organization_id: string;
  day: string;
  renewed: string[];
  failed: string[];
  terminated: string[];
  /** Not renewed through its term and grace: expired from this day (membership.expired). */
  expired: string[];
  reminded: string[];
  /** A charge waiting for the member's authentication. */
  waiting: string[];
  errors: { membership_id: string; error: unknown }[];
}

const ports = {
  storage: ['transaction', 'claim'],
  payments: ['createCheckout', 'retrieveCheckout', 'capturePayment', 'expireCheckout', 'chargeOffSession', 'retrieveCharge', 'cancelCharge', 'createCardUpdateSession'],
  mailer: ['send'],
  clock: ['now', 'today'],
  memberTokens: ['issue', 'verify'],
} as const;

export function createMembershipApi(options: MembershipApiOptions): MembershipApi {
  // A host wired without a port would fail at its first use of it, far from the mistake.
  for (const [port, methods] of Object.entries(ports)) {
    const given = (options as unknown as Record<string, Record<string, unknown> | undefined>)[port];
    const missing = methods.filter((method) => typeof given?.[method] !== 'function');
    if (missing.length > 0) {
      throw new TypeError(`createMembershipApi: the ${port} port ${given ? `lacks ${missing.join(', ')}` : 'is missing'}`);
    }
  }
  const { storage, payments, mailer, clock, memberTokens } = options;
  const onError = options.onError ?? ((error: unknown, during: string) => console.error(`@memberkit/api: ${during}:`, error));
  const lifecycleConcurrency = Math.max(1, Math.floor(options.lifecycleConcurrency ?? 4));
  const checkout: CheckoutSettings = {
    lifetimeMs: options.checkoutLifetimeMs ?? 24 * 60 * 60 * 1000,
    uiMode: options.checkoutUiMode ?? ((_, requested) => requested ?? 'embedded_page'),
  };
  const delivery: OutboxDelivery = { storage, mailer, clock, onError };
  const deliverAfterCommit = options.deliverAfterCommit ?? true;
  const webhookSending: WebhookSending = { storage, clock, fetch: options.webhookFetch ?? ((input, init) => fetch(input, init)), onError };

  async function finish(aftermath: Aftermath): Promise<void> {
    for (const effect of aftermath.effects) {
      try {
        await effect();
      } catch (error) {
        onError(error, 'an effect after a commit');
      }
    }
    if (deliverAfterCommit && aftermath.messages.length > 0) await deliverMessages(delivery, aftermath.messages);
    // Not awaited: an organization's slow endpoint must not hold the member's answer.
    for (const row of aftermath.webhooks) {
      if (!deliverAfterCommit) break;
      attemptDelivery(webhookSending, row).catch((error) => onError(error, `delivering webhook ${row.id}`));
    }
  }

  const pipeline = new Pipeline({
    storage,
    payments,
    clock,
    memberTokens,
    checkout,
    webhookUrls: { allowLoopback: options.allowLoopbackWebhooks ?? true },
    basePath: options.basePath ?? '/v1',
    keyMode: options.keyMode ?? 'any',
    maxBodyBytes: options.maxBodyBytes ?? 65_536,
    validateResponses: options.validateResponses ?? false,
    routes: apiRoutes,
    onResponseSchemaError: options.onResponseSchemaError ?? (() => {}),
    ...(options.beforeWork && { beforeWork: options.beforeWork }),
    finish,
  });

  /**
   * A payment event's settlement: `settle` in one transaction, on the organization's domain context
   * (a SQL storage may run the transaction again: ids and aftermath start afresh each time), then
   * what it left to do after the commit (messages, webhooks, effects).
   */
  const settleIn = async <T>(organizationId: string, settle: (ctx: DomainContext, tx: Transaction) => Promise<T>): Promise<T> => {
    const ids = idSource();
    const { settlement, aftermath } = await storage.transaction(async (tx) => {
      ids.restart();
      const aftermath: Aftermath = { effects: [], messages: [], webhooks: [] };
      const organization = await tx.findOne('organizations', { id: organizationId });
      if (!organization) throw new Problem(404, 'not_found', `No organization "${organizationId}".`);
      const ctx = domainContext({ payments, clock, checkout }, tx, organization, ids, aftermath);
      return { settlement: await settle(ctx, tx), aftermath };
    });
    await finish(aftermath);
    return settlement;
  };

  return {
    handle: (request) => pipeline.handle(request),
    settleCheckout: (organizationId, checkoutId) =>
      settleIn(organizationId, async (ctx, tx) => {
        const record = await tx.findOne('checkouts', { organization_id: organizationId, id: checkoutId });
        if (!record) throw new Problem(404, 'not_found', `No checkout "${checkoutId}" in "${organizationId}".`);
        return settleCheckout(ctx, record);
      }),
    settleRefunds: (organizationId, reference) => settleIn(organizationId, (ctx) => settleRefunds(ctx, reference)),
    settleDispute: (organizationId, disputeId) => settleIn(organizationId, (ctx) => settleDispute(ctx, disputeId)),
    async runDay(organizationId, day) {
      if (!isValidDate(day)) throw new TypeError(`runDay: not a YYYY-MM-DD date: ${JSON.stringify(day)}`);
      const { organization, ids: candidates } = await storage.transaction(async (tx) => {
        const organization = await tx.findOne('organizations', { id: organizationId });
        if (!organization) throw new Problem(404, 'not_found', `No organization "${organizationId}".`);
        const rows = await tx.find('memberships', { organization_id: organizationId, state: ['confirmed', 'terminated'] });
        return { organization, ids: rows.filter(concernsLifecycle).map((row) => row.id) };
      }, { readOnly: true });
      const today = clock.today(organization.time_zone);
      if (day > today) throw new RangeError(`runDay: ${day} has not come yet in ${organizationId} (today is ${today} there)`);
      const report: LifecycleDay = { organization_id: organizationId, day, renewed: [], failed: [], terminated: [], expired: [], reminded: [], waiting: [], errors: [] };
      const step = async (membershipId: string) => {
        const ids = idSource();
        try {
          const { outcome, aftermath } = await storage.transaction(async (tx) => {
            ids.restart();
            const aftermath: Aftermath = { effects: [], messages: [], webhooks: [] };
            const fresh = (await tx.findOne('organizations', { id: organizationId }))!;
            // The day being run is the context's today: a day caught up is decided as it would have been then.
            const ctx = { ...domainContext({ payments, clock, checkout }, tx, fresh, ids, aftermath), today: day };
            return { outcome: await lifecycleStep(ctx, membershipId), aftermath };
          });
          await finish(aftermath);
          if (outcome !== 'nothing') report[outcome].push(membershipId);
        } catch (error) {
          onError(error, `the lifecycle of membership ${membershipId} on ${day}`);
          report.errors.push({ membership_id: membershipId, error });
        }
      };
      // A few at once: most of a renewal's time is the processor's answer, not the database's.
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(lifecycleConcurrency, candidates.length) }, async () => {
          while (next < candidates.length) await step(candidates[next++]!);
        }),
      );
      // In the candidates' order, whichever finished first.
      const order = new Map(candidates.map((id, index) => [id, index]));
      const byOrder = (a: string, b: string) => order.get(a)! - order.get(b)!;
      for (const key of ['renewed', 'failed', 'terminated', 'expired', 'reminded', 'waiting'] as const) report[key].sort(byOrder);
      report.errors.sort((a, b) => byOrder(a.membership_id, b.membership_id));
      return report;
    },
    deliverOutbox: () => deliverOutbox(delivery),
    deliverWebhooks: () => deliverDueWebhooks(webhookSending),
    routeOf: (request) => pipeline.routeOf(request),
    routes: apiRoutes,
  };
}

export { routeName };
