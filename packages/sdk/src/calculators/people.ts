/** The people of a signup: the member who signs up and, for a group type, the others. */
import { normalizeEmail, validateFields, type FieldErrors, type FieldRules, type FieldValue } from './fields.js';

/** The member's own fields, checked by the same validator as the custom ones. */
export const memberFieldRules: readonly FieldRules[] = [
  { key: 'email', type: 'email', required: true, max_length: 254 },
  { key: 'first_name', type: 'text', required: true, max_length: 100 },
  { key: 'last_name', type: 'text', required: true, max_length: 100 },
];

/** A group member needs an email; names are optional. */
export const groupMemberFieldRules: readonly FieldRules[] = [
  { key: 'email', type: 'email', required: true, max_length: 254 },
  { key: 'first_name', type: 'text', max_length: 100 },
  { key: 'last_name', type: 'text', max_length: 100 },
];

export interface SignupPerson {
  email?: FieldValue | undefined;
  first_name?: FieldValue | undefined;
  last_name?: FieldValue | undefined;
}

/**
 * Errors keyed by the signup request's field paths (`member.email`, `group_members.2.email`),
 * empty when all is valid. Everyone in a group needs their own email address, compared
 * normalized and the member's included: a repeated one is `duplicate`. (How many people a group
 * may have is a price rule: `quotePrice` refuses `group_too_large`.)
 */
export const validatePeople = (member: SignupPerson, groupMembers: readonly SignupPerson[] = []): FieldErrors => {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  const check = (prefix: string, rules: readonly FieldRules[], person: SignupPerson) => {
    for (const [key, error] of Object.entries(validateFields(rules, person as Record<string, FieldValue>))) {
      errors[prefix + key] = error;
    }
    if (typeof person.email !== 'string' || errors[`${prefix}email`]) return;
    const email = normalizeEmail(person.email);
    if (seen.has(email)) errors[`${prefix}email`] = { code: 'duplicate' };
    seen.add(email);
  };
  check('member.', memberFieldRules, member);
  groupMembers.forEach((person, index) => check(`group_members.${index}.`, groupMemberFieldRules, person));
  return errors;
};
