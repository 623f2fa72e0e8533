// The request loop shared by every resource: auth, idempotency keys, timeouts, retries, error
// mapping and response validation. It calls `fetch` directly: this loop already owns retries,
// timeouts and error mapping (so that a POST retries only with its idempotency key), and ky,
// with all of that switched off, only joined URLs, for 5 kB gzip in the script-tag bundle.
import type * as z from '../schemas/zod.js';
import { receivedProblemSchema, type ReceivedProblem } from '../schemas/problem.js';
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  MemberkitError,
  ResponseParseError,
  ResponseValidationError,
  SecretKeyInBrowserError,
} from '../core/errors.js';
import { APIPromise, type ResponseInfo } from '../core/api-promise.js';
import type { ClientOptions, LogLevel, RequestOptions, ResponseValidation } from '../core/request-options.js';
import { VERSION } from '../version.js';
import { describeConnectionError } from './connection.js';
import { isBrowser } from './env.js';
import { idempotencyKey } from './idempotency.js';
import { path } from './path.js';
import { isRetryable, isRetryableStatus, retryDelay, sleep } from './retry.js';

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to `organizations/{org}/`, built with `path`. */
  path: string;
  query?: Query | undefined;
  body?: unknown;
  /** The success body's schema; none: the body as received (`client.request` without one). */
  schema?: z.ZodMiniType<T> | undefined;
  /** Creates or charges: always send an Idempotency-Key (generated once per call if not given). */
  idempotent?: boolean;
  /** The success body is text (a CSV export), answered as it came; `accept` is its media type. */
  text?: string;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const levels: LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];

export class Transport {
  readonly #o: ClientOptions;
  readonly #fetch: typeof fetch;
  readonly #prefix: string;
  #token: Promise<string> | undefined;
  readonly #validation: ResponseValidation;
  readonly #logFrom: number;

  constructor(options: ClientOptions) {
    if (typeof options !== 'object' || !options) {
      throw new MemberkitError('The client needs options: { baseUrl, organization, … }');
    }
    this.#o = options;
    if (options.token !== undefined && options.secretKey !== undefined) {
      throw new MemberkitError('Pass either `token` (a member) or `secretKey` (admin), not both');
    }
    const secret = options.secretKey ?? (typeof options.token === 'string' && options.token.startsWith('sk_'));
    if (secret) this.#refuseSecretInBrowser();
    let base: URL;
    try {
      // A page may give a base relative to itself ("/v1"); Node needs an absolute one.
      base = new URL(`${options.baseUrl.replace(/\/+$/, '')}/`, globalThis.location?.href);
    } catch (e) {
      throw new MemberkitError(`\`baseUrl\` must be a URL, got ${JSON.stringify(options.baseUrl)}`, { cause: e });
    }
    this.#prefix = base.href + path`organizations/${options.organization}/`;
    // Looked up per call, not captured: test tools and the sandbox patch the global later.
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#validation = options.validateResponses ?? 'lenient';
    this.#logFrom = levels.indexOf(options.logLevel ?? 'warn');
  }

  #log(level: Exclude<LogLevel, 'off'>, text: string, details: Record<string, unknown>): void {
    if (levels.indexOf(level) >= this.#logFrom) (this.#o.logger ?? console)[level](`memberkit: ${text}`, details);
  }

  /** A secret key in a page is readable by anyone who opens it. */
  #refuseSecretInBrowser(): void {
    if (!this.#o.dangerouslyAllowBrowser && isBrowser()) {
      throw new SecretKeyInBrowserError(
        'Refusing to use a secret key in a browser: anyone could read it. Use a member token, or pass `dangerouslyAllowBrowser: true` if you really mean it.',
      );
    }
  }

  #authorization(): string | Promise<string> | undefined {
    const t = this.#o.token ?? this.#o.secretKey;
    if (typeof t !== 'function') return t;
    return (this.#token ??= Promise.resolve()
      .then(t)
      .catch((e: unknown) => {
        this.#token = undefined;
        throw new MemberkitError(`Could not get a member token: ${message(e)}`, { cause: e });
      }));
  }

  /**
   * One call. `spec` may be a function, so that building it (an id that is not a string) rejects
   * the returned promise rather than throwing.
   */
  request<T>(spec: RequestSpec<T> | (() => RequestSpec<T>), o?: RequestOptions): APIPromise<T> {
    return new APIPromise(this.#send(spec, o));
  }

  async #send<T>(specOrBuild: RequestSpec<T> | (() => RequestSpec<T>), o: RequestOptions = {}): Promise<{ data: T; response: ResponseInfo }> {
    const spec = typeof specOrBuild === 'function' ? specOrBuild() : specOrBuild;
    const { method } = spec;
    const key = o.idempotencyKey ?? (spec.idempotent ? idempotencyKey() : undefined);
    const retryable = isRetryable(method, key);
    const maxRetries = o.maxRetries ?? this.#o.maxRetries ?? 2;
    const timeout = o.timeout ?? this.#o.timeout ?? 30_000;
    const backoff = this.#o.backoff ?? {};
    const url = new URL(this.#prefix + spec.path);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v != null) url.searchParams.set(k, String(v));
    let body: string | undefined;
    try {
      body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    } catch (e) {
      // A BigInt or a circular object: say so before anything is sent, not as a bare TypeError.
      throw new MemberkitError(`The request body cannot be sent as JSON: ${message(e)}`, { cause: e });
    }
    let retries = 0;
    let refreshed = false;

    for (;;) {
      const auth = this.#authorization();
      const tokenPromise = this.#token;
      const token = await auth;
      const headers: Record<string, string> = { accept: spec.text ? `${spec.text}, application/problem+json` : 'application/json', ...this.#o.headers };
      // Outside browsers only: in a page a header the API's CORS does not allow would fail the preflight.
      if (!isBrowser()) headers['memberkit-client'] = `sdk/${VERSION}`;
      if (token) headers.authorization = `Bearer ${token}`;
      if (key) headers['idempotency-key'] = key;
      if (body !== undefined) headers['content-type'] = 'application/json';
      Object.assign(headers, o.headers);
      // The key may also arrive through a token function or an Authorization header (any
      // case): checked on what would be sent, before anything is.
      for (const name in headers) {
        if (name.toLowerCase() === 'authorization' && /(?:^|[\s,])sk_/.test(headers[name]!)) this.#refuseSecretInBrowser();
      }

      if (o.signal?.aborted) throw new APIUserAbortError('Request was aborted');
      const controller = new AbortController();
      const abort = () => controller.abort();
      let timedOut = false;
      const timer =
        timeout > 0 && timeout < Infinity
          ? setTimeout(() => {
              timedOut = true;
              controller.abort();
            }, timeout)
          : undefined;
      o.signal?.addEventListener('abort', abort, { once: true });

      let response: Response | undefined;
      let text = '';
      let failure: MemberkitError | undefined;
      const started = Date.now();
      this.#log('debug', `${method} ${url.href}`, {
        headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, /^authorization$/i.test(name) ? '***' : value])),
        attempt: retries + 1,
      });
      try {
        response = await this.#fetch(url, { method, body, headers, signal: controller.signal });
        text = await response.text();
      } catch (e) {
        if (o.signal?.aborted) throw new APIUserAbortError('Request was aborted', { cause: e });
        failure = timedOut
          ? new APITimeoutError(`Request timed out after ${timeout} ms`, { cause: e })
          : new APIConnectionError(`Connection error: ${describeConnectionError(e, url)}`, { cause: e });
      } finally {
        clearTimeout(timer);
        o.signal?.removeEventListener('abort', abort);
      }

      if (failure || !response) {
        if (!retryable || retries >= maxRetries) throw failure!;
        const wait = retryDelay(retries++, undefined, backoff)!;
        this.#log('info', `retrying ${method} ${url.href} in ${wait} ms: ${failure!.message}`, { retry: retries, delay: wait });
        await sleep(wait, o.signal);
        continue;
      }
      const { status, headers: responseHeaders } = response;
      const requestId = responseHeaders.get('request-id') ?? undefined;
      this.#log('debug', `${status} ${method} ${url.href}`, { requestId, ms: Date.now() - started });

      if (response.ok) {
        const data = spec.text ? (text as T) : this.#parse(spec.schema, text, status, requestId, `${method} ${url.pathname}`);
        return { data, response: { status, requestId, headers: responseHeaders } };
      }

      if (status === 401 && typeof this.#o.token === 'function' && !refreshed) {
        // One fresh token and one repeat; a second 401 is the caller's to handle. Concurrent
        // calls that failed with the same token share one refresh.
        refreshed = true;
        if (this.#token === tokenPromise) this.#token = undefined;
        continue;
      }
      const errorBody = problem(text, status, response.statusText);
      // 409 idempotency_conflict: our own earlier attempt (timed out here) is still running on the
      // server; waiting and repeating the same key returns its result.
      const stillRunning = status === 409 && key !== undefined && errorBody?.code === 'idempotency_conflict';
      const delay = retryable && (isRetryableStatus(status) || stillRunning) && retries < maxRetries
        ? retryDelay(retries, responseHeaders, backoff)
        : undefined;
      if (delay !== undefined) {
        retries++;
        this.#log('info', `retrying ${method} ${url.href} in ${delay} ms: ${status}${errorBody?.code ? ` ${errorBody.code}` : ''}`, { retry: retries, delay, requestId });
        await sleep(delay, o.signal);
        continue;
      }
      throw APIError.generate(status, errorBody, requestId, responseHeaders);
    }
  }

  #parse<T>(schema: z.ZodMiniType<T> | undefined, text: string, status: number, requestId: string | undefined, route: string): T {
    let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // A 204 or an empty 200 from an endpoint `client.request` reaches without a schema.
    if (text === '' && !schema) return undefined as T;
    throw new ResponseParseError(
      `Response ${status} is not JSON: ${JSON.stringify(text.slice(0, 60))}`,
      [],
      status,
      requestId,
      text,
    );
  }
    if (!schema || this.#validation === false) return body as T;
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    const { issues } = result.error;
    if (this.#validation === 'lenient') {
      const read = tolerate(body, issues);
      if (read) {
        this.#log('warn', `${route}: reading an answer a newer API may have sent: ${read.notes.join('; ')}`, { requestId });
        return read.body as T;
      }
    }
    const issue = issues.find((i) => !unknownValue(body, i)) ?? issues[0]!;
    throw new ResponseValidationError(
      `Response does not match the schema at ${issue.path.map(String).join('.') || '(root)'}: ${issue.code}${'expected' in issue ? `, expected ${String(issue.expected)}` : ''}`,
      issue.path,
      status,
      requestId,
      body,
    );
  }
}

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
}

const at = (body: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), body);

/** A string where the schema knows a fixed set (a status, a kind, a field type): what a newer API adds. */
const unknownValue = (body: unknown, issue: Issue): boolean => issue.code === 'invalid_value' && typeof at(body, issue.path) === 'string';

/**
 * The body as a lenient client reads it, or undefined when it cannot be: unknown values stay as
 * they are, and an item of a list that fails its schema for any other reason is left out (the
 * innermost list around the mismatch). A mismatch outside every list cannot be read past.
 */
function tolerate(body: unknown, issues: readonly Issue[]): { body: unknown; notes: string[] } | undefined {
  const notes: string[] = [];
  const drops = new Map<unknown[], Set<number>>();
  for (const issue of issues) {
    const where = issue.path.map(String).join('.');
    if (unknownValue(body, issue)) {
      notes.push(`${where} is ${JSON.stringify(at(body, issue.path))}, a value this SDK does not know`);
      continue;
    }
    let list: { array: unknown[]; index: number; item: string } | undefined;
    for (let i = 0; i < issue.path.length; i++) {
      const parent = at(body, issue.path.slice(0, i));
      if (Array.isArray(parent) && typeof issue.path[i] === 'number') {
        list = { array: parent, index: issue.path[i] as number, item: issue.path.slice(0, i + 1).map(String).join('.') };
      }
    }
    if (!list) return undefined;
    const dropped = drops.get(list.array) ?? new Set<number>();
    if (!dropped.has(list.index)) notes.push(`left out ${list.item} (${issue.code} at ${where})`);
    drops.set(list.array, dropped.add(list.index));
  }
  // From the end, so earlier indexes stay put.
  for (const [array, indexes] of drops) for (const index of [...indexes].sort((a, b) => b - a)) array.splice(index, 1);
  return { body, notes };
}

/**
 * The problem+json body, read with the lenient `receivedProblemSchema` rather than the strict
 * one: a body without `code`, or with a field error missing its `message`, still yields its code,
 * detail and per-field errors. Not JSON, or not a JSON object: undefined.
 */
const problem = (text: string, status: number, statusText: string): ReceivedProblem | undefined => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = receivedProblemSchema(status, statusText).safeParse(raw);
  return parsed.success ? parsed.data : undefined;
};
