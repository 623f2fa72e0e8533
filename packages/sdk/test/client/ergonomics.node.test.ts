// What a developer reaches for after the first call: reading answers from a newer API
// (`validateResponses`), the HTTP answer of a success (`withResponse`), logs, an endpoint the SDK
// does not wrap (`client.request`), the client header, and typed problem members (`hasCode`).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { APIError, ConflictError, MemberkitError, ResponseValidationError } from '../../src/core/errors.js';
import type { Logger } from '../../src/core/request-options.js';
import * as z from '../../src/schemas/zod.js';
import { VERSION } from '../../src/version.js';
import { alice, aliceAnnual, annual, signup, signupConfig } from '../schemas/fixtures.js';
import { client, orgUrl, problem, useServer } from './helpers.js';

const server = useServer();
const lenient = (options: Parameters<typeof client>[0] = {}) => client({ validateResponses: 'lenient', logger: recorder().logger, ...options });

/** A logger that keeps every line. */
function recorder() {
  const lines: { level: string; message: string; details: Record<string, unknown> | undefined }[] = [];
  const keep = (level: string) => (message: string, details?: Record<string, unknown>) => void lines.push({ level, message, details });
  const logger: Logger = { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
  return { lines, logger };
}

describe("validateResponses: a newer API's answers do not break a deployed client", () => {
  const paused = { ...aliceAnnual, status: 'paused' };
  const me = (membership: object) => HttpResponse.json({ member: alice, memberships: [membership], permissions: [] });

  it("lenient (the default): a status this SDK does not know comes through as its string, with a warning", async () => {
    server.use(http.get(`${orgUrl}/me`, () => me(paused)));
    const { lines, logger } = recorder();
    const [membership] = (await client({ validateResponses: undefined, logger, token: 't' }).me.retrieve()).memberships;
    assert.equal(membership!.status, 'paused');
    assert.equal(membership!.expires_on, aliceAnnual.expires_on);
    assert.deepEqual(lines.map((l) => l.level), ['warn']);
    assert.match(lines[0]!.message, /status is "paused", a value this SDK does not know/);
  });

  it('lenient: a custom field of a new type and a new field of the type come through; the other types too', async () => {
    const newer = { ...annual, fields: [...annual.fields, { ...annual.fields[0]!, key: 'signature', type: 'signature' }], badge: 'gold' };
    server.use(http.get(`${orgUrl}/signup-config`, () => HttpResponse.json({ ...signupConfig, membership_types: [newer, annual] })));
    const config = await lenient().signupConfig.retrieve();
    assert.deepEqual(config.membership_types.map((t) => t.id), [annual.id, annual.id]);
    assert.equal(config.membership_types[0]!.fields.at(-1)!.type, 'signature');
  });

  it('lenient: a list with one item that does not match still returns the others, and says which was left out', async () => {
    const broken = { ...alice, id: 'mem_broken', email: 42 };
    server.use(http.get(`${orgUrl}/members`, () => HttpResponse.json({ data: [alice, broken, { ...alice, id: 'mem_3' }], has_more: false })));
    const { lines, logger } = recorder();
    const page = await client({ validateResponses: 'lenient', logger }).members.list();
    assert.deepEqual(page.data.map((m) => m.id), [alice.id, 'mem_3']);
    assert.match(lines[0]!.message, /left out data\.1 \(invalid_type at data\.1\.email\)/);
  });

  it('lenient: a mismatch outside any list still throws ResponseValidationError', async () => {
    server.use(http.get(`${orgUrl}/signups/${signup.id}`, () => HttpResponse.json({ ...signup, quote: { ...signup.quote, total: '9.00' } })));
    await assert.rejects(lenient().signups.retrieve(signup.id), (e: unknown) => {
      assert.ok(e instanceof ResponseValidationError);
      assert.deepEqual(e.path, ['quote', 'total']);
      return true;
    });
  });

  it("strict: the unknown status throws, naming where; false: the body as received, unchecked", async () => {
    server.use(http.get(`${orgUrl}/me`, () => me(paused)));
    await assert.rejects(client({ validateResponses: 'strict', token: 't' }).me.retrieve(), (e: unknown) => {
      assert.ok(e instanceof ResponseValidationError);
      assert.deepEqual(e.path, ['memberships', 0, 'status']);
      return true;
    });
    server.use(http.get(`${orgUrl}/me`, () => me({ ...paused, expires_on: 20270101 })));
    const raw = (await client({ validateResponses: false, token: 't' }).me.retrieve()).memberships[0]!;
    assert.deepEqual([raw.status, raw.expires_on], ['paused', 20270101]);
  });
});

describe('withResponse(): the HTTP answer of a success', () => {
  it('gives the status, the Request-Id and the headers beside the parsed body; await alone still gives the body', async () => {
    server.use(
      http.post(`${orgUrl}/signups`, () => HttpResponse.json(signup, { status: 201, headers: { 'request-id': 'req_201', 'x-ratelimit-remaining': '9' } })),
    );
    const params = { membership_type_id: 'annual', member: { email: 'a@b.co', first_name: 'A', last_name: 'B' }, fields: {} };
    const { data, response } = await client().signups.create(params).withResponse();
    assert.equal(data.id, signup.id);
    assert.deepEqual([response.status, response.requestId, response.headers.get('x-ratelimit-remaining')], [201, 'req_201', '9']);
    const call = client().signups.create(params);
    assert.ok(call instanceof Promise);
    assert.equal((await call).id, signup.id);
  });

  it('an id that is not a string still rejects (not throws), with withResponse too', async () => {
    const call = client().signups.retrieve(undefined as unknown as string);
    await assert.rejects(call, MemberkitError);
    await assert.rejects(client().signups.retrieve('').withResponse(), MemberkitError);
  });
});

describe('logger and logLevel', () => {
  it('debug: each request (Authorization redacted) and response; info: each retry; the token is in no line', async () => {
    let calls = 0;
    server.use(http.get(`${orgUrl}/me`, () => (++calls === 1 ? problem(503, 'unavailable', {}, { 'retry-after': '0' }) : HttpResponse.json({ member: alice, memberships: [], permissions: [] }))));
    const { lines, logger } = recorder();
    await client({ token: 'tok_secret_123', logger, logLevel: 'debug' }).me.retrieve().catch(() => undefined);
    assert.deepEqual(lines.map((l) => l.level), ['debug', 'debug', 'info', 'debug', 'debug']);
    assert.match(lines[0]!.message, /^memberkit: GET https:\/\/.*\/me$/);
    assert.equal((lines[0]!.details!.headers as Record<string, string>).authorization, '***');
    assert.match(lines[1]!.message, /^memberkit: 503 GET/);
    assert.match(lines[2]!.message, /retrying GET .* 503 unavailable/);
    assert.ok(!JSON.stringify(lines).includes('tok_secret_123'));
  });

  it("the default level, warn, logs nothing for a call that succeeds; 'off' logs nothing at all", async () => {
    server.use(http.get(`${orgUrl}/me`, () => HttpResponse.json({ member: alice, memberships: [{ ...aliceAnnual, status: 'paused' }], permissions: [] })));
    const quiet = recorder();
    server.use(http.get(`${orgUrl}/members/${alice.id}`, () => HttpResponse.json(alice)));
    await client({ logger: quiet.logger }).members.retrieve(alice.id);
    await client({ logger: quiet.logger, logLevel: 'off', validateResponses: 'lenient', token: 't' }).me.retrieve();
    assert.deepEqual(quiet.lines, []);
  });
});

describe('client.request(): an endpoint the SDK does not wrap', () => {
  it('sends with the credentials, checks the body with the schema given, and types it', async () => {
    let seen: Headers | undefined;
    server.use(
      http.post(`${orgUrl}/memberships/ms_1/approve`, ({ request }) => {
        seen = request.headers;
        return HttpResponse.json({ ...aliceAnnual, status: 'active' });
      }),
    );
    const schema = z.object({ id: z.string(), status: z.string() });
    const approved = await client({ secretKey: 'sk_test_x' }).request({ method: 'POST', path: 'memberships/ms_1/approve', schema, idempotent: true });
    assert.deepEqual(approved, { id: aliceAnnual.id, status: 'active' });
    assert.equal(seen?.get('authorization'), 'Bearer sk_test_x');
    assert.ok(seen?.get('idempotency-key'));
  });

  it('without a schema: the JSON as received; a path that leaves the organization is refused before sending', async () => {
    server.use(http.get(`${orgUrl}/signup-config`, () => HttpResponse.json({ anything: [1, 2] })));
    assert.deepEqual(await client().request({ method: 'GET', path: 'signup-config' }), { anything: [1, 2] });
    for (const path of ['../other/members', '/organizations/other/members', 'members//x']) {
      await assert.rejects(client().request({ method: 'GET', path }), /must be relative to the organization/);
    }
  });

  it('maps its errors like every call: a 409 already_member is a ConflictError', async () => {
    server.use(http.post(`${orgUrl}/anything`, () => problem(409, 'already_member', { membership_id: 'ms_9' })));
    await assert.rejects(client().request({ method: 'POST', path: 'anything', body: {} }), ConflictError);
  });
});

describe('Memberkit-Client and typed problem members', () => {
  it('every request from Node says sdk/<version>, the version being the package.json one', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    assert.equal(VERSION, pkg.version);
    let header: string | null = null;
    server.use(http.get(`${orgUrl}/members/${alice.id}`, ({ request }) => ((header = request.headers.get('memberkit-client')), HttpResponse.json(alice))));
    await client().members.retrieve(alice.id);
    assert.equal(header, `sdk/${VERSION}`);
  });

  it("hasCode('already_member') narrows the problem to its membership_id; another code does not match", async () => {
    server.use(http.post(`${orgUrl}/signups`, () => problem(409, 'already_member', { membership_id: 'ms_1', renew_path: '/x' })));
    const error = await client()
      .signups.create({ membership_type_id: 'annual', member: { email: 'a@b.co', first_name: 'A', last_name: 'B' }, fields: {} })
      .catch((e: unknown) => e);
    assert.ok(error instanceof APIError);
    assert.equal(error.hasCode('invalid_discount'), false);
    if (!error.hasCode('already_member')) assert.fail('expected already_member');
    const id: string = error.problem.membership_id;
    assert.equal(id, 'ms_1');
  });
});
