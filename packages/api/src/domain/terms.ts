// A membership keeps the term it was sold with: the type's duration, interval, cycle and grace
// are copied onto the record at creation, and every later date (completion, renewal) is computed
// from that copy, so editing a type never changes memberships already sold.
import type { MembershipType } from '@memberkit/sdk';
import type { TermRules } from '@memberkit/sdk/calculators';
import type { MembershipRecord } from '../ports/records.js';

export type TermSnapshot = Pick<MembershipRecord, 'duration' | 'duration_interval_type' | 'cycle' | 'grace_days'>;

/** The type's term as it is now, to store on a new membership. */
export function termSnapshot(type: MembershipType): TermSnapshot {
  return {
    duration: type.duration,
    duration_interval_type: type.duration_interval_type,
    cycle: type.cycle ? { ...type.cycle } : null,
    grace_days: type.grace_days,
  };
}

/** The term a membership was sold with, as calculateExpiry reads a type. */
export function soldTerm(membership: MembershipRecord): TermRules {
  return {
    duration: membership.duration,
    duration_interval_type: membership.duration_interval_type,
    cycle: membership.cycle,
    grace_days: membership.grace_days,
  };
}
