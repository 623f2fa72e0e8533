// The OpenAPI 3.1 document of the membership API, generated from the SDK's zod schemas (zod 4's
// JSON Schema output): the SDK's schemas are the contract, this only says which route takes and
// answers which. Served at /openapi.json and committed as docs/openapi.json (a test fails when
// that copy is stale: regenerate it with `node scripts/openapi.mjs`).
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
  /** Sends (and needs, for the signup) an Idempotency-Key. */
  idempotent?: boolean;
  status: 200 | 201;
  /** Component name of the answer's schema. */
  answer: string;
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
  MembershipListParams: sdk.MembershipListParamsSchema,
  DiscountValidateParams: sdk.DiscountValidateParamsSchema,
  SignupCreateParams: sdk.SignupCreateParamsSchema,
  MembershipRenewParams: sdk.MembershipRenewParamsSchema,
  MemberCreateParams: sdk.MemberCreateParamsSchema,
  MembershipCreateParams: sdk.MembershipCreateParamsSchema,
  CompanyCreateParams: sdk.CompanyCreateParamsSchema,
  CompanyAddMemberParams: sdk.CompanyAddMemberParamsSchema,
};

/** Every route of the API, as the SDK's resources call them. */
export const routes: readonly Route[] = [
  { method: 'get', path: '/signup-config', operationId: 'retrieveSignupConfig', summary: 'Everything a signup page needs, in one round trip', access: 'public', query: 'SignupConfigParams', status: 200, answer: 'SignupConfig' },
  { method: 'get', path: '/membership-types', operationId: 'listMembershipTypes', summary: 'The listed membership types', access: 'public', query: 'ListParams', status: 200, answer: 'MembershipTypePage' },
  { method: 'get', path: '/membership-types/{id}', operationId: 'retrieveMembershipType', summary: 'One membership type (hidden ones included)', access: 'public', status: 200, answer: 'MembershipType' },
  { method: 'post', path: '/discounts/validate', operationId: 'validateDiscount', summary: 'Checks a discount code for a membership type', access: 'public', body: 'DiscountValidateParams', status: 200, answer: 'Discount' },
  { method: 'post', path: '/signups', operationId: 'createSignup', summary: 'Starts a signup', access: 'public', body: 'SignupCreateParams', idempotent: true, status: 201, answer: 'Signup' },
  { method: 'get', path: '/signups/{id}', operationId: 'retrieveSignup', summary: 'The signup as it is now', access: 'public', status: 200, answer: 'Signup' },
  { method: 'get', path: '/me', operationId: 'retrieveMe', summary: 'The signed-in member, their memberships and permissions', access: 'member', status: 200, answer: 'Me' },
  { method: 'post', path: '/me/memberships/{id}/renew', operationId: 'renewMyMembership', summary: 'Renews one of the member’s memberships', access: 'member', body: 'MembershipRenewParams', optionalBody: true, idempotent: true, status: 201, answer: 'Signup' },
  { method: 'post', path: '/me/memberships/{id}/cancel', operationId: 'cancelMyMembership', summary: 'Cancels one of the member’s memberships', access: 'member', idempotent: true, status: 200, answer: 'Membership' },
  { method: 'get', path: '/members', operationId: 'listMembers', summary: 'Members (`?email=` finds one)', access: 'admin', query: 'MemberListParams', status: 200, answer: 'MemberPage' },
  { method: 'post', path: '/members', operationId: 'createMember', summary: 'Adds a member', access: 'admin', body: 'MemberCreateParams', idempotent: true, status: 201, answer: 'Member' },
  { method: 'get', path: '/members/{id}', operationId: 'retrieveMember', summary: 'One member', access: 'admin', status: 200, answer: 'Member' },
  { method: 'get', path: '/members/{id}/permissions', operationId: 'retrieveMemberPermissions', summary: 'What a member may do, and which memberships grant it', access: 'admin', status: 200, answer: 'Permissions' },
  { method: 'get', path: '/memberships', operationId: 'listMemberships', summary: 'Memberships', access: 'admin', query: 'MembershipListParams', status: 200, answer: 'MembershipPage' },
  { method: 'post', path: '/memberships', operationId: 'createMembership', summary: 'Assigns a membership by hand (no payment)', access: 'admin', body: 'MembershipCreateParams', idempotent: true, status: 201, answer: 'Membership' },
  { method: 'post', path: '/memberships/{id}/cancel', operationId: 'cancelMembership', summary: 'Cancels a membership', access: 'admin', idempotent: true, status: 200, answer: 'Membership' },
  { method: 'post', path: '/companies', operationId: 'createCompany', summary: 'Creates a company', access: 'admin', body: 'CompanyCreateParams', idempotent: true, status: 201, answer: 'Company' },
  { method: 'post', path: '/companies/{id}/members', operationId: 'addCompanyMember', summary: 'Adds a member to a company', access: 'admin', body: 'CompanyAddMemberParams', idempotent: true, status: 200, answer: 'Company' },
  { method: 'delete', path: '/companies/{id}/members/{member_id}', operationId: 'removeCompanyMember', summary: 'Removes a member from a company', access: 'admin', idempotent: true, status: 200, answer: 'Company' },
];

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
        required: route.operationId === 'createSignup',
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
        [route.status]: { description: 'Success', content: { 'application/json': { schema: ref(route.answer) } } },
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
