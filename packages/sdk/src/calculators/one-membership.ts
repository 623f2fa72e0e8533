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
  application?: ApplicationStatus | null | undefined;
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

/**
 * How many memberships a member (or a company) may hold at once in an organization:
 * - `one_per_organization` (the default): one running membership, whatever its type; a signup
 *   for another type is offered the held one's renewal instead (or staff change it);
 * - `one_per_type`: one running membership of each type;
 * - `unlimited`: any number, even several of one type (a member buys a second ticket-style
 *   membership for themself). An application still waiting blocks a second one of its type:
 *   applying twice for the same thing is a mistake, not a purchase.
 */
export const membershipPolicies = ['one_per_organization', 'one_per_type', 'unlimited'] as const;
export type MembershipPolicy = (typeof membershipPolicies)[number];

/** The policy an organization has when it names none. */
export const defaultMembershipPolicy: MembershipPolicy = 'one_per_organization';

/** A holder's membership as `blockingMembershipUnder` reads it. */
export interface HeldMembership extends ExistingMembership {
  membership_type_id: string;
}

/**
 * The holder's membership that rules out a new one of `typeId` on `on` under `policy`, or
 * undefined: the first of `held` that blocks (see `blocksNewMembership` for what blocks). The
 * organization's free default membership (`defaultTypeId`) never stands in the way of another
 * type: it is what a member holds until they join something else (an upgrade, not a second
 * membership).
 */
export function blockingMembershipUnder<M extends HeldMembership>(
  policy: MembershipPolicy,
  held: readonly M[],
  typeId: string,
  on: DateString,
  defaultTypeId: string | null = null,
): M | undefined {
  return held.find((membership) => {
    if (!blocksNewMembership(membership, on)) return false;
    if (policy === 'one_per_organization') return membership.membership_type_id === typeId || membership.membership_type_id !== defaultTypeId;
    if (membership.membership_type_id !== typeId) return false;
    return policy === 'one_per_type' || membershipStatus(membership, on) === 'pending';
  });
}
