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
}
