// Admin (secret key): GET /settings, POST /settings (the organization's name, currency, time
// zone, locale, terms URL, embed origins, membership policy, whether signing up needs signing in,
// the address the organization is told at, its own Stripe account for Connect).
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
      // Surrounding spaces are not an invalid address (as for every endpoint taking one).
      const body = ctx.body as { notification_email?: unknown } | undefined;
      const trimmed = body && typeof body === 'object' && typeof body.notification_email === 'string' ? { ...body, notification_email: body.notification_email.trim() } : ctx.body;
      const params = parseBody(OrganizationSettingsUpdateParamsSchema, trimmed);
      return reply(200, OrganizationSettingsSchema, settingsView(await updateSettings(ctx, params)));
    },
  },
];
