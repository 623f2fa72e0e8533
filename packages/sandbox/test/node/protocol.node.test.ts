// Contract tests, protocol: Request-Id, problem+json, idempotency, size limit, auth header, 404,
// injected faults, response validation, persistence options.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getResponse } from 'msw';
import {
  APIConnectionError,
  APITimeoutError,
  ConflictError,
  InternalServerError,
  PayloadTooLargeError,
  ProblemSchema,
  RateLimitError,
  UnprocessableEntityError,
} from '@memberkit/sdk';
import { apiRoutes } from '@memberkit/api';
import { createSandbox, demoData } from '@memberkit/sandbox';
import { setupSandboxServer } from '@memberkit/sandbox/node';
import { TODAY, clientFor, freshEmail, rejection, signupParams } from '../helpers.js';

const server = setupSandboxServer({ today: TODAY, validateResponses: true });
const sandbox = server.sandbox;
const client = () => clientFor(sandbox);
const url = (path: string) => `${sandbox.baseUrl}/organizations/demo${path}`;
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(() => {
  sandbox.reset();
  sandbox.setLatency(0);
});
afterEach(() => assert.deepEqual(sandbox.responseErrors.map((e) => e.message), []));

describe('Request-Id and problem+json', () => {
  it('every response carries a distinct Request-Id: success, problem, unknown endpoint, 413', async () => {
    const responses = [
      await fetch(url('/membership-types')),
      await fetch(url('/membership-types/nope')),
      await fetch(`${sandbox.baseUrl}/nowhere`),
      await post('/signups', JSON.stringify({ pad: 'x'.repeat(70_000) }), { 'idempotency-key': 'big' }),
      await fetch(`${sandbox.baseUrl}/_sandbox/checkout/cs_nope`),
    ];
    const ids = responses.map((response) => response.headers.get('request-id'));
    for (const id of ids) assert.match(id ?? '', /^req_/);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(responses.map((r) => r.status), [200, 404, 404, 413, 404]);
  });

  it('errors are application/problem+json bodies that match the SDK’s ProblemSchema', async () => {
    const response = await fetch(url('/membership-types/nope'));
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    const body = await response.json();
    assert.ok(ProblemSchema.safeParse(body).success);
    assert.deepEqual([body.status, body.code, body.title], [404, 'not_found', 'Not found']);
    assert.match(body.type, /not_found$/);
  });

  it('answers a CORS preflight for every route (for a sandbox behind a real HTTP server)', async () => {
    const response = await fetch(url('/signups'), { method: 'OPTIONS' });
    assert.equal(response.status, 204);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });

  it('a known path with a method it does not take is 405 method_not_allowed with Allow', async () => {
    const cases: [string, string, string][] = [
      ['DELETE', url('/membership-types/annual'), 'GET, POST'],
      ['DELETE', url('/signups'), 'POST'],
      ['GET', `${sandbox.baseUrl}/_sandbox/checkout/cs_x/confirm`, 'POST'],
      ['DELETE', url('/memberships'), 'GET, POST'],
    ];
    for (const [method, target, allow] of cases) {
      const response = await fetch(target, { method });
      assert.equal(response.status, 405, `${method} ${target}`);
      assert.equal(response.headers.get('allow'), allow);
      assert.equal((await response.json()).code, 'method_not_allowed');
    }
  });

  it('an unknown endpoint under the base URL is 404 not_found', async () => {
    const response = await fetch(url('/payments'));
    assert.equal(response.status, 404);
    assert.equal((await response.json()).code, 'not_found');
  });

  it('a body that is not JSON is 400 invalid_json; a malformed Authorization header 401', async () => {
    const broken = await post('/discounts/validate', '{"code":');
    assert.equal(broken.status, 400);
    assert.equal((await broken.json()).code, 'invalid_json');
    const basic = await fetch(url('/membership-types'), { headers: { authorization: 'Basic abc' } });
    assert.equal(basic.status, 401);
  });

  it('a payload over the limit (64 KiB) is 413 payload_too_large', async () => {
    const error = await rejection(
      client().signups.create(signupParams({ fields: { essay: 'x'.repeat(70_000) } })),
    );
    assert.ok(error instanceof PayloadTooLargeError);
    assert.equal(error.code, 'payload_too_large');
  });
});

describe('idempotency (Idempotency-Key)', () => {
  it('same key + same body → the stored response, and no second member or membership', async () => {
    const params = signupParams({ membership_type_id: 'monthly' });
    const first = await client().signups.create(params, { idempotencyKey: 'k-same' });
    const second = await client().signups.create(structuredClone(params), { idempotencyKey: 'k-same' });
    assert.deepEqual(second, first);
    const raw = await post('/signups', JSON.stringify(params), { 'idempotency-key': 'k-same' });
    assert.equal(raw.headers.get('idempotent-replayed'), 'true');
    assert.equal(raw.status, 201);
    const members = Object.values(sandbox.store.state.members).filter((m) => m.email === params.member.email);
    assert.equal(members.length, 1);
    assert.equal(Object.values(sandbox.store.state.memberships).filter((m) => m.member_id === members[0]!.id).length, 1);
  });

  it('key order in the body does not matter', async () => {
    const params = signupParams();
    const reordered = Object.fromEntries(Object.entries(params).reverse());
    const a = await post('/signups', JSON.stringify(params), { 'idempotency-key': 'k-order' });
    const b = await post('/signups', JSON.stringify(reordered), { 'idempotency-key': 'k-order' });
    assert.equal((await b.json()).id, (await a.json()).id);
  });

  it('same key + different body → 422 idempotency_key_reused (also on another endpoint)', async () => {
    await client().signups.create(signupParams(), { idempotencyKey: 'k-reused' });
    const error = await rejection(client().signups.create(signupParams(), { idempotencyKey: 'k-reused' }));
    assert.ok(error instanceof UnprocessableEntityError);
    assert.equal(error.code, 'idempotency_key_reused');
    const elsewhere = await rejection(client().discounts.validate({ code: 'WELCOME20', membership_type_id: 'annual' }, { idempotencyKey: 'k-reused' }));
    assert.equal(elsewhere.code, 'idempotency_key_reused');
  });

  it('same key while the first request is running → 409 idempotency_conflict', async () => {
    const params = signupParams();
    // The first request is held inside the sandbox (holding its key) until the test releases it.
    const hold = sandbox.holdNextRequest();
    const first = client().signups.create(params, { idempotencyKey: 'k-race' });
    await hold.held;
    const error = await rejection(client().signups.create(params, { idempotencyKey: 'k-race' }));
    assert.ok(error instanceof ConflictError);
    assert.equal(error.code, 'idempotency_conflict');
    hold.release();
    const created = await first;
    // Once the first has finished, the same key answers its stored response.
    const after = await client().signups.create(params, { idempotencyKey: 'k-race' });
    assert.equal(after.id, created.id);
  });

  it('keys are scoped per caller: a member’s key does not collide with an anonymous one', async () => {
    const token = sandbox.issueMemberToken('demo', 'alice@example.org');
    await client().signups.create(signupParams(), { idempotencyKey: 'k-scope' });
    const renewal = await clientFor(sandbox, { token }).me.memberships.renew('ms_alice_annual', { idempotencyKey: 'k-scope' });
    assert.equal(renewal.status, 'awaiting_payment');
  });

  it('exactly the POSTs that create or charge require a key; every other route takes only an optional one (no other setting)', async () => {
    // Every route the sandbox answers is one of @memberkit/api's.
    const routes = apiRoutes as unknown as Record<string, unknown>[];
    assert.equal(sandbox.api.routes, apiRoutes);
    const required = routes.filter((route) => route.requiresIdempotencyKey === true).map((route) => `${route.method} ${route.path}`);
    assert.deepEqual(required.sort(), [
      'POST /organizations/:org/companies',
      'POST /organizations/:org/discounts',
      'POST /organizations/:org/invitations',
      'POST /organizations/:org/me/memberships/:id/renew',
      'POST /organizations/:org/members',
      'POST /organizations/:org/membership-types',
      'POST /organizations/:org/memberships',
      // A refund moves money back: a retried refund must not refund twice.
      'POST /organizations/:org/memberships/:id/refunds',
      'POST /organizations/:org/signups',
      'POST /organizations/:org/webhook-endpoints',
    ]);
    // `prefetch` only names reads a SQL storage may send early; it decides nothing about keys.
    for (const route of routes) {
      assert.deepEqual(Object.keys(route).filter((key) => !['method', 'path', 'access', 'handle', 'requiresIdempotencyKey', 'prefetch'].includes(key)), [], `${route.method} ${route.path}`);
    }
    // Optional still means honoured: a key on discounts/validate is recorded and replayed.
    const body = JSON.stringify({ code: 'WELCOME20', membership_type_id: 'annual' });
    await post('/discounts/validate', body, { 'idempotency-key': 'k-optional' });
    assert.equal((await post('/discounts/validate', body, { 'idempotency-key': 'k-optional' })).headers.get('idempotent-replayed'), 'true');
  });

  it('a signup without Idempotency-Key is refused (400); a rejected request is replayed too', async () => {
    const missing = await post('/signups', JSON.stringify(signupParams()));
    assert.equal(missing.status, 400);
    assert.deepEqual((await missing.json()).errors.map((e: any) => e.field), ['Idempotency-Key']);
    const invalid = JSON.stringify(signupParams({ membership_type_id: 'nope' }));
    const a = await post('/signups', invalid, { 'idempotency-key': 'k-invalid' });
    const b = await post('/signups', invalid, { 'idempotency-key': 'k-invalid' });
    assert.deepEqual([a.status, b.status, b.headers.get('idempotent-replayed')], [422, 422, 'true']);
  });
});

describe('fault injection', () => {
  it('server_error: a 500 with Retry-After, nothing done', async () => {
    const email = freshEmail();
    const error = await rejection(
      client().signups.create(signupParams({ member: { email, first_name: 'A', last_name: 'B' } }), { headers: { 'sandbox-fault': 'server_error' } }),
    );
    assert.ok(error instanceof InternalServerError);
    assert.equal(error.code, 'internal_error');
    assert.equal(error.headers.get('retry-after'), '0');
    assert.equal(sandbox.store.memberByEmail('demo', email), undefined);
  });

  it('rate_limited: 429 with Retry-After', async () => {
    const error = await rejection(client().membershipTypes.list({}, { headers: { 'sandbox-fault': 'rate_limited' } }));
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.code, 'rate_limited');
    assert.ok(error.headers.get('retry-after') !== null);
  });

  it('lost_response: the work is done, the reply dropped; retrying with the key gets the stored result', async () => {
    const params = signupParams();
    const error = await rejection(client().signups.create(params, { idempotencyKey: 'k-lost', headers: { 'sandbox-fault': 'lost_response' } }));
    assert.ok(error instanceof APIConnectionError);
    const member = sandbox.store.memberByEmail('demo', params.member.email);
    assert.ok(member, 'the signup happened');
    const retried = await client().signups.create(params, { idempotencyKey: 'k-lost' });
    assert.equal(retried.member.id, member.id);
    assert.equal(Object.values(sandbox.store.state.memberships).filter((m) => m.member_id === member.id).length, 1);
  });

  it('timeout: the request hangs past the client’s timeout, nothing done', async () => {
    const params = signupParams();
    const error = await rejection(client().signups.create(params, { timeout: 30, headers: { 'sandbox-fault': 'timeout' } }));
    assert.ok(error instanceof APITimeoutError);
    assert.equal(sandbox.store.memberByEmail('demo', params.member.email), undefined);
  });

  it('the client retries injected faults on safe requests and idempotent POSTs', async () => {
    sandbox.setFaults({ rate: 0.5, seed: 7, kinds: ['server_error', 'lost_response', 'rate_limited'] });
    try {
      const retrying = clientFor(sandbox, { maxRetries: 20 });
      for (let i = 0; i < 20; i++) await retrying.signups.create(signupParams());
      for (let i = 0; i < 10; i++) await retrying.membershipTypes.retrieve('annual');
      const { server_error, lost_response, rate_limited, timeout } = sandbox.stats.faults;
      assert.ok(server_error > 0 && lost_response > 0 && rate_limited > 0, JSON.stringify(sandbox.stats.faults));
      assert.equal(timeout, 0, 'only the listed kinds are drawn');
      assert.equal(Object.keys(sandbox.store.state.signups).length, 20);
    } finally {
      sandbox.setFaults(null);
    }
  });
});

describe('response validation and options', () => {
  it('validateResponses turns a body that breaks its SDK schema into a 500 and records it', async () => {
    const data = demoData();
    // A lowercase currency breaks CurrencySchema: the sandbox must not answer it silently.
    (data.organizations[0]!.membership_types[0]!.price as { currency: string }).currency = 'usd';
    const broken = createSandbox({ data, today: TODAY, validateResponses: true, baseUrl: 'https://broken.memberkit.test/v1' });
    const response = await getResponse(broken.handlers, new Request('https://broken.memberkit.test/v1/organizations/demo/membership-types/free'));
    assert.equal(response?.status, 500);
    assert.equal((await response!.json()).code, 'sandbox_invalid_response');
    assert.equal(broken.responseErrors.length, 1);
    assert.match(broken.responseErrors[0]!.message, /price\.currency/);
  });

  it('persist session/local needs Web Storage: a clear error in Node', () => {
    assert.throws(() => createSandbox({ persist: 'session' }), /Web Storage/);
  });

  it('reset() brings back the demo data', async () => {
    await client().signups.create(signupParams());
    sandbox.reset();
    assert.equal(Object.keys(sandbox.store.state.signups).length, 0);
    assert.equal(sandbox.store.memberByEmail('demo', 'alice@example.org')?.id, 'mem_alice');
  });

  it('answers under a custom baseUrl only', async () => {
    const other = createSandbox({ baseUrl: 'https://members.example.test/api/v1/' });
    assert.equal(other.baseUrl, 'https://members.example.test/api/v1');
    const response = await getResponse(other.handlers, new Request('https://members.example.test/api/v1/organizations/demo/membership-types'));
    assert.equal(response?.status, 200);
    assert.equal(await getResponse(other.handlers, new Request(`${sandbox.baseUrl}/organizations/demo/membership-types`)), undefined);
  });

  it('today() of an unknown organization is a clear error naming the known ones', () => {
    assert.throws(() => sandbox.today('unknown'), /No organization "unknown" in the sandbox \(it has: demo, demo-jpy, demo-kwd, demo-sections, demo-passes\)/);
  });

  it('seed data whose auto_renew contradicts its type is refused with a clear error', () => {
    const data = demoData();
    const carol = data.organizations[0]!.members!.find((m) => m.id === 'mem_carol')!;
    carol.memberships![0]!.auto_renew = false; // monthly always renews
    assert.throws(() => createSandbox({ data, today: TODAY }), /Seed: membership ms_carol_monthly asks auto_renew false, but type "monthly" always renews automatically/);
  });

  it('rejects a malformed today', () => {
    assert.throws(() => createSandbox({ today: '2026-02-30' }), /YYYY-MM-DD/);
    assert.throws(() => sandbox.setToday('tomorrow'), /YYYY-MM-DD/);
  });
});
