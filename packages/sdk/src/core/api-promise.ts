// What every non-list call returns: a Promise of the parsed body that can also give the HTTP
// answer it came in (`withResponse()`), for the request id, status and headers of a success.

/** The HTTP answer a successful call's body came in. */
export interface ResponseInfo {
  /** The HTTP status (200, 201, …). */
  readonly status: number;
  /** The `Request-Id` header: quote it when asking for support. */
  readonly requestId: string | undefined;
  /** Every response header (only those the API exposes, in a browser across origins). */
  readonly headers: Headers;
}

/** A call's result: `await` it for the body, or `await call.withResponse()` for `{ data, response }`. */
export class APIPromise<T> extends Promise<T> {
  readonly #result: Promise<{ data: T; response: ResponseInfo }>;

  constructor(result: Promise<{ data: T; response: ResponseInfo }>) {
    // The base promise is never used: then/catch/finally read `result` (as openai-node does).
    super((resolve) => resolve(undefined as T));
    this.#result = result;
  }

  // `then` of a subclass would build an APIPromise through this constructor; plain promises instead.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The body and the answer it came in. */
  withResponse(): Promise<{ data: T; response: ResponseInfo }> {
    return this.#result;
  }

  override then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#result.then((r) => r.data).then(onfulfilled, onrejected);
  }

  override catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }
}
