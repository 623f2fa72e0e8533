/**
 * `@memberkit/sandbox`: the memberkit membership API, offline. A host of `@memberkit/api` on
 * memory: the API on a MemoryStorage, the Stripe stand-in's payments, a MemoryMailer, a settable
 * clock and memory member tokens, answered by one msw handler; around it fault injection,
 * latency, request holds, persistence to Web Storage and stats.
 *
 * ```ts
 * const sandbox = createSandbox({ today: '2026-03-01' });
 * const server = setupServer(...sandbox.handlers); // or setupSandboxServer() from /node
 * ```
 * @module @memberkit/sandbox
 */
import { http, type HttpHandler } from 'msw';
import {
  MemoryMailer,
  MemoryMemberTokens,
  MemoryPayments,
  MemoryStorage,
  Problem,
  SettableClock,
  createMembershipApi,
  defaultSecretKey,
  demoData,
  memberRecord,
  problemResponse,
  randomHex,
  routeName,
  secretKeysOf,
  seedRows,
  sha256Hex,
  tableSpecs,
  type LifecycleDay,
  type MembershipApi,
  type MemberRecord,
  type MemorySnapshot,
  type OutboundMessage,
  type ResponseSchemaError,
  type SeedData,
  type TableName,
  type Tables,
  type TestCard,
  type Where,
} from '@memberkit/api';
import type { Signup } from '@memberkit/sdk';
import { addDays, isValidDate, normalizeEmail } from '@memberkit/sdk/calculators';
import { defaultBaseUrl } from './constants.js';
import { createFaultInjector, seededRandom, type FaultInjector, type FaultKind, type FaultOptions } from './faults.js';
import { Persistence } from './persistence.js';
import { SandboxStore, type PersistMode } from './store.js';
import { StandInCheckout, type ConfirmResult } from './stripe/endpoints.js';

export { demoData, demoIds, defaultPublishableKey, defaultSecretKey, ResponseSchemaError } from '@memberkit/api';
export type {
  SeedCompany,
  SeedData as SandboxData,
  SeedInvitation,
  SeedMember,
  SeedMembership,
  SeedOrganization as SandboxOrganizationData,
} from '@memberkit/api';
export type { FaultKind, FaultOptions } from './faults.js';
export type { PersistMode, SandboxStore, StoreState } from './store.js';
export type { CheckoutSummary, ConfirmResult } from './stripe/endpoints.js';
export { defaultBaseUrl } from './constants.js';

export interface SandboxOptions {
  /** The organizations and everything in them (default: the demo data). */
  data?: SeedData;
  /** A fixed `YYYY-MM-DD` "today" for every organization (default: the clock, in each org's time zone). */
  today?: string;
  /** `memory` (default), or `session`/`local` Web Storage in a browser so state survives a reload. */
  persist?: PersistMode;
  /** Web Storage key (default `memberkit-sandbox:` + baseUrl). */
  storageKey?: string;
  /** Milliseconds each request takes: a number, or `{ min, max }` drawn per request. Default 0. */
  latency?: number | { min: number; max: number };
  /** Injected faults: `{ rate, kinds, seed, timeoutMs, standIn }`. */
  faults?: FaultOptions;
  /** Where the handlers answer (default `https://api.memberkit.test/v1`). */
  baseUrl?: string;
  /**
   * A page that hosts the stand-in checkout: when set, paid signups answer `next_action`
   * `{ ui_mode: 'hosted_page', url }` with `?client_secret=…` appended (the page mounts
   * `createSandboxStripe().createEmbeddedCheckoutPage({ clientSecret: hostedCheckoutSecret() })`).
   * Default null: `embedded_page` with a `client_secret`.
   */
  hostedCheckoutUrl?: string | null;
  /** Parse every response body with its SDK schema and fail the request on a mismatch (tests). */
  validateResponses?: boolean;
  /** Largest accepted request body in bytes (default 65 536); larger → 413. */
  maxBodyBytes?: number;
}

export interface MemberTokenOptions {
  /** Seconds until the token expires (default: never). */
  expiresIn?: number;
  /** Use this token value instead of a random one (e.g. a fixed token a demo page hard-codes). */
  token?: string;
  /** Names for a member created by this call. */
  first_name?: string | null;
  last_name?: string | null;
}

export interface SandboxStats {
  /** Requests received, by `METHOD /path` of the route. */
  requests: Record<string, number>;
  /** Faults injected, by kind. */
  faults: Record<FaultKind, number>;
  /** Responses replayed from the idempotency store. */
  replays: number;
}

/** A request held by `holdNextRequest()`: `held` once it waits, `release()` lets it run. */
export interface RequestHoldHandle {
  held: Promise<void>;
  release(): void;
}

export interface PayOptions {
  /** A test card's number (default 4242 4242 4242 4242), or the whole card as the form sends it. */
  card?: string | TestCard;
  /** For a card whose bank asks for authentication (4000 0025 0000 3155): the member's answer (default `complete`). */
  authentication?: 'complete' | 'fail';
}

/** A sandbox helper's request refused: the problem the API (or the stand-in) answered. */
export class SandboxRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly problem: Record<string, unknown>,
  ) {
    super(typeof problem.detail === 'string' ? problem.detail : code);
    this.name = 'SandboxRequestError';
  }
}

export interface Sandbox {
  /** msw request handlers for every endpoint, under `baseUrl`. */
  readonly handlers: HttpHandler[];
  /** The state, read synchronously (see SandboxStore). */
  readonly store: SandboxStore;
  readonly baseUrl: string;
  /** Requests, injected faults and idempotent replays so far. */
  readonly stats: SandboxStats;
  /** Responses that failed their schema (with `validateResponses`); tests expect none. */
  readonly responseErrors: readonly ResponseSchemaError[];
  /** The API this sandbox hosts, and its ports. */
  readonly api: MembershipApi;
  readonly storage: MemoryStorage;
  readonly payments: MemoryPayments;
  readonly mailer: MemoryMailer;
  readonly clock: SettableClock;
  /** Answers one request as the msw handler does (faults, latency, holds included): a fetch-style host. */
  handle(request: Request): Promise<Response>;
  /** Back to the initial data and the initial `today`; clears persisted state, tokens, sessions, mail and stats. */
  reset(): void;
  /**
   * A member token for `email` in the organization (the member is created, `prospective`, if
   * new): what a host site's backend would mint for the widget.
   */
  issueMemberToken(organizationId: string, email: string, options?: MemberTokenOptions): string;
  /**
   * Fixes today for every organization (`YYYY-MM-DD`). Moving it forward runs the lifecycle
   * (`api.runDay`) for every day it crosses, in order, for every organization: renewals,
   * retries, terminations and reminders happen as they would have on those days. The returned
   * promise settles once they have run; requests made meanwhile wait for them.
   */
  setToday(date: string): Promise<LifecycleDay[]>;
  /**
   * Moves today forward to `date`, running every day on the way (setToday); refuses a date
   * before today. Answers what each organization's days did.
   */
  advanceTo(date: string): Promise<LifecycleDay[]>;
  /** The organization's today as the sandbox sees it. */
  today(organizationId?: string): string;
  /** Switch paid signups to (or from, with null) the hosted checkout page. */
  setHostedCheckoutUrl(url: string | null): void;
  /** Replace the fault settings (null: no faults). */
  setFaults(faults: FaultOptions | null): void;
  /** Change the simulated latency (ms, or `{ min, max }`). */
  setLatency(latency: number | { min: number; max: number }): void;
  /**
   * Tests: hold the next API request (after auth and its Idempotency-Key claim, before its work)
   * until `release()`; `held` resolves once it waits. For races without timers.
   */
  holdNextRequest(): RequestHoldHandle;
  /**
   * Pays a checkout by its client secret as the member would in the stand-in's form (no fetch,
   * no faults): resolves with the payment, or rejects with a SandboxRequestError (402 declined,
   * 409 closed or refused, 404 unknown).
   */
  pay(clientSecret: string, options?: PayOptions): Promise<ConfirmResult>;
  /** Approves the application `signupId` is (as an admin would) and answers the signup as it is then. */
  approve(signupId: string): Promise<Signup>;
  /** The messages the API sent (receipts, …), oldest first; `to`: one address's. */
  outbox(to?: string): OutboundMessage[];
  /** Tests' setup: sets `patch` (or what `change` answers for each row) on the rows of `table` matching `where`. */
  update<T extends TableName>(table: T, where: Where<Tables[T]>, change: Partial<Tables[T]> | ((row: Tables[T]) => Partial<Tables[T]>)): number;
  /** Tests' setup: adds a row. */
  insert<T extends TableName>(table: T, row: Tables[T]): void;
}

/** A short fingerprint of a string (FNV-1a, 32 bits). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}

const forcedFaults = new Set<string>(['server_error', 'timeout', 'lost_response', 'rate_limited']);

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

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const emptyFaults = (): Record<FaultKind, number> => ({ server_error: 0, timeout: 0, lost_response: 0, rate_limited: 0 });

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const data = options.data ?? demoData();
  if (data.organizations.length === 0) throw new Error('The sandbox needs at least one organization');
  const timeZoneOf = (organizationId: string) => {
    const organization = data.organizations.find((o) => o.organization.id === organizationId)?.organization;
    if (!organization) {
      const known = data.organizations.map((o) => o.organization.id).join(', ');
      throw new Error(`No organization "${organizationId}" in the sandbox (it has: ${known}).`);
    }
    return organization.time_zone;
  };
  const initialToday = options.today ?? null;
  const clock = new SettableClock({ today: initialToday, timeZone: data.organizations[0]!.organization.time_zone });
  const storage = new MemoryStorage();
  const memberTokens = new MemoryMemberTokens(clock);
  const payments = new MemoryPayments({ clock, hostedPageUrl: options.hostedCheckoutUrl ?? null });
  const mailer = new MemoryMailer();
  const persistence = new Persistence(options.persist ?? 'memory', options.storageKey ?? `memberkit-sandbox:${baseUrl}`);

  let faults: FaultInjector = createFaultInjector(options.faults);
  let latency = options.latency ?? 0;
  const latencyRandom = seededRandom((options.faults?.seed ?? 1) ^ 0x5eed);
  const stats: SandboxStats = { requests: {}, faults: emptyFaults(), replays: 0 };
  const responseErrors: ResponseSchemaError[] = [];
  const holds: { released: Promise<void>; arrived(): void }[] = [];
  /** Requests the sandbox's own helpers make: never held, delayed or faulted. */
  const ownRequests = new WeakSet<Request>();

  const latencyMs = () =>
    typeof latency === 'number' ? latency : Math.round(latency.min + latencyRandom() * (latency.max - latency.min));

  const api = createMembershipApi({
    storage,
    payments,
    mailer,
    clock,
    memberTokens,
    basePath,
    keyMode: 'test',
    // The hosted page only where one is configured (a signup asking for it without gets the
    // embedded stand-in); with one, a signup may still ask for the embedded page.
    checkoutUiMode: (_, requested) => (payments.hostedPageUrl && requested !== 'embedded_page' ? 'hosted_page' : 'embedded_page'),
    maxBodyBytes: options.maxBodyBytes ?? 65_536,
    validateResponses: options.validateResponses ?? false,
    onResponseSchemaError: (error) => void responseErrors.push(error),
    async beforeWork(request) {
      if (ownRequests.has(request)) return;
      const hold = holds.shift();
      if (hold) {
        hold.arrived();
        await hold.released;
      }
      const wait = latencyMs();
      if (wait > 0) await delay(wait);
    },
  });
  const standIn = new StandInCheckout(payments, api);

  // The data's secret keys, hashed: the demo's default key is known; others are hashed once (Web
  // Crypto answers asynchronously), and requests wait for it.
  const hashes: Record<string, string> = {};
  const unknownKeys = secretKeysOf(data).filter((key) => key !== defaultSecretKey);
  const pending = (key: string) => `pending:${key}`;
  for (const key of unknownKeys) hashes[key] = pending(key);
  let ready: Promise<void> = Promise.resolve();
  const hashKeys = async () => {
    for (const key of unknownKeys) hashes[key] = await sha256Hex(key);
  };
  /** The seed's rows with the real hashes (once they are known) in place of the pending ones. */
  const fixHashes = () => {
    for (const organization of storage.rows('organizations')) {
      const fixed = organization.secret_key_hashes.map((hash) => (hash.startsWith('pending:') ? hashes[hash.slice(8)]! : hash));
      if (fixed.join() !== organization.secret_key_hashes.join()) storage.runSync((tx) => tx.update('organizations', { id: organization.id }, { secret_key_hashes: fixed }));
    }
  };

  const fingerprint = fnv1a(JSON.stringify(data));
  const save = () => persistence.save(() => ({ seed: fingerprint, storage: storage.snapshot(), tokens: memberTokens.entries(), payments: payments.snapshot(), charges: payments.charges() }));
  const fresh = () => {
    const rows = seedRows(data, { today: (id) => clock.today(timeZoneOf(id)), now: clock.now(), secretKeyHashes: hashes });
    storage.load(rows as MemorySnapshot);
    if (unknownKeys.length > 0) ready = ready.then(fixHashes);
    memberTokens.restore([]);
    payments.restore([]);
    mailer.clear();
    persistence.clear();
    save();
  };
  if (unknownKeys.length > 0) ready = hashKeys();
  const restored = persistence.load(fingerprint);
  if (restored) {
    storage.load(restored.storage);
    memberTokens.restore(restored.tokens);
    payments.restore(restored.payments, restored.charges ?? []);
  } else {
    fresh();
  }
  storage.onCommit(save);
  payments.onChange(save);

  const store = new SandboxStore(storage, memberTokens, save);

  // The days setToday/advanceTo crossed, run in order; requests wait for them.
  let lifecycle: Promise<unknown> = Promise.resolve();
  // A reset abandons the days still to run (they belong to the data it replaces).
  let generation = 0;
  const crossDays = (from: string, to: string): Promise<LifecycleDay[]> => {
    const started = generation;
    const run = lifecycle.then(async () => {
      const days: LifecycleDay[] = [];
      const organizations = storage.rows('organizations').map((org) => org.id);
      for (let day = addDays(from, 1); day <= to && started === generation; day = addDays(day, 1)) {
        for (const id of organizations) if (started === generation) days.push(await api.runDay(id, day));
      }
      return days;
    });
    lifecycle = run.catch(() => {});
    return run;
  };

  async function handle(request: Request): Promise<Response> {
    await ready;
    await lifecycle;
    const url = new URL(request.url);
    const path = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : null;
    const standInAction = path === null ? null : /^\/_sandbox\/checkout\/[^/]+\/(confirm|authenticate)\/?$/.exec(path)?.[1];
    const standInRoute = path === null ? null : standInAction
      ? `POST /_sandbox/checkout/:secret/${standInAction}`
      : /^\/_sandbox\/checkout\/[^/]+\/?$/.test(path) ? 'GET /_sandbox/checkout/:secret' : null;
    const apiRoute = standInRoute ? null : api.routeOf(request);
    const known = standInRoute !== null && standInRoute.startsWith(`${request.method} `) ? standInRoute : apiRoute ? routeName(apiRoute) : null;
    if (known) stats.requests[known] = (stats.requests[known] ?? 0) + 1;

    // A forced fault applies to any route; drawn ones to API routes, and to the stand-in's only
    // when the fault options say `standIn` (so a test can fault the payment step too).
    let fault: FaultKind | null = null;
    if (known) {
      const forced = request.headers.get('sandbox-fault');
      if (forced && forcedFaults.has(forced)) fault = forced as FaultKind;
      else if (apiRoute || faults.standIn) fault = faults.draw();
    }
    if (fault) stats.faults[fault] += 1;
    if (fault === 'server_error') {
      return problemResponse(new Problem(500, 'internal_error', 'Injected fault: the server failed before doing anything.', { headers: { 'Retry-After': '0' } }));
    }
    if (fault === 'rate_limited') {
      return problemResponse(new Problem(429, 'rate_limited', 'Too many requests; retry after the delay in Retry-After.', { headers: { 'Retry-After': '0' } }));
    }
    if (fault === 'timeout') {
      // Hang past the client's timeout (the work is not done), then answer 504 if anyone listens.
      await waitOrAbort(faults.timeoutMs, request.signal);
      if (request.signal.aborted) return Response.error();
      return problemResponse(new Problem(504, 'gateway_timeout', 'Injected fault: the request timed out.'));
    }

    let response: Response;
    if (standInRoute !== null && path !== null) {
      const wait = latencyMs();
      if (wait > 0) await delay(wait);
      response = (await standIn.handle(request, path))!;
    } else {
      response = await api.handle(request);
    }
    if (response.headers.get('idempotent-replayed') === 'true') stats.replays += 1;
    if (request.method === 'OPTIONS') {
      // The sandbox's own header may be sent by a page too (forced faults).
      response.headers.set('Access-Control-Allow-Headers', `${response.headers.get('Access-Control-Allow-Headers') ?? ''}, Sandbox-Fault`);
    }
    // A lost response: the work is done (and stored for idempotency), the reply never arrives.
    if (fault === 'lost_response') return Response.error();
    return response;
  }

  /** A request of the sandbox's own helpers, straight to the API. */
  async function own(path: string, init: RequestInit = {}): Promise<unknown> {
    await ready;
    const request = new Request(`${baseUrl}${path}`, init);
    ownRequests.add(request);
    const response = await api.handle(request);
    const body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new SandboxRequestError(response.status, String(body.code), body);
    return body;
  }

  const signupById = (signupId: string) => {
    const signup = storage.rows('signups', { id: signupId })[0];
    if (!signup) throw new SandboxRequestError(404, 'not_found', { code: 'not_found', detail: `No signup "${signupId}" in the sandbox.` });
    return signup;
  };

  const secretKeyOf = (organizationId: string) =>
    data.organizations.find((o) => o.organization.id === organizationId)?.secret_key ?? defaultSecretKey;

  return {
    handlers: [http.all(`${baseUrl}/*`, ({ request }) => handle(request))],
    store,
    baseUrl,
    stats,
    responseErrors,
    api,
    storage,
    payments,
    mailer,
    clock,
    handle,
    reset() {
      holds.length = 0;
      stats.requests = {};
      stats.faults = emptyFaults();
      stats.replays = 0;
      generation += 1;
      clock.setToday(initialToday, { rebase: true });
      fresh();
    },
    issueMemberToken(organizationId, email, tokenOptions = {}) {
      timeZoneOf(organizationId);
      const normalized = normalizeEmail(email);
      const expiresIn = tokenOptions.expiresIn ?? null;
      const existing = storage.rows('members', { organization_id: organizationId, email: normalized })[0];
      const member = (id: string): MemberRecord =>
        memberRecord(organizationId, id, new Date(clock.now()).toISOString(), {
          email: normalized,
          first_name: tokenOptions.first_name ?? null,
          last_name: tokenOptions.last_name ?? null,
        });
      let memberId = existing?.id;
      if (!memberId && !storage.inTransaction) {
        memberId = `mem_${randomHex(8)}`;
        const created = member(memberId);
        storage.runSync((tx) => tx.insert('members', created));
      }
      const issued = memberTokens.issueSync(organizationId, memberId ?? 'pending', expiresIn, tokenOptions.token);
      if (!memberId) {
        // A request is writing right now: the member is created right after it (before any
        // request that could use the token), or found if that request created them.
        const id = `mem_${randomHex(8)}`;
        void storage.transaction(async (tx) => {
          const found = await tx.findOne('members', { organization_id: organizationId, email: normalized });
          if (!found) await tx.insert('members', member(id));
          memberTokens.issueSync(organizationId, found?.id ?? id, expiresIn, issued.token);
        });
      }
      save();
      return issued.token;
    },
    setToday(date) {
      const from = clock.today(data.organizations[0]!.organization.time_zone);
      // Today moves at once (what `today()` reads); the days crossed run after it, each as its own day.
      clock.setToday(date);
      return date > from ? crossDays(from, date) : Promise.resolve([]);
    },
    advanceTo(date) {
      if (!isValidDate(date)) throw new Error(`advanceTo: not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
      const from = clock.today(data.organizations[0]!.organization.time_zone);
      if (date < from) throw new Error(`advanceTo: ${date} is before today (${from}); setToday moves back`);
      return this.setToday(date);
    },
    today(organizationId = data.organizations[0]!.organization.id) {
      return clock.today(timeZoneOf(organizationId));
    },
    setHostedCheckoutUrl(url) {
      payments.hostedPageUrl = url;
    },
    setFaults(next) {
      faults = createFaultInjector(next ?? undefined);
    },
    setLatency(next) {
      latency = next;
    },
    holdNextRequest() {
      let release!: () => void;
      let arrived!: () => void;
      const hold = { released: new Promise<void>((resolve) => (release = resolve)), arrived: () => arrived() };
      const held = new Promise<void>((resolve) => (arrived = resolve));
      holds.push(hold);
      return {
        held,
        release: () => {
          const index = holds.indexOf(hold);
          if (index >= 0) holds.splice(index, 1);
          release();
        },
      };
    },
    async pay(clientSecret, payOptions = {}) {
      await ready;
      const year = Number(clock.today(timeZoneOf(data.organizations[0]!.organization.id)).slice(0, 4)) + 5;
      const card: TestCard = typeof payOptions.card === 'object'
        ? payOptions.card
        : { number: payOptions.card ?? '4242424242424242', exp_month: 12, exp_year: year, cvc: '123' };
      const confirmed = await standIn.confirm(clientSecret, card);
      const outcome = confirmed.ok && confirmed.result.status === 'requires_action' ? await standIn.authenticate(clientSecret, payOptions.authentication ?? 'complete') : confirmed;
      if (outcome.ok && outcome.result.status === 'complete') return outcome.result;
      if (outcome.ok) throw new Error('unreachable: authenticated checkouts are complete or refused');
      const body = outcome.problem.toBody();
      throw new SandboxRequestError(body.status, body.code, body);
    },
    async approve(signupId) {
      const signup = signupById(signupId);
      const org = signup.organization_id;
      const admin = { authorization: `Bearer ${secretKeyOf(org)}` };
      await own(`/organizations/${encodeURIComponent(org)}/memberships/${encodeURIComponent(signup.membership_ids[0]!)}/approve`, { method: 'POST', headers: admin });
      return (await own(`/organizations/${encodeURIComponent(org)}/signups/${encodeURIComponent(signupId)}`)) as Signup;
    },
    outbox(to) {
      return mailer.messages(to);
    },
    update(table, where, change) {
      return storage.runSync((tx) => {
        const rows = tx.find(table, where);
        for (const row of rows) {
          const patch = typeof change === 'function' ? change(row) : change;
          const key = Object.fromEntries(tableSpecs[table].key.map((column) => [column, row[column]])) as Where<Tables[typeof table]>;
          tx.update(table, key, patch);
        }
        return rows.length;
      });
    },
    insert(table, row) {
      storage.runSync((tx) => tx.insert(table, row));
    },
  };
}

