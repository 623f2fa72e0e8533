// Admin: POST /companies, GET /companies/{id} (sandbox extension), POST /companies/{id}/members,
// DELETE /companies/{id}/members/{member_id}. Linked members inherit the company's active
// memberships' permissions; unlinking removes them at once (permissions are computed per request).
import { CompanyAddMemberParamsSchema, CompanyCreateParamsSchema, CompanySchema } from '@memberkit/sdk';
import { Problem, fieldError, notFound } from '../problems.js';
import { parseBody, reply, type Route, type RouteContext } from '../runtime.js';
import type { CompanyRecord, MemberRecord } from '../store.js';
import { companyView } from '../views.js';

function companyOr404(context: RouteContext): CompanyRecord {
  const company = context.store.company(context.organization.organization.id, context.params.id!);
  if (!company) throw notFound('company', context.params.id!);
  return company;
}

function memberForLink(context: RouteContext, id: string, field: string): MemberRecord {
  const member = context.store.member(context.organization.organization.id, id);
  if (!member) {
    throw new Problem(422, 'validation_failed', `No member "${id}".`, {
      errors: [fieldError(field, 'not_found', field, `No member "${id}".`)],
    });
  }
  return member;
}

export const companyRoutes: Route[] = [
  {
    method: 'POST',
    path: '/organizations/:org/companies',
    access: 'admin',
    requiresIdempotencyKey: true,
    handle(context) {
      const { store, organization } = context;
      const params = parseBody(CompanyCreateParamsSchema, context.body);
      const members = (params.member_ids ?? []).map((id, i) => memberForLink(context, id, `member_ids.${i}`));
      const company: CompanyRecord = {
        id: store.nextId('co'),
        organization_id: organization.organization.id,
        name: params.name.trim(),
        created_at: new Date().toISOString(),
      };
      store.state.companies[company.id] = company;
      // A member belongs to at most one company: linking moves them.
      for (const member of members) member.company_id = company.id;
      return reply(201, CompanySchema, companyView(store, company));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:org/companies/:id',
    access: 'admin',
    handle: (context) => reply(200, CompanySchema, companyView(context.store, companyOr404(context))),
  },
  {
    method: 'POST',
    path: '/organizations/:org/companies/:id/members',
    access: 'admin',
    handle(context) {
      const company = companyOr404(context);
      const params = parseBody(CompanyAddMemberParamsSchema, context.body);
      memberForLink(context, params.member_id, 'member_id').company_id = company.id;
      return reply(200, CompanySchema, companyView(context.store, company));
    },
  },
  {
    method: 'DELETE',
    path: '/organizations/:org/companies/:id/members/:member_id',
    access: 'admin',
    handle(context) {
      const company = companyOr404(context);
      const member = context.store.member(context.organization.organization.id, context.params.member_id!);
      if (!member) throw notFound('member', context.params.member_id!);
      // A member of another company (or of none) is an admin's mistake, not a success. A retry
      // after a lost reply is answered by the idempotency ledger (the SDK keys its DELETEs).
      if (member.company_id !== company.id) {
        throw new Problem(404, 'not_found', `Member "${member.id}" is not linked to company "${company.id}".`);
      }
      member.company_id = null;
      return reply(200, CompanySchema, companyView(context.store, company));
    },
  },
];
