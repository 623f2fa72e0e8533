// Member tokens signed with jose: short-lived, bound to one organization, refused when forged
// (alg none, another key), and still valid after a signing-key rotation, in every server process.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { base64url, SignJWT } from 'jose';
import { openPgliteStorage, SignedMemberTokens, type SqlStorage } from '../src/index.js';

describe('signed member tokens', () => {
  let storage: SqlStorage;
  let now = Date.parse('2026-03-01T10:00:00Z');
  const clock = { now: () => now, today: () => '2026-03-01' };
  let tokens: SignedMemberTokens;

  before(async () => {
    storage = await openPgliteStorage();
    tokens = new SignedMemberTokens({ db: storage.db, clock, maxTtl: 900 });
    await tokens.load();
  });
  after(() => storage.close());

  it('a token says which member of which organization until it expires (at most the configured lifetime)', async () => {
    const issued = await tokens.issue('club', 'alice', 3600);
    assert.equal(issued.expires_at, now + 900_000);
    assert.doesNotMatch(issued.token, /^sk_/);
    assert.deepEqual(await tokens.verify('club', issued.token), { valid: true, member_id: 'alice' });
    assert.deepEqual(await tokens.verify('other', issued.token), { valid: false, reason: 'other_organization' });
    now += 900_000;
    assert.deepEqual(await tokens.verify('club', issued.token), { valid: false, reason: 'expired' });
  });

  it('forgeries are unknown: alg none, another key, a changed member, garbage', async () => {
    const { token } = await tokens.issue('club', 'alice', 600);
    const [header, payload] = token.split('.') as [string, string, string];
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;
    assert.deepEqual(await tokens.verify('club', none), { valid: false, reason: 'unknown' });
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
    const kid = JSON.parse(new TextDecoder().decode(base64url.decode(header))).kid;
    const otherKey = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid }).sign(new Uint8Array(32).fill(7));
    assert.deepEqual(await tokens.verify('club', otherKey), { valid: false, reason: 'unknown' });
    const changed = `${header}.${base64url.encode(JSON.stringify({ ...claims, sub: 'bob' }))}.${token.split('.')[2]}`;
    assert.deepEqual(await tokens.verify('club', changed), { valid: false, reason: 'unknown' });
    for (const junk of ['', 'abc', 'a.b.c', `${header}.${payload}`]) assert.deepEqual(await tokens.verify('club', junk), { valid: false, reason: 'unknown' });
  });

  it('a signing-key rotation signs nobody out, in this process or another one on the same database', async () => {
    const other = new SignedMemberTokens({ db: storage.db, clock, maxTtl: 900 });
    await other.load();
    const before = await tokens.issue('club', 'alice', 600);
    await other.rotate();
    now += 2000;
    // This process has not seen the rotation yet: it finds the new key when a token names it.
    const after = await other.issue('club', 'bob', 600);
    assert.notEqual(JSON.parse(atob(after.token.split('.')[0]!)).kid, JSON.parse(atob(before.token.split('.')[0]!)).kid);
    assert.deepEqual(await tokens.verify('club', after.token), { valid: true, member_id: 'bob' });
    assert.deepEqual(await other.verify('club', before.token), { valid: true, member_id: 'alice' });
    // A refresh gives the holder of a valid token a new one, signed with the newest key.
    const refreshed = await other.refresh('club', before.token);
    assert.deepEqual(await tokens.verify('club', refreshed!.token), { valid: true, member_id: 'alice' });
    now += 10 * 60_000;
    assert.equal(await other.refresh('club', before.token), null);
  });
});
