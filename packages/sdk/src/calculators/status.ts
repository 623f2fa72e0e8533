/** A membership's status on a given day, derived from its stored state and dates. */
import { addDays, compareDates, type DateString } from './dates.js';

/** What is stored about a membership's life cycle; the status is derived from it and the dates. */
export type MembershipState = 'pending' | 'declined' | 'confirmed' | 'terminated';

export type MembershipStatus =
  | 'pending'
  | 'declined'
  | 'future'
  | 'active'
  | 'grace'
  | 'expired'
  | 'cancelled'
  | 'terminated';

export interface MembershipDates {
  state: MembershipState;
  starts_on: DateString;
  /** null for lifetime. */
  expires_on: DateString | null;
  grace_days?: number | null | undefined;
  cancelled_on?: DateString | null | undefined;
  /**
   * For a `terminated` state, the day it takes effect: before it the membership reads as its
   * dates say (three failed renewal charges end a membership at the end of the term the member
   * paid for, not before). null or absent: terminated from the start.
   */
  terminated_on?: DateString | null | undefined;
}

/**
 * The status on day `on`. A confirmed membership is `future` before `starts_on`, `active` (or
 * `cancelled` once `cancelled_on ≤ on`) until `expires_on`, in `grace` for `grace_days` more,
 * then `expired`. A cancelled one reads `cancelled` (access kept) through its term and its
 * grace, never `grace` (grace is a window to renew, and a cancelled membership will not), then
 * `terminated`. A `terminated` state (three failed renewal charges, or an admin) is final from
 * its `terminated_on`.
 */
export const membershipStatus = (membership: MembershipDates, on: DateString): MembershipStatus => {
  const { state, starts_on: starts, expires_on: expires, cancelled_on: cancelled } = membership;
  if (state === 'terminated') {
    const from = membership.terminated_on;
    if (from == null || compareDates(on, from) >= 0) return 'terminated';
  } else if (state !== 'confirmed') return state;
  if (compareDates(on, starts) < 0) return 'future';
  const isCancelled = cancelled != null && compareDates(cancelled, on) <= 0;
  if (expires == null || compareDates(on, expires) < 0) return isCancelled ? 'cancelled' : 'active';
  const inGrace = compareDates(on, addDays(expires, membership.grace_days ?? 0)) < 0;
  if (isCancelled) return inGrace ? 'cancelled' : 'terminated';
  return inGrace ? 'grace' : 'expired';
};

/**
 * A status as a client reads it: one of `MembershipStatus`, or one a newer API added (which
 * neither grants access nor runs, until this SDK knows it).
 */
export type ReceivedMembershipStatus = MembershipStatus | (string & {});

/** `active`, `grace` and `cancelled` grant the type's permissions; the others do not. */
export const grantsAccess = (status: ReceivedMembershipStatus): boolean =>
  status === 'active' || status === 'grace' || status === 'cancelled';

/**
 * A running membership grants access now or will once it starts (`future`). A member holds at
 * most one running membership of a type (a second signup is offered a renewal), and only a
 * running membership can be cancelled.
 */
export const isRunning = (status: ReceivedMembershipStatus): boolean => grantsAccess(status) || status === 'future';

export type MemberStatus = 'prospective' | 'pending' | 'active' | 'inactive';

/**
 * A member's status from their memberships' statuses on one day: `active` when one grants
 * access, else `pending` when one awaits payment or approval, else `inactive` when they only
 * have past ones, else `prospective` (none yet).
 */
export const memberStatus = (statuses: readonly MembershipStatus[]): MemberStatus =>
  statuses.some(grantsAccess)
    ? 'active'
    : statuses.includes('pending')
      ? 'pending'
      : statuses.length > 0
        ? 'inactive'
        : 'prospective';
