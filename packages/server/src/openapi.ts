// The OpenAPI 3.1 document of the membership API, generated from the SDK's zod schemas (zod 4's
// JSON Schema output): the SDK's schemas are the contract, this only says which route takes and
// answers which. Served at /openapi.json and committed as docs/openapi.json (a test fails when
// that copy is stale: regenerate it with `node scripts/openapi.mjs`).
import { apiRoutes } from '@memberkit/api';
import * as sdk from '@memberkit/sdk';
import * as z from 'zod';

type Schema = z.core.$ZodType;
type Access = 'public' | 'member' | 'admin';

interface Route {
  method: 'get' | 'post' | 'delete';
  /** Under /v1/organizations/{org}. */
  path: string;
  operationId: string;
  summary: string;
  access: Access;
  /** Component name of the query parameters' schema. */
  query?: string;
  /** Component name of the JSON body's schema; `optional` for a body that may be left out. */
  body?: string;
  optionalBody?: boolean;
  /** Honours an Idempotency-Key (every route but a GET)… */
  idempotent?: boolean;
  /** …and needs one (a POST that creates or charges). */
  idempotencyRequired?: boolean;
  status: 200 | 201;
  /** Component name of the answer's schema. */
  answer: string;
  /** The answer's media type when it is not JSON (a CSV export). */
  answerType?: string;
}

/** The named schemas of the document, each an SDK schema. */
const components: Record<string, Schema> = {
  Organization: sdk.OrganizationSchema,
  CustomField: sdk.CustomFieldSchema,
  Price: sdk.PriceSchema,
  Cycle: sdk.CycleSchema,
  MembershipType: sdk.MembershipTypeSchema,
  MembershipTypePage: sdk.PageSchema(sdk.MembershipTypeSchema),
  Member: sdk.MemberSchema,
  MemberPage: sdk.PageSchema(sdk.MemberSchema),
  Membership: sdk.MembershipSchema,
  MembershipPage: sdk.PageSchema(sdk.MembershipSchema),
  AdminMembership: sdk.AdminMembershipSchema,
  AdminMembershipPage: sdk.AdminMembershipPageSchema,
  Discount: sdk.DiscountSchema,
  SignupQuote: sdk.SignupQuoteSchema,
  NextAction: sdk.NextActionSchema,
  Signup: sdk.SignupSchema,
  PaymentSettings: sdk.PaymentSettingsSchema,
  SignupConfig: sdk.SignupConfigSchema,
  Me: sdk.MeSchema,
  Company: sdk.CompanySchema,
  Permissions: sdk.PermissionsSchema,
  FieldError: sdk.FieldErrorSchema,
  Problem: sdk.ProblemSchema,
  SignupConfigParams: sdk.SignupConfigRetrieveParamsSchema,
  ListParams: sdk.ListParamsSchema,
  MemberListParams: sdk.MemberListParamsSchema,
  MemberExportParams: sdk.MemberExportParamsSchema,
  // The export's text: a header row, then one row per member (RFC 4180, CRLF).
  MembersCsv: z.string(),
  MembershipListParams: sdk.MembershipListParamsSchema,
  DiscountValidateParams: sdk.DiscountValidateParamsSchema,
  SignupCreateParams: sdk.SignupCreateParamsSchema,
  MembershipRenewParams: sdk.MembershipRenewParamsSchema,
  MemberCreateParams: sdk.MemberCreateParamsSchema,
  MembershipCreateParams: sdk.MembershipCreateParamsSchema,
  MembershipRefundParams: sdk.MembershipRefundParamsSchema,
  CompanyCreateParams: sdk.CompanyCreateParamsSchema,
  CompanyAddMemberParams: sdk.CompanyAddMemberParamsSchema,
  CompanyUpdateParams: sdk.CompanyUpdateParamsSchema,
  OrganizationSettings: sdk.OrganizationSettingsSchema,
  OrganizationSettingsUpdateParams: sdk.OrganizationSettingsUpdateParamsSchema,
  MembershipTypeCreateParams: sdk.MembershipTypeCreateParamsSchema,
  MembershipTypeUpdateParams: sdk.MembershipTypeUpdateParamsSchema,
  AdminDiscount: sdk.AdminDiscountSchema,
  AdminDiscountPage: sdk.AdminDiscountPageSchema,
  DiscountCreateParams: sdk.DiscountCreateParamsSchema,
  DiscountUpdateParams: sdk.DiscountUpdateParamsSchema,
  Invitation: sdk.InvitationSchema,
  InvitationPage: sdk.InvitationPageSchema,
  InvitationCreateParams: sdk.InvitationCreateParamsSchema,
  Application: sdk.ApplicationSchema,
  ApplicationPage: sdk.ApplicationPageSchema,
  ApplicationListParams: sdk.ApplicationListParamsSchema,
  EmailCodeCreateParams: sdk.EmailCodeCreateParamsSchema,
  EmailCode: sdk.EmailCodeSchema,
  TokenCreateParams: sdk.TokenCreateParamsSchema,
  MemberSession: sdk.MemberSessionSchema,
  MemberTokenCreateParams: sdk.MemberTokenCreateParamsSchema,
  MemberToken: sdk.MemberTokenSchema,
  AutoRenewParams: sdk.AutoRenewParamsSchema,
  MembershipCancelParams: sdk.MembershipCancelParamsSchema,
  CardUpdateSessionCreateParams: sdk.CardUpdateSessionCreateParamsSchema,
  CardUpdateSession: sdk.CardUpdateSessionSchema,
  Receipt: sdk.ReceiptSchema,
  ReceiptPage: sdk.PageSchema(sdk.ReceiptSchema),
  WebhookEndpoint: sdk.WebhookEndpointSchema,
  WebhookEndpointCreated: sdk.WebhookEndpointCreatedSchema,
  WebhookEndpointPage: sdk.WebhookEndpointPageSchema,
  WebhookEndpointCreateParams: sdk.WebhookEndpointCreateParamsSchema,
  WebhookDeliveryPage: sdk.WebhookDeliveryPageSchema,
};

/** What each of the API's routes takes and answers (its schemas), keyed by `METHOD path`. */
const schemasOf: Record<string, Omit<Route, 'method' | 'path' | 'access'>> = {
  'GET /signup-config': { operationId: 'retrieveSignupConfig', summary: 'Everything a signup page needs, in one round trip', query: 'SignupConfigParams', status: 200, answer: 'SignupConfig' },
  'GET /membership-types': { operationId: 'listMembershipTypes', summary: 'The listed membership types', query: 'ListParams', status: 200, answer: 'MembershipTypePage' },
  'GET /membership-types/{id}': { operationId: 'retrieveMembershipType', summary: 'One membership type (hidden ones included)', status: 200, answer: 'MembershipType' },
  'POST /discounts/validate': { operationId: 'validateDiscount', summary: 'Checks a discount code for a membership type', body: 'DiscountValidateParams', status: 200, answer: 'Discount' },
  'POST /signups': { operationId: 'createSignup', summary: 'Starts a signup', body: 'SignupCreateParams', status: 201, answer: 'Signup' },
  'GET /signups/{id}': { operationId: 'retrieveSignup', summary: 'The signup as it is now', status: 200, answer: 'Signup' },
  'GET /me': { operationId: 'retrieveMe', summary: 'The signed-in member, their memberships and permissions', status: 200, answer: 'Me' },
  'POST /me/memberships/{id}/renew': { operationId: 'renewMyMembership', summary: 'Renews one of the member’s memberships', body: 'MembershipRenewParams', optionalBody: true, status: 201, answer: 'Signup' },
  'POST /me/memberships/{id}/cancel': { operationId: 'cancelMyMembership', summary: 'Cancels one of the member’s memberships (kept until its term ends), with an optional reason', body: 'MembershipCancelParams', optionalBody: true, status: 200, answer: 'Membership' },
  'POST /me/memberships/{id}/auto-renew': { operationId: 'setMyAutoRenew', summary: 'Switches automatic renewal of one of the member’s memberships', body: 'AutoRenewParams', status: 200, answer: 'Membership' },
  'POST /me/memberships/{id}/card-update-session': { operationId: 'createMyCardUpdateSession', summary: 'A page at the payment processor where the member replaces the card their renewals charge', body: 'CardUpdateSessionCreateParams', optionalBody: true, status: 201, answer: 'CardUpdateSession' },
  'GET /me/receipts': { operationId: 'listMyReceipts', summary: 'The member’s receipts, newest first', query: 'ListParams', status: 200, answer: 'ReceiptPage' },
  'GET /members': { operationId: 'listMembers', summary: 'Members (`?email=` finds one, `?q=` searches email and names, `?status=`)', query: 'MemberListParams', status: 200, answer: 'MemberPage' },
  'POST /members': { operationId: 'createMember', summary: 'Adds a member', body: 'MemberCreateParams', status: 201, answer: 'Member' },
  'GET /members/{id}': { operationId: 'retrieveMember', summary: 'One member', status: 200, answer: 'Member' },
  'GET /members/export': { operationId: 'exportMembers', summary: 'The members the search finds, as CSV with a column per custom field', query: 'MemberExportParams', status: 200, answer: 'MembersCsv', answerType: 'text/csv' },
  'GET /members/{id}/memberships': { operationId: 'listMemberMemberships', summary: 'One member’s memberships (their company’s too), each with its term history', query: 'ListParams', status: 200, answer: 'AdminMembershipPage' },
  'GET /members/{id}/permissions': { operationId: 'retrieveMemberPermissions', summary: 'What a member may do, and which memberships grant it', status: 200, answer: 'Permissions' },
  'GET /memberships': { operationId: 'listMemberships', summary: 'Memberships', query: 'MembershipListParams', status: 200, answer: 'AdminMembershipPage' },
  'POST /memberships': { operationId: 'createMembership', summary: 'Assigns a membership by hand (no payment)', body: 'MembershipCreateParams', status: 201, answer: 'AdminMembership' },
  'GET /memberships/{id}': { operationId: 'retrieveMembership', summary: 'One membership', status: 200, answer: 'AdminMembership' },
  'POST /memberships/{id}/cancel': { operationId: 'cancelMembership', summary: 'Cancels a membership', status: 200, answer: 'AdminMembership' },
  'POST /memberships/{id}/refunds': { operationId: 'refundMembership', summary: 'Refunds the current term, in full or in part (a full refund ends the membership unless keep_access)', body: 'MembershipRefundParams', optionalBody: true, status: 200, answer: 'AdminMembership' },
  'POST /memberships/{id}/approve': { operationId: 'approveMembership', summary: 'Approves an application', status: 200, answer: 'AdminMembership' },
  'POST /memberships/{id}/decline': { operationId: 'declineMembership', summary: 'Declines an application', status: 200, answer: 'AdminMembership' },
  'POST /companies': { operationId: 'createCompany', summary: 'Creates a company', body: 'CompanyCreateParams', status: 201, answer: 'Company' },
  'GET /companies/{id}': { operationId: 'retrieveCompany', summary: 'One company and its members', status: 200, answer: 'Company' },
  'POST /companies/{id}': { operationId: 'updateCompany', summary: 'Renames a company or changes its contact', body: 'CompanyUpdateParams', status: 200, answer: 'Company' },
  'POST /companies/{id}/members': { operationId: 'addCompanyMember', summary: 'Adds a member to a company', body: 'CompanyAddMemberParams', status: 200, answer: 'Company' },
  'GET /settings': { operationId: 'retrieveSettings', summary: 'The organization’s settings', status: 200, answer: 'OrganizationSettings' },
  'POST /settings': { operationId: 'updateSettings', summary: 'Changes the organization’s settings', body: 'OrganizationSettingsUpdateParams', status: 200, answer: 'OrganizationSettings' },
  'POST /membership-types': { operationId: 'createMembershipType', summary: 'Creates a membership type', body: 'MembershipTypeCreateParams', status: 201, answer: 'MembershipType' },
  'POST /membership-types/{id}': { operationId: 'updateMembershipType', summary: 'Changes a membership type (memberships sold keep their terms until renewed)', body: 'MembershipTypeUpdateParams', status: 200, answer: 'MembershipType' },
  'POST /membership-types/{id}/archive': { operationId: 'archiveMembershipType', summary: 'Archives a membership type (no new signups)', status: 200, answer: 'MembershipType' },
  'GET /discounts': { operationId: 'listDiscounts', summary: 'Every discount code, with its redemptions', query: 'ListParams', status: 200, answer: 'AdminDiscountPage' },
  'GET /discounts/{id}': { operationId: 'retrieveDiscount', summary: 'One discount code, with its redemptions', status: 200, answer: 'AdminDiscount' },
  'POST /discounts': { operationId: 'createDiscount', summary: 'Creates a discount code', body: 'DiscountCreateParams', status: 201, answer: 'AdminDiscount' },
  'POST /discounts/{id}': { operationId: 'updateDiscount', summary: 'Changes a discount code’s terms', body: 'DiscountUpdateParams', status: 200, answer: 'AdminDiscount' },
  'GET /invitations': { operationId: 'listInvitations', summary: 'Every invitation, with its status', query: 'ListParams', status: 200, answer: 'InvitationPage' },
  'POST /invitations': { operationId: 'createInvitation', summary: 'Invites someone to an invite-only type (optionally one email, with an expiry)', body: 'InvitationCreateParams', status: 201, answer: 'Invitation' },
  'POST /invitations/{id}/revoke': { operationId: 'revokeInvitation', summary: 'Revokes an invitation (no signup may use it)', status: 200, answer: 'Invitation' },
  'GET /applications': { operationId: 'listApplications', summary: 'The open applications: awaiting approval, or approved and unpaid', query: 'ApplicationListParams', status: 200, answer: 'ApplicationPage' },
  'GET /applications/{id}': { operationId: 'retrieveApplication', summary: 'One application, open or finished', status: 200, answer: 'Application' },
  'POST /applications/{id}/approve': { operationId: 'approveApplication', summary: 'Approves an application (a paid one then awaits payment)', status: 200, answer: 'Application' },
  'POST /applications/{id}/decline': { operationId: 'declineApplication', summary: 'Declines an application (the applicant is told)', status: 200, answer: 'Application' },
  'POST /discounts/{id}/deactivate': { operationId: 'deactivateDiscount', summary: 'Deactivates a discount code (no new signups may use it)', status: 200, answer: 'AdminDiscount' },
  'POST /auth/email-codes': { operationId: 'sendEmailCode', summary: 'Emails a sign-in code (and a one-click link); the same answer for any address', body: 'EmailCodeCreateParams', status: 201, answer: 'EmailCode' },
  'POST /auth/tokens': { operationId: 'createMemberSession', summary: 'Exchanges a code, link token or refresh token for a member token', body: 'TokenCreateParams', status: 201, answer: 'MemberSession' },
  'POST /member-tokens': { operationId: 'createMemberToken', summary: 'Mints a member token for a member the host site signed in', body: 'MemberTokenCreateParams', status: 201, answer: 'MemberToken' },
  'DELETE /companies/{id}/members/{member_id}': { operationId: 'removeCompanyMember', summary: 'Removes a member from a company', status: 200, answer: 'Company' },
  'POST /webhook-endpoints': { operationId: 'createWebhookEndpoint', summary: 'Subscribes an endpoint to events (its signing secret is answered once)', body: 'WebhookEndpointCreateParams', status: 201, answer: 'WebhookEndpointCreated' },
  'GET /webhook-endpoints': { operationId: 'listWebhookEndpoints', summary: 'The endpoints subscribed to events', status: 200, answer: 'WebhookEndpointPage' },
  'DELETE /webhook-endpoints/{id}': { operationId: 'deleteWebhookEndpoint', summary: 'Removes an endpoint (its delivery log stays)', status: 200, answer: 'WebhookEndpoint' },
  'GET /webhook-endpoints/{id}/deliveries': { operationId: 'listWebhookDeliveries', summary: 'An endpoint’s delivery log, newest first', status: 200, answer: 'WebhookDeliveryPage' },
};

/** Every route of the API (@memberkit/api's route table), with its schemas; one missing from `schemasOf` is an error. */
export const routes: readonly Route[] = apiRoutes.map((route) => {
  const path = route.path.replace(/^\/organizations\/:org/, '').replace(/:([a-z_]+)/g, '{$1}') || '/';
  const key = `${route.method} ${path}`;
  const schemas = schemasOf[key];
  if (!schemas) throw new Error(`openapi.ts: no schemas for the API's route ${key}: add it to schemasOf`);
  return {
    method: route.method.toLowerCase() as Route['method'],
    path,
    access: route.access as Access,
    idempotent: route.method !== 'GET',
    idempotencyRequired: route.requiresIdempotencyKey === true,
    ...schemas,
  };
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** JSON Schema (2020-12, which OpenAPI 3.1 uses) of every component, referencing each other by name. */
function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` });
  const cleaned: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _, $id: __, ...rest } = schema as Record<string, unknown>;
    cleaned[id] = rest;
  }
  return cleaned;
}

/** Query parameters from an object schema's properties. */
function queryParameters(schemas: Record<string, unknown>, name: string): unknown[] {
  const schema = schemas[name] as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([parameter, property]) => ({
    name: parameter,
    in: 'query',
    required: schema.required?.includes(parameter) ?? false,
    schema: property,
  }));
}

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

/** The whole document. `serverUrl`: the API's base (…/v1). */
export function openApiDocument(serverUrl = 'https://api.example/v1'): Record<string, unknown> {
  const schemas = componentSchemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/organizations/{org}${route.path}`;
    const pathParameters = [...path.matchAll(/\{([a-z_]+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string', minLength: 1 } }));
    const parameters: unknown[] = [...pathParameters, ...(route.query ? queryParameters(schemas, route.query) : [])];
    if (route.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: route.idempotencyRequired === true,
        description: 'The same key and body answer the stored response; another body with the key is refused (422 idempotency_key_reused); the same key while the first runs gets 409 idempotency_conflict.',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      });
    }
    paths[path] ??= {};
    paths[path][route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.access],
      security: route.access === 'public' ? [] : [{ [route.access === 'admin' ? 'secretKey' : 'memberToken']: [] }],
      parameters,
      ...(route.body ? { requestBody: { required: !route.optionalBody, content: { 'application/json': { schema: ref(route.body) } } } } : {}),
      responses: {
        [route.status]: { description: 'Success', content: { [route.answerType ?? 'application/json']: { schema: ref(route.answer) } } },
        '4XX': problemResponse('A problem the caller can fix (see `code`)'),
        '5XX': problemResponse('A problem on the server’s side'),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'memberkit membership API',
      version: '1',
      description: 'Membership signup for organizations. Generated from the schemas of @memberkit/sdk.',
    },
    servers: [{ url: serverUrl }],
    tags: [
      { name: 'public', description: 'No credentials: what a signup page needs' },
      { name: 'member', description: 'A member token (Authorization: Bearer …) minted by the organization’s backend' },
      { name: 'admin', description: 'The organization’s secret key (Authorization: Bearer sk_…), for its own servers' },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        secretKey: { type: 'http', scheme: 'bearer', description: 'sk_live_…' },
        memberToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
    },
  };
}

/** The committed file's text (docs/openapi.json): the document for the default server, 2-space JSON. */
export function openApiText(serverUrl = 'http://localhost:8080/v1'): string {
  return `${JSON.stringify(openApiDocument(serverUrl), null, 2)}\n`;
}
