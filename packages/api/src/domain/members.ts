// Members: one person's relationship with one organization, unique by normalized email. Their
// status is the SDK's `memberStatus` over their memberships' statuses today (their own and their
// company's).
import type { Member } from '@memberkit/sdk';
import { memberStatus, membershipStatus, normalizeEmail } from '@memberkit/sdk/calculators';
import type { Json, MemberRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { membershipsOfMember } from './memberships.js';
import { notFound } from './problems.js';
import { emitEvent } from './webhooks.js';

export async function memberView(ctx: DomainContext, record: MemberRecord): Promise<Member> {
  // A company's running membership makes its linked members active too.
  const memberships = (await membershipsOfMember(ctx, record)).map((held) => held.record);
  return {
    id: record.id,
    email: record.email,
    first_name: record.first_name,
    last_name: record.last_name,
    status: memberStatus(memberships.map((m) => membershipStatus(m, ctx.today))),
    company_id: record.company_id,
    fields: structuredClone(record.fields) as Member['fields'],
    created_at: record.created_at,
  };
}

export function findMember(ctx: Pick<DomainContext, 'tx' | 'organization'>, id: string): Promise<MemberRecord | undefined> {
  return ctx.tx.findOne('members', { organization_id: ctx.organization.id, id });
}

export async function memberOr404(ctx: Pick<DomainContext, 'tx' | 'organization'>, id: string): Promise<MemberRecord> {
  const member = await findMember(ctx, id);
  if (!member) throw notFound('member', id);
  return member;
}

/** The member with this email (normalized here), if any. */
export function memberByEmail(ctx: Pick<DomainContext, 'tx' | 'organization'>, email: string): Promise<MemberRecord | undefined> {
  return ctx.tx.findOne('members', { organization_id: ctx.organization.id, email: normalizeEmail(email) });
}

export interface NewMember {
  email: string;
  first_name?: string | null;
  last_name?: string | null;
  company_id?: string | null;
  fields?: Record<string, Json>;
  /** The signup creating this member, if one is. */
  created_by_signup?: string | null;
}

/** A new member's record (email normalized, names trimmed, empty ones null). */
export function memberRecord(organizationId: string, id: string, createdAt: string, init: NewMember): MemberRecord {
  return {
    organization_id: organizationId,
    id,
    email: normalizeEmail(init.email),
    first_name: init.first_name?.trim() || null,
    last_name: init.last_name?.trim() || null,
    company_id: init.company_id ?? null,
    fields: structuredClone(init.fields ?? {}),
    created_at: createdAt,
    created_by_signup: init.created_by_signup ?? null,
  };
}

/** Stores a new member; the email must be free. */
export async function createMember(ctx: DomainContext, init: NewMember): Promise<MemberRecord> {
  const member = memberRecord(ctx.organization.id, ctx.ids.next('mem'), ctx.timestamp(), init);
  await ctx.tx.insert('members', member);
  await emitEvent(ctx, 'member.created', { id: member.id, email: member.email, first_name: member.first_name, last_name: member.last_name, created_at: member.created_at });
  return member;
}
