/** The one-membership rule: a member (or company) holds at most one running membership of a type. */
import type { DateString } from './dates.js';
import { isRunning, membershipStatus, type MembershipDates } from './status.js';

/** Where an application stands: waiting for an admin's approval, or approved and waiting for payment. */
export type ApplicationStatus = 'awaiting_approval' | 'approved';

/** An existing membership of the same type and holder, as the rule reads it. */
export interface ExistingMembership extends MembershipDates {
  /**
   * For a pending membership: the application it belongs to, if any (an approval is never
   * thrown away by a new signup). null or absent: an unpaid checkout.
   */
  application?: ApplicationStatus | null;
}

/**
 * Whether `existing` (same member or company, same type) rules out a new membership on `on`:
 * a running one does (active, grace, cancelled, future; the member is offered a renewal), and
 * so does a pending application, waiting for approval or approved and waiting for payment. An
 * unpaid checkout does not: the new signup replaces it. Declined, expired and terminated ones
 * do not.
 */
export const blocksNewMembership = (existing: ExistingMembership, on: DateString): boolean => {
  const status = membershipStatus(existing, on);
  return status === 'pending' ? existing.application != null : isRunning(status);
};
