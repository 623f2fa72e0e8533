// The details form as pure functions of the draft: the donation amount, the price quote, every
// problem the member must fix, the custom fields' values and the signup request. No element, no
// DOM: the element and its views call these, and Node tests run them without a browser.
import {
  CalculatorError,
  PricingError,
  fieldValuesOf,
  formatMoney,
  groupMemberFieldRules,
  memberChoosesAutoRenew,
  memberFieldRules,
  parseMoneyInput,
  quotePrice,
  toDecimalString,
  validateFields,
  validatePeople,
  type FieldErrorCode,
  type FieldRules,
  type FieldValues,
  type Member,
  type MembershipType,
  type Quote,
  type SignupCreateParams,
} from '@memberkit/sdk';
import type { Catalogue } from '../i18n/catalogue.js';
import type { Draft } from './draft.js';
import { ids } from './ids.js';

export { ids };

/** One thing the member must fix: [input id, label, message], in the form's order. */
export type Problem = [id: string, label: string, message: string];

/** What the form's words depend on: the catalogue and the member's locale (for numbers, money). */
export interface Wording {
  t: Catalogue;
  locale: string;
}

/**
 * What a donation's amount box opens with: the amount the API would charge for an empty one (its
 * first preset that fits, else the minimum), so what the total says is what is charged.
 */
export const openingAmount = (type: MembershipType): string => toDecimalString(quotePrice(type).subtotal, type.price.currency);

/** The donation amount in minor units (null: not a donation, or empty), or the calculator's
 * error when the text is not an amount. */
export function amountOf(type: MembershipType, draft: Pick<Draft, 'amount'>, locale: string): number | null | CalculatorError {
  const text = draft.amount.trim();
  if (type.price.type !== 'donation' || text === '') return null;
  try {
    return parseMoneyInput(text, type.price.currency, locale);
  } catch (error) {
    return error instanceof CalculatorError ? error : new CalculatorError('invalid_amount');
  }
}

/** The price of this draft (`quote`), or why it cannot be priced (`error`, already a message). */
export function quoteOf(
  type: MembershipType,
  draft: Pick<Draft, 'amount' | 'discount' | 'groupMembers'>,
  { t, locale }: Wording,
): { quote?: Quote; error?: string } {
  const amount = amountOf(type, draft, locale);
  if (amount instanceof CalculatorError) {
    return { error: amount.code === 'too_many_decimals' ? t.pricingErrors.amount_not_integer : t.fieldErrors.invalid_number({}) };
  }
  // A donation left empty has no price: the member is asked for one (problemsOf), never charged a
  // default they cannot see.
  if (amount === null && type.price.type === 'donation') return {};
  try {
    return {
      quote: quotePrice(type, {
        amount,
        discount: draft.discount,
        group_size: type.registration_type === 'group' ? draft.groupMembers.length + 1 : null,
      }),
    };
  } catch (error) {
    if (!(error instanceof PricingError)) return { error: t.apiError };
    const { code, limit = 0 } = error;
    const message = t.pricingErrors[code];
    // A limit is money, except a group's size.
    return {
      error:
        typeof message === 'string'
          ? message
          : (message as (limit: string | number) => string)(code === 'group_too_large' ? limit : formatMoney(limit, type.price.currency, locale)),
    };
  }
}

/** A field error code in words, with the field's bounds. A code from the API is looked up as an
 * own key only; a message needing a bound this field lacks would read "Use at least undefined
 * characters": the generic message instead. A pattern's: what the organization says it allows
 * (the field's pattern_description, as text), else the generic message. */
export function fieldMessage({ t, locale }: Wording, code: string, field?: Partial<FieldRules> & { pattern_description?: string | null | undefined }): string {
  const messages = t.fieldErrors;
  const said = code === 'pattern_mismatch' && field?.pattern_description?.trim();
  if (said) return said;
  const bound = (value: unknown) => (value == null ? undefined : typeof value === 'number' ? value.toLocaleString(locale) : String(value));
  const bounds = {
    min: bound(field?.min),
    max: bound(field?.max),
    minLength: field?.min_length ?? undefined,
    maxLength: field?.max_length ?? undefined,
  };
  const generic = messages.pattern_mismatch;
  const message = (Object.hasOwn(messages, code) ? messages[code as FieldErrorCode] : generic)(bounds);
  return message.includes('undefined') ? generic(bounds) : message;
}

/** This type's custom fields' answers as the validator and the API want them. */
export function fieldValues(type: MembershipType, draft: Pick<Draft, 'fields'>): FieldValues {
  return fieldValuesOf(type.fields, draft.fields);
}

/**
 * Every problem in the details step, in the form's order: each input's own error first, else the
 * server's (`serverErrors`, by input id). A signed-in `member`'s stored email and names show as
 * text, with no input to fix them in: only what the member can change here is checked.
 */
export function problemsOf(
  type: MembershipType,
  draft: Draft,
  member: Member | null | undefined,
  wording: Wording,
  serverErrors: Readonly<Record<string, string>> = {},
  invitationLabel = '',
): Problem[] {
  const { t } = wording;
  const problems: Problem[] = [];
  // The SDK's rules for people, one email per person (a repeated one is `duplicate`).
  const peopleErrors = validatePeople(
    {
      email: member ? member.email : draft.email,
      first_name: member?.first_name || draft.firstName,
      last_name: member?.last_name || draft.lastName,
    },
    draft.groupMembers,
  );
  const add = (id: string, label: string, message: string | undefined) => {
    message ??= Object.hasOwn(serverErrors, id) ? serverErrors[id] : undefined;
    if (message) problems.push([id, label, message]);
  };
  // The invitation code's refusal is the API's (or "required", which the element decides).
  add(ids.invitation, invitationLabel, undefined);
  const people = [
    [ids.email, t.email, 'email'],
    [ids.firstName, t.firstName, 'first_name'],
    [ids.lastName, t.lastName, 'last_name'],
  ] as const;
  const message = (path: string, rules: readonly FieldRules[], key: string) => {
    const error = peopleErrors[path];
    return error && fieldMessage(wording, error.code, rules.find((rule) => rule.key === key));
  };
  for (const [id, label, key] of people) {
    if (!member || (key !== 'email' && !member[key])) add(id, label, message(`member.${key}`, memberFieldRules, key));
  }
  if (type.price.type === 'donation') add(ids.amount, t.amount, draft.amount.trim() ? quoteOf(type, draft, wording).error : t.amountRequired);
  draft.groupMembers.forEach((_, index) => {
    for (const [, label, key] of people) {
      add(ids.group(index, key), `${t.groupMember(index + 1)} – ${label}`, message(`group_members.${index}.${key}`, groupMemberFieldRules, key));
    }
  });
  const errors = validateFields(type.fields, fieldValues(type, draft));
  type.fields.forEach((field, index) => {
    // Own errors only: no error for a field keyed `constructor` is not Object's constructor.
    const error = Object.hasOwn(errors, field.key) ? errors[field.key] : undefined;
    // An unticked consent is the terms not accepted, not a missing answer.
    add(ids.field(index), field.label, error && (field.type === 'consent' && error.code === 'required' ? t.acceptTerms : fieldMessage(wording, error.code, field)));
  });
  return problems;
}

/**
 * The signup request this draft makes: a signed-in member's stored details win over the draft's,
 * everything trimmed, the discount code only once the API accepted it (what the preview priced,
 * never text typed since), auto-renewal only when the member chooses it.
 */
export function signupParams(
  type: MembershipType,
  draft: Draft,
  member: Member | null | undefined,
  locale: string,
  invitation: string | undefined,
  checkout?: SignupCreateParams['checkout'],
): SignupCreateParams {
  const amount = amountOf(type, draft, locale);
  const params: SignupCreateParams = {
    membership_type_id: type.id,
    member: {
      email: (member?.email ?? draft.email).trim(),
      first_name: (member?.first_name || draft.firstName).trim(),
      last_name: (member?.last_name || draft.lastName).trim(),
    },
    fields: fieldValues(type, draft),
    // Unset: undefined, which the request's JSON leaves out (the server's default page).
    checkout,
    // The member's language, for the checkout page and what the organization sends later.
    locale,
  };
  if (typeof amount === 'number') params.amount = amount;
  if (draft.discount) params.discount_code = draft.discount.code;
  if (memberChoosesAutoRenew(type)) params.auto_renew = draft.autoRenew;
  if (type.registration_type === 'group') {
    params.group_members = draft.groupMembers.map((person) => ({
      email: person.email.trim(),
      first_name: person.first_name.trim() || null,
      last_name: person.last_name.trim() || null,
    }));
  }
  if (invitation) params.invitation_code = invitation;
  return params;
}
