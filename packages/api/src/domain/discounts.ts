// Discount codes: case-insensitive, checked with the SDK's `checkDiscount`. A code is redeemed
// when its signup completes; until then the signup reserves a redemption, so a limited code
// cannot be sold beyond its limit by concurrent checkouts. A reservation is released when its
// signup fails (declined, replaced, refused at completion, or its checkout expired).
import type { Discount, DiscountRefusal, MembershipType } from '@memberkit/sdk';
import { checkDiscount } from '@memberkit/sdk/calculators';
import type { DiscountRecord, SignupRecord } from '../ports/records.js';
import { stillUnfinished } from './checkout.js';
import type { DomainContext } from './context.js';
import { Problem, fieldError } from './problems.js';

const discountMessages: Record<DiscountRefusal, string> = {
  unknown: 'This discount code does not exist.',
  expired: 'This discount code has expired.',
  not_yet_valid: 'This discount code is not valid yet.',
  used_up: 'This discount code has been used up.',
  not_for_this_type: 'This discount code does not apply to this membership.',
  currency_mismatch: 'This discount code is in another currency.',
  conflicting_discount: 'This discount code cannot be used.',
};

/** 422 invalid_discount: why the code cannot be used (`reason`, and the field error's code). */
export function invalidDiscount(reason: DiscountRefusal, field: string): Problem {
  return new Problem(422, 'invalid_discount', discountMessages[reason], {
    errors: [fieldError(field, reason, field, discountMessages[reason])],
    extensions: { reason },
  });
}

/** The wire's discount. */
export function discountView(record: DiscountRecord): Discount {
  return {
    code: record.code,
    percent_off: record.percent_off,
    amount_off: record.amount_off,
    currency: record.currency,
    membership_type_ids: record.membership_type_ids === null ? null : [...record.membership_type_ids],
    valid_from: record.valid_from,
    valid_until: record.valid_until,
    max_redemptions: record.max_redemptions,
    times_redeemed: record.times_redeemed,
  };
}

/** The discount with this code (case-insensitive, as members type them), if any. */
export function findDiscount(ctx: Pick<DomainContext, 'tx' | 'organization'>, code: string): Promise<DiscountRecord | undefined> {
  return ctx.tx.findOne('discounts', { organization_id: ctx.organization.id, code_key: code.trim().toUpperCase() });
}

/** Signups that hold a redemption of their code until they complete (redeemed) or fail (released). */
const reserving: readonly SignupRecord['status'][] = ['pending', 'awaiting_payment', 'awaiting_approval'];

/** Open reservations of a discount: unfinished signups using it, except `except` (by id). */
export async function reservedRedemptions(ctx: DomainContext, discount: DiscountRecord, except: readonly SignupRecord[] = []): Promise<number> {
  const holding = await ctx.tx.find('signups', { organization_id: ctx.organization.id, discount_code: discount.code, status: reserving });
  const excluded = new Set(except.map((signup) => signup.id));
  return (await stillUnfinished(ctx, holding.filter((signup) => !excluded.has(signup.id)), reserving)).length;
}

/**
 * The discount for `code` if it may be used on `type` today; else 422 invalid_discount (why).
 * A code's redemptions count those reserved by unfinished signups (except `except`: signups that
 * this request replaces, or that cannot complete beside it).
 */
export async function usableDiscount(
  ctx: DomainContext,
  code: string,
  type: MembershipType,
  field: string,
  except: readonly SignupRecord[] = [],
): Promise<DiscountRecord> {
  const record = await findDiscount(ctx, code);
  if (!record) throw invalidDiscount('unknown', field);
  // Staff ended the code: to a member that is the code having expired.
  if (record.deactivated_at !== null) throw invalidDiscount('expired', field);
  const taken = record.times_redeemed + (await reservedRedemptions(ctx, record, except));
  const check = checkDiscount({ ...record, times_redeemed: taken }, { membership_type_id: type.id, on: ctx.today });
  if (!check.ok) throw invalidDiscount(check.reason, field);
  return record;
}

/** One more redemption of the signup's code (its signup completed). */
export async function redeemDiscount(ctx: DomainContext, code: string): Promise<void> {
  const record = await findDiscount(ctx, code);
  if (!record) return;
  await ctx.tx.update('discounts', { organization_id: ctx.organization.id, id: record.id }, { times_redeemed: record.times_redeemed + 1 });
}
