/** Effective permissions: what a member may do on a day, from their own and their company's memberships. */
import type { DateString } from './dates.js';
import { grantsAccess, membershipStatus, type MembershipDates } from './status.js';

/** A membership as the permission rule reads it: its dates and state, and the type's permissions it carries. */
export interface PermissionSource extends MembershipDates {
  id: string;
  permissions: readonly string[];
}

export interface EffectivePermissions {
  /** Sorted, each once. */
  permissions: string[];
  /** Every membership that grants access on the day, own ones first (even one with no permissions). */
  granted_by: { membership_id: string; via_company: boolean }[];
}

/**
 * The union of the permissions of every membership whose status on `on` grants access (active,
 * grace, cancelled). `own` are the member's memberships; `company` those held by the member's
 * company, which the member inherits while linked (pass none once unlinked: inheritance ends at
 * once). Same shape as the API's `GET /members/{id}/permissions`.
 */
export const effectivePermissions = (
  memberships: { own: readonly PermissionSource[]; company?: readonly PermissionSource[] | null },
  on: DateString,
): EffectivePermissions => {
  const permissions = new Set<string>();
  const granted_by: EffectivePermissions['granted_by'] = [];
  const add = (list: readonly PermissionSource[] | null | undefined, via_company: boolean) => {
    for (const m of list ?? []) {
      if (!grantsAccess(membershipStatus(m, on))) continue;
      for (const p of m.permissions) permissions.add(p);
      granted_by.push({ membership_id: m.id, via_company });
    }
  };
  add(memberships.own, false);
  add(memberships.company, true);
  return { permissions: [...permissions].sort(), granted_by };
};
