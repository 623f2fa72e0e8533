/** Whether a discount code may be used on a type on a given day. */
import { compareDates, type DateString } from './dates.js';

/** A discount as on the wire: either `percent_off` or `amount_off` (with its `currency`). */
export interface DiscountTerms {
  code?: string | undefined;
  percent_off?: number | null | undefined;
  amount_off?: number | null | undefined;
  currency?: string | null | undefined;
  /** Types it applies to; null or empty: every type. */
  membership_type_ids?: readonly string[] | null | undefined;
  /** First day it can be used (inclusive), in the organization's time zone. */
  valid_from?: DateString | null | undefined;
  /** Last day it can be used (inclusive). */
  valid_until?: DateString | null | undefined;
  max_redemptions?: number | null | undefined;
  times_redeemed?: number | null | undefined;
}

/**
 * Why `checkDiscount` refuses a code: the refusals the terms alone decide. The API's full list
 * (`DiscountRefusal`, `discountRefusals`, with `unknown` and the pricing refusals) includes these.
 */
export type DiscountCheckRefusal = 'expired' | 'not_yet_valid' | 'used_up' | 'not_for_this_type';

export type DiscountCheck = { ok: true } | { ok: false; reason: DiscountCheckRefusal };

/**
 * Whether `discount` can be redeemed for `membership_type_id` on day `on`. Both ends of the
 * date window are inclusive: a code "valid until 2026-03-31" works all of that day. When
 * several reasons apply, the one that no other choice of plan could fix comes first: expired,
 * not yet valid, used up, then not for this type.
 */
export const checkDiscount = (
  discount: DiscountTerms,
  { membership_type_id: typeId, on }: { membership_type_id: string; on: DateString },
): DiscountCheck => {
  const { valid_from: from, valid_until: until, max_redemptions: max, membership_type_ids: ids } = discount;
  const refuse = (reason: DiscountCheckRefusal): DiscountCheck => ({ ok: false, reason });
  if (until != null && compareDates(on, until) > 0) return refuse('expired');
  if (from != null && compareDates(on, from) < 0) return refuse('not_yet_valid');
  if (max != null && (discount.times_redeemed ?? 0) >= max) return refuse('used_up');
  if (ids?.length && !ids.includes(typeId)) return refuse('not_for_this_type');
  return { ok: true };
};
