// Admin (secret key): POST /membership-types (create), POST /membership-types/{id} (update),
// POST /membership-types/{id}/archive. Staff list every type (hidden and archived too) with
// GET /membership-types and their key.
import { MembershipTypeCreateParamsSchema, MembershipTypeSchema, MembershipTypeUpdateParamsSchema } from '@memberkit/sdk';
import { archiveType, createType, updateType } from '../../../domain/membership-type-admin.js';
import { typeView } from '../../../domain/membership-types.js';
import type { Route } from '../../context.js';
import { parseBody } from '../../body.js';
import { reply } from '../../reply.js';

export const membershipTypeAdminRoutes: Route[] = [
  {
    method: 'POST',
    path: '/organizations/:org/membership-types',
    access: 'admin',
    requiresIdempotencyKey: true,
    async handle(ctx) {
      const params = parseBody(MembershipTypeCreateParamsSchema, ctx.body);
      return reply(201, MembershipTypeSchema, typeView(await createType(ctx, params)));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/membership-types/:id',
    access: 'admin',
    async handle(ctx) {
      const params = parseBody(MembershipTypeUpdateParamsSchema, ctx.body);
      return reply(200, MembershipTypeSchema, typeView(await updateType(ctx, ctx.params.id!, params)));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/membership-types/:id/archive',
    access: 'admin',
    handle: async (ctx) => reply(200, MembershipTypeSchema, typeView(await archiveType(ctx, ctx.params.id!))),
  },
];
