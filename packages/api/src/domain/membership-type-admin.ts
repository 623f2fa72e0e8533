// Staff's side of membership types: create, update, archive, and the default-type rules (exactly
// one default, free; never archived; replaced only by making another free type the default).
// Every field error at once; the SDK's calculators decide terms (checkTermRules), money
// (formatMoney, currency codes) and the default rule (canBeDefault).
import type { CustomField, MembershipTypeCreateParams, MembershipTypeUpdateParams, PriceParams } from '@memberkit/sdk';
import {
  CalculatorError,
  canBeDefault,
  checkTermRules,
  formatMoney,
  normalizeCurrencyCode,
  unsafePatternReason,
  type DurationIntervalType,
  type UnsafePatternReason,
} from '@memberkit/sdk/calculators';
import type { MembershipTypeRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { allTypes, typeOr404 } from './membership-types.js';
import { Problem, fieldError, validationFailed, type FieldError } from './problems.js';

const units: Record<Exclude<DurationIntervalType, 'lifetime'>, [string, string]> = {
  day: ['day', 'days'],
  week: ['week', 'weeks'],
  month: ['month', 'months'],
  year: ['year', 'years'],
};

/** "Lifetime", "1 year", "3 months": a term's default label. */
export function termLabel(duration: number | null, interval: DurationIntervalType): string {
  if (interval === 'lifetime') return 'Lifetime';
  const [one, many] = units[interval];
  return `${duration ?? 1} ${duration === 1 ? one : many}`;
}

/** A slug from a name (`Tennis section` → `tennis-section`), for a type created without an id. */
const slug = (name: string) =>
  name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'type';

const PATTERN_REFUSALS: Record<UnsafePatternReason, string> = {
  too_long: 'The pattern is longer than 500 characters.',
  invalid: 'The pattern is not a valid regular expression.',
  nested_quantifier: 'The pattern repeats a part that repeats itself, e.g. (a+)+, which can freeze the signup page; write it without the nesting.',
  quantified_alternation: 'The pattern repeats a choice, e.g. (a|b)+; use a class such as [ab]+ instead.',
  backreference: 'Patterns cannot refer back to a group (\\1).',
  lookaround: 'Patterns cannot look ahead or behind ((?=…), (?!…)).',
};

/** Field errors of the custom fields staff save: unique keys, options where needed, patterns that compile. */
function fieldDefinitionErrors(fields: readonly CustomField[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    const at = `fields.${index}`;
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(field.key)) errors.push(fieldError(`${at}.key`, 'pattern_mismatch', 'Field key', 'A field key is lower-case letters, digits and _ (starting with a letter).'));
    if (seen.has(field.key)) errors.push(fieldError(`${at}.key`, 'duplicate', 'Field key', `Two fields have the key "${field.key}".`));
    seen.add(field.key);
    if ((field.type === 'select' || field.type === 'multiselect') && !(field.options && field.options.length > 0)) {
      errors.push(fieldError(`${at}.options`, 'required', 'Options', 'A choice field needs at least one option.'));
    }
    if (field.pattern != null) {
      // A pattern runs in every member's browser on every keystroke and in the API on every
      // signup: it must compile, stay short, and have nothing that backtracks without bound
      // (the SDK's rule, which the widget applies too).
      const reason = unsafePatternReason(field.pattern);
      if (reason) errors.push(fieldError(`${at}.pattern`, 'invalid_pattern', 'Pattern', PATTERN_REFUSALS[reason]));
    }
    const described = field.pattern_description;
    if (described != null && (field.pattern == null || !described.trim() || described.length > 200)) {
      // The member reads it as the error of an answer the pattern refuses: it needs that pattern.
      const detail = field.pattern == null ? 'A pattern description needs a pattern to describe.' : 'A pattern description is 1 to 200 characters.';
      errors.push(fieldError(`${at}.pattern_description`, field.pattern == null ? 'invalid' : 'too_long', 'Pattern description', detail));
    }
    if (field.min_length != null && field.max_length != null && field.min_length > field.max_length) {
      errors.push(fieldError(`${at}.max_length`, 'too_small', 'Maximum length', 'The maximum length is below the minimum.'));
    }
  });
  return errors;
}

type Draft = Omit<MembershipTypeRecord, 'organization_id' | 'position' | 'id'>;

/** The record `params` make over `base` (a new type's defaults, or the type being updated), or every field error at once. */
function draftOf(ctx: DomainContext, base: Draft, params: MembershipTypeUpdateParams): Draft {
  const errors: FieldError[] = [];
  const org = ctx.organization;
  let price = base.price;
  if (params.price) {
    const given: PriceParams = params.price;
    const currency = given.currency === undefined ? org.currency : normalizeCurrencyCode(given.currency);
    if (currency === null) errors.push(fieldError('price.currency', 'invalid_currency', 'Currency', 'Currency must be an ISO 4217 code, e.g. EUR.'));
    else if (currency !== org.currency) errors.push(fieldError('price.currency', 'currency_mismatch', 'Currency', `Prices are in the organization's currency, ${org.currency}.`));
    // What a price change leaves out stays as it was (a donation stays one, with its bounds).
    const type = given.type ?? base.price.type;
    const kept = type === base.price.type;
    const maximum = type === 'donation' ? (given.maximum !== undefined ? given.maximum : kept ? (base.price.maximum ?? null) : null) : null;
    const presets = type === 'donation' ? (given.presets !== undefined ? given.presets : kept ? (base.price.presets ?? null) : null) : null;
    if (maximum !== null && maximum < given.value) errors.push(fieldError('price.maximum', 'too_small', 'Maximum', 'The maximum is below the minimum.'));
    presets?.forEach((preset, index) => {
      if (preset < given.value || (maximum !== null && preset > maximum)) errors.push(fieldError(`price.presets.${index}`, 'out_of_range', 'Preset', 'A preset must lie between the minimum and the maximum.'));
    });
    price = { value: given.value, currency: currency ?? org.currency, display: formatMoney(given.value, currency ?? org.currency, org.locale), type, maximum, presets };
  }
  const interval = params.duration_interval_type ?? base.duration_interval_type;
  const duration = interval === 'lifetime' ? null : (params.duration !== undefined ? params.duration : base.duration) ?? 1;
  const draft: Draft = {
    ...base,
    ...Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)),
    price,
    duration,
    duration_interval_type: interval,
    duration_display: params.duration_display ?? (params.duration_interval_type !== undefined || params.duration !== undefined ? termLabel(duration, interval) : base.duration_display),
    description: params.description === undefined ? base.description : params.description?.trim() || null,
    membership_name: (params.membership_name ?? base.membership_name).trim(),
    group_size_max: (params.registration_type ?? base.registration_type) === 'group' ? (params.group_size_max !== undefined ? params.group_size_max : base.group_size_max) : null,
  } as Draft;
  if (draft.membership_name === '') errors.push(fieldError('membership_name', 'required', 'Name'));
  try {
    checkTermRules(draft);
  } catch (error) {
    if (!(error instanceof CalculatorError)) throw error;
    const field = error.code.includes('cycle') ? 'cycle' : error.code === 'invalid_grace_days' ? 'grace_days' : 'duration';
    errors.push(fieldError(field, error.code, field, `The term is not valid (${error.code}).`));
  }
  if (draft.registration_type === 'group' && draft.group_size_max == null) errors.push(fieldError('group_size_max', 'required', 'Group size', 'A group membership needs its largest group size.'));
  if (draft.recurring === true && draft.duration_interval_type === 'lifetime') errors.push(fieldError('recurring', 'invalid_option', 'Renews', 'A lifetime membership does not renew.'));
  if (draft.price.type === 'donation' && draft.registration_type === 'group') errors.push(fieldError('price.type', 'invalid_option', 'Price', 'A group membership has a fixed price.'));
  errors.push(...fieldDefinitionErrors(draft.fields));
  if (draft.is_default && !canBeDefault(draft)) errors.push(fieldError('is_default', 'default_not_free', 'Default', 'The default membership must be free (a fixed price of zero).'));
  if (errors.length > 0) throw validationFailed(errors);
  draft.permissions = [...new Set(draft.permissions.map((permission) => permission.trim()))];
  return draft;
}

const newTypeBase = (currency: string, locale: string): Draft => ({
  membership_name: '',
  description: null,
  status: 100,
  is_default: false,
  invite_only: false,
  registration_type: 'individual',
  group_size_max: null,
  duration: 1,
  duration_interval_type: 'year',
  duration_display: '1 year',
  cycle: null,
  grace_days: 0,
  requires_approval: false,
  price: { value: 0, currency, display: formatMoney(0, currency, locale), type: 'fixed', maximum: null, presets: null },
  recurring: false,
  fields: [],
  permissions: [],
  featured: false,
  archived_at: null,
});

/** Another type made the default stops being one: there is exactly one. */
async function takeDefault(ctx: DomainContext, id: string): Promise<void> {
  for (const type of await allTypes(ctx)) {
    if (type.is_default && type.id !== id) await ctx.tx.update('membership_types', { organization_id: ctx.organization.id, id: type.id }, { is_default: false });
  }
}

const defaultRequired = (type: MembershipTypeRecord, what: string) =>
  new Problem(409, 'default_type_required', `"${type.membership_name}" is the organization's default membership: ${what}. Make another free type the default first.`, {
    extensions: { membership_type_id: type.id },
  });

export async function createType(ctx: DomainContext, params: MembershipTypeCreateParams): Promise<MembershipTypeRecord> {
  const types = await allTypes(ctx);
  let id = params.id ?? slug(params.membership_name);
  if (params.id !== undefined && types.some((type) => type.id === id)) {
    throw validationFailed([fieldError('id', 'taken', 'Id', `A membership type "${id}" exists already.`)]);
  }
  for (let n = 2; types.some((type) => type.id === id); n++) id = `${slug(params.membership_name)}-${n}`;
  const { id: _id, ...fields } = params;
  const draft = draftOf(ctx, newTypeBase(ctx.organization.currency, ctx.organization.locale), {
    ...fields,
    duration_display: params.duration_display ?? termLabel(params.duration_interval_type === 'lifetime' ? null : (params.duration ?? 1), params.duration_interval_type),
  });
  const record: MembershipTypeRecord = { ...draft, organization_id: ctx.organization.id, id, position: Math.max(-1, ...types.map((type) => type.position)) + 1 };
  await ctx.tx.insert('membership_types', record);
  if (record.is_default) await takeDefault(ctx, id);
  return record;
}

export async function updateType(ctx: DomainContext, id: string, params: MembershipTypeUpdateParams): Promise<MembershipTypeRecord> {
  const type = await typeOr404(ctx, id);
  if (type.archived_at !== null) throw new Problem(409, 'type_archived', `Membership type "${id}" is archived; it cannot be changed.`);
  if (type.is_default && params.is_default === false) throw defaultRequired(type, 'it cannot stop being the default');
  const { organization_id: _o, position: _p, id: _i, ...base } = type;
  const draft = draftOf(ctx, base, params);
  await ctx.tx.update('membership_types', { organization_id: ctx.organization.id, id }, draft);
  if (draft.is_default && !type.is_default) await takeDefault(ctx, id);
  return { ...type, ...draft };
}

/**
 * Archives a type: no new signups, listed nowhere, memberships sold with it keep running and
 * renew on the term they were sold. The default cannot be archived (replace it first).
 * Archiving twice answers the type as it is.
 */
export async function archiveType(ctx: DomainContext, id: string): Promise<MembershipTypeRecord> {
  const type = await typeOr404(ctx, id);
  if (type.archived_at !== null) return type;
  if (type.is_default) throw defaultRequired(type, 'it cannot be archived');
  const patch = { archived_at: ctx.timestamp(), featured: false };
  await ctx.tx.update('membership_types', { organization_id: ctx.organization.id, id }, patch);
  return { ...type, ...patch };
}
