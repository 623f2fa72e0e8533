import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { BadRequestError, InternalServerError, RateLimitError } from '../../src/core/errors.js';
import { annual, signup } from '../schemas/fixtures.js';
import { client, orgUrl, problem, useServer } from './helpers.js';

const server = useServer();

/** Answers with `statuses` in turn, then with `body`; records what each attempt carried. */
const flaky = (method: 'get' | 'post', path: string, statuses: number[], body: object, headers: Record<string, string> = {}) => {
  const seen: { key: string | null; at: number }[] = [];
  server.use(
    http[method](`${orgUrl}/${path}`, ({ request }) => {
      seen.push({ key: request.headers.get('idempotency-key'), at: Date.now() });
      const status = statuses[seen.length - 1];
      return status ? problem(status, 'oops', {}, headers) : HttpResponse.json(body);
    }),
  );
  return seen;
};

const signupParams = {
  membership_type_id: 'annual',
  member: { email: 'bob@example.org', first_name: 'Bob', last_name: 'Stone' },
  fields: {},
};

describe('safe methods retry on 408, 429 and 5xx', () => {
  it('a GET that fails with 503, 502 then succeeds returns the type after three attempts', async () => {
    const seen = flaky('get', 'membership-types/annual', [503, 502], annual);
    assert.equal((await client().membershipTypes.retrieve('annual')).id, 'annual');
    assert.equal(seen.length, 3);
  });
  it('408 and 429 are retried too', async () => {
    const seen = flaky('get', 'membership-types/annual', [408, 429], annual);
    await client().membershipTypes.retrieve('annual');
    assert.equal(seen.length, 3);
  });
  it('gives up after maxRetries (default 2: three attempts) with the last error', async () => {
    const seen = flaky('get', 'membership-types/annual', [500, 500, 500, 500, 500], annual);
    await assert.rejects(client().membershipTypes.retrieve('annual'), InternalServerError);
    assert.equal(seen.length, 3);
  });
  it('maxRetries per call overrides the client: 0 means one attempt', async () => {
    const seen = flaky('get', 'membership-types/annual', [500, 500], annual);
    await assert.rejects(client({ maxRetries: 5 }).membershipTypes.retrieve('annual', { maxRetries: 0 }), InternalServerError);
    assert.equal(seen.length, 1);
  });
  it('never retries another 4xx (400)', async () => {
    let attempts = 0;
    server.use(
      http.get(`${orgUrl}/membership-types/annual`, () => {
        attempts++;
        return problem(400, 'validation_failed');
      }),
    );
    await assert.rejects(client().membershipTypes.retrieve('annual'), BadRequestError);
    assert.equal(attempts, 1);
  });
  it('a network error on a GET is retried', async () => {
    let attempts = 0;
    server.use(
      http.get(`${orgUrl}/membership-types/annual`, () => (++attempts < 2 ? HttpResponse.error() : HttpResponse.json(annual))),
    );
    assert.equal((await client().membershipTypes.retrieve('annual')).id, 'annual');
    assert.equal(attempts, 2);
  });
});

describe('a POST retries only with an idempotency key, reused on every attempt', () => {
  it('signups.create generates one key and the server sees it on all three attempts', async () => {
    const seen = flaky('post', 'signups', [503, 500], signup);
    await client().signups.create(signupParams);
    assert.equal(seen.length, 3);
    assert.match(seen[0]!.key!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(new Set(seen.map((s) => s.key)).size, 1);
  });
  it('two signups.create calls use two different keys', async () => {
    const seen = flaky('post', 'signups', [], signup);
    await client().signups.create(signupParams);
    await client().signups.create(signupParams);
    assert.notEqual(seen[0]!.key, seen[1]!.key);
  });
  it('a key given by the caller is sent as is on every attempt', async () => {
    const seen = flaky('post', 'signups', [429], signup);
    await client().signups.create(signupParams, { idempotencyKey: 'signup-42' });
    assert.deepEqual(
      seen.map((s) => s.key),
      ['signup-42', 'signup-42'],
    );
  });
  it('me.memberships.renew always sends a key and retries with it after a network error', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${orgUrl}/me/memberships/ms_1/renew`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return keys.length === 1 ? HttpResponse.error() : HttpResponse.json(signup);
      }),
    );
    await client({ token: 'mt_alice' }).me.memberships.renew('ms_1');
    assert.equal(keys.length, 2);
    assert.ok(keys[0]);
    assert.equal(keys[0], keys[1]);
  });
  it('a POST without a key (discounts.validate) is not retried after a 503', async () => {
    const seen = flaky('post', 'discounts/validate', [503], {});
    await assert.rejects(client().discounts.validate({ code: 'WELCOME20', membership_type_id: 'annual' }), InternalServerError);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.key, null);
  });
  it('…but is retried when the caller gives it a key', async () => {
    const discount = {
      code: 'WELCOME20',
      percent_off: 20,
      amount_off: null,
      currency: null,
      membership_type_ids: null,
      valid_from: null,
      valid_until: null,
      max_redemptions: null,
      times_redeemed: 0,
    };
    const seen = flaky('post', 'discounts/validate', [503], discount);
    const result = await client().discounts.validate({ code: 'WELCOME20', membership_type_id: 'annual' }, { idempotencyKey: 'k1' });
    assert.equal(result.percent_off, 20);
    assert.equal(seen.length, 2);
  });
  it('a 422 idempotency_key_reused is not retried', async () => {
    let attempts = 0;
    server.use(
      http.post(`${orgUrl}/signups`, () => {
        attempts++;
        return problem(422, 'idempotency_key_reused');
      }),
    );
    await assert.rejects(client().signups.create(signupParams, { idempotencyKey: 'k' }), { code: 'idempotency_key_reused' });
    assert.equal(attempts, 1);
  });
});

describe('409 idempotency_conflict (our own earlier attempt still running) is waited out with the same key', () => {
  it('signups.create sees 409 idempotency_conflict, repeats the same key, and gets the stored signup', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${orgUrl}/signups`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return keys.length === 1 ? problem(409, 'idempotency_conflict') : HttpResponse.json(signup);
      }),
    );
    assert.equal((await client().signups.create(signupParams)).id, signup.id);
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1]);
  });
  it('any other 409 is not retried', async () => {
    const seen = flaky('post', 'signups', [409, 409], signup);
    await assert.rejects(client().signups.create(signupParams), (e: unknown) => (e as { code?: string }).code === 'oops');
    assert.equal(seen.length, 1);
  });
});

describe('Retry-After is honoured', () => {
  it('429 with Retry-After: 1 waits about a second before the retry (not the 1 ms backoff)', async () => {
    const seen = flaky('get', 'membership-types/annual', [429], annual, { 'retry-after': '1' });
    await client().membershipTypes.retrieve('annual');
    assert.equal(seen.length, 2);
    assert.ok(seen[1]!.at - seen[0]!.at >= 950, `waited ${seen[1]!.at - seen[0]!.at} ms`);
  });
  it('an HTTP date two seconds ahead waits until then (at least a second: the date has whole seconds)', async () => {
    const when = new Date(Date.now() + 2000).toUTCString();
    const seen = flaky('get', 'membership-types/annual', [503], annual, { 'retry-after': when });
    await client().membershipTypes.retrieve('annual');
    // Lower bound only, with room for a slow machine: the 1 ms backoff would retry at once.
    assert.ok(seen[1]!.at - seen[0]!.at >= 500, `waited ${seen[1]!.at - seen[0]!.at} ms`);
  });
  it('a Retry-After of 120 s, over the 60 s default cap, is not cut short: RateLimitError at once, after one attempt', async () => {
    const seen = flaky('get', 'membership-types/annual', [429], annual, { 'retry-after': '120' });
    const started = Date.now();
    await assert.rejects(client().membershipTypes.retrieve('annual'), (e: unknown) => {
      assert.ok(e instanceof RateLimitError);
      assert.equal(e.headers.get('retry-after'), '120');
      return true;
    });
    assert.equal(seen.length, 1);
    assert.ok(Date.now() - started < 5000, 'did not wait for the server');
  });
  it('backoff.maxRetryAfter sets the cap: Retry-After 3 with a 2 s cap throws; so does an HTTP date an hour ahead', async () => {
    const seen = flaky('get', 'membership-types/annual', [503], annual, { 'retry-after': '3' });
    await assert.rejects(client({ backoff: { maxRetryAfter: 2000 } }).membershipTypes.retrieve('annual'), InternalServerError);
    assert.equal(seen.length, 1);
    const date = new Date(Date.now() + 3_600_000).toUTCString();
    const later = flaky('get', 'membership-types/annual', [429], annual, { 'retry-after': date });
    await assert.rejects(client().membershipTypes.retrieve('annual'), RateLimitError);
    assert.equal(later.length, 1);
  });
  it('a Retry-After equal to the cap is waited out (1 s with maxRetryAfter 1000)', async () => {
    const seen = flaky('get', 'membership-types/annual', [429], annual, { 'retry-after': '1' });
    await client({ backoff: { initialDelay: 1, maxRetryAfter: 1000 } }).membershipTypes.retrieve('annual');
    assert.equal(seen.length, 2);
  });
  it('a 429 after the retries are spent surfaces as RateLimitError with its request id', async () => {
    server.use(http.get(`${orgUrl}/membership-types/annual`, () => problem(429, 'rate_limited')));
    await assert.rejects(client({ maxRetries: 1 }).membershipTypes.retrieve('annual'), (e: unknown) => {
      assert.ok(e instanceof RateLimitError);
      assert.equal(e.code, 'rate_limited');
      assert.equal(e.requestId, 'req_429');
      return true;
    });
  });
});
