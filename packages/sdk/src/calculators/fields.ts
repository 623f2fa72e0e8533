/** Custom field validation, the same in the widget (as the member types) and in the API. */
import { isValidDate } from './dates.js';
import { PATTERN_INPUT_LIMIT, isSafePattern } from './patterns.js';

export type CustomFieldType =
  | 'text'
  | 'textarea'
  | 'email'
  | 'tel'
  | 'url'
  | 'number'
  | 'date'
  | 'select'
  | 'multiselect'
  | 'checkbox'
  | 'consent';

export interface FieldRules {
  key: string;
  type: CustomFieldType;
  required?: boolean | null | undefined;
  options?: readonly { value: string; label?: string | undefined }[] | null | undefined;
  /** number: smallest value; date: earliest YYYY-MM-DD. */
  min?: number | string | null | undefined;
  /** number: largest value; date: latest YYYY-MM-DD. */
  max?: number | string | null | undefined;
  /** Text-like types, in characters (code points) after trimming. */
  min_length?: number | null | undefined;
  max_length?: number | null | undefined;
  /** Text-like types: a regular expression the whole trimmed value must match. */
  pattern?: string | null | undefined;
}

export type FieldErrorCode =
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'too_small'
  | 'too_large'
  | 'pattern_mismatch'
  | 'invalid_email'
  | 'invalid_url'
  | 'invalid_number'
  | 'invalid_date'
  | 'invalid_option'
  /** A value of the wrong JSON type for its field (a checkbox given a string, a text field an array). */
  | 'invalid_type'
  /** An email another person of the same signup already gave (see `validatePeople`). */
  | 'duplicate';

export type FieldValue = string | readonly string[] | boolean | number | null | undefined;

export type FieldErrors = Record<string, { code: FieldErrorCode }>;

/** Trimmed and lower-cased: the form in which a member's email is unique per organization. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

const patterns = new Map<string, RegExp | null>();

// A pattern comes from an admin through the API, compiled once per page; one that does not
// compile, or could backtrack without bound (see patterns.ts), is ignored (the API refuses it
// when it is saved) rather than making every signup fail or freezing the member's page.
const compile = (pattern: string): RegExp | null => {
  let regexp = patterns.get(pattern);
  if (regexp === undefined) {
    regexp = isSafePattern(pattern) ? new RegExp(`^(?:${pattern})$`, 'u') : null;
    patterns.set(pattern, regexp);
  }
  return regexp;
};

const emailShape = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.hostname && !/\s/.test(value);
  } catch {
    return false;
  }
};

// The API receives JSON from anyone: a value must have the type its field holds, or the checks
// below would coerce it (String(['a']) is 'a', and a string is no ticked checkbox).
const hasFieldType = (type: CustomFieldType, value: FieldValue): boolean =>
  value == null ||
  (type === 'checkbox' || type === 'consent'
    ? typeof value === 'boolean'
    : type === 'multiselect'
      ? typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      : typeof value === 'string' || (type === 'number' && typeof value === 'number' && Number.isFinite(value)));

const checkField = (field: FieldRules, value: FieldValue): FieldErrorCode | undefined => {
  const { type, min, max } = field;
  if (!hasFieldType(type, value)) return 'invalid_type';
  const options = field.options ?? [];
  const isOption = (v: unknown): boolean => options.some((option) => option.value === v);

  if (type === 'checkbox' || type === 'consent') {
    // Like HTML's required checkbox: required means ticked; a required consent must be given.
    return field.required && value !== true ? 'required' : undefined;
  }
  if (type === 'multiselect') {
    const chosen = Array.isArray(value) ? value : value == null || value === '' ? [] : [value];
    if (!chosen.length) return field.required ? 'required' : undefined;
    return chosen.every(isOption) ? undefined : 'invalid_option';
  }

  const text = value == null ? '' : String(value).trim();
  if (!text) return field.required ? 'required' : undefined;

  switch (type) {
    case 'select':
      return isOption(text) ? undefined : 'invalid_option';
    case 'number': {
      if (!/^-?(\d+\.?\d*|\.\d+)$/.test(text)) return 'invalid_number';
      const n = Number(text);
      return min != null && n < +min ? 'too_small' : max != null && n > +max ? 'too_large' : undefined;
    }
    case 'date':
      if (!isValidDate(text)) return 'invalid_date';
      return min != null && text < String(min) ? 'too_small' : max != null && text > String(max) ? 'too_large' : undefined;
    case 'email':
      if (!emailShape.test(text)) return 'invalid_email';
      break;
    case 'url':
      // Links members give are opened by people: only web addresses, no javascript: or data:.
      if (!isHttpUrl(text)) return 'invalid_url';
  }
  const length = [...text].length;
  if (field.min_length != null && length < field.min_length) return 'too_short';
  if (field.max_length != null && length > field.max_length) return 'too_long';
  const pattern = field.pattern ? compile(field.pattern) : null;
  return pattern && (text.length > PATTERN_INPUT_LIMIT || !pattern.test(text)) ? 'pattern_mismatch' : undefined;
};

/**
 * Errors per field key (an empty object when everything is valid). Values as the form holds
 * them: text-like, number and date fields as strings, multiselect as string[], checkbox and
 * consent as booleans. A required value of only spaces is missing. Optional empty fields are
 * valid whatever their bounds. Checks run type first, then length, then pattern.
 */
export const validateFields = (
  fields: readonly FieldRules[],
  values: Readonly<Record<string, FieldValue>>,
): FieldErrors => {
  const errors: FieldErrors = {};
  for (const field of fields) {
    const { key } = field;
    // Own values only: a field keyed `constructor` or `toString` must not find Object.prototype's.
    const code = checkField(field, Object.hasOwn(values, key) ? values[key] : undefined);
    // defineProperty: a plain assignment to `__proto__` would set the prototype and lose the error.
    if (code) Object.defineProperty(errors, key, { value: { code }, enumerable: true, writable: true, configurable: true });
  }
  return errors;
};
