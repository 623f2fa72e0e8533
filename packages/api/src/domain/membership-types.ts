// Membership types: the organization's plans, in its order. Listed ones (status 100) are offered;
// hidden ones are answered when addressed by id.
import type { MembershipType } from '@memberkit/sdk';
import type { MembershipTypeRecord } from '../ports/records.js';
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

/** Listed types (status 100) in the organization's order. */
export async function listedTypes(ctx: Pick<DomainContext, 'tx' | 'organization'>): Promise<MembershipTypeRecord[]> {
  return (await allTypes(ctx)).filter((type) => type.status === 100);
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
  return type;
}
