// The one error tree of the SDK: everything the client throws is a MemberkitError.
import type { ApiErrorCode, DiscountRefusal } from '../schemas/codes.js';
import type { FieldError, ReceivedProblem } from '../schemas/problem.js';

/**
 * The members a problem type adds to its body (RFC 9457 extensions), by code, as the API sends
 * them. `error.hasCode(code)` narrows `error.problem` to include them.
 */
export interface ProblemExtensions {
  /** The running membership of that type: renew it instead (`renew_path`). */
  already_member: { membership_id: string; renew_path?: string };
  /** The member with that email. */
  member_exists: { member_id: string };
  invalid_discount: { reason: DiscountRefusal | (string & {}) };
  checkout_closed: { signup_id: string; closed_reason: string; replaced_by?: string | null };
  card_declined: { decline_code: string };
  below_processor_minimum: { minimum: number };
  not_cancellable: { membership_status: string };
  method_not_allowed: { allowed: string[] };
}

/** `ProblemExtensions[C]`, or nothing for a code that adds no members. */
export type ProblemExtension<C extends string> = C extends keyof ProblemExtensions ? ProblemExtensions[C] : {};

export class MemberkitError extends Error {}

/**
 * A secret key (`sk_…`, as `secretKey`, a token, a token function's answer or an Authorization
 * header) was about to be used in a browser without `dangerouslyAllowBrowser`; nothing was sent.
 */
export class SecretKeyInBrowserError extends MemberkitError {}

/** The API answered with an error status; `problem` is its `application/problem+json` body. */
export class APIError extends MemberkitError {
  /** The problem's `code` (`validation_failed`, `already_member`, …), when the body had one. */
  readonly code: string | undefined;
  /** Per-field errors of a `validation_failed` problem (empty otherwise). */
  readonly errors: FieldError[];

  constructor(
    readonly status: number,
    /** The problem+json body as received, read leniently (see `ReceivedProblem`). */
    readonly problem: ReceivedProblem | undefined,
    /** The `Request-Id` response header: quote it when asking for support. */
    readonly requestId: string | undefined,
    readonly headers: Headers,
    message?: string,
  ) {
    super(
      message ??
        `${status}${problem ? `${problem.code ? ` ${problem.code}` : ''}: ${problem.detail || problem.title}` : ' status code (no problem body)'}`,
    );
    this.code = problem?.code;
    this.errors = problem?.errors ?? [];
  }

  /**
   * Whether the problem's code is `code`; narrows `problem` to that problem's members:
   * `if (error.hasCode('already_member')) renew(error.problem.membership_id)`.
   */
  hasCode<C extends ApiErrorCode>(code: C): this is this & { readonly code: C; readonly problem: ReceivedProblem & ProblemExtension<C> } {
    return this.code === code;
  }

  /** The subclass for `status`. */
  static generate(status: number, problem: ReceivedProblem | undefined, requestId: string | undefined, headers: Headers): APIError {
    const Class =
      status >= 500
        ? InternalServerError
        : ({
            400: BadRequestError,
            401: AuthenticationError,
            403: PermissionDeniedError,
            404: NotFoundError,
            409: ConflictError,
            413: PayloadTooLargeError,
            422: UnprocessableEntityError,
            429: RateLimitError,
          } as Record<number, typeof APIError>)[status] ?? APIError;
    return new Class(status, problem, requestId, headers);
  }
}

export class BadRequestError extends APIError {}
export class AuthenticationError extends APIError {}
export class PermissionDeniedError extends APIError {}
export class NotFoundError extends APIError {}
/** 409, e.g. `idempotency_conflict`: the first request with this key is still running. */
export class ConflictError extends APIError {}
export class PayloadTooLargeError extends APIError {}
/** 422, e.g. `validation_failed` (see `errors`), `invalid_discount`, `idempotency_key_reused`. */
export class UnprocessableEntityError extends APIError {}
export class RateLimitError extends APIError {}
/** Any 5xx. */
export class InternalServerError extends APIError {}

/**
 * The request never got an HTTP answer; the message says what failed, read from the cause
 * (DNS, a refused or reset connection, TLS, or in a browser offline/CORS), and `cause` keeps it.
 */
export class APIConnectionError extends MemberkitError {}

/** No answer within the `timeout` (per attempt, after any retries). */
export class APITimeoutError extends MemberkitError {}

/** The caller's `signal` aborted the request (or the wait before a retry). */
export class APIUserAbortError extends MemberkitError {}

/** A success response did not match its schema; `path` locates the first mismatch. */
export class ResponseValidationError extends MemberkitError {
  constructor(
    message: string,
    /** Where in the body the first mismatch is (`['membership_types', 0, 'price', 'value']`); `[]` for the whole body. */
    readonly path: PropertyKey[],
    readonly status: number,
    readonly requestId: string | undefined,
    /** The body as received (parsed JSON, or the raw text when it was not JSON). */
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** A success response whose body is not JSON at all (empty, HTML from a proxy, truncated…). */
export class ResponseParseError extends ResponseValidationError {}

// Names on the prototypes (minifiers rename classes; a field per class would cost a constructor each).
for (const [name, Class] of Object.entries({
  MemberkitError,
  SecretKeyInBrowserError,
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  PayloadTooLargeError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ResponseValidationError,
  ResponseParseError,
})) {
  Class.prototype.name = name;
}
