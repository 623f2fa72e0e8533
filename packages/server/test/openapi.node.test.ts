// The OpenAPI document: generated from the SDK's schemas, committed as docs/openapi.json (this
// fails while that copy is stale: `npm run openapi`), every reference resolving, and served at
// /openapi.json with the server's own origin.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { apiRoutes } from '@memberkit/api';
import pino from 'pino';
import { createServer, openPgliteStorage, parseConfig } from '../src/index.js';
import { openApiDocument, openApiText, routes } from '../src/openapi.js';
import { serverSuiteHost, type ServerSuiteHost } from './suite-host.js';

const committed = new URL('../../../docs/openapi.json', import.meta.url);

describe('the OpenAPI document', () => {
  it('docs/openapi.json is what the SDK’s schemas generate today (else: npm run openapi)', () => {
    assert.equal(readFileSync(committed, 'utf8'), openApiText(), 'docs/openapi.json is stale: run `npm run openapi` and commit it');
  });

  it('is OpenAPI 3.1 with every route once, and every $ref resolves to a component', () => {
    const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { operationId: string }>>; components: { schemas: Record<string, unknown> } };
    assert.equal(document.openapi, '3.1.0');
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
    assert.equal(new Set(operations).size, routes.length);
    // Every route of the API's own table is in it.
    assert.equal(routes.length, apiRoutes.length);
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map(([, ref]) => ref!);
    assert.ok(refs.length > routes.length);
    for (const ref of refs) {
      const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
      assert.ok(name && Object.hasOwn(document.components.schemas, name), `${ref} resolves`);
    }
    // The signup's body is the SDK's, required fields included.
    const signup = document.components.schemas.SignupCreateParams as { required: string[] };
    assert.deepEqual([...signup.required].sort(), ['fields', 'member', 'membership_type_id']);
  });

  it('the server serves it at /openapi.json, naming its own origin', async () => {
    const server = await createServer(parseConfig({ PORT: '0', HOST: '127.0.0.1' }), {
      api: () => async () => new Response(null, { status: 404 }),
      logger: pino({ level: 'silent' }),
      storage: await openPgliteStorage(),
    });
    try {
      const response = await server.app.request('http://members.example:8080/openapi.json');
      assert.equal(response.status, 200);
      const served = await response.json();
      assert.deepEqual(served.servers, [{ url: 'http://members.example:8080/v1' }]);
      assert.deepEqual(served.paths, openApiDocument().paths);
    } finally {
      await server.close();
    }
  });
});

describe('the API’s answers match the OpenAPI document', () => {
  let host: ServerSuiteHost;
  const document = openApiDocument() as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> }>> };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(document, 'memberkit');
  const covered = new Set<string>();

  before(async () => {
    host = await serverSuiteHost(await openPgliteStorage());
    await host.reset();
  });
  after(() => host.close());

  /** Sends the request, finds its operation and declared answer, and validates the body against it. */
  async function check(method: string, template: string, path: string, options: { body?: unknown; auth?: string } = {}): Promise<any> {
    const headers: Record<string, string> = { 'Idempotency-Key': crypto.randomUUID() };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.auth) headers.Authorization = `Bearer ${options.auth}`;
    const response = await fetch(`${host.baseUrl}/organizations/demo${path}`, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
    const operation = document.paths[`/organizations/{org}${template}`]?.[method.toLowerCase()];
    assert.ok(operation, `${method} ${template} is in the document`);
    covered.add(operation.operationId);
    const declared = operation.responses[String(response.status)] ?? operation.responses[`${String(response.status)[0]}XX`];
    assert.ok(declared, `${method} ${path}: status ${response.status} is declared`);
    const type = response.headers.get('content-type')!.split(';')[0]!;
    const content = declared.content[type];
    assert.ok(content, `${method} ${path}: ${type} is declared for ${response.status}`);
    const body = type.startsWith('text/') ? await response.text() : await response.json();
    const validate = ajv.getSchema(`memberkit${content.schema.$ref}`)!;
    assert.ok(validate(body), `${method} ${path} (${response.status}): ${ajv.errorsText(validate.errors)}`);
    return body;
  }

  it('every route, answered as the document says (successes and problems)', async () => {
    const admin = { auth: 'sk_test_sandbox' };
    await check('GET', '/signup-config', '/signup-config?membership_type=annual');
    await check('GET', '/membership-types', '/membership-types?limit=2');
    await check('GET', '/membership-types/{id}', '/membership-types/annual');
    await check('GET', '/membership-types/{id}', '/membership-types/nope');
    await check('POST', '/discounts/validate', '/discounts/validate', { body: { code: 'WELCOME20', membership_type_id: 'annual' } });
    await check('POST', '/discounts/validate', '/discounts/validate', { body: { code: 'SPRING2020', membership_type_id: 'annual' } });
    const free = await check('POST', '/signups', '/signups', { body: { membership_type_id: 'free', member: { email: `doc.${Date.now()}@example.org`, first_name: 'Doc', last_name: 'Check' }, fields: {} } });
    const paid = await check('POST', '/signups', '/signups', { body: { membership_type_id: 'monthly', member: { email: `paid.${Date.now()}@example.org`, first_name: 'Doc', last_name: 'Check' }, fields: {} } });
    assert.equal(paid.next_action.type, 'payment');
    await check('GET', '/signups/{id}', `/signups/${free.id}`);
    const token = await host.memberToken('demo', 'alice@example.org');
    const me = await check('GET', '/me', '/me', { auth: token });
    await check('POST', '/me/memberships/{id}/renew', `/me/memberships/${me.memberships[0].id}/renew`, { auth: token, body: {} });
    await check('POST', '/me/memberships/{id}/auto-renew', `/me/memberships/${me.memberships[0].id}/auto-renew`, { auth: token, body: { auto_renew: true } });
    await check('GET', '/me/receipts', '/me/receipts', { auth: token });
    await check('POST', '/me/memberships/{id}/cancel', `/me/memberships/${me.memberships[0].id}/cancel`, { auth: token, body: { reason: 'Moving away' } });
    const members = await check('GET', '/members', '/members?limit=3', admin);
    const member = await check('POST', '/members', '/members', { ...admin, body: { email: `admin.${Date.now()}@example.org`, first_name: 'Ad', last_name: 'Min' } });
    await check('GET', '/members/{id}', `/members/${members.data[0].id}`, admin);
    await check('GET', '/members/export', '/members/export?q=example.org', admin);
    await check('GET', '/members/export', '/members/export?status=gold', admin);
    await check('GET', '/members/{id}/memberships', '/members/mem_alice/memberships', admin);
    await check('GET', '/members/{id}/memberships', '/members/mem_nope/memberships', admin);
    await check('GET', '/members/{id}/permissions', `/members/${members.data[0].id}/permissions`, admin);
    await check('GET', '/memberships', '/memberships?limit=3', admin);
    const assigned = await check('POST', '/memberships', '/memberships', { ...admin, body: { membership_type_id: 'free', member_id: member.id } });
    await check('GET', '/memberships/{id}', `/memberships/${assigned.id}`, admin);
    await check('POST', '/memberships/{id}/refunds', `/memberships/${assigned.id}/refunds`, { ...admin, body: {} });
    await check('POST', '/memberships/{id}/cancel', `/memberships/${assigned.id}/cancel`, admin);
    const applicant = (n: string) => ({ membership_type_id: 'committee', member: { email: `apply.${n}.${Date.now()}@example.org`, first_name: 'Ap', last_name: 'Plicant' }, fields: { motivation: 'To help run the workshop' } });
    const application = await check('POST', '/signups', '/signups', { body: applicant('a') });
    await check('POST', '/memberships/{id}/approve', `/memberships/${application.membership.id}/approve`, admin);
    const declined = await check('POST', '/signups', '/signups', { body: applicant('b') });
    await check('POST', '/memberships/{id}/decline', `/memberships/${declined.membership.id}/decline`, admin);
    const company = await check('POST', '/companies', '/companies', { ...admin, body: { name: 'Docs Inc.' } });
    await check('GET', '/companies/{id}', `/companies/${company.id}`, admin);
    await check('POST', '/companies/{id}', `/companies/${company.id}`, { ...admin, body: { contact_email: 'office@docs.example' } });
    await check('POST', '/companies/{id}', `/companies/${company.id}`, { ...admin, body: { contact_email: 'nope' } });
    await check('POST', '/companies/{id}/members', `/companies/${company.id}/members`, { ...admin, body: { member_id: member.id } });
    await check('DELETE', '/companies/{id}/members/{member_id}', `/companies/${company.id}/members/${member.id}`, admin);
    const endpoint = await check('POST', '/webhook-endpoints', '/webhook-endpoints', { ...admin, body: { url: 'https://hooks.example.org/memberkit', events: ['membership.created'] } });
    await check('POST', '/webhook-endpoints', '/webhook-endpoints', { ...admin, body: { url: 'http://hooks.example.org/x', events: ['membership.created'] } });
    await check('GET', '/webhook-endpoints', '/webhook-endpoints', admin);
    await check('GET', '/webhook-endpoints/{id}/deliveries', `/webhook-endpoints/${endpoint.id}/deliveries`, admin);
    await check('DELETE', '/webhook-endpoints/{id}', `/webhook-endpoints/${endpoint.id}`, admin);
    await check('DELETE', '/webhook-endpoints/{id}', `/webhook-endpoints/${endpoint.id}`, admin);
    await check('GET', '/members', '/members', { auth: token });
    await check('GET', '/settings', '/settings', admin);
    await check('POST', '/settings', '/settings', { ...admin, body: { currency: 'xyz' } });
    await check('POST', '/settings', '/settings', { ...admin, body: { name: 'Docs Club' } });
    const type = await check('POST', '/membership-types', '/membership-types', { ...admin, body: { membership_name: 'Docs type', price: { value: 100 }, duration_interval_type: 'year' } });
    await check('POST', '/membership-types/{id}', `/membership-types/${type.id}`, { ...admin, body: { featured: true } });
    await check('POST', '/membership-types/{id}/archive', `/membership-types/${type.id}/archive`, admin);
    await check('POST', '/membership-types/{id}/archive', '/membership-types/free/archive', admin);
    const discount = await check('POST', '/discounts', '/discounts', { ...admin, body: { code: 'DOCS10', percent_off: 10 } });
    await check('POST', '/discounts', '/discounts', { ...admin, body: { code: 'docs10', percent_off: 10, amount_off: 100 } });
    await check('GET', '/discounts', '/discounts?limit=3', admin);
    await check('GET', '/discounts/{id}', `/discounts/${discount.id}`, admin);
    await check('GET', '/discounts/{id}', '/discounts/dc_nope', admin);
    await check('POST', '/discounts/{id}', `/discounts/${discount.id}`, { ...admin, body: { max_redemptions: 5 } });
    await check('POST', '/discounts/{id}/deactivate', `/discounts/${discount.id}/deactivate`, admin);
    const invitation = await check('POST', '/invitations', '/invitations', { ...admin, body: { membership_type_id: 'founders', email: 'docs.invited@example.org', expires_on: '2099-12-31' } });
    await check('POST', '/invitations', '/invitations', { ...admin, body: { membership_type_id: 'nope' } });
    await check('GET', '/invitations', '/invitations?limit=3', admin);
    await check('POST', '/invitations/{id}/revoke', `/invitations/${invitation.id}/revoke`, admin);
    const staffApplication = await check('POST', '/signups', '/signups', { body: { membership_type_id: 'committee', member: { email: `applicant.${Date.now()}@example.org`, first_name: 'Doc', last_name: 'Check' }, fields: { motivation: 'I would like to help run the club.' } } });
    await check('GET', '/applications', '/applications?limit=3', admin);
    await check('GET', '/applications/{id}', `/applications/${staffApplication.id}`, admin);
    await check('POST', '/applications/{id}/approve', `/applications/${staffApplication.id}/approve`, admin);
    await check('POST', '/applications/{id}/decline', `/applications/${staffApplication.id}/decline`, admin);
    await check('POST', '/applications/{id}/decline', `/applications/${staffApplication.id}/decline`, admin);
    await check('POST', '/me/memberships/{id}/card-update-session', '/me/memberships/ms_alice_annual/card-update-session', { auth: await host.memberToken('demo', 'alice@example.org') });
    await check('POST', '/auth/email-codes', '/auth/email-codes', { body: { email: 'docs.sign-in@example.org' } });
    await check('POST', '/auth/tokens', '/auth/tokens', { body: { email: 'docs.sign-in@example.org', code: '000000x' } });
    await check('POST', '/member-tokens', '/member-tokens', { ...admin, body: { email: 'docs.minted@example.org' } });
    assert.deepEqual([...covered].sort(), routes.map((route) => route.operationId).sort(), 'every route of the document was answered');
  });
});
