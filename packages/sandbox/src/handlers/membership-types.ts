// GET /membership-types (listed types) and GET /membership-types/{id} (hidden ones too).
import { MembershipTypeSchema, PageSchema } from '@memberkit/sdk';
import type { MembershipType } from '@memberkit/sdk';
import { notFound } from '../problems.js';
import { paginate, reply, type Route, type RouteContext } from '../runtime.js';

const MembershipTypePageSchema = PageSchema(MembershipTypeSchema);

/** Listed types (status 100) in the organization's order. */
export function listedTypes(context: RouteContext): MembershipType[] {
  return context.store.membershipTypes(context.organization.organization.id).filter((type) => type.status === 100);
}

export function typeOr404(context: RouteContext, id: string): MembershipType {
  const type = context.store.membershipType(context.organization.organization.id, id);
  if (!type) throw notFound('membership type', id);
  return type;
}

export const membershipTypeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/membership-types',
    access: 'public',
    handle: (context) =>
      reply(200, MembershipTypePageSchema, paginate(listedTypes(context), context.url, (type) => structuredClone(type))),
  },
  {
    method: 'GET',
    path: '/organizations/:org/membership-types/:id',
    access: 'public',
    handle: (context) => reply(200, MembershipTypeSchema, structuredClone(typeOr404(context, context.params.id!))),
  },
];
