// The typed HTTP client: `createClient` (everything), `createPublicClient` (the public and member
// endpoints; imports no admin resource or schema) and `createSignupClient` (only the calls the
// signup widget makes, built from functions so that a bundler leaves the others out).
import type { APIPromise } from './core/api-promise.js';
import { MemberkitError } from './core/errors.js';
import type { ClientOptions, RequestOptions } from './core/request-options.js';
import { Transport } from './internal/transport.js';
import type * as z from './schemas/zod.js';
import { CompaniesResource } from './resources/companies.js';
import { DiscountsResource } from './resources/discounts.js';
import { AdminDiscountsResource } from './resources/discounts-admin.js';
import { MeResource } from './resources/me.js';
import { MembersResource } from './resources/members.js';
import { MembershipsResource } from './resources/memberships.js';
import { MembershipTypesResource } from './resources/membership-types.js';
import { AdminMembershipTypesResource } from './resources/membership-types-admin.js';
import { SettingsResource } from './resources/settings.js';
import { InvitationsResource } from './resources/invitations.js';
import { ApplicationsResource } from './resources/applications.js';
import { AuthResource } from './resources/auth.js';
import { MemberTokensResource } from './resources/member-tokens.js';
import { PermissionsResource } from './resources/permissions.js';
import { createMemberToken, sendEmailCode } from './resources/auth.js';
import { validateDiscount } from './resources/discounts.js';
import { renewMembership, retrieveMe } from './resources/me.js';
import { SignupConfigResource, retrieveSignupConfig } from './resources/signup-config.js';
import { SignupsResource, createSignup, retrieveSignup } from './resources/signups.js';
import { WebhookEndpointsResource } from './resources/webhook-endpoints.js';

export type { CompaniesResource } from './resources/companies.js';
export type { DiscountsResource } from './resources/discounts.js';
export type { AdminDiscountsResource } from './resources/discounts-admin.js';
export type { MeResource, MeMembershipsResource, MembershipRenewOptions } from './resources/me.js';
export type { MembersResource } from './resources/members.js';
export type { MembershipsResource } from './resources/memberships.js';
export type { MembershipTypesResource } from './resources/membership-types.js';
export type { AdminMembershipTypesResource } from './resources/membership-types-admin.js';
export type { SettingsResource } from './resources/settings.js';
export type { InvitationsResource } from './resources/invitations.js';
export type { ApplicationsResource } from './resources/applications.js';
export type { AuthResource } from './resources/auth.js';
export type { MemberTokensResource } from './resources/member-tokens.js';
export type { PermissionsResource } from './resources/permissions.js';
export type { SignupConfigResource } from './resources/signup-config.js';
export type { SignupsResource } from './resources/signups.js';
export type { WebhookEndpointsResource } from './resources/webhook-endpoints.js';

/** A call `client.request` makes: an endpoint the SDK does not wrap (yet). */
export interface CustomRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the organization (`memberships/ms_1/approve` → `…/v1/organizations/{org}/memberships/ms_1/approve`). */
  path: string;
  query?: Record<string, string | number | boolean | null | undefined> | undefined;
  /** Sent as JSON. */
  body?: unknown;
  /** Checks the success body (as `validateResponses` says) and types it; without one the body is `unknown` as received. */
  schema?: z.ZodMiniType<T> | undefined;
  /** Send an `Idempotency-Key` (generated once for the call when `options.idempotencyKey` is not given), so a POST may be retried. */
  idempotent?: boolean | undefined;
}

/** The public and member endpoints (no credentials, or a member token). */
export interface PublicClient {
  readonly signupConfig: SignupConfigResource;
  readonly membershipTypes: MembershipTypesResource;
  readonly discounts: DiscountsResource;
  readonly signups: SignupsResource;
  readonly me: MeResource;
  /** Member sign-in by emailed code or link. */
  readonly auth: AuthResource;
}

/**
 * The calls a signup page makes, and nothing else: the configuration, a signup and its poll, a
 * discount check, the signed-in member and their renewal, and sign-in. What `<membership-signup>`
 * takes as its `client`; a `PublicClient` (or a `MemberkitClient`) is one too.
 */
export interface SignupClient {
  readonly signupConfig: Pick<SignupConfigResource, 'retrieve'>;
  readonly signups: Pick<SignupsResource, 'create' | 'retrieve'>;
  readonly discounts: Pick<DiscountsResource, 'validate'>;
  readonly me: Pick<MeResource, 'retrieve'> & { readonly memberships: Pick<MeResource['memberships'], 'renew'> };
  readonly auth: Pick<AuthResource, 'sendEmailCode' | 'createToken'>;
}

/** Every endpoint, including the admin ones (secret key, servers only). */
export interface MemberkitClient extends PublicClient {
  /**
   * Any endpoint, with the client's credentials, retries, idempotency, errors and logging: for
   * one the SDK does not wrap yet. `await client.request({ method: 'GET', path: 'signup-config' })`.
   * (Not on `createPublicClient`, which stays small for the script-tag bundle.)
   */
  request<T = unknown>(request: CustomRequest<T>, options?: RequestOptions): APIPromise<T>;
  /** With the secret key: every type, and create, update, archive. */
  readonly membershipTypes: AdminMembershipTypesResource;
  /** With the secret key: create, update, deactivate, list with redemptions (and validate). */
  readonly discounts: AdminDiscountsResource;
  readonly settings: SettingsResource;
  readonly invitations: InvitationsResource;
  /** Applications to types that require approval: list the open ones, approve, decline. */
  readonly applications: ApplicationsResource;
  readonly memberTokens: MemberTokensResource;
  readonly members: MembersResource;
  readonly memberships: MembershipsResource;
  readonly companies: CompaniesResource;
  readonly permissions: PermissionsResource;
  readonly webhookEndpoints: WebhookEndpointsResource;
}

const customRequest = (t: Transport) => <T>(request: CustomRequest<T>, options?: RequestOptions): APIPromise<T> =>
  t.request(() => {
    const segments = String(request.path).split('/');
    // The path is the caller's own, but a `..` would leave the organization (and `//` the API).
    if (request.path.startsWith('/') || segments.some((s) => s === '.' || s === '..' || s === '')) {
      throw new MemberkitError(`\`path\` must be relative to the organization, without empty, . or .. segments: ${JSON.stringify(request.path)}`);
    }
    return request;
  }, options);

const publicResources = (t: Transport): PublicClient => ({
  signupConfig: new SignupConfigResource(t),
  membershipTypes: new MembershipTypesResource(t),
  discounts: new DiscountsResource(t),
  signups: new SignupsResource(t),
  me: new MeResource(t),
  auth: new AuthResource(t),
});

/** A client for the public and member endpoints only. */
export const createPublicClient = (options: ClientOptions): PublicClient => publicResources(new Transport(options));

/**
 * A client for a signup page's calls only (`SignupClient`): the same options, requests, retries
 * and errors as `createPublicClient`, without listing types, receipts, cancelling, automatic
 * renewal or card updates, so a script-tag bundle carries only what it sends.
 */
export const createSignupClient = (options: ClientOptions): SignupClient => {
  const t = new Transport(options);
  return {
    signupConfig: { retrieve: (params, o) => retrieveSignupConfig(t, params, o) },
    signups: { create: (params, o) => createSignup(t, params, o), retrieve: (id, o) => retrieveSignup(t, id, o) },
    discounts: { validate: (params, o) => validateDiscount(t, params, o) },
    me: { retrieve: (o) => retrieveMe(t, o), memberships: { renew: (id, o) => renewMembership(t, id, o) } },
    auth: { sendEmailCode: (params, o) => sendEmailCode(t, params, o), createToken: (params, o) => createMemberToken(t, params, o) },
  };
};

/** A client for every endpoint. */
export const createClient = (options: ClientOptions): MemberkitClient => {
  const t = new Transport(options);
  return {
    ...publicResources(t),
    request: customRequest(t),
    membershipTypes: new AdminMembershipTypesResource(t),
    discounts: new AdminDiscountsResource(t),
    settings: new SettingsResource(t),
    invitations: new InvitationsResource(t),
    applications: new ApplicationsResource(t),
    memberTokens: new MemberTokensResource(t),
    members: new MembersResource(t),
    memberships: new MembershipsResource(t),
    companies: new CompaniesResource(t),
    permissions: new PermissionsResource(t),
    webhookEndpoints: new WebhookEndpointsResource(t),
  };
};
