/** When auto-renewal charges a membership. */
import { addDays, type DateString } from './dates.js';
import type { MembershipStatus } from './status.js';
import type { Cycle } from './term.js';

/** Days before `expires_on` that the renewal charge is attempted. */
export const RENEWAL_LEAD_DAYS = 7;

export interface RenewableMembership {
  /**
   * Its status today: the wire's `status`, or `membershipStatus(record, today)` for a stored
   * record. Only `future`, `active` and `grace` are renewed.
   */
  status: MembershipStatus;
  expires_on: DateString | null;
  /** false: the member turned auto-renewal off, so there is no attempt. */
  auto_renew?: boolean | null;
  /** A cancelled membership is not charged again. */
  cancelled_on?: DateString | null;
}

/**
 * The day the renewal charge is attempted: 7 days before `expires_on`, and for a cyclical type
 * not before its buffer window opens (`buffer_days` before the lapse date).
 *
 * null when there is nothing to renew: lifetime, auto-renewal off, or a membership that is not
 * running: pending, declined, cancelled (or with a `cancelled_on`), expired or terminated. A
 * membership in `grace` still gets its (past) date: it may still be renewed, so the charge is due.
 *
 * A cyclical type with buffer 0 has no window before the lapse date, yet `recurring: true` must
 * always renew: the attempt is on `expires_on` itself. `calculateExpiry` renews on that day
 * while grace lasts (grace ≥ 1), to the next cycle date; with grace 0 it is a reinstatement with
 * the same next cycle date, starting on the lapse day, so the member is covered without a gap.
 */
export const renewalAttemptOn = (
  membership: RenewableMembership,
  type: { cycle?: Cycle | null },
): DateString | null => {
  const { expires_on: expires, status } = membership;
  if (expires == null || membership.auto_renew === false || membership.cancelled_on != null) return null;
  if (status !== 'active' && status !== 'future' && status !== 'grace') return null;
  return addDays(expires, -Math.min(RENEWAL_LEAD_DAYS, type.cycle ? type.cycle.buffer_days : RENEWAL_LEAD_DAYS));
};
