// The typed HTTP client: `createClient` (everything) and `createPublicClient` (what a signup page
// needs; imports no admin resource or schema, so the widget stays small).
import type { ClientOptions } from './core/request-options.js';
import { Transport } from './internal/transport.js';
import { CompaniesResource } from './resources/companies.js';
import { DiscountsResource } from './resources/discounts.js';
import { MeResource } from './resources/me.js';
import { MembersResource } from './resources/members.js';
import { MembershipsResource } from './resources/memberships.js';
import { MembershipTypesResource } from './resources/membership-types.js';
import { PermissionsResource } from './resources/permissions.js';
import { SignupConfigResource } from './resources/signup-config.js';
import { SignupsResource } from './resources/signups.js';
import { WebhookEndpointsResource } from './resources/webhook-endpoints.js';

export type { CompaniesResource } from './resources/companies.js';
export type { DiscountsResource } from './resources/discounts.js';
export type { MeResource, MeMembershipsResource, MembershipRenewOptions } from './resources/me.js';
export type { MembersResource } from './resources/members.js';
export type { MembershipsResource } from './resources/memberships.js';
export type { MembershipTypesResource } from './resources/membership-types.js';
export type { PermissionsResource } from './resources/permissions.js';
export type { SignupConfigResource } from './resources/signup-config.js';
export type { SignupsResource } from './resources/signups.js';
export type { WebhookEndpointsResource } from './resources/webhook-endpoints.js';

/** The public and member endpoints (no credentials, or a member token). */
export interface PublicClient {
  readonly signupConfig: SignupConfigResource;
  readonly membershipTypes: MembershipTypesResource;
  readonly discounts: DiscountsResource;
  readonly signups: SignupsResource;
  readonly me: MeResource;
}

/** Every endpoint, including the admin ones (secret key, servers only). */
export interface MemberkitClient extends PublicClient {
  readonly members: MembersResource;
  readonly memberships: MembershipsResource;
  readonly companies: CompaniesResource;
  readonly permissions: PermissionsResource;
  readonly webhookEndpoints: WebhookEndpointsResource;
}

const publicResources = (t: Transport): PublicClient => ({
  signupConfig: new SignupConfigResource(t),
  membershipTypes: new MembershipTypesResource(t),
  discounts: new DiscountsResource(t),
  signups: new SignupsResource(t),
  me: new MeResource(t),
});

/** A client for the public and member endpoints only. */
export const createPublicClient = (options: ClientOptions): PublicClient => publicResources(new Transport(options));

/** A client for every endpoint. */
export const createClient = (options: ClientOptions): MemberkitClient => {
  const t = new Transport(options);
  return {
    ...publicResources(t),
    members: new MembersResource(t),
    memberships: new MembershipsResource(t),
    companies: new CompaniesResource(t),
    permissions: new PermissionsResource(t),
    webhookEndpoints: new WebhookEndpointsResource(t),
  };
};
