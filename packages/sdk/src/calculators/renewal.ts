/** When auto-renewal charges a membership. */
import { addDays, type DateString } from './dates.js';
import type { MembershipState, ReceivedMembershipStatus } from './status.js';
import type { Cycle } from './term.js';

/** Days before `expires_on` that the renewal charge is attempted. */
export const RENEWAL_LEAD_DAYS = 7;

/**
 * What the attempt date depends on: stored facts only, never the day it is asked, so a runner
 * that charges "when `renewalAttemptOn(m) === today`" gets the same date before, on and after
 * that day. A stored record gives its `state`; a wire `Membership` its `status`, of which only
 * the values that no date can change are read (`pending`, `declined`, `terminated`,
 * `cancelled`: a membership is cancelled or terminated by date only with a `cancelled_on`).
 */
export type RenewableMembership = ({ state: MembershipState } | { status: ReceivedMembershipStatus }) & {
  expires_on: DateString | null;
  /** false: the member turned auto-renewal off, so there is no attempt. */
  auto_renew?: boolean | null;
  /** A cancelled membership is not charged again. */
  cancelled_on?: DateString | null;
};

/** Statuses that say the membership was never confirmed or has ended for good, whatever the day. */
const notRenewed = new Set<string>(['pending', 'declined', 'terminated', 'cancelled']);

/**
 * The day the renewal charge is attempted: 7 days before `expires_on`, and for a cyclical type
 * not before its buffer window opens (`buffer_days` before the lapse date).
 *
 * null when there is nothing to renew: lifetime, auto-renewal off, a `cancelled_on`, or a
 * membership that is not confirmed (pending, declined) or was terminated. Otherwise the date,
 * even once it has passed: whether the membership is still `active` on that day (with buffer 0
 * and grace 0 it is already `expired` on its own attempt day) is not this function's question.
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
  const { expires_on: expires } = membership;
  if (expires == null || membership.auto_renew === false || membership.cancelled_on != null) return null;
  if ('state' in membership ? membership.state !== 'confirmed' : notRenewed.has(membership.status)) return null;
  return addDays(expires, -Math.min(RENEWAL_LEAD_DAYS, type.cycle ? type.cycle.buffer_days : RENEWAL_LEAD_DAYS));
};
