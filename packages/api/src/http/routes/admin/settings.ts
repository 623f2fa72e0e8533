// Admin (secret key): GET /settings, POST /settings (the organization's name, currency, time
// zone, locale, terms URL, embed origins, membership policy, whether signing up needs signing in).
import { OrganizationSettingsSchema, OrganizationSettingsUpdateParamsSchema } from '@memberkit/sdk';
import { settingsView, updateSettings } from '../../../domain/organization-settings.js';
import type { Route } from '../../context.js';
import { parseBody } from '../../body.js';
import { reply } from '../../reply.js';

export const settingsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/settings',
    access: 'admin',
    handle: async (ctx) => reply(200, OrganizationSettingsSchema, settingsView(ctx.organization)),
  },
  {
    method: 'POST',
    path: '/organizations/:org/settings',
    access: 'admin',
    async handle(ctx) {
      const params = parseBody(OrganizationSettingsUpdateParamsSchema, ctx.body);
      return reply(200, OrganizationSettingsSchema, settingsView(await updateSettings(ctx, params)));
    },
  },
];
