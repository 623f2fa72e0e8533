// The conformance suite's group for member sign-in: emailed codes and links, their expiry,
// wrong tries and rate limits, refresh tokens, and the tokens a host's backend mints.
import assert from 'node:assert/strict';
import { EmailCodeSchema, MeSchema, MemberSessionSchema, MemberTokenSchema, type EmailCode, type MemberSession, type MemberToken } from '@memberkit/sdk';
import type { SuiteKit } from './kit.js';

export function signInSuite(kit: SuiteKit): void {
  const { describe, it, host, call, org, admin, expect, problemOf, fieldsOf, fresh, withHost } = kit;
  const askCode = (email: string, options: { redirect_url?: string; client?: string } = {}) =>
    call('POST', org('/auth/email-codes'), {
      body: { email, ...(options.redirect_url ? { redirect_url: options.redirect_url } : {}) },
      ...(options.client ? { headers: { 'x-forwarded-for': options.client } } : {}),
    });
  const exchange = (body: Record<string, unknown>) => call('POST', org('/auth/tokens'), { body });
  /** The newest sign-in message to `email`: its code and link. */
  const lastCode = async (email: string) => {
    const messages = (await host.outbox('demo', email)).filter((message) => message.kind === 'sign_in_code');
    assert.ok(messages.length > 0, `a sign-in code went to ${email}`);
    return messages.at(-1)!.data as { code: string; link: string | null; expires_in_minutes: number };
  };
  const me = async (token: string) => expect<any>(await call('GET', org('/me'), { auth: token }), 200, MeSchema);

  describe('member sign-in (emailed code or link) and minted member tokens', () => {
    it('a code goes to any address with the same answer; exchanged, it signs in the member (a new address becomes a prospective member)', withHost(async () => {
      const known = expect<EmailCode>(await askCode(' Alice@Example.org '), 201, EmailCodeSchema);
      const newcomer = fresh('newcomer');
      const unknown = expect<EmailCode>(await askCode(newcomer), 201, EmailCodeSchema);
      assert.deepEqual(Object.keys(known).sort(), Object.keys(unknown).sort());
      assert.deepEqual([known.email, known.code_length, unknown.code_length], ['alice@example.org', 6, 6]);
      const { code, expires_in_minutes } = await lastCode('alice@example.org');
      assert.match(code, /^\d{6}$/);
      assert.equal(expires_in_minutes, 10);
      const session = expect<MemberSession>(await exchange({ email: 'alice@example.org', code }), 201, MemberSessionSchema);
      assert.equal(session.member_id, 'mem_alice');
      assert.equal((await me(session.token)).member.id, 'mem_alice');
      problemOf(await exchange({ email: 'alice@example.org', code }), 422, 'invalid_sign_in');
      const theirs = expect<MemberSession>(await exchange({ email: newcomer, code: (await lastCode(newcomer)).code }), 201, MemberSessionSchema);
      assert.equal((await me(theirs.token)).member.status, 'prospective');
    }));

    it('a code dies after 5 wrong tries, and expires after 10 minutes', withHost(async () => {
      const email = fresh('wrong');
      await askCode(email);
      const { code } = await lastCode(email);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let left = 4; left >= 1; left--) {
        const problem = problemOf(await exchange({ email, code: wrong }), 422, 'invalid_sign_in');
        assert.deepEqual([problem.reason, problem.attempts_left], ['wrong', left]);
      }
      assert.equal(problemOf(await exchange({ email, code: wrong }), 422, 'invalid_sign_in').reason, 'too_many_attempts');
      assert.equal(problemOf(await exchange({ email, code }), 422, 'invalid_sign_in').reason, 'expired', 'the right code no longer works');

      const later = fresh('later');
      await askCode(later);
      const { code: lateCode } = await lastCode(later);
      await host.setToday('2026-03-02');
      assert.equal(problemOf(await exchange({ email: later, code: lateCode }), 422, 'invalid_sign_in').reason, 'expired');
    }));

    it('rate limits: 5 codes an hour per address, 20 per client; the sixth is 429 rate_limited with Retry-After', withHost(async () => {
      const email = fresh('limited');
      for (let i = 0; i < 5; i++) expect(await askCode(email), 201, EmailCodeSchema);
      const limited = await askCode(email);
      problemOf(limited, 429, 'rate_limited');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      const client = `198.51.100.${Math.floor(Math.random() * 200)}`;
      for (let i = 0; i < 20; i++) expect(await askCode(fresh('client'), { client }), 201, EmailCodeSchema);
      problemOf(await askCode(fresh('client'), { client }), 429, 'rate_limited');
      expect(await askCode(fresh('client'), { client: '198.51.100.250' }), 201, EmailCodeSchema);
      // A new hour, new codes.
      await host.setToday('2026-03-02');
      expect(await askCode(email), 201, EmailCodeSchema);
    }));

    it('the one-click link carries its token in the fragment, on an embed origin only; a scanner opening it uses nothing; it is used once', withHost(async () => {
      const email = fresh('link');
      assert.deepEqual(fieldsOf(problemOf(await askCode(email, { redirect_url: 'https://evil.example/sign-in' }), 422, 'validation_failed')), ['redirect_url:invalid_redirect']);
      expect(await askCode(email, { redirect_url: 'http://localhost:4400/account?from=email' }), 201, EmailCodeSchema);
      const { link } = await lastCode(email);
      const url = new URL(link!);
      assert.deepEqual([url.origin, url.search], ['http://localhost:4400', '?from=email']);
      const linkToken = new URLSearchParams(url.hash.slice(1)).get('memberkit-sign-in')!;
      assert.match(linkToken, /^slt_/);
      // Opening the page (a mail scanner's GET) never reaches the API with the fragment: the token still works.
      const session = expect<MemberSession>(await exchange({ link_token: linkToken }), 201, MemberSessionSchema);
      assert.equal((await me(session.token)).member.email, email);
      assert.equal(problemOf(await exchange({ link_token: linkToken }), 422, 'invalid_sign_in').reason, 'used');
      assert.equal(problemOf(await exchange({ link_token: 'slt_nope' }), 422, 'invalid_sign_in').reason, 'unknown');
    }));

    it('a refresh token gets the next member token once', withHost(async () => {
      const email = fresh('refresh');
      await askCode(email);
      const first = expect<MemberSession>(await exchange({ email, code: (await lastCode(email)).code }), 201, MemberSessionSchema);
      const next = expect<MemberSession>(await exchange({ refresh_token: first.refresh_token }), 201, MemberSessionSchema);
      assert.notEqual(next.refresh_token, first.refresh_token);
      assert.equal((await me(next.token)).member.id, first.member_id);
      assert.equal(problemOf(await exchange({ refresh_token: first.refresh_token }), 422, 'invalid_sign_in').reason, 'used');
    }));

    it('POST /member-tokens (secret key): the host’s backend mints a token for its member; a new email becomes a prospective member', withHost(async () => {
      const minted = expect<MemberToken>(await call('POST', org('/member-tokens'), { ...admin, body: { email: 'alice@example.org' } }), 201, MemberTokenSchema);
      assert.equal(minted.member_id, 'mem_alice');
      assert.equal((await me(minted.token)).member.id, 'mem_alice');
      const byId = expect<MemberToken>(await call('POST', org('/member-tokens'), { ...admin, body: { member_id: 'mem_carol', expires_in: 600 } }), 201, MemberTokenSchema);
      assert.equal((await me(byId.token)).member.id, 'mem_carol');
      const newcomer = fresh('minted');
      const created = expect<MemberToken>(await call('POST', org('/member-tokens'), { ...admin, body: { email: newcomer } }), 201, MemberTokenSchema);
      assert.equal((await me(created.token)).member.status, 'prospective');
      problemOf(await call('POST', org('/member-tokens'), { ...admin, body: { email: newcomer, member_id: 'mem_carol' } }), 422, 'validation_failed');
      problemOf(await call('POST', org('/member-tokens'), { body: { email: newcomer } }), 401, 'unauthorized');
      problemOf(await call('POST', org('/member-tokens'), { auth: minted.token, body: { email: newcomer } }), 403, 'forbidden');
    }));
  });
}
