// Companies: organization-side accounts. A member belongs to at most one; linked members inherit
// the company's running memberships' permissions, and lose them at once when unlinked
// (permissions are computed per request).
import type { Company } from '@memberkit/sdk';
import { normalizeEmail } from '@memberkit/sdk/calculators';
import type { CompanyRecord, MemberRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { Problem, fieldError, notFound } from './problems.js';

export async function companyView(ctx: DomainContext, record: CompanyRecord): Promise<Company> {
  const members = await ctx.tx.find('members', { organization_id: ctx.organization.id, company_id: record.id });
  return { id: record.id, name: record.name, member_ids: members.map((member) => member.id), contact_email: record.contact_email, created_at: record.created_at };
}

export async function findCompany(ctx: Pick<DomainContext, 'tx' | 'organization'>, id: string): Promise<CompanyRecord | undefined> {
  return ctx.tx.findOne('companies', { organization_id: ctx.organization.id, id });
}

export async function companyOr404(ctx: DomainContext, id: string): Promise<CompanyRecord> {
  const company = await findCompany(ctx, id);
  if (!company) throw notFound('company', id);
  return company;
}

/** The member a request names in `field` to link, or 422. */
export async function memberToLink(ctx: DomainContext, id: string, field: string): Promise<MemberRecord> {
  const member = await ctx.tx.findOne('members', { organization_id: ctx.organization.id, id });
  if (!member) {
    throw new Problem(422, 'validation_failed', `No member "${id}".`, {
      errors: [fieldError(field, 'not_found', field, `No member "${id}".`)],
    });
  }
  return member;
}

export async function createCompany(ctx: DomainContext, name: string, members: readonly MemberRecord[], contactEmail: string | null = null): Promise<CompanyRecord> {
  const company: CompanyRecord = {
    organization_id: ctx.organization.id,
    id: ctx.ids.next('co'),
    name: name.trim(),
    contact_email: contactEmail === null ? null : normalizeEmail(contactEmail),
    created_at: ctx.timestamp(),
  };
  await ctx.tx.insert('companies', company);
  for (const member of members) await linkMember(ctx, company, member);
  return company;
}

/** A company renamed, or its contact changed or removed (`null`): the fields given, the others kept. */
export async function updateCompany(ctx: DomainContext, company: CompanyRecord, changes: { name?: string; contact_email?: string | null }): Promise<CompanyRecord> {
  const patch: Partial<CompanyRecord> = {};
  if (changes.name !== undefined) patch.name = changes.name.trim();
  if (changes.contact_email !== undefined) patch.contact_email = changes.contact_email === null ? null : normalizeEmail(changes.contact_email);
  if (Object.keys(patch).length === 0) return company;
  await ctx.tx.update('companies', { organization_id: ctx.organization.id, id: company.id }, patch);
  return { ...company, ...patch };
}

/**
 * Who a company's membership messages are written to: its contact, addressed by the company's
 * name; undefined when it has none (nobody is told).
 */
export async function companyAddressee(ctx: DomainContext, companyId: string): Promise<MemberRecord | undefined> {
  const company = await findCompany(ctx, companyId);
  if (!company?.contact_email) return undefined;
  return {
    organization_id: company.organization_id,
    id: company.id,
    email: company.contact_email,
    first_name: company.name,
    last_name: null,
    company_id: company.id,
    fields: {},
    created_at: company.created_at,
    created_by_signup: null,
  };
}

/** Links `member` to `company`; a member belongs to at most one company, so linking moves them. */
export async function linkMember(ctx: DomainContext, company: CompanyRecord, member: MemberRecord): Promise<void> {
  await ctx.tx.update('members', { organization_id: ctx.organization.id, id: member.id }, { company_id: company.id });
}

/**
 * Unlinks `member` from `company`; a member of another company (or of none) is 404: an admin's
 * mistake, not a success. A retry after a lost reply is the idempotency record's to answer.
 */
export async function unlinkMember(ctx: DomainContext, company: CompanyRecord, member: MemberRecord): Promise<void> {
  if (member.company_id !== company.id) {
    throw new Problem(404, 'not_found', `Member "${member.id}" is not linked to company "${company.id}".`);
  }
  await ctx.tx.update('members', { organization_id: ctx.organization.id, id: member.id }, { company_id: null });
}
