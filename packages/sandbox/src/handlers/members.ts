// Admin (secret key): GET/POST /members (`?email=` finds one), GET /members/{id}.
import { MemberCreateParamsSchema, MemberSchema, PageSchema } from '@memberkit/sdk';
import { normalizeEmail } from '@memberkit/sdk/calculators';
import { trimEmails } from '../emails.js';
import { Problem, fieldError, notFound } from '../problems.js';
import { paginate, parseBody, reply, type Route, type RouteContext } from '../runtime.js';
import type { MemberRecord } from '../store.js';
import { memberView } from '../views.js';

const MemberPageSchema = PageSchema(MemberSchema);

export function memberOr404(context: RouteContext, id: string): MemberRecord {
  const member = context.store.member(context.organization.organization.id, id);
  if (!member) throw notFound('member', id);
  return member;
}

export const memberRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/members',
    access: 'admin',
    handle(context) {
      const email = context.url.searchParams.get('email');
      let members = context.store.members(context.organization.organization.id);
      if (email !== null) members = members.filter((member) => member.email === normalizeEmail(email));
      return reply(200, MemberPageSchema, paginate(members, context.url, (m) => memberView(context.store, m, context.today)));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/members',
    access: 'admin',
    requiresIdempotencyKey: true,
    handle(context) {
      const { store, organization, today } = context;
      const orgId = organization.organization.id;
      const params = parseBody(MemberCreateParamsSchema, trimEmails(context.body, (body) => [body]));
      const email = normalizeEmail(params.email);
      const existing = store.memberByEmail(orgId, email);
      if (existing) {
        throw new Problem(409, 'member_exists', `A member with the email ${email} exists already (${existing.id}).`, {
          errors: [fieldError('email', 'member_exists', 'email', `A member with this email exists already.`)],
          extensions: { member_id: existing.id },
        });
      }
      if (params.company_id && !store.company(orgId, params.company_id)) {
        throw new Problem(422, 'validation_failed', `No company "${params.company_id}".`, {
          errors: [fieldError('company_id', 'not_found', 'company_id', `No company "${params.company_id}".`)],
        });
      }
      const member: MemberRecord = {
        id: store.nextId('mem'),
        organization_id: orgId,
        email,
        first_name: params.first_name?.trim() || null,
        last_name: params.last_name?.trim() || null,
        company_id: params.company_id ?? null,
        fields: structuredClone(params.fields ?? {}),
        created_at: new Date().toISOString(),
      };
      store.state.members[member.id] = member;
      return reply(201, MemberSchema, memberView(store, member, today));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:org/members/:id',
    access: 'admin',
    handle: (context) =>
      reply(200, MemberSchema, memberView(context.store, memberOr404(context, context.params.id!), context.today)),
  },
];
