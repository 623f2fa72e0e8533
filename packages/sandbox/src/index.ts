/**
 * `@memberkit/sandbox`: the whole memberkit membership API, offline, as msw request handlers.
 * Answers come from the SDK's calculators and are shaped by the SDK's schemas.
 *
 * ```ts
 * const sandbox = createSandbox({ today: '2026-03-01' });
 * const server = setupServer(...sandbox.handlers); // or setupSandboxServer() from /node
 * ```
 * @module
 */
import type { HttpHandler } from 'msw';
import { isValidDate, localDate, normalizeEmail } from '@memberkit/sdk/calculators';
import { randomToken } from './auth.js';
import { defaultBaseUrl } from './constants.js';
import { demoData } from './data/demo.js';
import { seed } from './data/seed.js';
import type { SandboxData } from './data/types.js';
import type { FaultOptions } from './faults.js';
import { createFaultInjector } from './faults.js';
import { companyRoutes } from './handlers/companies.js';
import { discountRoutes } from './handlers/discounts.js';
import { meRoutes } from './handlers/me.js';
import { memberRoutes } from './handlers/members.js';
import { membershipTypeRoutes } from './handlers/membership-types.js';
import { membershipRoutes } from './handlers/memberships.js';
import { permissionRoutes } from './handlers/permissions.js';
import { signupConfigRoutes } from './handlers/signup-config.js';
import { signupRoutes } from './handlers/signups.js';
import { SandboxRuntime, type RequestHoldHandle, type ResponseSchemaError, type SandboxStats } from './runtime.js';
import { checkoutRoutes } from './stripe/endpoints.js';
import { SandboxStore, type MemberRecord, type PersistMode } from './store.js';

export { demoData, demoIds } from './data/demo.js';
export type * from './data/types.js';
export type { FaultKind, FaultOptions } from './faults.js';
export type { PersistMode, SandboxStore, StoreState } from './store.js';
export type { RequestHoldHandle, SandboxStats, ResponseSchemaError } from './runtime.js';
export { defaultBaseUrl, defaultPublishableKey, defaultSecretKey } from './constants.js';

export interface SandboxOptions {
  /** The organizations and everything in them (default: the demo data). */
  data?: SandboxData;
  /** A fixed `YYYY-MM-DD` "today" for every organization (default: the clock, in each org's time zone). */
  today?: string;
  /** `memory` (default), or `session`/`local` Web Storage in a browser so state survives a reload. */
  persist?: PersistMode;
  /** Web Storage key (default `memberkit-sandbox:` + baseUrl). */
  storageKey?: string;
  /** Milliseconds each request takes: a number, or `{ min, max }` drawn per request. Default 0. */
  latency?: number | { min: number; max: number };
  /** Injected faults: `{ rate, kinds, seed, timeoutMs }`. */
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

export interface Sandbox {
  /** msw request handlers for every endpoint, under `baseUrl`. */
  readonly handlers: HttpHandler[];
  readonly store: SandboxStore;
  readonly baseUrl: string;
  /** Requests, injected faults and idempotent replays so far. */
  readonly stats: SandboxStats;
  /** Responses that failed their schema (with `validateResponses`); tests expect none. */
  readonly responseErrors: readonly ResponseSchemaError[];
  /** Back to the initial data and the initial `today`; clears persisted state and stats. */
  reset(): void;
  /**
   * A member token for `email` in the organization (the member is created, `prospective`, if
   * new): what a host site's backend would mint for the widget.
   */
  issueMemberToken(organizationId: string, email: string, options?: MemberTokenOptions): string;
  /** Fixes today for every organization (`YYYY-MM-DD`). */
  setToday(date: string): void;
  /** The organization's today as the sandbox sees it. */
  today(organizationId?: string): string;
  /** Switch paid signups to (or from, with null) the hosted checkout page. */
  setHostedCheckoutUrl(url: string | null): void;
  /** Replace the fault settings (null: no faults). */
  setFaults(faults: FaultOptions | null): void;
  /** Change the simulated latency (ms, or `{ min, max }`). */
  setLatency(latency: number | { min: number; max: number }): void;
  /**
   * Tests: hold the next API request (after auth and its idempotency lock, before its handler)
   * until `release()`; `held` resolves once it waits. For races without timers.
   */
  holdNextRequest(): RequestHoldHandle;
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

function checkDate(date: string): string {
  if (!isValidDate(date)) throw new Error(`today must be a YYYY-MM-DD date, not ${JSON.stringify(date)}`);
  return date;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '');
  const persist = options.persist ?? 'memory';
  const store = new SandboxStore(persist, options.storageKey ?? `memberkit-sandbox:${baseUrl}`);
  const runtime = new SandboxRuntime(store, {
    baseUrl,
    today: options.today === undefined ? null : checkDate(options.today),
    persist,
    latency: options.latency ?? 0,
    faults: options.faults,
    hostedCheckoutUrl: options.hostedCheckoutUrl ?? null,
    validateResponses: options.validateResponses ?? false,
    maxBodyBytes: options.maxBodyBytes ?? 65_536,
  });
  const data = options.data ?? demoData();
  const initialToday = runtime.options.today;
  const todayOf = (organizationId: string): string => {
    const organization = store.organization(organizationId)?.organization ??
      data.organizations.find((o) => o.organization.id === organizationId)?.organization;
    if (!organization) {
      const known = data.organizations.map((o) => o.organization.id).join(', ');
      throw new Error(`No organization "${organizationId}" in the sandbox (it has: ${known}).`);
    }
    return runtime.options.today ?? localDate(new Date(), organization.time_zone);
  };
  const fingerprint = fnv1a(JSON.stringify(data));
  const fresh = () => {
    store.clear();
    store.state.seed = fingerprint;
    seed(store, data, todayOf);
    store.save();
  };
  if (!store.load(fingerprint)) fresh();

  const handlers = runtime.handlers(
    [
      ...signupConfigRoutes,
      ...membershipTypeRoutes,
      ...discountRoutes,
      ...signupRoutes,
      ...meRoutes,
      ...memberRoutes,
      ...membershipRoutes,
      ...companyRoutes,
      ...permissionRoutes,
    ],
    checkoutRoutes,
  );

  return {
    handlers,
    store,
    baseUrl,
    stats: runtime.stats,
    responseErrors: runtime.responseErrors,
    reset() {
      runtime.ledger.clear();
      runtime.resetStats();
      runtime.setToday(initialToday, { rebase: true });
      fresh();
    },
    issueMemberToken(organizationId, email, tokenOptions = {}) {
      const organization = store.organization(organizationId);
      if (!organization) throw new Error(`No organization "${organizationId}"`);
      const normalized = normalizeEmail(email);
      let member: MemberRecord | undefined = store.memberByEmail(organizationId, normalized);
      if (!member) {
        member = {
          id: store.nextId('mem'),
          organization_id: organizationId,
          email: normalized,
          first_name: tokenOptions.first_name ?? null,
          last_name: tokenOptions.last_name ?? null,
          company_id: null,
          fields: {},
          created_at: new Date().toISOString(),
        };
        store.state.members[member.id] = member;
      }
      const token = tokenOptions.token ?? `mt_test_${randomToken()}`;
      if (token.startsWith('sk_')) throw new Error('A member token cannot look like a secret key (sk_…)');
      store.state.tokens[token] = {
        token,
        organization_id: organizationId,
        member_id: member.id,
        expires_at: tokenOptions.expiresIn === undefined ? null : Date.now() + tokenOptions.expiresIn * 1000,
      };
      store.save();
      return token;
    },
    setToday(date) {
      runtime.setToday(checkDate(date));
    },
    today(organizationId = data.organizations[0]!.organization.id) {
      return todayOf(organizationId);
    },
    setHostedCheckoutUrl(url) {
      runtime.options.hostedCheckoutUrl = url;
    },
    setFaults(faults) {
      runtime.faults = createFaultInjector(faults ?? undefined);
    },
    setLatency(latency) {
      runtime.options.latency = latency;
    },
    holdNextRequest() {
      return runtime.holdNextRequest();
    },
  };
}
