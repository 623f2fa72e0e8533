// Admin (secret key): GET/POST /members (`?email=` finds one, `?q=` searches email and names,
// `?status=`), GET /members/export (the same search as CSV), GET /members/{id}, and
// GET /members/{id}/memberships (theirs and their company's, each with its term history).
import { AdminMembershipPageSchema, MemberCreateParamsSchema, MemberSchema, PageSchema } from '@memberkit/sdk';
import { normalizeEmail } from '@memberkit/sdk/calculators';
import { findCompany } from '../../domain/companies.js';
import { createMember, memberByEmail, memberOr404, memberView, memberViews } from '../../domain/members.js';
import { Problem, fieldError } from '../../domain/problems.js';
import type { Json } from '../../ports/records.js';
import type { Route } from '../context.js';
import { findMembers, memberQueryOf, membersCsv } from '../../domain/member-search.js';
import { adminMemberMembershipView, membershipsOfMember } from '../../domain/memberships.js';
import { paginate, parseBody, trimEmails } from '../body.js';
import { reply, textReply } from '../reply.js';

const MemberPageSchema = PageSchema(MemberSchema);

export const memberRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/members',
    access: 'admin',
    async handle(ctx) {
      const found = await findMembers(ctx, memberQueryOf(ctx.url));
      const page = paginate(found, ctx.url, (record) => record);
      return reply(200, MemberPageSchema, { data: await memberViews(ctx, page.data), has_more: page.has_more });
    },
  },
  {
    // Before /members/:id, which "export" would match otherwise.
    method: 'GET',
    path: '/organizations/:org/members/export',
    access: 'admin',
    async handle(ctx) {
      const found = await findMembers(ctx, memberQueryOf(ctx.url));
      return textReply(200, await membersCsv(ctx, found), {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="members-${ctx.organization.id}-${ctx.today}.csv"`,
      });
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/members',
    access: 'admin',
    requiresIdempotencyKey: true,
    async handle(ctx) {
      const params = parseBody(MemberCreateParamsSchema, trimEmails(ctx.body, (body) => [body]));
      const email = normalizeEmail(params.email);
      const existing = await memberByEmail(ctx, email);
      if (existing) {
        throw new Problem(409, 'member_exists', `A member with the email ${email} exists already (${existing.id}).`, {
          errors: [fieldError('email', 'member_exists', 'email', 'A member with this email exists already.')],
          extensions: { member_id: existing.id },
        });
      }
      if (params.company_id && !(await findCompany(ctx, params.company_id))) {
        throw new Problem(422, 'validation_failed', `No company "${params.company_id}".`, {
          errors: [fieldError('company_id', 'not_found', 'company_id', `No company "${params.company_id}".`)],
        });
      }
      const member = await createMember(ctx, {
        email,
        first_name: params.first_name ?? null,
        last_name: params.last_name ?? null,
        company_id: params.company_id ?? null,
        fields: (params.fields ?? {}) as Record<string, Json>,
      });
      return reply(201, MemberSchema, await memberView(ctx, member));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:org/members/:id',
    access: 'admin',
    handle: async (ctx) => reply(200, MemberSchema, await memberView(ctx, await memberOr404(ctx, ctx.params.id!))),
  },
  {
    method: 'GET',
    path: '/organizations/:org/members/:id/memberships',
    access: 'admin',
    async handle(ctx) {
      const held = await membershipsOfMember(ctx, await memberOr404(ctx, ctx.params.id!));
      return reply(200, AdminMembershipPageSchema, paginate(held, ctx.url, (m) => adminMemberMembershipView(m, ctx.today)));
    },
  },
];
