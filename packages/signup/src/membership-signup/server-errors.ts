// The API's validation errors name the signup request's field paths (`member.first_name`,
// `fields.t_shirt`, `group_members.2.email`, `amount`, `discount_code`): this maps each path to
// the input of the details step that holds it, so the message shows on that input.
import { groupMemberFieldRules, memberFieldRules, type FieldRules, type MembershipType } from '@memberkit/sdk';
import type { GroupMemberDraft } from './draft.js';
import { ids } from './views/view.js';

const personInputs: Record<string, string> = { email: ids.email, first_name: ids.firstName, last_name: ids.lastName };

/** The input for a request field path, with its rule (for the message's bounds); undefined when
 * the form has no input for it. */
export function inputOf(path: string, type: MembershipType): { id: string; rule?: Partial<FieldRules> } | undefined {
  if (path === 'amount') return { id: ids.amount };
  if (path === 'discount_code') return { id: ids.discount };
  if (path.startsWith('fields.')) {
    const index = type.fields.findIndex((field) => field.key === path.slice(7));
    return index < 0 ? undefined : { id: ids.field(index), rule: type.fields[index] };
  }
  const [head, index = '', key = '', extra] = path.split('.');
  if (head === 'member' && Object.hasOwn(personInputs, index) && !key) {
    return { id: personInputs[index]!, rule: memberFieldRules.find((rule) => rule.key === index) };
  }
  if (head === 'group_members' && /^\d+$/.test(index) && Object.hasOwn(personInputs, key) && extra === undefined) {
    return { id: ids.group(Number(index), key as keyof GroupMemberDraft), rule: groupMemberFieldRules.find((rule) => rule.key === key) };
  }
  return undefined;
}

/** A server error on a group member (not on the member signing up). */
export const onGroupMember = (field: string): boolean => field.startsWith('group_members.');
