/** When auto-renewal charges a membership. */
import { addDays, type DateString } from './dates.js';
import type { Cycle } from './term.js';

/** Days before `expires_on` that the renewal charge is attempted. */
export const RENEWAL_LEAD_DAYS = 7;

export interface RenewableMembership {
  expires_on: DateString | null;
  /** false: the member turned auto-renewal off, so there is no attempt. */
  auto_renew?: boolean | null;
  /** A cancelled membership is not charged again. */
  cancelled_on?: DateString | null;
}

/**
 * The day the renewal charge is attempted: 7 days before `expires_on`, and for a cyclical type
 * not before its buffer window opens (`buffer_days` before the lapse date). null when there is
 * nothing to renew: lifetime, auto-renewal off, cancelled, or a cyclical type with no window
 * (buffer 0: on the lapse day itself a purchase is already the next period's).
 */
export const renewalAttemptOn = (
  membership: RenewableMembership,
  type: { cycle?: Cycle | null },
): DateString | null => {
  const { expires_on: expires } = membership;
  if (expires == null || membership.auto_renew === false || membership.cancelled_on != null) return null;
  if (type.cycle?.buffer_days === 0) return null;
  return addDays(expires, -Math.min(RENEWAL_LEAD_DAYS, type.cycle ? type.cycle.buffer_days : RENEWAL_LEAD_DAYS));
};
