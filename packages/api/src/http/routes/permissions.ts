// Admin: GET /members/{id}/permissions → { permissions, granted_by: [{ membership_id, via_company }] }.
import { PermissionsSchema } from '@memberkit/sdk';
import { memberOr404 } from '../../domain/members.js';
import { permissionsOf } from '../../domain/permissions.js';
import type { Route } from '../context.js';
import { reply } from '../reply.js';

export const permissionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/members/:id/permissions',
    access: 'admin',
    handle: async (ctx) => reply(200, PermissionsSchema, await permissionsOf(ctx, await memberOr404(ctx, ctx.params.id!))),
  },
];
