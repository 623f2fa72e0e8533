/** A form's answers to a membership type's custom fields, as validateFields and the API take them. */
import type { FieldRules, FieldValue } from './fields.js';

// A web address typed as people say it, a host name with a dot and no scheme ("example.org",
// "www.example.org/club"), is the https one it names; anything else is left for the url rule.
const withScheme = (text: string): string => (/^[\w-]+(?:\.[\w-]+)+(?:[/?#]|$)/.test(text) ? `https://${text}` : text);

/**
 * The values of `fields` only, each coerced to what its type holds (checkbox and consent: a
 * boolean; multiselect: an array; url: with https:// when typed without a scheme; the rest: a string), from `answers` as a form keeps them.
 * Own keys only, written as own properties: a field keyed `constructor` reads no inherited
 * function and one keyed `__proto__` is a value, not the object's prototype.
 */
export const fieldValuesOf = (
  fields: readonly Pick<FieldRules, 'key' | 'type'>[],
  answers: Readonly<Record<string, unknown>>,
): Record<string, string | boolean | string[]> =>
  // fromEntries defines own properties (an assignment to `__proto__` would set the prototype).
  Object.fromEntries(
    fields.map(({ key, type }) => {
      const answer = Object.hasOwn(answers, key) ? answers[key] : undefined;
      return [
        key,
        type === 'checkbox' || type === 'consent'
          ? answer === true
          : type === 'multiselect'
            ? // as they are: validateFields reports items that are not strings (`invalid_type`)
              Array.isArray(answer)
              ? (answer as string[])
              : []
            : answer == null
              ? ''
              : type === 'url'
                ? withScheme(String(answer as FieldValue).trim())
                : String(answer as FieldValue),
      ];
    }),
  );
