// Finding members for staff: by exact email, by a search text over email and names, by their
// status today; and the CSV export of what was found, with every custom field as a column.
import type { Member, MemberStatus } from '@memberkit/sdk';
import { normalizeEmail } from '@memberkit/sdk/calculators';
import type { MemberRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { memberViews } from './members.js';
import { Problem, fieldError, type FieldError } from './problems.js';

export interface MemberQuery {
  email?: string | null;
  q?: string | null;
  status?: MemberStatus | null;
}

const memberStatuses: readonly string[] = ['prospective', 'pending', 'active', 'inactive'];

/** The query from `?email=&q=&status=`; an unknown status is a 422. */
export function memberQueryOf(url: URL): MemberQuery {
  const status = url.searchParams.get('status');
  const errors: FieldError[] = [];
  if (status !== null && !memberStatuses.includes(status)) errors.push(fieldError('status', 'invalid_option', 'status', `Unknown status "${status}": ${memberStatuses.join(', ')}.`));
  const q = url.searchParams.get('q');
  if (q !== null && q.length > 200) errors.push(fieldError('q', 'too_long', 'q', 'At most 200 characters.'));
  if (errors.length > 0) throw new Problem(422, 'validation_failed', errors[0]!.message, { errors });
  return { email: url.searchParams.get('email'), q, status: status as MemberStatus | null };
}

/** Case- and accent-insensitive text for matching (`Zoë` finds `zoe`). */
const folded = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

function matchesText(member: MemberRecord, q: string): boolean {
  const words = folded(q).split(/\s+/).filter(Boolean);
  const haystack = folded([member.email, member.first_name ?? '', member.last_name ?? ''].join(' '));
  return words.every((word) => haystack.includes(word));
}

/**
 * The members the query finds, in the order they joined. Without a status only the records are
 * read (a page's views are made for that page); a status needs each one's memberships.
 */
export async function findMembers(ctx: DomainContext, query: MemberQuery): Promise<MemberRecord[]> {
  const where = query.email == null ? {} : { email: normalizeEmail(query.email) };
  const records = await ctx.tx.find('members', { ...where, organization_id: ctx.organization.id });
  const matching = query.q ? records.filter((record) => matchesText(record, query.q!)) : records;
  if (!query.status) return matching;
  const views = await memberViews(ctx, matching);
  return matching.filter((_, index) => views[index]!.status === query.status);
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * A cell a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return) is prefixed with an apostrophe, so a member who types `=HYPERLINK(…)` as their name
 * exports as text.
 */
export function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (Array.isArray(value)) text = value.map(String).join('; ');
  else text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The export: fixed columns, then one per custom field (the types' fields in their order, then any other answered key). */
export async function membersCsv(ctx: DomainContext, records: readonly MemberRecord[]): Promise<string> {
  const members: Member[] = await memberViews(ctx, records);
  const types = await ctx.tx.find('membership_types', { organization_id: ctx.organization.id });
  const keys = new Set<string>();
  for (const type of types) for (const field of type.fields) keys.add(field.key);
  for (const member of members) for (const key of Object.keys(member.fields)) keys.add(key);
  const header = ['id', 'email', 'first_name', 'last_name', 'status', 'company_id', 'created_at', ...[...keys].map((key) => `fields.${key}`)];
  const rows = members.map((view) => [
    view.id, view.email, view.first_name, view.last_name, view.status, view.company_id, view.created_at,
    ...[...keys].map((key) => (Object.hasOwn(view.fields, key) ? view.fields[key] : null)),
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
