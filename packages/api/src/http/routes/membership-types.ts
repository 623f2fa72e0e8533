// GET /membership-types (listed types) and GET /membership-types/{id} (hidden ones too).
import { MembershipTypeSchema, PageSchema } from '@memberkit/sdk';
import { listedTypes, typeOr404, typeView } from '../../domain/membership-types.js';
import type { Route } from '../context.js';
import { paginate } from '../body.js';
import { reply } from '../reply.js';

const MembershipTypePageSchema = PageSchema(MembershipTypeSchema);

export const membershipTypeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/membership-types',
    access: 'public',
    handle: async (ctx) => reply(200, MembershipTypePageSchema, paginate(await listedTypes(ctx), ctx.url, typeView)),
  },
  {
    method: 'GET',
    path: '/organizations/:org/membership-types/:id',
    access: 'public',
    handle: async (ctx) => reply(200, MembershipTypeSchema, typeView(await typeOr404(ctx, ctx.params.id!))),
  },
];
