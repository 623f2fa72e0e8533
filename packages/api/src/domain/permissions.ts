// Effective permissions (the SDK's `effectivePermissions`): the member's own memberships and,
// while they are linked to a company, the company's.
import type { Permissions } from '@memberkit/sdk';
import { effectivePermissions } from '@memberkit/sdk/calculators';
import type { MemberRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { loadMemberships } from './memberships.js';

export async function permissionsOf(ctx: DomainContext, member: MemberRecord): Promise<Permissions> {
  const own = await loadMemberships(ctx, { member_id: member.id });
  const company = member.company_id ? await loadMemberships(ctx, { company_id: member.company_id, member_id: null }) : null;
  return effectivePermissions({ own, company }, ctx.today);
}
