/** Whether a new membership renews automatically: the type decides, or the member does. */
import { CalculatorError } from './errors.js';

/**
 * A type with `recurring: true` always renews and `false` never does, whatever is asked; asking
 * for the opposite throws `invalid_option` (the API's field error on `auto_renew`). With
 * `recurring: null` the member chooses; no choice (null/undefined) gives `otherwise`, false for a
 * new signup (a renewal passes the membership's current setting to keep it).
 */
export const resolveAutoRenew = (
  type: { recurring: boolean | null },
  requested: boolean | null | undefined,
  otherwise = false,
): boolean => {
  const { recurring } = type;
  if (recurring == null) return requested ?? otherwise;
  if (requested != null && requested !== recurring) throw new CalculatorError('invalid_option', `recurring: ${recurring}`);
  return recurring;
};
