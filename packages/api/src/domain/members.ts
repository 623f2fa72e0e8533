// Members: one person's relationship with one organization, unique by normalized email. Their
// status is the SDK's `memberStatus` over their memberships' statuses today (their own and their
// company's).
import type { Member } from '@memberkit/sdk';
import { memberStatus, membershipStatus, normalizeEmail } from '@memberkit/sdk/calculators';
import type { Json, MemberRecord, MembershipRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { loadMemberships, membershipsOfMember } from './memberships.js';
import { notFound } from './problems.js';
import { emitEvent } from './webhooks.js';

/**
 * The wire's member. `held`: every membership of theirs, when the caller has them all (a member
 * without a company that this transaction created holds only what it gave them), else searched.
 */
export async function memberView(ctx: DomainContext, record: MemberRecord, held?: readonly MembershipRecord[]): Promise<Member> {
  if (held && record.company_id === null) return viewOf(ctx, record, held);
  // A company's running membership makes its linked members active too.
  return viewOf(ctx, record, (await membershipsOfMember(ctx, record)).map((membership) => membership.record));
}

function viewOf(ctx: DomainContext, record: MemberRecord, memberships: readonly MembershipRecord[]): Member {
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

/** How many ids one query names at most (PostgreSQL takes 65,535 parameters a statement). */
const IDS_PER_QUERY = 1000;

/**
 * The views of many members, in their order, from two queries per thousand members (their own
 * memberships, their companies') instead of two per member: what staff lists, status filters and
 * exports read.
 */
export async function memberViews(ctx: DomainContext, records: readonly MemberRecord[]): Promise<Member[]> {
  const own = new Map<string, MembershipRecord[]>();
  const ofCompany = new Map<string, MembershipRecord[]>();
  const add = (map: Map<string, MembershipRecord[]>, key: string, membership: MembershipRecord) => {
    const list = map.get(key);
    if (list) list.push(membership);
    else map.set(key, [membership]);
  };
  for (let from = 0; from < records.length; from += IDS_PER_QUERY) {
    const batch = records.slice(from, from + IDS_PER_QUERY);
    for (const membership of await loadMemberships(ctx, { member_id: batch.map((record) => record.id) })) add(own, membership.member_id!, membership);
    const companies = [...new Set(batch.flatMap((record) => (record.company_id === null || ofCompany.has(record.company_id) ? [] : [record.company_id])))];
    for (const company of companies) ofCompany.set(company, []);
    if (companies.length > 0) for (const membership of await loadMemberships(ctx, { company_id: companies, member_id: null })) add(ofCompany, membership.company_id!, membership);
  }
  return records.map((record) =>
    viewOf(ctx, record, [...(own.get(record.id) ?? []), ...(record.company_id === null ? [] : (ofCompany.get(record.company_id) ?? []))]),
  );
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
  // A new id: the insert may travel with a later statement (its email was read as free, or it is sent now).
  await ctx.tx.insert('members', member, { fresh: true });
  await emitEvent(ctx, 'member.created', { id: member.id, email: member.email, first_name: member.first_name, last_name: member.last_name, created_at: member.created_at });
  return member;
}
