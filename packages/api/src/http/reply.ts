// What a route answers (a Reply: status, body, the SDK schema the body must satisfy) and how an
// answer becomes a fetch Response: JSON or problem+json, with Request-Id, no caching, and the
// CORS headers a page on another origin needs to read it.
import { ProblemSchema } from '@memberkit/sdk';
import { Problem, type ApiProblemBody } from '../domain/problems.js';

/** Anything with zod's `safeParse` (the SDK's zod/mini schemas). */
export interface Schema<T = unknown> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

export interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  format?: string;
  origin?: string;
}

export interface Reply {
  status: number;
  body: unknown;
  /** The SDK schema the body must satisfy (checked with `validateResponses`). */
  schema: Schema | null;
  headers?: Record<string, string>;
  /** The body is text sent as it is (a CSV export), with its own Content-Type in `headers`. */
  raw?: boolean;
}

/** A text answer (`body` as it is), e.g. a CSV file. */
export function textReply(status: number, body: string, headers: Record<string, string>): Reply {
  return { status, schema: null, body, headers, raw: true };
}

export function reply<T>(status: number, schema: Schema<T>, body: T, headers?: Record<string, string>): Reply {
  return { status, schema, body, ...(headers ? { headers } : {}) };
}

/**
 * A problem answered after the request's writes commit (returned by a route, not thrown): a
 * completion refused at payment answers its 409 and keeps the closing of its checkout.
 */
export function problemReply(problem: Problem): Reply {
  return {
    status: problem.status,
    body: problem.toBody(),
    schema: ProblemSchema,
    headers: { 'Content-Type': 'application/problem+json', ...problem.headers },
  };
}

/** An answer as the idempotency record keeps it: what a replay sends again. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function storedOf(result: Reply): StoredResponse {
  return {
    status: result.status,
    headers: { 'Content-Type': 'application/json', ...result.headers },
    body: result.raw ? String(result.body) : result.body === null ? '' : JSON.stringify(result.body),
  };
}

export function storedProblem(problem: Problem): StoredResponse {
  return {
    status: problem.status,
    headers: { 'Content-Type': 'application/problem+json', ...problem.headers },
    body: JSON.stringify(problem.toBody() satisfies ApiProblemBody),
  };
}

let requestCounter = 0;

/** A Request-Id: a counter (for reading logs in order) and random digits (unique across processes). */
export function newRequestId(): string {
  requestCounter += 1;
  return `req_${requestCounter.toString(36).padStart(6, '0')}_${Math.floor(Math.random() * 0xffffff).toString(16)}`;
}

/** The headers every answer carries, so a page on another origin can read them. */
export const exposedHeaders = 'Request-Id, Retry-After, Idempotent-Replayed, Link, Allow';

export function toResponse(response: StoredResponse, requestId: string): Response {
  const headers = new Headers(response.headers);
  headers.set('Request-Id', requestId);
  headers.set('Cache-Control', 'no-store');
  headers.set('Access-Control-Allow-Origin', '*');
  headers.set('Access-Control-Expose-Headers', exposedHeaders);
  const empty = response.body === '' || response.status === 204;
  return new Response(empty ? null : response.body, { status: response.status, headers });
}

/** A JSON Response with the API's headers (Request-Id, CORS, no caching): for a host's own endpoints. */
export function jsonResponse(status: number, body: unknown, requestId = newRequestId()): Response {
  return toResponse({ status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, requestId);
}

/**
 * A problem+json Response with a new Request-Id: for a host's own answers around the API (an
 * injected fault, a request the host refuses before the API sees it).
 */
export function problemResponse(problem: Problem, requestId = newRequestId()): Response {
  return toResponse(storedProblem(problem), requestId);
}
