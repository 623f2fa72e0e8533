/**
 * The default membership: every organization has exactly one default type, and it is free. It is
 * what a member holds when they hold nothing else (a newsletter list, a "friend" tier), so it can
 * never cost anything, and it cannot be removed, only replaced by another free type.
 */
import type { MembershipTypeArchiving } from './type-archiving.js';

/** What the default rules read of a membership type. */
export interface DefaultCandidate extends MembershipTypeArchiving {
  id: string;
  is_default: boolean;
  price: { value: number; type: 'fixed' | 'donation' };
}

/** Whether `type` may be the default: a fixed price of zero (a donation can always be asked more). */
export const canBeDefault = (type: Pick<DefaultCandidate, 'price' | 'archived_at'>): boolean =>
  type.price.type === 'fixed' && type.price.value === 0 && (type.archived_at ?? null) === null;

/** What is wrong with an organization's types as the default rule reads them, or null. */
export type DefaultTypeProblem =
  | { code: 'no_default' }
  | { code: 'several_defaults'; ids: string[] }
  | { code: 'default_not_free'; id: string };

export function defaultTypeProblem(types: readonly DefaultCandidate[]): DefaultTypeProblem | null {
  const defaults = types.filter((type) => type.is_default);
  if (defaults.length === 0) return { code: 'no_default' };
  if (defaults.length > 1) return { code: 'several_defaults', ids: defaults.map((type) => type.id) };
  const only = defaults[0]!;
  return canBeDefault(only) ? null : { code: 'default_not_free', id: only.id };
}
