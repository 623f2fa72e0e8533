// GET /membership-types (listed types; every type, hidden and archived too, with the secret key)
// and GET /membership-types/{id} (hidden ones too; archived ones for staff only).
import { MembershipTypeSchema, PageSchema } from '@memberkit/sdk';
import { allTypes, listedTypes, offeredTypeOr404, typeOr404, typeView } from '../../domain/membership-types.js';
import type { Route } from '../context.js';
import { paginate } from '../body.js';
import { reply } from '../reply.js';

const MembershipTypePageSchema = PageSchema(MembershipTypeSchema);

export const membershipTypeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/membership-types',
    access: 'public',
    handle: async (ctx) =>
      reply(200, MembershipTypePageSchema, paginate(ctx.caller.kind === 'admin' ? await allTypes(ctx) : await listedTypes(ctx), ctx.url, typeView)),
  },
  {
    method: 'GET',
    path: '/organizations/:org/membership-types/:id',
    access: 'public',
    handle: async (ctx) =>
      reply(200, MembershipTypeSchema, typeView(await (ctx.caller.kind === 'admin' ? typeOr404 : offeredTypeOr404)(ctx, ctx.params.id!))),
  },
];
