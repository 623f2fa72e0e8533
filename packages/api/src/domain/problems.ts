// Problem details (RFC 9457, `application/problem+json`) as the API answers them. The body is the
// SDK's `Problem`; `code` is one of the SDK's `ApiErrorCode`s, so the API answers no code a
// client cannot know.
import type { ApiErrorCode, FieldError, Problem as ProblemBody } from '@memberkit/sdk';

export type { FieldError };

/** A problem body whose code is one of the API's. */
export type ApiProblemBody = ProblemBody & { code: ApiErrorCode };

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  402: 'Payment required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  504: 'Gateway timeout',
};

export interface ProblemOptions {
  errors?: FieldError[];
  /** Members the problem type adds (RFC 9457 extensions), e.g. `membership_id`. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * An answer that is a problem. Thrown by a route or a domain function, it undoes every write of
 * the request; returned (`problemReply`), it is answered after the writes commit (a completion
 * refused at payment keeps the closing of its checkout).
 */
export class Problem extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(status: number, code: ApiErrorCode, detail: string, options: ProblemOptions = {}) {
    super(detail);
    this.name = 'Problem';
    this.status = status;
    this.code = code;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }

  toBody(): ApiProblemBody {
    return {
      ...this.extensions,
      type: `https://docs.memberkit.dev/errors/${this.code}`,
      title: titles[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(this.errors && this.errors.length > 0 ? { errors: this.errors } : {}),
    };
  }
}

export function notFound(what: string, id: string): Problem {
  return new Problem(404, 'not_found', `No ${what} with id "${id}".`);
}

export function validationFailed(errors: FieldError[], detail?: string): Problem {
  return new Problem(
    422,
    'validation_failed',
    detail ?? (errors.length === 1 ? errors[0]!.message : `${errors.length} fields are invalid.`),
    { errors },
  );
}

const messages: Record<string, (label: string) => string> = {
  required: (label) => `${label} is required.`,
  too_short: (label) => `${label} is too short.`,
  too_long: (label) => `${label} is too long.`,
  too_small: (label) => `${label} is too small.`,
  too_large: (label) => `${label} is too large.`,
  pattern_mismatch: (label) => `${label} does not have the expected format.`,
  invalid_email: (label) => `${label} must be an email address.`,
  invalid_url: (label) => `${label} must be a URL.`,
  invalid_number: (label) => `${label} must be a number.`,
  invalid_date: (label) => `${label} must be a date (YYYY-MM-DD).`,
  invalid_option: (label) => `${label} is not one of the allowed options.`,
  invalid_type: (label) => `${label} has the wrong type.`,
  unknown_field: (label) => `${label} is not a field of this membership type.`,
};

/** A per-field error with an English message for a validator code. */
export function fieldError(field: string, code: string, label = field, message?: string): FieldError {
  return { field, code, message: message ?? (Object.hasOwn(messages, code) ? messages[code]!(label) : `${label} is invalid (${code}).`) };
}
