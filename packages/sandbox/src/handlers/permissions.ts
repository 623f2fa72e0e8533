// Admin: GET /members/{id}/permissions → { permissions, granted_by: [{ membership_id, via_company }] }.
import { PermissionsSchema } from '@memberkit/sdk';
import { reply, type Route } from '../runtime.js';
import { permissionsOf } from '../views.js';
import { memberOr404 } from './members.js';

export const permissionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/members/:id/permissions',
    access: 'admin',
    handle: (context) =>
      reply(200, PermissionsSchema, permissionsOf(context.store, memberOr404(context, context.params.id!), context.today)),
  },
];
