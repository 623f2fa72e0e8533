// Every route the API answers, one file per resource.
import type { Route } from '../context.js';
import { companyRoutes } from './companies.js';
import { discountRoutes } from './discounts.js';
import { meRoutes } from './me.js';
import { memberRoutes } from './members.js';
import { membershipTypeRoutes } from './membership-types.js';
import { membershipRoutes } from './memberships.js';
import { membershipTypeAdminRoutes } from './admin/membership-types.js';
import { settingsRoutes } from './admin/settings.js';
import { discountAdminRoutes } from './admin/discounts.js';
import { invitationRoutes } from './admin/invitations.js';
import { applicationRoutes } from './admin/applications.js';
import { memberTokenRoutes } from './admin/member-tokens.js';
import { authRoutes } from './auth.js';
import { meSelfServiceRoutes } from './me-self-service.js';
import { permissionRoutes } from './permissions.js';
import { signupConfigRoutes } from './signup-config.js';
import { signupRoutes } from './signups.js';
import { webhookEndpointRoutes } from './webhook-endpoints.js';

export const apiRoutes: readonly Route[] = [
  ...signupConfigRoutes,
  ...membershipTypeRoutes,
  ...discountRoutes,
  ...signupRoutes,
  ...meRoutes,
  ...meSelfServiceRoutes,
  ...memberRoutes,
  ...membershipRoutes,
  ...companyRoutes,
  ...permissionRoutes,
  ...settingsRoutes,
  ...membershipTypeAdminRoutes,
  ...discountAdminRoutes,
  ...invitationRoutes,
  ...applicationRoutes,
  ...authRoutes,
  ...memberTokenRoutes,
  ...webhookEndpointRoutes,
];
