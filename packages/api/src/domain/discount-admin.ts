// Staff's side of discount codes: create, update, deactivate, and the list with redemptions.
// Every field error at once. A code is unique per organization whatever its case (members type
// it in any case); it cannot be renamed (it may be printed on flyers) nor deleted (signups and
// receipts name it): staff deactivate it instead.
import type { AdminDiscount, DiscountCreateParams, DiscountUpdateParams } from '@memberkit/sdk';
import { compareDates, normalizeCurrencyCode } from '@memberkit/sdk/calculators';
import type { DiscountRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { discountView, findDiscount, reservedRedemptions } from './discounts.js';
import { allTypes } from './membership-types.js';
import { Problem, notFound, validationFailed, fieldError, type FieldError } from './problems.js';

type Terms = Pick<DiscountRecord, 'percent_off' | 'amount_off' | 'currency' | 'membership_type_ids' | 'valid_from' | 'valid_until' | 'max_redemptions'>;

/** The terms `params` make over `base`, or every field error at once. */
async function termsOf(ctx: DomainContext, base: Terms, params: DiscountUpdateParams): Promise<Terms> {
  const errors: FieldError[] = [];
  const pick = <K extends keyof Terms>(key: K): Terms[K] => (params[key] === undefined ? base[key] : (params[key] as Terms[K]));
  let percent = pick('percent_off');
  let amount = pick('amount_off');
  // Naming one kind of discount replaces the other (a code is a percentage or an amount).
  if (params.percent_off != null && params.amount_off === undefined) amount = null;
  if (params.amount_off != null && params.percent_off === undefined) percent = null;
  if (percent != null && amount != null) errors.push(fieldError('amount_off', 'conflict', 'Amount off', 'A discount is either a percentage or an amount, not both.'));
  if (percent == null && amount == null) errors.push(fieldError('percent_off', 'required', 'Percent off', 'A discount needs a percentage or an amount off.'));
  let currency: string | null = null;
  if (amount != null) {
    const given = params.currency === undefined ? (base.currency ?? ctx.organization.currency) : (params.currency ?? ctx.organization.currency);
    const normalized = normalizeCurrencyCode(given);
    if (normalized === null) errors.push(fieldError('currency', 'invalid_currency', 'Currency', 'Currency must be an ISO 4217 code, e.g. EUR.'));
    else if (normalized !== ctx.organization.currency) errors.push(fieldError('currency', 'currency_mismatch', 'Currency', `Amounts are in the organization's currency, ${ctx.organization.currency}.`));
    currency = normalized ?? null;
  } else if (params.currency != null && params.percent_off != null) {
    errors.push(fieldError('currency', 'invalid_option', 'Currency', 'A percentage discount has no currency.'));
  }
  let ids = pick('membership_type_ids');
  if (ids !== null) {
    ids = [...new Set(ids)];
    const known = new Set((await allTypes(ctx)).map((type) => type.id));
    ids.forEach((id, index) => {
      if (!known.has(id)) errors.push(fieldError(`membership_type_ids.${index}`, 'unknown', 'Membership type', `There is no membership type "${id}".`));
    });
    if (ids.length === 0) ids = null;
  }
  const from = pick('valid_from');
  const until = pick('valid_until');
  if (from != null && until != null && compareDates(until, from) < 0) errors.push(fieldError('valid_until', 'too_small', 'Valid until', 'The last day is before the first.'));
  if (errors.length > 0) throw validationFailed(errors);
  return { percent_off: percent, amount_off: amount, currency, membership_type_ids: ids, valid_from: from, valid_until: until, max_redemptions: pick('max_redemptions') };
}

export async function discountOr404(ctx: DomainContext, id: string): Promise<DiscountRecord> {
  const record = await ctx.tx.findOne('discounts', { organization_id: ctx.organization.id, id });
  if (!record) throw notFound('discount', id);
  return record;
}

export async function createDiscount(ctx: DomainContext, params: DiscountCreateParams): Promise<DiscountRecord> {
  const code = params.code.trim();
  const codeErrors: FieldError[] = [];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) codeErrors.push(fieldError('code', 'pattern_mismatch', 'Code', 'A code is letters, digits, - and _.'));
  else if (await findDiscount(ctx, code)) codeErrors.push(fieldError('code', 'taken', 'Code', `A discount "${code}" exists already (codes ignore case).`));
  let terms: Terms | undefined;
  try {
    terms = await termsOf(ctx, { percent_off: null, amount_off: null, currency: null, membership_type_ids: null, valid_from: null, valid_until: null, max_redemptions: null }, params);
  } catch (error) {
    // The code's errors and the terms' errors, all at once.
    if (!(error instanceof Problem) || !error.errors || codeErrors.length === 0) throw error;
    throw validationFailed([...codeErrors, ...error.errors]);
  }
  if (codeErrors.length > 0) throw validationFailed(codeErrors);
  const record: DiscountRecord = {
    organization_id: ctx.organization.id,
    id: ctx.ids.next('dc'),
    code,
    code_key: code.toUpperCase(),
    ...terms,
    times_redeemed: 0,
    deactivated_at: null,
    created_at: ctx.timestamp(),
  };
  await ctx.tx.insert('discounts', record);
  return record;
}

export async function updateDiscount(ctx: DomainContext, id: string, params: DiscountUpdateParams): Promise<DiscountRecord> {
  const record = await discountOr404(ctx, id);
  const terms = await termsOf(ctx, record, params);
  await ctx.tx.update('discounts', { organization_id: ctx.organization.id, id }, terms);
  return { ...record, ...terms };
}

/** No new signup may use the code; deactivating twice answers it as it is. */
export async function deactivateDiscount(ctx: DomainContext, id: string): Promise<DiscountRecord> {
  const record = await discountOr404(ctx, id);
  if (record.deactivated_at !== null) return record;
  const patch = { deactivated_at: ctx.timestamp() };
  await ctx.tx.update('discounts', { organization_id: ctx.organization.id, id }, patch);
  return { ...record, ...patch };
}

/** Staff's view: the discount, whether it is active, and the signups that used it. */
export async function adminDiscountView(ctx: DomainContext, record: DiscountRecord): Promise<AdminDiscount> {
  const signups = await ctx.tx.find('signups', { organization_id: ctx.organization.id, discount_code: record.code });
  const memberIds = [...new Set(signups.map((signup) => signup.member_id))];
  const found = memberIds.length === 0 ? [] : await ctx.tx.find('members', { organization_id: ctx.organization.id, id: memberIds });
  const members = new Map(found.map((member) => [member.id, member]));
  return {
    ...discountView(record),
    id: record.id,
    active: record.deactivated_at === null,
    deactivated_at: record.deactivated_at,
    created_at: record.created_at,
    times_reserved: await reservedRedemptions(ctx, record),
    redemptions: signups
      .filter((signup) => signup.status !== 'failed')
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
      .map((signup) => ({
        signup_id: signup.id,
        member_id: signup.member_id,
        email: members.get(signup.member_id)?.email ?? null,
        status: signup.status,
        redeemed: signup.status === 'completed',
        created_at: signup.created_at,
      })),
  };
}
