// Membership types: the organization's plans, in its order. Listed ones (status 100) are offered;
// hidden ones are answered when addressed by id.
import type { MembershipType } from '@memberkit/sdk';
import { formatMoney, isArchived } from '@memberkit/sdk/calculators';
import type { MembershipTypeRecord, OrganizationRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { Problem, fieldError, notFound } from './problems.js';

/** The wire's type: the record without its organization and position. */
export function typeView(record: MembershipTypeRecord): MembershipType {
  const { organization_id: _organization, position: _position, ...type } = record;
  return structuredClone(type) as MembershipType;
}

export async function allTypes(ctx: Pick<DomainContext, 'tx' | 'organization'>): Promise<MembershipTypeRecord[]> {
  return ctx.tx.find('membership_types', { organization_id: ctx.organization.id }, { orderBy: [['position', 'asc']] });
}

/** Listed types (status 100, not archived) in the organization's order. */
export async function listedTypes(ctx: Pick<DomainContext, 'tx' | 'organization'>): Promise<MembershipTypeRecord[]> {
  return (await allTypes(ctx)).filter((type) => type.status === 100 && !isArchived(type));
}

/** A type the public may address (archived ones are offered nowhere), or 404. */
export async function offeredTypeOr404(ctx: Pick<DomainContext, 'tx' | 'organization'>, id: string): Promise<MembershipTypeRecord> {
  const type = await typeOr404(ctx, id);
  if (isArchived(type)) throw notFound('membership type', id);
  return type;
}

export async function findType(ctx: Pick<DomainContext, 'tx' | 'organization'>, id: string): Promise<MembershipTypeRecord | undefined> {
  return ctx.tx.findOne('membership_types', { organization_id: ctx.organization.id, id });
}

export async function typeOr404(ctx: Pick<DomainContext, 'tx' | 'organization'>, id: string): Promise<MembershipTypeRecord> {
  const type = await findType(ctx, id);
  if (!type) throw notFound('membership type', id);
  return type;
}

/** The type a request names in `field`, or 422 (a request body naming an unknown type). */
export async function requestedType(
  ctx: Pick<DomainContext, 'tx' | 'organization'>,
  id: string,
  field = 'membership_type_id',
): Promise<MembershipTypeRecord> {
  const type = await findType(ctx, id);
  if (!type) {
    throw new Problem(422, 'validation_failed', `No membership type "${id}".`, {
      errors: [fieldError(field, 'not_found', field, `No membership type "${id}".`)],
    });
  }
  // Memberships sold with an archived type renew (renewals find it by id); nobody joins it anew.
  if (isArchived(type)) {
    throw new Problem(409, 'type_archived', `"${type.membership_name}" is no longer offered.`, {
      errors: [fieldError(field, 'type_archived', field, `"${type.membership_name}" is no longer offered.`)],
    });
  }
  return type;
}

/**
 * The free default type a new organization starts with (every organization has exactly one
 * default, and it is free): listed, open to anyone, a year at a time, no fields. Staff rename it
 * or replace it with another free type.
 */
export function firstDefaultType(organization: Pick<OrganizationRecord, 'id' | 'currency' | 'locale'>): MembershipTypeRecord {
  return {
    organization_id: organization.id,
    id: 'free',
    position: 0,
    membership_name: 'Free',
    description: null,
    status: 100,
    is_default: true,
    invite_only: false,
    registration_type: 'individual',
    group_size_max: null,
    duration: 1,
    duration_interval_type: 'year',
    duration_display: 'Annual',
    cycle: null,
    grace_days: 0,
    requires_approval: false,
    price: { value: 0, currency: organization.currency, display: formatMoney(0, organization.currency, organization.locale), type: 'fixed', maximum: null, presets: null },
    recurring: false,
    fields: [],
    permissions: [],
    featured: false,
    archived_at: null,
  };
}
