/** Options every call takes as its last argument; they override the client's defaults. */
export interface RequestOptions {
  /** Aborts the call (including a wait before a retry) with an `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt before an `APITimeoutError` (after retries). */
  timeout?: number | undefined;
  /** Retries after network errors, timeouts, 408, 429 and 5xx (safe methods, or POSTs with an idempotency key). */
  maxRetries?: number | undefined;
  /** Sent as `Idempotency-Key` on every attempt; makes a POST retryable. */
  idempotencyKey?: string | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
}

/** How long to wait between retries (ms). */
export interface Backoff {
  /** First retry delay (doubles each retry, minus up to 25 % jitter). Default 500. */
  initialDelay?: number;
  /** Ceiling of the computed delay. Default 8000. */
  maxDelay?: number;
  /**
   * The longest `Retry-After` the client waits out. Default 60000. A server asking for longer
   * gets no retry: the call throws its error at once (`error.headers.get('retry-after')`).
   */
  maxRetryAfter?: number;
}

/**
 * How a success response is checked against its schema:
 * - `'lenient'` (the default): what a newer API may add does not break a deployed client. A
 *   status or kind it does not know comes through as the string it is; an item of a list that
 *   does not match its schema is left out, and the rest returned (both logged as warnings).
 *   Anything else that does not match throws a `ResponseValidationError`.
 * - `'strict'`: any mismatch throws (our own tests run this way).
 * - `false`: no check; the JSON body as received.
 */
export type ResponseValidation = 'strict' | 'lenient' | false;

/** How much the client logs, from most to least: `debug` (each request and response), `info` (retries), `warn`, `error`, `off`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** Where the client logs (`console` by default): one method per level, each with a message and one details object. */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Options of `createClient` / `createPublicClient`. */
export interface ClientOptions {
  /** The API root, e.g. `https://api.memberkit.test/v1`. */
  baseUrl: string;
  /** The organization id (public: it appears in the script tag). */
  organization: string;
  /**
   * A member token, or a function that returns one. The function is called once and its token
   * reused; after a 401 it is called once more for a fresh token and the request repeated once.
   */
  token?: string | (() => string | Promise<string>) | undefined;
  /** An admin secret key (`sk_…`): for servers only. Refused in a browser, see `dangerouslyAllowBrowser`. */
  secretKey?: string | undefined;
  /** Allow a secret key in a browser (it is then visible to anyone who opens the page). */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Default per-attempt timeout in ms (default 30000; 0 or Infinity: none). */
  timeout?: number | undefined;
  /** Default retries (default 2). */
  maxRetries?: number | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Retry delays. */
  backoff?: Backoff | undefined;
  /** How responses are checked against their schemas (default `'lenient'`). */
  validateResponses?: ResponseValidation | undefined;
  /** Where to log (default `console`). The `Authorization` header is never logged. */
  logger?: Logger | undefined;
  /** The least severe level logged (default `'warn'`). */
  logLevel?: LogLevel | undefined;
}
