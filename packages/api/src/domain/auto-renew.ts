// Who decides whether a membership renews automatically, as the API answers it: the SDK's rule,
// with the field error a request that contradicts its type gets (signups, renewals, staff
// assignments and the member's own switch refuse it the same way).
import type { MembershipType } from '@memberkit/sdk';
import { CalculatorError, resolveAutoRenew } from '@memberkit/sdk/calculators';
import { fieldError, type FieldError } from './problems.js';

/**
 * The `auto_renew` a membership of `type` gets (the SDK's `resolveAutoRenew`: the type's
 * `recurring`, or the member's choice, else `otherwise`), or the field error for a request that
 * contradicts the type. Signups, renewals and staff assignments all refuse it the same way.
 */
export function resolveAutoRenewOr(
  type: MembershipType,
  requested: boolean | null | undefined,
  otherwise = false,
): { value: boolean; error?: undefined } | { value?: undefined; error: FieldError } {
  try {
    return { value: resolveAutoRenew(type, requested, otherwise) };
  } catch (error) {
    if (!(error instanceof CalculatorError) || error.code !== 'invalid_option') throw error;
    const message = type.recurring ? 'This membership always renews automatically.' : 'This membership does not renew automatically.';
    return { error: fieldError('auto_renew', 'invalid_option', 'auto_renew', message) };
  }
}
