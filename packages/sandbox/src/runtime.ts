// The request pipeline every endpoint goes through: Request-Id, fault injection, size limit, JSON,
// auth, idempotency, latency, the handler, response validation against the SDK's schemas,
// persistence, and finally the reply (or, for a lost response, a network error).
import { HttpResponse, delay, http, type HttpHandler } from 'msw';
import { ProblemSchema } from '@memberkit/sdk';
import { CalculatorError, daysBetween, localDate } from '@memberkit/sdk/calculators';
import { authorize, identify, type Access, type Caller } from './auth.js';
import { createFaultInjector, seededRandom, type FaultInjector, type FaultKind, type FaultOptions } from './faults.js';
import { IdempotencyLedger, canonicalJson } from './idempotency.js';
import { Problem, fieldError, type FieldError } from './problems.js';
import { expireCheckouts } from './signup-flow.js';
import type { OrganizationRecord, PersistMode, SandboxStore, StoredResponse } from './store.js';
import type { CheckoutLinks } from './views.js';

/** Anything with zod's `safeParse` (the SDK's zod/mini schemas). */
export interface Schema<T = unknown> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  format?: string;
  origin?: string;
}

export interface Reply {
  status: number;
  body: unknown;
  /** The SDK schema the body must satisfy; null for sandbox-only endpoints. */
  schema: Schema | null;
  headers?: Record<string, string>;
}

export function reply<T>(status: number, schema: Schema<T> | null, body: T, headers?: Record<string, string>): Reply {
  return { status, schema, body, ...(headers ? { headers } : {}) };
}

export interface BaseContext {
  runtime: SandboxRuntime;
  store: SandboxStore;
  request: Request;
  url: URL;
  params: Record<string, string>;
  body: unknown;
  requestId: string;
}

export interface RouteContext extends BaseContext {
  organization: OrganizationRecord;
  caller: Caller;
  /** The organization's today (fixed by `today`/`setToday`, or from the clock in its time zone). */
  today: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Under the base URL, msw path syntax: `/organizations/:org/signups/:id`. */
  path: string;
  access: Access;
  /**
   * A POST that creates or charges must send an Idempotency-Key. Every route but a GET honours
   * one when it is sent.
   */
  requiresIdempotencyKey?: true;
  handle(context: RouteContext): Reply | Promise<Reply>;
}

/** Sandbox-only endpoints (the Stripe stand-in's): no organization in the path, no faults. */
export interface SandboxRoute {
  method: 'GET' | 'POST';
  path: string;
  handle(context: BaseContext): Reply | Promise<Reply>;
}

export interface SandboxRuntimeOptions {
  baseUrl: string;
  today: string | null;
  persist: PersistMode;
  latency: number | { min: number; max: number };
  faults: FaultOptions | undefined;
  hostedCheckoutUrl: string | null;
  validateResponses: boolean;
  maxBodyBytes: number;
}

export interface SandboxStats {
  /** Requests received, by `METHOD /path` of the route. */
  requests: Record<string, number>;
  /** Faults injected, by kind. */
  faults: Record<FaultKind, number>;
  /** Responses replayed from the idempotency store. */
  replays: number;
}

/** Thrown (and recorded) when `validateResponses` finds a body that does not match its schema. */
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

interface RequestHold {
  released: Promise<void>;
  arrived(): void;
}

/** A request held by `holdNextRequest()`: `held` once it waits, `release()` lets it run. */
export interface RequestHoldHandle {
  held: Promise<void>;
  release(): void;
}

const forcedFaults = new Set<string>(['server_error', 'timeout', 'lost_response', 'rate_limited']);

export class SandboxRuntime {
  readonly store: SandboxStore;
  readonly ledger: IdempotencyLedger;
  readonly options: SandboxRuntimeOptions;
  faults: FaultInjector;
  readonly stats: SandboxStats;
  /** Schema mismatches found by `validateResponses` (tests assert it stays empty). */
  readonly responseErrors: ResponseSchemaError[] = [];
  readonly #latencyRandom: () => number;
  /** The real instant the fixed `today` was set at (see `now`). */
  #todaySetAt = Date.now();
  #requestCounter = 0;
  readonly #holds: RequestHold[] = [];

  constructor(store: SandboxStore, options: SandboxRuntimeOptions) {
    this.store = store;
    this.options = options;
    this.ledger = new IdempotencyLedger(store);
    this.faults = createFaultInjector(options.faults);
    this.#latencyRandom = seededRandom((options.faults?.seed ?? 1) ^ 0x5eed);
    this.stats = {
      requests: {},
      faults: { server_error: 0, timeout: 0, lost_response: 0, rate_limited: 0 },
      replays: 0,
    };
  }

  resetStats(): void {
    this.stats.requests = {};
    this.stats.faults = { server_error: 0, timeout: 0, lost_response: 0, rate_limited: 0 };
    this.stats.replays = 0;
  }

  get links(): CheckoutLinks {
    return { hostedCheckoutUrl: this.options.hostedCheckoutUrl };
  }

  today(organization: OrganizationRecord): string {
    return this.options.today ?? localDate(new Date(), organization.organization.time_zone);
  }

  /**
   * Fixes today (null: each organization's real date). Moving a fixed today moves the sandbox
   * clock by as many days (`setToday()` one day later is 24 hours later); `rebase` (a reset)
   * restarts it from the real clock.
   */
  setToday(date: string | null, { rebase = false } = {}): void {
    if (rebase || this.options.today === null) this.#todaySetAt = Date.now();
    this.options.today = date;
  }

  /**
   * The sandbox clock as an instant (epoch ms): the real clock, moved by as many days as a fixed
   * `today` is from the real date (in the organization's time zone) when it was set. The offset
   * is frozen then, so the clock runs on without jumps: read against the real date of each call,
   * it fell back 24 hours at every real midnight. Checkout sessions expire on this clock.
   */
  now(organization: OrganizationRecord): number {
    const real = Date.now();
    if (this.options.today === null) return real;
    const realDateWhenSet = localDate(new Date(this.#todaySetAt), organization.organization.time_zone);
    return real + daysBetween(realDateWhenSet, this.options.today) * 86_400_000;
  }

  nextRequestId(): string {
    this.#requestCounter += 1;
    return `req_${this.#requestCounter.toString(36).padStart(6, '0')}_${Math.floor(Math.random() * 0xffffff).toString(16)}`;
  }

  /**
   * Test hook: the next API request that gets past authentication and idempotency (so it holds
   * its key) waits before its handler until `release()`; `held` resolves once it is waiting.
   * Lets a test send a second request while the first is certainly still running.
   */
  holdNextRequest(): RequestHoldHandle {
    let release!: () => void;
    let arrived!: () => void;
    const hold: RequestHold = {
      released: new Promise<void>((resolve) => (release = resolve)),
      arrived: () => arrived(),
    };
    const held = new Promise<void>((resolve) => (arrived = resolve));
    this.#holds.push(hold);
    return {
      held,
      release: () => {
        const index = this.#holds.indexOf(hold);
        if (index >= 0) this.#holds.splice(index, 1);
        release();
      },
    };
  }

  latencyMs(): number {
    const { latency } = this.options;
    if (typeof latency === 'number') return latency;
    return Math.round(latency.min + this.#latencyRandom() * (latency.max - latency.min));
  }

  /** msw handlers for organization routes and sandbox-only routes, then a 404 for the rest. */
  handlers(routes: Route[], sandboxRoutes: SandboxRoute[]): HttpHandler[] {
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const method = (m: string) => (m === 'GET' ? http.get : m === 'POST' ? http.post : http.delete);
    // Each route's path as a pattern, to tell a wrong method on a known path (405) from an
    // unknown path (404).
    const basePath = new URL(base).pathname.replace(/\/+$/, '');
    const patterns = [...sandboxRoutes, ...routes].map((route) => ({
      method: route.method,
      pattern: new RegExp(
        `^${(basePath + route.path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]+/g, '[^/]+')}/?$`,
      ),
    }));
    return [
      ...sandboxRoutes.map((route) =>
        method(route.method)(`${base}${route.path}`, ({ request, params }) =>
          this.#dispatch(route, request, params as Record<string, string>),
        ),
      ),
      ...routes.map((route) =>
        method(route.method)(`${base}${route.path}`, ({ request, params }) =>
          this.#dispatch(route, request, params as Record<string, string>),
        ),
      ),
      http.all(`${base}/*`, ({ request }) => {
        const requestId = this.nextRequestId();
        if (request.method === 'OPTIONS') {
          // A CORS preflight (when the handlers serve a real HTTP server on another origin).
          return this.#respond(
            {
              status: 204,
              body: null,
              schema: null,
              headers: {
                'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
                'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, Idempotency-Key, Sandbox-Fault',
                'Access-Control-Max-Age': '600',
              },
            },
            requestId,
          );
        }
        const path = new URL(request.url).pathname;
        const allowed = [...new Set(patterns.filter(({ pattern }) => pattern.test(path)).map((p) => p.method))];
        if (allowed.length > 0) {
          return this.#problem(
            new Problem(405, 'method_not_allowed', `${path} does not accept ${request.method}; use ${allowed.join(' or ')}.`, {
              headers: { Allow: allowed.join(', ') },
              extensions: { allowed },
            }),
            requestId,
          );
        }
        return this.#problem(new Problem(404, 'not_found', `No endpoint ${request.method} ${path}.`), requestId);
      }),
    ];
  }

  /**
   * One request through the pipeline. API routes (with `access`) get faults, the organization,
   * the caller and idempotency; sandbox-only routes (the stand-in's) get forced faults, and
   * drawn faults only with the `standIn` fault option.
   */
  async #dispatch(route: Route | SandboxRoute, request: Request, params: Record<string, string>): Promise<Response> {
    const requestId = this.nextRequestId();
    const name = `${route.method} ${route.path}`;
    this.stats.requests[name] = (this.stats.requests[name] ?? 0) + 1;
    const api = 'access' in route ? route : null;

    // A forced fault applies to any route; drawn ones to API routes, and to the stand-in's only
    // when the fault options say `standIn` (so a test can fault the payment step too).
    const forced = request.headers.get('sandbox-fault');
    let fault: FaultKind | null = null;
    if (forced && forcedFaults.has(forced)) fault = forced as FaultKind;
    else if (api || this.faults.standIn) fault = this.faults.draw();
    if (fault) this.stats.faults[fault] += 1;
    const failed = await this.#failEarly(fault, request, requestId);
    if (failed) return failed;

    // Checkouts left unpaid too long close before anything reads or pays them.
    if (expireCheckouts(this.store, (id) => this.now(this.store.organization(id)!))) this.store.save();

    let finishIdempotency: ((response: StoredResponse | null) => void) | undefined;
    let response: StoredResponse;
    try {
      const organization = api ? this.store.organization(params.org ?? '') : undefined;
      if (api && !organization) throw new Problem(404, 'not_found', `No organization "${params.org}".`);
      const body = await this.#readBody(request);
      const base: BaseContext = { runtime: this, store: this.store, request, url: new URL(request.url), params, body, requestId };
      let context: BaseContext | RouteContext = base;
      if (api && organization) {
        const caller = identify(this.store, organization, request);
        authorize(caller, api.access);
        const who = caller.kind === 'member' ? `member:${caller.member.id}` : caller.kind;
        const entered = this.#beginIdempotency(api, request, `${organization.organization.id}|${who}`, body);
        if (entered?.kind === 'replay') {
          this.stats.replays += 1;
          return this.#finish(entered.response, requestId, fault);
        }
        finishIdempotency = entered?.finish;
        context = { ...base, organization, caller, today: this.today(organization) };
        const hold = this.#holds.shift();
        if (hold) {
          hold.arrived();
          await hold.released;
        }
      }
      // The stand-in's endpoints keep no idempotency records: a paid session answers its payment
      // again (stripe/endpoints.ts), which is what makes a repeated confirm safe.
      const wait = this.latencyMs();
      if (wait > 0) await delay(wait);
      const result = await (route.handle as (context: BaseContext) => Reply | Promise<Reply>)(context);
      this.#validate(name, result);
      response = this.#stored(result);
    } catch (error) {
      response = this.#errorResponse(error, name);
    }
    finishIdempotency?.(response);
    if (response.status < 500 && route.method !== 'GET') this.store.save();
    return this.#finish(response, requestId, fault);
  }

  /** The injected faults that answer before any work is done (null: go on). */
  async #failEarly(fault: FaultKind | null, request: Request, requestId: string): Promise<Response | null> {
    if (fault === 'server_error') {
      return this.#problem(
        new Problem(500, 'internal_error', 'Injected fault: the server failed before doing anything.', {
          headers: { 'Retry-After': '0' },
        }),
        requestId,
      );
    }
    if (fault === 'rate_limited') {
      return this.#problem(
        new Problem(429, 'rate_limited', 'Too many requests; retry after the delay in Retry-After.', {
          headers: { 'Retry-After': '0' },
        }),
        requestId,
      );
    }
    if (fault === 'timeout') {
      // Hang past the client's timeout (the work is not done), then answer 504 if anyone listens.
      await waitOrAbort(this.faults.timeoutMs, request.signal);
      if (request.signal.aborted) return HttpResponse.error();
      return this.#problem(new Problem(504, 'gateway_timeout', 'Injected fault: the request timed out.'), requestId);
    }
    return null;
  }

  /**
   * The Idempotency-Key check of a POST or DELETE: required or honoured per route. Answers the stored
   * response to replay, the ledger's `finish` for a first run, or null when there is no key.
   */
  #beginIdempotency(
    route: Route,
    request: Request,
    scope: string,
    body: unknown,
  ): { kind: 'replay'; response: StoredResponse } | { kind: 'first'; finish: (response: StoredResponse | null) => void } | null {
    const key = request.headers.get('idempotency-key');
    if (route.requiresIdempotencyKey && !key) {
      throw new Problem(400, 'validation_failed', 'This request creates or charges: send an Idempotency-Key header.', {
        errors: [fieldError('Idempotency-Key', 'required', 'The Idempotency-Key header')],
      });
    }
    // Every request that changes something honours a key (the SDK keys its DELETEs and retries
    // them); only reads, which change nothing, ignore it.
    if (route.method === 'GET' || key === null) return null;
    if (key.length === 0 || key.length > IdempotencyLedger.maxKeyLength) {
      throw new Problem(400, 'validation_failed', 'The Idempotency-Key must have 1–255 characters.', {
        errors: [fieldError('Idempotency-Key', 'too_long', 'The Idempotency-Key header')],
      });
    }
    const url = new URL(request.url);
    const outcome = this.ledger.begin(
      `${scope}|${key}`,
      canonicalJson({ method: route.method, path: url.pathname, query: url.search, body: body ?? null }),
    );
    if (outcome.kind === 'replay') {
      return { kind: 'replay', response: { ...outcome.response, headers: { ...outcome.response.headers, 'Idempotent-Replayed': 'true' } } };
    }
    return { kind: 'first', finish: outcome.finish };
  }

  async #readBody(request: Request): Promise<unknown> {
    if (request.method === 'GET' || request.method === 'DELETE') return undefined;
    const limit = this.options.maxBodyBytes;
    const tooLarge = () =>
      new Problem(413, 'payload_too_large', `The request body is over the ${limit}-byte limit.`);
    const declared = Number(request.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limit) throw tooLarge();
    const text = await request.text();
    if (new TextEncoder().encode(text).byteLength > limit) throw tooLarge();
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Problem(400, 'invalid_json', 'The request body is not valid JSON.');
    }
  }

  #validate(route: string, result: Reply): void {
    if (!this.options.validateResponses || !result.schema) return;
    const parsed = result.schema.safeParse(result.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const error = new ResponseSchemaError(
        `${route} answered a body that does not match its SDK schema at ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
        route,
        result.body,
      );
      this.responseErrors.push(error);
      throw error;
    }
  }

  #stored(result: Reply): StoredResponse {
    return {
      status: result.status,
      headers: { 'Content-Type': 'application/json', ...result.headers },
      body: result.body === null ? '' : JSON.stringify(result.body),
    };
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
    const body = problem.toBody();
    if (this.options.validateResponses && !ProblemSchema.safeParse(body).success) {
      const mismatch = new ResponseSchemaError(`${route}: problem body does not match ProblemSchema`, route, body);
      this.responseErrors.push(mismatch);
    }
    return {
      status: problem.status,
      headers: { 'Content-Type': 'application/problem+json', ...problem.headers },
      body: JSON.stringify(body),
    };
  }

  #problem(problem: Problem, requestId: string): Response {
    return this.#respond(
      {
        status: problem.status,
        headers: { 'Content-Type': 'application/problem+json', ...problem.headers },
        body: JSON.stringify(problem.toBody()),
      },
      requestId,
    );
  }

  #finish(response: StoredResponse, requestId: string, fault: FaultKind | null): Response {
    // A lost response: the work is done (and stored for idempotency), the reply never arrives.
    if (fault === 'lost_response') return HttpResponse.error();
    return this.#respond(response, requestId);
  }

  #respond(response: StoredResponse | Reply, requestId: string): Response {
    const headers = new Headers(response.headers);
    headers.set('Request-Id', requestId);
    headers.set('Cache-Control', 'no-store');
    headers.set('Access-Control-Allow-Origin', '*');
    headers.set('Access-Control-Expose-Headers', 'Request-Id, Retry-After, Idempotent-Replayed, Link, Allow');
    const body = typeof response.body === 'string' ? response.body : response.body == null ? null : JSON.stringify(response.body);
    return new HttpResponse(body === '' || response.status === 204 ? null : body, { status: response.status, headers });
  }
}

function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

// ── helpers for handlers ──────────────────────────────────────────────────────────────────────

function issueCode(issue: Issue, present: boolean): string {
  if (!present) return 'required';
  if (issue.code === 'invalid_format') return issue.format === 'email' ? 'invalid_email' : 'pattern_mismatch';
  if (issue.code === 'too_small') return issue.origin === 'string' || issue.origin === 'array' ? 'too_short' : 'too_small';
  if (issue.code === 'too_big') return issue.origin === 'string' || issue.origin === 'array' ? 'too_long' : 'too_large';
  if (issue.code === 'invalid_type') return 'invalid_type';
  return issue.code;
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Parses a request body with an SDK request schema; a mismatch is a 422 with one error per field. */
export function parseBody<T>(schema: Schema<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.') || '(body)';
    if (seen.has(field)) continue;
    seen.add(field);
    const present = valueAt(body ?? {}, issue.path) !== undefined || issue.path.length === 0;
    errors.push(fieldError(field, issueCode(issue, present), field));
  }
  throw new Problem(422, 'validation_failed', errors.length === 1 ? errors[0]!.message : `${errors.length} fields are invalid.`, {
    errors,
  });
}

/** Cursor pagination over records with ids: `?limit=` (1–100, default 10) and `?starting_after=`. */
export function paginate<R extends { id: string }, T>(
  records: R[],
  url: URL,
  view: (record: R) => T,
): { data: T[]; has_more: boolean } {
  const limitText = url.searchParams.get('limit');
  const limit = limitText === null ? 10 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new Problem(422, 'validation_failed', 'limit must be an integer from 1 to 100.', {
      errors: [fieldError('limit', Number.isInteger(limit) ? (limit < 1 ? 'too_small' : 'too_large') : 'invalid_number', 'limit')],
    });
  }
  const after = url.searchParams.get('starting_after');
  let start = 0;
  if (after !== null) {
    const index = records.findIndex((record) => record.id === after);
    if (index < 0) {
      throw new Problem(422, 'validation_failed', `starting_after "${after}" is not in this list.`, {
        errors: [fieldError('starting_after', 'not_found', 'starting_after', `No item "${after}" in this list.`)],
      });
    }
    start = index + 1;
  }
  const slice = records.slice(start, start + limit);
  return { data: slice.map(view), has_more: start + limit < records.length };
}
