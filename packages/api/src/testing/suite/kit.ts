// What the conformance suite's parts share: the host a suite runs against, and the kit of
// request helpers each part of the suite (suite/*.ts) receives from apiSuite.
import type { NextAction, Signup } from '@memberkit/sdk';
import type { SuiteFunctions } from '../storage-suite.js';

/** The day the suite's host seeds the demo data at, and fixes its clock to. */
export const apiSuiteToday = '2026-03-01';

/** What a paid checkout came to. */
export type SuitePayment = { paid: true } | { paid: false; status: number; code: string };

/**
 * What the suite needs from its host. Before each test it calls `reset()`; the host then answers
 * the API under `baseUrl` with:
 * - the demo data (`demoData()` of @memberkit/api) freshly seeded, and nothing else, with today
 *   `apiSuiteToday` (2026-03-01) in every organization's time zone and the API's clock fixed
 *   there (`setToday` moves it by whole days: one day later is 24 hours later);
 * - the demo organizations' secret key `secretKey` (default `sk_test_sandbox`);
 * - unpaid checkouts closing after 24 hours;
 * - a way to pay a checkout at its processor (`pay`), and to mint member tokens (`memberToken`).
 * Faults, latency and rate limits off.
 */
export interface ApiSuiteHost {
  /** Where the API answers, e.g. `http://127.0.0.1:4400/v1` (no trailing slash). */
  baseUrl: string;
  /** How to send a Request (default: the global fetch). */
  fetch?(request: Request): Promise<Response>;
  /** Back to the demo data at `apiSuiteToday` (see above). */
  reset(): Promise<void>;
  /** Fixes the API's today (`YYYY-MM-DD`) for every organization. */
  setToday(date: string): Promise<void>;
  /**
   * Pays the checkout a signup's `next_action` names, as its member would at the processor, with
   * a test card (default 4242 4242 4242 4242, valid for years), and resolves once the API has
   * settled it: paid, or refused with the problem the payment answered (`checkout_closed`,
   * `already_member`, …).
   */
  pay(nextAction: NextAction, card?: string): Promise<SuitePayment>;
  /**
   * Saves test card `card` on the card-update page a `card-update-session` answered (its id),
   * as the member would at the processor; false when the processor refused the card.
   */
  saveCard(sessionId: string, card: string): Promise<boolean>;
  /** A member token for `email` in `organizationId` (a new email becomes a prospective member). */
  memberToken(organizationId: string, email: string): Promise<string>;
  /** Runs the lifecycle's day `day` for the organization (the API's `runDay`), as the host's scheduler would. */
  runDay(organizationId: string, day: string): Promise<void>;
  /** The demo organizations' secret key (default `sk_test_sandbox`). */
  secretKey?: string;
  /** The messages the API wrote to its outbox for `to` in `organizationId`, oldest first (the sign-in code a member reads). */
  outbox(organizationId: string, to: string): Promise<{ kind: string; data: Record<string, unknown> }[]>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export interface CallOptions {
  body?: unknown;
  /** A raw body (sent as it is). */
  text?: string;
  /** A member token or a secret key. */
  auth?: string;
  /** An Idempotency-Key (POSTs that create need one: `true` makes a fresh one). */
  key?: string | true;
  headers?: Record<string, string>;
}

/** What the suite's groups in testing/suite/ are written with (see apiSuite). */
export interface SuiteKit extends SuiteFunctions {
  host: ApiSuiteHost;
  /** One request; an answer that is a problem is checked against the contract on the way. */
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** `/organizations/{organization}{path}` (default `demo`). */
  org(path: string, organization?: string): string;
  /** CallOptions with the demo organizations' secret key. */
  admin: CallOptions;
  /** The answer's body, after checking its status and its SDK schema. */
  expect<T>(answer: Answer, status: number, schema: { safeParse(value: unknown): { success: boolean; error?: unknown } }): T;
  /** The problem body, after checking its status and code. */
  problemOf(answer: Answer, status: number, code: string): Record<string, any>;
  /** `field:code` of each field error. */
  fieldsOf(problem: Record<string, any>): string[];
  /** A new person (a fresh email). */
  person(prefix?: string): { email: string; first_name: string; last_name: string };
  /** POST /signups in `demo` with a fresh person and key (params override). */
  signUp(params: Record<string, unknown>, options?: CallOptions): Promise<Answer>;
  signupOf(answer: Answer): Signup;
  poll(id: string): Promise<Signup>;
  /** A test body run after `host.reset()`. */
  withHost(body: () => Promise<void>): () => Promise<void>;
  /** A fresh email address. */
  fresh(prefix?: string): string;
  /** Valid answers to the demo `annual` type's fields. */
  annualFields: Record<string, unknown>;
}
