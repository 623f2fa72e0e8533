// The API's validation errors name the signup request's field paths (`member.first_name`,
// `fields.t_shirt`, `group_members.2.email`, `amount`, `discount_code`): this maps each path to
// the input of the details step that holds it, so the message shows on that input.
import { groupMemberFieldRules, isDiscountRefusal, memberFieldRules, type APIError, type FieldRules, type MembershipType } from '@memberkit/sdk';
import type { DiscountRefusal } from '../events.js';
import type { GroupMemberDraft } from './draft.js';
import { ids } from './ids.js';

const personInputs: Record<string, string> = { email: ids.email, first_name: ids.firstName, last_name: ids.lastName };
const personPath = /^(?:member|group_members\.(\d+))\.(email|first_name|last_name)$/;

/** The input for a request field path, with its rule (for the message's bounds); undefined when
 * the form has no input for it. */
export function inputOf(path: string, type: MembershipType): { id: string; rule?: Partial<FieldRules> } | undefined {
  if (path === 'amount') return { id: ids.amount };
  if (path === 'discount_code') return { id: ids.discount };
  if (path === 'invitation_code') return { id: ids.invitation };
  if (path.startsWith('fields.')) {
    const index = type.fields.findIndex((field) => field.key === path.slice(7));
    return index < 0 ? undefined : { id: ids.field(index), rule: type.fields[index] };
  }
  const [, index, key] = personPath.exec(path) ?? [];
  if (!key) return undefined;
  const rule = (index ? groupMemberFieldRules : memberFieldRules).find((candidate) => candidate.key === key);
  return { id: index ? ids.group(Number(index), key as keyof GroupMemberDraft) : personInputs[key]!, rule };
}

/**
 * The problem's field errors as messages by input id (`message` words a code for an input's
 * rule, or returns what words it later), and whether the discount code was refused.
 */
export function mapServerErrors<M>(
  error: APIError,
  type: MembershipType,
  message: (code: string, rule?: Partial<FieldRules>, id?: string) => M,
): { fieldErrors: Record<string, M>; discountRefused: boolean } {
  const fieldErrors: Record<string, M> = {};
  let discountRefused = error.code === 'invalid_discount';
  for (const { field, code } of error.errors) {
    const input = inputOf(field, type);
    if (input?.id === ids.discount) discountRefused = true;
    else if (input) fieldErrors[input.id] = message(code, input.rule, input.id);
  }
  if (error.code === 'amount_out_of_range') fieldErrors[ids.amount] ??= message('amount_out_of_range');
  return { fieldErrors, discountRefused };
}

/** The refusal reason of an `invalid_discount` problem: a field error's code or the problem's
 * `reason` (one of the API's), never its human text; a 404 is a code that does not exist; else
 * `unexplained`, which says only that the code cannot be used here. */
export function refusalOf(error: APIError): DiscountRefusal {
  const codes = [...error.errors.map((item) => item.code), error.problem?.reason];
  return codes.find(isDiscountRefusal) ?? (error.status === 404 ? 'unknown' : 'unexplained');
}
