// The request pipeline every API route goes through:
//   route (404, 405) → body (413, 400) → organization and caller (404, 401, 403), the
//   Idempotency-Key's rules and its stored answer (a replay) → the key's claim (409 while a first
//   request with it runs) → the host's `beforeWork` hook → one transaction: the route's work and
//   the answer's idempotency record together → after the commit: the processor effects and the
//   outbox → the Response (Request-Id, CORS, no caching).
// A thrown Problem undoes the work, and its 4xx answer is stored for replay on its own; a 5xx is
// never stored (nothing happened, so a retry may do it).
import { ProblemSchema } from '@memberkit/sdk';
import { CalculatorError } from '@memberkit/sdk/calculators';
import { idSource, type CheckoutSettings, type DomainContext, type IdSource, type OutgoingMessage } from '../domain/context.js';
import { organizationNamed } from '../domain/organizations.js';
import { Problem, fieldError } from '../domain/problems.js';
import type { WebhookUrlRule } from '../domain/webhook-addresses.js';
import type { Clock } from '../ports/clock.js';
import type { MemberTokens } from '../ports/member-tokens.js';
import type { Payments } from '../ports/payments.js';
import type { IdempotencyRecord, OrganizationRecord, OutboxRecord, WebhookDeliveryRecord } from '../ports/records.js';
import type { Storage, Transaction } from '../ports/storage.js';
import { authorize, callerScope, identify, type Caller, type KeyMode } from './auth.js';
import { readBody } from './body.js';
import type { Route, RouteContext } from './context.js';
import { claimKey, conflict, fingerprintOf, maxKeyLength, replayOf } from './idempotency.js';
import { exposedHeaders, newRequestId, storedOf, storedProblem, toResponse, type Reply, type StoredResponse } from './reply.js';
import { Router, routeName } from './router.js';

/** Thrown (and reported) when `validateResponses` finds a body that does not match its schema. */
export class ResponseSchemaError extends Error {
  constructor(
    message: string,
    readonly route: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ResponseSchemaError';
  }
}

/** What one run of a transaction's work leaves to do once it commits. */
export interface Aftermath {
  effects: (() => Promise<void>)[];
  /** The messages it wrote to the outbox, to deliver. */
  messages: OutboxRecord[];
  /** The webhook deliveries it wrote, to attempt. */
  webhooks: WebhookDeliveryRecord[];
}

export interface PipelineDeps {
  storage: Storage;
  payments: Payments;
  clock: Clock;
  memberTokens: MemberTokens;
  checkout: CheckoutSettings;
  webhookUrls: WebhookUrlRule;
  basePath: string;
  keyMode: KeyMode;
  maxBodyBytes: number;
  validateResponses: boolean;
  routes: readonly Route[];
  onResponseSchemaError(error: ResponseSchemaError): void;
  beforeWork?(request: Request, route: Route): void | Promise<void>;
  /** Runs after a commit: the effects, then the delivery of the messages. */
  finish(aftermath: Aftermath): Promise<void>;
}

/** A context for one run of work in `tx`; its effects and messages land in `aftermath`. */
export function domainContext(
  deps: Pick<PipelineDeps, 'payments' | 'clock' | 'checkout'>,
  tx: Transaction,
  organization: OrganizationRecord,
  ids: IdSource,
  aftermath: Aftermath,
): DomainContext {
  const now = deps.clock.now();
  return {
    tx,
    organization,
    today: deps.clock.today(organization.time_zone),
    now,
    ids,
    payments: deps.payments,
    checkout: deps.checkout,
    timestamp: () => new Date(now).toISOString(),
    afterCommit: (effect) => void aftermath.effects.push(effect),
    afterCommitDelivery: (row) => void aftermath.webhooks.push(row),
    async send(message: OutgoingMessage) {
      const row: OutboxRecord = {
        organization_id: organization.id,
        id: ids.next('msg'),
        ...message,
        created_at: new Date(now).toISOString(),
        sent_at: null,
        attempts: 0,
      };
      await tx.insert('outbox', row, { fresh: true });
      aftermath.messages.push(row);
    },
  };
}

const newAftermath = (): Aftermath => ({ effects: [], messages: [], webhooks: [] });

export class Pipeline {
  readonly #deps: PipelineDeps;
  readonly #router: Router;
  readonly #basePath: string;

  constructor(deps: PipelineDeps) {
    this.#deps = deps;
    this.#router = new Router(deps.routes);
    this.#basePath = deps.basePath.replace(/\/+$/, '');
  }

  /** The route a request is for, or null (an unknown path, another method, a preflight). */
  routeOf(request: Pick<Request, 'method' | 'url'>): Route | null {
    const path = this.#relative(new URL(request.url).pathname);
    if (path === null) return null;
    const match = this.#router.match(request.method, path);
    return match.kind === 'route' ? match.route : null;
  }

  async handle(request: Request): Promise<Response> {
    const requestId = newRequestId();
    let name = `${request.method} (no route)`;
    try {
      if (request.method === 'OPTIONS') return this.#preflight(requestId);
      const url = new URL(request.url);
      const path = this.#relative(url.pathname);
      const match = path === null ? ({ kind: 'not_found' } as const) : this.#router.match(request.method, path);
      if (match.kind === 'method_not_allowed') {
        throw new Problem(405, 'method_not_allowed', `${url.pathname} does not accept ${request.method}; use ${match.allowed.join(' or ')}.`, {
          headers: { Allow: match.allowed.join(', ') },
          extensions: { allowed: match.allowed },
        });
      }
      if (match.kind === 'not_found') throw new Problem(404, 'not_found', `No endpoint ${request.method} ${url.pathname}.`);
      const { route, params } = match;
      name = routeName(route);
      const body = await readBody(request, this.#deps.maxBodyBytes);
      const response = await this.#run(route, request, url, path!, params, body, name);
      return toResponse(response, requestId);
    } catch (error) {
      return toResponse(this.#errorResponse(error, name), requestId);
    }
  }

  async #run(
    route: Route,
    request: Request,
    url: URL,
    path: string,
    params: Record<string, string>,
    body: unknown,
    name: string,
  ): Promise<StoredResponse> {
    const { storage } = this.#deps;
    const key = request.headers.get('idempotency-key');
    const fingerprint = fingerprintOf(route.method, path, url.search, body);
    // Who asks, for which organization, and whether the answer is stored already: reads only.
    const first = await storage.transaction(async (tx) => {
      const organization = await organizationNamed(tx, params.org ?? '');
      if (!organization) throw new Problem(404, 'not_found', `No organization "${params.org}".`);
      const caller = await identify(tx, organization, request, this.#deps.memberTokens, this.#deps.keyMode);
      authorize(caller, route.access);
      const scope = this.#scope(route, key, caller);
      const stored = scope ? await tx.findOne('idempotency_keys', { organization_id: organization.id, id: scope }) : undefined;
      return { organization, caller, scope, stored };
    }, { readOnly: true });
    const { organization, caller, scope } = first;
    if (first.stored) return replayOf(first.stored, fingerprint);

    const claim = scope ? await storage.claim(claimKey(organization.id, scope)) : null;
    if (scope && !claim) throw conflict();
    try {
      await this.#deps.beforeWork?.(request, route);
      const ids = idSource();
      let outcome: { stored: IdempotencyRecord; aftermath: Aftermath } | { response: StoredResponse; aftermath: Aftermath };
      try {
        outcome = await storage.transaction(async (tx): Promise<typeof outcome> => {
          ids.restart();
          const aftermath = newAftermath();
          const ctx: RouteContext = {
            ...domainContext(this.#deps, tx, organization, ids, aftermath),
            request,
            url,
            // Routes see the organization's id, whether the path named it or its publishable key.
            params: { ...params, org: organization.id },
            body,
            caller,
            callerId: caller.kind === 'member' ? caller.member.id : null,
            memberTokens: this.#deps.memberTokens,
            webhookUrls: this.#deps.webhookUrls,
            idempotencyScope: scope,
          };
          // With the idempotency read below: one round trip for them all on a SQL storage.
          if (route.prefetch && tx.prefetch) tx.prefetch(route.prefetch(ctx));
          if (scope) {
            // Stored by a request that finished between the first read and the claim.
            const stored = await tx.findOne('idempotency_keys', { organization_id: organization.id, id: scope });
            if (stored) return { stored, aftermath };
          }
          const result = await route.handle(ctx);
          this.#validate(name, result);
          const response = storedOf(result);
          if (scope && response.status < 500) await this.#record(tx, organization.id, scope, fingerprint, response);
          return { response, aftermath };
        });
      } catch (error) {
        if (!(error instanceof Problem) || error.status >= 500 || !scope) throw error;
        // The work was undone; its 4xx answer is stored on its own, for a retry to get it again.
        const response = storedProblem(error);
        await storage.transaction((tx) => this.#record(tx, organization.id, scope, fingerprint, response));
        return response;
      }
      if ('stored' in outcome) return replayOf(outcome.stored, fingerprint);
      await this.#deps.finish(outcome.aftermath);
      return outcome.response;
    } finally {
      await claim?.release();
    }
  }

  /** The idempotency scope of a request (caller and key), or null when it has none to honour. */
  #scope(route: Route, key: string | null, caller: Caller): string | null {
    if (route.requiresIdempotencyKey && !key) {
      throw new Problem(400, 'validation_failed', 'This request creates or charges: send an Idempotency-Key header.', {
        errors: [fieldError('Idempotency-Key', 'required', 'The Idempotency-Key header')],
      });
    }
    // Every request that changes something honours a key (the SDK keys its DELETEs and retries
    // them); only reads, which change nothing, ignore it.
    if (route.method === 'GET' || key === null) return null;
    if (key.length === 0 || key.length > maxKeyLength) {
      throw new Problem(400, 'validation_failed', `The Idempotency-Key must have 1–${maxKeyLength} characters.`, {
        errors: [fieldError('Idempotency-Key', 'too_long', 'The Idempotency-Key header')],
      });
    }
    return `${callerScope(caller)}|${key}`;
  }

  async #record(tx: Transaction, organizationId: string, scope: string, fingerprint: string, response: StoredResponse): Promise<void> {
    await tx.insert('idempotency_keys', {
      organization_id: organizationId,
      id: scope,
      fingerprint,
      status: response.status,
      headers: response.headers,
      body: response.body,
      created_at: new Date(this.#deps.clock.now()).toISOString(),
    });
  }

  #relative(pathname: string): string | null {
    if (this.#basePath === '') return pathname;
    if (pathname === this.#basePath) return '/';
    return pathname.startsWith(`${this.#basePath}/`) ? pathname.slice(this.#basePath.length) : null;
  }

  #preflight(requestId: string): Response {
    return toResponse(
      {
        status: 204,
        headers: {
          'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, Idempotency-Key',
          'Access-Control-Max-Age': '600',
          'Access-Control-Expose-Headers': exposedHeaders,
        },
        body: '',
      },
      requestId,
    );
  }

  #validate(route: string, result: Reply): void {
    if (!this.#deps.validateResponses || !result.schema) return;
    const parsed = result.schema.safeParse(result.body);
    if (parsed.success) return;
    const issue = parsed.error.issues[0]!;
    const error = new ResponseSchemaError(
      `${route} answered a body that does not match its SDK schema at ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
      route,
      result.body,
    );
    this.#deps.onResponseSchemaError(error);
    throw error;
  }

  #errorResponse(error: unknown, route: string): StoredResponse {
    let problem: Problem;
    if (error instanceof Problem) problem = error;
    else if (error instanceof ResponseSchemaError) problem = new Problem(500, 'sandbox_invalid_response', error.message);
    else if (error instanceof CalculatorError) {
      // A calculator refusing the organization's own data (a type that breaks a term rule).
      problem = new Problem(500, 'internal_error', `${route}: ${error.code}: ${error.message}`);
    } else {
      problem = new Problem(500, 'internal_error', `${route}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const response = storedProblem(problem);
    if (this.#deps.validateResponses && !ProblemSchema.safeParse(JSON.parse(response.body)).success) {
      this.#deps.onResponseSchemaError(new ResponseSchemaError(`${route}: problem body does not match ProblemSchema`, route, response.body));
    }
    return response;
  }
}
