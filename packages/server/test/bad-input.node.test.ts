// Bad input over HTTP: malformed JSON, wrong content types, a 10 MB body, wrong keys, expired and
// forged member tokens, SQL metacharacters in the string fields. Each gets a clear problem (or,
// for text that is merely unusual, is stored exactly as sent), and nothing half stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { base64url, SignJWT } from 'jose';
import { createOrganization, openPgliteStorage } from '../src/index.js';
import { serverSuiteHost, type ServerSuiteHost } from './suite-host.js';

describe('bad input over HTTP', () => {
  let host: ServerSuiteHost;
  const counts = async () => {
    const { storage } = host.server;
    return storage.transaction(async (tx) => ({ members: await tx.count('members', {}), memberships: await tx.count('memberships', {}), signups: await tx.count('signups', {}) }));
  };
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${host.baseUrl}/organizations/demo${path}`, { method: 'POST', body, headers: { 'Idempotency-Key': crypto.randomUUID(), ...headers } });
  const problem = async (response: Response) => [response.status, response.headers.get('content-type'), (await response.json()).code];
  const signupBody = (email: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ membership_type_id: 'free', member: { email, first_name: 'Pat', last_name: 'Doe' }, fields: {}, ...extra });

  before(async () => {
    host = await serverSuiteHost(await openPgliteStorage());
    await host.reset();
  });
  after(() => host.close());

  it('malformed JSON, a form body, a wrong content type: 400 invalid_json, nothing stored', async () => {
    const before = await counts();
    assert.deepEqual(await problem(await post('/signups', '{"membership_type_id": "free", "member": {', { 'Content-Type': 'application/json' })), [400, 'application/problem+json', 'invalid_json']);
    assert.deepEqual(await problem(await post('/signups', 'membership_type_id=free&member[email]=a@example.org', { 'Content-Type': 'application/x-www-form-urlencoded' })), [400, 'application/problem+json', 'invalid_json']);
    assert.deepEqual(await problem(await post('/signups', '<signup/>', { 'Content-Type': 'application/xml' })), [400, 'application/problem+json', 'invalid_json']);
    assert.deepEqual(await problem(await post('/signups', '"a string"', { 'Content-Type': 'application/json' })), [422, 'application/problem+json', 'validation_failed']);
    assert.deepEqual(await counts(), before);
  });

  it('a 10 MB body: 413 payload_too_large, nothing stored', async () => {
    const before = await counts();
    const huge = signupBody('huge@example.org', { padding: 'x'.repeat(10 * 1024 * 1024) });
    assert.deepEqual(await problem(await post('/signups', huge, { 'Content-Type': 'application/json' })), [413, 'application/problem+json', 'payload_too_large']);
    assert.deepEqual(await counts(), before);
  });

  it('wrong secret keys: unknown, another organization’s, malformed: 401 unauthorized', async () => {
    const { secretKey } = await createOrganization(host.server.storage, { id: 'other-club', name: 'Other Club', currency: 'EUR', time_zone: 'Europe/Berlin' });
    const members = (organization: string, auth: string) => fetch(`${host.baseUrl}/organizations/${organization}/members`, { headers: { Authorization: auth } });
    assert.equal((await members('demo', 'Bearer sk_test_sandbox')).status, 200);
    assert.equal((await members('other-club', `Bearer ${secretKey}`)).status, 200);
    for (const [organization, auth] of [
      ['demo', 'Bearer sk_test_wrong'],
      ['demo', `Bearer ${secretKey}`],
      ['other-club', 'Bearer sk_test_sandbox'],
      ['demo', 'Basic c2tfdGVzdDo='],
      ['demo', 'Bearer'],
    ] as const) {
      assert.deepEqual(await problem(await members(organization, auth)), [401, 'application/problem+json', 'unauthorized'], `${organization} ${auth}`);
    }
  });

  it('member tokens: expired, alg none, signed with another key, another organization’s: 401 each', async () => {
    const me = (organization: string, token: string) => fetch(`${host.baseUrl}/organizations/${organization}/me`, { headers: { Authorization: `Bearer ${token}` } });
    const token = await host.memberToken('demo', 'alice@example.org');
    assert.equal((await me('demo', token)).status, 200);
    const [header, payload] = token.split('.') as [string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
    const forgedNone = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;
    const kid = JSON.parse(new TextDecoder().decode(base64url.decode(header))).kid;
    const otherKey = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid }).sign(new Uint8Array(32).fill(1));
    const otherOrganization = await host.memberToken('demo-jpy', 'alice@example.org');
    for (const [organization, bad] of [['demo', forgedNone], ['demo', otherKey], ['demo', otherOrganization], ['demo', `${token}x`]] as const) {
      assert.deepEqual(await problem(await me(organization, bad)), [401, 'application/problem+json', 'unauthorized']);
    }
    await host.setToday('2026-03-02'); // a day later: the 15-minute token has expired
    assert.deepEqual(await problem(await me('demo', token)), [401, 'application/problem+json', 'unauthorized']);
    await host.setToday('2026-03-01');
  });

  it('SQL metacharacters: names are stored exactly as sent; codes that match nothing are refused clearly; the tables stay whole', async () => {
    const nasty = ["Robert'); DROP TABLE members; --", '" OR 1=1 --', 'x\\\' ; SELECT pg_sleep(5); --', '%_\\%', '$1 $$ :name ?'];
    for (const [i, name] of nasty.entries()) {
      const email = `o'brien+${i}@example.org`;
      const response = await post('/signups', JSON.stringify({ membership_type_id: 'free', member: { email, first_name: name, last_name: name }, fields: {} }), { 'Content-Type': 'application/json' });
      assert.equal(response.status, 201, await response.clone().text());
      const signup = await response.json();
      assert.deepEqual([signup.member.first_name, signup.member.last_name, signup.member.email], [name, name, email]);
      const stored = await host.server.storage.transaction((tx) => tx.findOne('members', { organization_id: 'demo', email }));
      assert.deepEqual([stored?.first_name, stored?.last_name], [name, name]);
    }
    const before = await counts();
    for (const code of nasty) {
      const discount = await post('/discounts/validate', JSON.stringify({ code, membership_type_id: 'annual' }), { 'Content-Type': 'application/json' });
      assert.deepEqual(await problem(discount), [422, 'application/problem+json', 'invalid_discount']);
      const type = await fetch(`${host.baseUrl}/organizations/demo/membership-types/${encodeURIComponent(code)}`);
      assert.deepEqual(await problem(type), [404, 'application/problem+json', 'not_found']);
      const invited = await post('/signups', signupBody(`invited.${crypto.randomUUID()}@example.org`, { membership_type_id: 'founders', invitation_code: code }), { 'Content-Type': 'application/json' });
      assert.deepEqual(await problem(invited), [422, 'application/problem+json', 'invitation_required']);
    }
    assert.deepEqual(await counts(), before, 'the refused ones stored nothing');
    const organizations = await host.server.storage.transaction((tx) => tx.count('organizations', {}));
    assert.ok(organizations >= 3, 'the tables are all there');
  });
});
