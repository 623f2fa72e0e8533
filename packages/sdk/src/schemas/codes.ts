// The closed lists of codes the API answers: a problem body's `code` (ApiErrorCode) and the
// reason an `invalid_discount` problem gives (DiscountRefusal). The API emits only these, and a
// client keys its messages by them (the widget's catalogues). Plain lists, no zod: importing
// them costs a few hundred bytes, and `z.enum(apiErrorCodes)` makes a schema where one is wanted.

/**
 * Every `code` of an `application/problem+json` answer, with the HTTP status it comes with.
 * A new code is added here first; a client meeting a code it does not know (a newer API) falls
 * back on the status.
 */
export const apiErrorCodes = [
  /** 400 or 422: a request field is missing or malformed; `errors` names each field. */
  'validation_failed',
  /** 400: the body is not JSON. */
  'invalid_json',
  /** 401: no credential where one is needed, or an unknown, expired or malformed one. */
  'unauthorized',
  /** 401: the organization asks members to sign in before signing up (`signup_requires_sign_in`): send a member token. */
  'sign_in_required',
  /** 402: the payment processor declined the card (`decline_code` says why). */
  'card_declined',
  /** 403: a credential of the wrong kind (a member token on an admin endpoint, and the reverse). */
  'forbidden',
  /** 404: no such organization, record or endpoint. */
  'not_found',
  /** 405: a known path that does not take this method (`Allow` lists those it takes). */
  'method_not_allowed',
  /** 409: the person already holds a running membership of the type (`membership_id`, `renew_path`). */
  'already_member',
  /** 409: the person's application for the type waits for approval or for payment. */
  'application_pending',
  /** 409: a member with this email exists (`member_id`). */
  'member_exists',
  /** 409: this checkout closed unpaid (`closed_reason`: replaced, expired, refused, declined); nothing was charged. */
  'checkout_closed',
  /** 409: the membership cannot be renewed in its state (pending, declined). */
  'not_renewable',
  /** 409: the membership is a place in a group; the group's payer renews it (`group_membership_id`). */
  'renewed_by_group',
  /** 409: no card is saved for this membership's renewals (it renews by hand: renewing it with auto-renewal on saves one). */
  'no_saved_card',
  /** 409: the membership is not running, so it cannot be cancelled. */
  'not_cancellable',
  /** 409: nothing is left to refund on the membership's current term (nothing was paid, or all is refunded). */
  'nothing_to_refund',
  'payment_disputed',
  /** 409: approving something that is not an application waiting for approval. */
  'not_awaiting_approval',
  /** 409: declining something that is not an open application. */
  'not_an_application',
  /** 409: the organization's default membership type cannot be archived, unset or made paid: make another free type the default first. */
  'default_type_required',
  /** 409: the membership type is archived (no new signups, no changes). */
  'type_archived',
  /** 409: paid membership types are priced in the current currency (`membership_type_ids`): change them first. */
  'currency_in_use',
  /**
   * 422: a sign-in code, link or refresh token that cannot be used (`reason`: `wrong` with
   * `attempts_left`, `expired`, `used`, `too_many_attempts`, `unknown`): ask for a new code.
   */
  'invalid_sign_in',
  /** 409: a request with this Idempotency-Key is still running (`Retry-After`). */
  'idempotency_conflict',
  /** 422 when asked outside the renewal window (or for a lifetime membership); 409 when it closed before payment. */
  'renewal_not_open',
  /** 413: the request body is over the size limit. */
  'payload_too_large',
  /** 422: the type is invite-only and the invitation is missing or unusable (`reason`). */
  'invitation_required',
  /** 422: the discount code cannot be used (`reason`: a DiscountRefusal). */
  'invalid_discount',
  /** 422: a donation outside the type's minimum and maximum (`limit`). */
  'amount_out_of_range',
  /** 422: the total is positive but under what the processor can charge (`minimum`). */
  'below_processor_minimum',
  /** 422: this Idempotency-Key was used with a different request. */
  'idempotency_key_reused',
  /** 429: too many requests (`Retry-After`). */
  'rate_limited',
  /** 500: the API failed; nothing was done unless the request is retried with its key. */
  'internal_error',
  /** 500: a response failed its own schema (hosts that validate their answers: the sandbox in tests). */
  'sandbox_invalid_response',
  /** 504: the request timed out before the API answered (the sandbox's injected fault). */
  'gateway_timeout',
] as const;

export type ApiErrorCode = (typeof apiErrorCodes)[number];

/** Why a discount code was refused: `invalid_discount`'s `reason` and its field error's `code`. */
export const discountRefusals = [
  /** No discount with this code (codes are case-insensitive). */
  'unknown',
  /** Past its `valid_until`. */
  'expired',
  /** Before its `valid_from`. */
  'not_yet_valid',
  /** Its redemptions (with those reserved by unfinished signups) reached `max_redemptions`. */
  'used_up',
  /** Not for this membership type (or the price is a donation, which takes no discount). */
  'not_for_this_type',
  /** An amount off in another currency than the price's. */
  'currency_mismatch',
  /** The organization's discount has both a percent and an amount off: it cannot be applied. */
  'conflicting_discount',
] as const;

export type DiscountRefusal = (typeof discountRefusals)[number];

const has = (list: readonly string[], value: unknown): boolean => typeof value === 'string' && list.includes(value);

/** Whether `value` is one of the API's problem codes. */
export const isApiErrorCode = (value: unknown): value is ApiErrorCode => has(apiErrorCodes, value);

/** Whether `value` is one of the API's discount refusal reasons. */
export const isDiscountRefusal = (value: unknown): value is DiscountRefusal => has(discountRefusals, value);
