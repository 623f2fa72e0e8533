// Admin: POST /companies, GET /companies/{id} (admin extension), POST /companies/{id} (rename, change
// or remove the contact), POST /companies/{id}/members,
// DELETE /companies/{id}/members/{member_id}.
import { CompanyAddMemberParamsSchema, CompanyCreateParamsSchema, CompanySchema, CompanyUpdateParamsSchema } from '@memberkit/sdk';
import { companyOr404, companyView, createCompany, linkMember, memberToLink, unlinkMember, updateCompany } from '../../domain/companies.js';
import { memberOr404 } from '../../domain/members.js';
import type { Route } from '../context.js';
import { parseBody, trimEmails } from '../body.js';
import { reply } from '../reply.js';

export const companyRoutes: Route[] = [
  {
    method: 'POST',
    path: '/organizations/:org/companies',
    access: 'admin',
    requiresIdempotencyKey: true,
    async handle(ctx) {
      const params = parseBody(CompanyCreateParamsSchema, trimEmails(ctx.body, (body) => [body], 'contact_email'));
      const members = [];
      for (const [i, id] of (params.member_ids ?? []).entries()) members.push(await memberToLink(ctx, id, `member_ids.${i}`));
      const company = await createCompany(ctx, params.name, members, params.contact_email ?? null);
      return reply(201, CompanySchema, await companyView(ctx, company));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:org/companies/:id',
    access: 'admin',
    handle: async (ctx) => reply(200, CompanySchema, await companyView(ctx, await companyOr404(ctx, ctx.params.id!))),
  },
  {
    method: 'POST',
    path: '/organizations/:org/companies/:id',
    access: 'admin',
    async handle(ctx) {
      const company = await companyOr404(ctx, ctx.params.id!);
      const params = parseBody(CompanyUpdateParamsSchema, trimEmails(ctx.body, (body) => [body], 'contact_email'));
      return reply(200, CompanySchema, await companyView(ctx, await updateCompany(ctx, company, params)));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/companies/:id/members',
    access: 'admin',
    async handle(ctx) {
      const company = await companyOr404(ctx, ctx.params.id!);
      const params = parseBody(CompanyAddMemberParamsSchema, ctx.body);
      await linkMember(ctx, company, await memberToLink(ctx, params.member_id, 'member_id'));
      return reply(200, CompanySchema, await companyView(ctx, company));
    },
  },
  {
    method: 'DELETE',
    path: '/organizations/:org/companies/:id/members/:member_id',
    access: 'admin',
    async handle(ctx) {
      const company = await companyOr404(ctx, ctx.params.id!);
      await unlinkMember(ctx, company, await memberOr404(ctx, ctx.params.member_id!));
      return reply(200, CompanySchema, await companyView(ctx, company));
    },
  },
];
