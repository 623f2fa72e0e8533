import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { createClient, createPublicClient } from '../../src/client.js';
import { AuthenticationError, MemberkitError, SecretKeyInBrowserError } from '../../src/core/errors.js';
import { alice, aliceAnnual } from '../schemas/fixtures.js';
import { baseUrl, client, orgUrl, problem, useServer } from './helpers.js';

const server = useServer();
const me = { member: alice, memberships: [aliceAnnual], permissions: ['member-area'] };

/** `/me` accepts only the tokens in `valid`; records the Authorization of each attempt. */
const meEndpoint = (valid: string[]) => {
  const seen: (string | null)[] = [];
  server.use(
    http.get(`${orgUrl}/me`, ({ request }) => {
      const auth = request.headers.get('authorization');
      seen.push(auth);
      return valid.some((t) => auth === `Bearer ${t}`) ? HttpResponse.json(me) : problem(401, 'unauthorized');
    }),
  );
  return seen;
};

describe('a member token is sent as a Bearer token', () => {
  it('a string token', async () => {
    const seen = meEndpoint(['mt_1']);
    await client({ token: 'mt_1' }).me.retrieve();
    assert.deepEqual(seen, ['Bearer mt_1']);
  });
  it('a token function is asked once and its token reused across calls', async () => {
    const seen = meEndpoint(['mt_1']);
    let asked = 0;
    const c = client({ token: async () => (asked++, 'mt_1') });
    await c.me.retrieve();
    await c.me.retrieve();
    assert.equal(asked, 1);
    assert.deepEqual(seen, ['Bearer mt_1', 'Bearer mt_1']);
  });
});

describe('on a 401 the token function is asked once more and the request repeated once', () => {
  it('an expired token is refreshed and the call succeeds', async () => {
    const seen = meEndpoint(['fresh']);
    const tokens = ['expired', 'fresh'];
    const result = await client({ token: async () => tokens.shift()! }).me.retrieve();
    assert.equal(result.member.email, 'alice@example.org');
    assert.deepEqual(seen, ['Bearer expired', 'Bearer fresh']);
  });
  it('a second 401 is an AuthenticationError, without asking again (no loop)', async () => {
    const seen = meEndpoint([]);
    let asked = 0;
    await assert.rejects(client({ token: async () => `t${++asked}` }).me.retrieve(), (e: unknown) => {
      assert.ok(e instanceof AuthenticationError);
      assert.equal(e.status, 401);
      assert.equal(e.code, 'unauthorized');
      return true;
    });
    assert.equal(asked, 2);
    assert.equal(seen.length, 2);
  });
  it('a string token is not repeated after a 401', async () => {
    const seen = meEndpoint([]);
    await assert.rejects(client({ token: 'nope' }).me.retrieve(), AuthenticationError);
    assert.equal(seen.length, 1);
  });
  it('a POST signup repeated after a 401 keeps its idempotency key', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${orgUrl}/me/memberships/ms_1/cancel`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return request.headers.get('authorization') === 'Bearer fresh'
          ? HttpResponse.json({ ...aliceAnnual, status: 'cancelled', cancelled_on: '2020-07-01' })
          : problem(401, 'unauthorized');
      }),
    );
    const tokens = ['old', 'fresh'];
    const cancelled = await client({ token: async () => tokens.shift()! }).me.memberships.cancel('ms_1', {
      idempotencyKey: 'cancel-1',
    });
    assert.equal(cancelled.status, 'cancelled');
    assert.deepEqual(keys, ['cancel-1', 'cancel-1']);
  });
  it('a token function that throws surfaces as a MemberkitError with the cause', async () => {
    const cause = new Error('session gone');
    await assert.rejects(
      client({
        token: async () => {
          throw cause;
        },
      }).me.retrieve(),
      (e: unknown) => e instanceof MemberkitError && e.cause === cause,
    );
  });
});

describe('a secret key is refused in a browser', () => {
  const inBrowser = async (fn: () => void | Promise<void>) => {
    const g = globalThis as Record<string, unknown>;
    const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    g.window = { document: {} };
    Object.defineProperty(globalThis, 'navigator', { value: { userAgent: 'Chromium' }, configurable: true });
    try {
      await fn();
    } finally {
      delete g.window;
      if (had) Object.defineProperty(globalThis, 'navigator', had);
      else delete g.navigator;
    }
  };
  const options = { baseUrl, organization: 'demo' };

  it('createClient({ secretKey }) throws in a (simulated) browser', async () => {
    await inBrowser(() => {
      assert.throws(() => createClient({ ...options, secretKey: 'sk_test_sandbox' }), /secret key in a browser/);
      assert.throws(() => createPublicClient({ ...options, token: 'sk_test_sandbox' }), MemberkitError);
    });
  });
  it('…unless dangerouslyAllowBrowser: true', async () => {
    await inBrowser(() => {
      createClient({ ...options, secretKey: 'sk_test_sandbox', dangerouslyAllowBrowser: true });
    });
  });
  it('a member token is fine in a browser, a secret key fine on a server', async () => {
    await inBrowser(() => {
      createPublicClient({ ...options, token: 'mt_alice' });
    });
    server.use(
      http.get(`${orgUrl}/members/mem_alice`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer sk_test_sandbox' ? HttpResponse.json(alice) : problem(401, 'unauthorized'),
      ),
    );
    const member = await createClient({ ...options, secretKey: 'sk_test_sandbox' }).members.retrieve('mem_alice');
    assert.equal(member.id, 'mem_alice');
  });
  /** `/me` that records every Authorization it receives. */
  const recordMe = () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(`${orgUrl}/me`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json(me);
      }),
    );
    return seen;
  };
  const refused = (e: unknown) => e instanceof SecretKeyInBrowserError && e instanceof MemberkitError;

  it('a token function resolving to sk_live_1 is refused before the request leaves', async () => {
    const seen = recordMe();
    await inBrowser(async () => {
      await assert.rejects(createPublicClient({ ...options, token: async () => 'sk_live_1' }).me.retrieve(), refused);
    });
    assert.deepEqual(seen, []);
  });

  it('an Authorization header with a secret key is refused, on the client or on one call, in any case', async () => {
    const seen = recordMe();
    await inBrowser(async () => {
      const withHeader = createPublicClient({ ...options, headers: { authorization: 'Bearer sk_live_1' } });
      await assert.rejects(withHeader.me.retrieve(), refused);
      const member = createPublicClient({ ...options, token: 'mt_alice' });
      await assert.rejects(member.me.retrieve({ headers: { Authorization: 'Bearer sk_test_2' } }), refused);
    });
    assert.deepEqual(seen, []);
  });

  it('dangerouslyAllowBrowser: true lets a token function’s secret key through; a member token from a function is fine', async () => {
    const seen = recordMe();
    await inBrowser(async () => {
      await createPublicClient({ ...options, token: async () => 'sk_live_1', dangerouslyAllowBrowser: true }).me.retrieve();
      await createPublicClient({ ...options, token: async () => 'mt_alice' }).me.retrieve();
    });
    assert.deepEqual(seen, ['Bearer sk_live_1', 'Bearer mt_alice']);
  });
});
