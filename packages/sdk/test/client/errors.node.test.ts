import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  ConflictError,
  MemberkitError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  ResponseParseError,
  ResponseValidationError,
  UnprocessableEntityError,
} from '../../src/core/errors.js';
import { createClient, createPublicClient } from '../../src/client.js';
import { annual, signupConfig } from '../schemas/fixtures.js';
import { client, orgUrl, problem, useServer } from './helpers.js';

const server = useServer();
const typeUrl = `${orgUrl}/membership-types/annual`;

describe('problem+json maps to the subclass for its status, with code and per-field errors', () => {
  it('422 validation_failed → UnprocessableEntityError with errors[] and the Request-Id', async () => {
    const errors = [
      { field: 'member.email', code: 'invalid_email', message: 'Enter a valid email' },
      { field: 'fields.terms', code: 'required', message: 'Accept the terms' },
    ];
    server.use(http.post(`${orgUrl}/signups`, () => problem(422, 'validation_failed', { detail: '2 fields are not valid', errors })));
    const call = client().signups.create({
      membership_type_id: 'annual',
      member: { email: 'x', first_name: 'A', last_name: 'B' },
      fields: {},
    });
    await assert.rejects(call, (e: unknown) => {
      assert.ok(e instanceof UnprocessableEntityError && e instanceof APIError && e instanceof MemberkitError);
      assert.equal(e.status, 422);
      assert.equal(e.code, 'validation_failed');
      assert.deepEqual(e.errors, errors);
      assert.equal(e.requestId, 'req_422');
      assert.equal(e.problem?.detail, '2 fields are not valid');
      assert.match(e.message, /422 validation_failed: 2 fields are not valid/);
      return true;
    });
  });
  for (const [status, code, Class] of [
    [403, 'forbidden', PermissionDeniedError],
    [404, 'not_found', NotFoundError],
    [409, 'idempotency_conflict', ConflictError],
    [413, 'payload_too_large', PayloadTooLargeError],
  ] as const) {
    it(`${status} ${code} → ${Class.name}`, async () => {
      server.use(http.get(typeUrl, () => problem(status, code)));
      await assert.rejects(client().membershipTypes.retrieve('annual'), (e: unknown) => e instanceof Class && e.code === code);
    });
  }
  it('an unlisted status (402) is a plain APIError; an HTML 502 body still gives status, no code', async () => {
    server.use(http.get(typeUrl, () => problem(402, 'payment_required')));
    await assert.rejects(client().membershipTypes.retrieve('annual'), (e: unknown) => e instanceof APIError && e.status === 402);
    server.use(http.get(typeUrl, () => new HttpResponse('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })));
    await assert.rejects(client({ maxRetries: 0 }).membershipTypes.retrieve('annual'), (e: unknown) => {
      assert.ok(e instanceof APIError);
      assert.equal(e.status, 502);
      assert.equal(e.code, undefined);
      assert.deepEqual(e.errors, []);
      return true;
    });
  });
});

describe('a problem body that deviates from the contract keeps what it can', () => {
  const raw = (status: number, body: object) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });

  it('a 404 without `code` keeps its detail: the message says "404: No such type", not "no problem body"', async () => {
    server.use(http.get(typeUrl, () => raw(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such type' })));
    await assert.rejects(client().membershipTypes.retrieve('annual'), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.code, undefined);
      assert.equal(e.problem?.detail, 'No such type');
      assert.equal(e.message, '404: No such type');
      return true;
    });
  });

  it('a 422 whose field error lacks `message` still has its code and the per-field errors (message "")', async () => {
    server.use(
      http.post(`${orgUrl}/signups`, () =>
        raw(422, {
          title: 'Unprocessable',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'member.email', code: 'invalid_email' }, { field: 'fields.terms', code: 'required', message: 'Accept the terms' }, 'junk'],
        }),
      ),
    );
    const call = client().signups.create({ membership_type_id: 'annual', member: { email: 'x', first_name: 'A', last_name: 'B' }, fields: {} });
    await assert.rejects(call, (e: unknown) => {
      assert.ok(e instanceof UnprocessableEntityError);
      assert.equal(e.code, 'validation_failed');
      assert.deepEqual(e.errors, [
        { field: 'member.email', code: 'invalid_email', message: '' },
        { field: 'fields.terms', code: 'required', message: 'Accept the terms' },
      ]);
      return true;
    });
  });

  it('wrongly typed members are dropped one by one: a numeric code, a non-array errors, a string status', async () => {
    server.use(http.get(typeUrl, () => raw(409, { status: '409', code: 42, detail: 'Busy', errors: 'none', reason: 'x' })));
    await assert.rejects(client().membershipTypes.retrieve('annual'), (e: unknown) => {
      assert.ok(e instanceof ConflictError);
      assert.equal(e.code, undefined);
      assert.deepEqual(e.errors, []);
      assert.equal(e.problem?.status, 409);
      assert.equal(e.problem?.detail, 'Busy');
      assert.equal(e.problem?.reason, 'x');
      return true;
    });
  });
});

describe('a problem keeps the members its type adds', () => {
  it('409 already_member carries the membership_id to renew in error.problem', async () => {
    server.use(http.post(`${orgUrl}/signups`, () => problem(409, 'already_member', { membership_id: 'ms_1', expires_on: '2027-06-20' })));
    const call = client().signups.create({ membership_type_id: 'annual', member: { email: 'a@b.co', first_name: 'A', last_name: 'B' }, fields: {} });
    await assert.rejects(call, (e: unknown) => {
      assert.ok(e instanceof APIError);
      assert.equal(e.code, 'already_member');
      assert.equal(e.problem?.membership_id, 'ms_1');
      return true;
    });
  });
});

describe('a response that does not match its schema → ResponseValidationError with the path', () => {
  it('a price in a string deep in the signup config', async () => {
    const bad = { ...signupConfig, membership_types: [annual, { ...annual, price: { ...annual.price, value: '60.00' } }] };
    server.use(http.get(`${orgUrl}/signup-config`, () => HttpResponse.json(bad, { headers: { 'request-id': 'req_cfg' } })));
    await assert.rejects(client().signupConfig.retrieve(), (e: unknown) => {
      assert.ok(e instanceof ResponseValidationError && e instanceof MemberkitError);
      assert.deepEqual(e.path, ['membership_types', 1, 'price', 'value']);
      assert.equal(e.requestId, 'req_cfg');
      assert.match(e.message, /membership_types\.1\.price\.value/);
      return true;
    });
  });
  it('a body that is not JSON → ResponseParseError (never a bare SyntaxError or TypeError)', async () => {
    server.use(http.get(typeUrl, () => new HttpResponse('<html>maintenance</html>', { headers: { 'content-type': 'text/html' } })));
    await assert.rejects(client().membershipTypes.retrieve('annual'), (e: unknown) => {
      assert.ok(e instanceof ResponseParseError && e instanceof ResponseValidationError);
      assert.deepEqual(e.path, []);
      return true;
    });
  });
  it('an empty 200 body → ResponseParseError', async () => {
    server.use(http.get(typeUrl, () => new HttpResponse(null, { status: 200 })));
    await assert.rejects(client().membershipTypes.retrieve('annual'), ResponseParseError);
  });
});

describe('timeouts, aborts and network failures have their own errors', () => {
  /** A handler that never answers (no timer: nothing keeps the process alive). */
  const never = () => new Promise<never>(() => {});
  /** The global fetch, counting the client's attempts. */
  const countingFetch = () => {
    const counter = {
      attempts: 0,
      fetch: ((...args: Parameters<typeof fetch>) => {
        counter.attempts++;
        return fetch(...args);
      }) as typeof fetch,
    };
    return counter;
  };

  it('no answer within timeout → APITimeoutError, after its retries', async () => {
    server.use(http.get(typeUrl, never));
    const counter = countingFetch();
    await assert.rejects(
      client({ timeout: 50, maxRetries: 1, fetch: counter.fetch }).membershipTypes.retrieve('annual'),
      APITimeoutError,
    );
    assert.equal(counter.attempts, 2);
  });
  it('timeout per call overrides the client', async () => {
    server.use(http.get(typeUrl, never));
    await assert.rejects(client().membershipTypes.retrieve('annual', { timeout: 50, maxRetries: 0 }), APITimeoutError);
  });
  it('the caller aborting → APIUserAbortError, not retried', async () => {
    const controller = new AbortController();
    server.use(
      http.get(typeUrl, () => {
        controller.abort();
        return never();
      }),
    );
    const counter = countingFetch();
    await assert.rejects(
      client({ fetch: counter.fetch }).membershipTypes.retrieve('annual', { signal: controller.signal }),
      APIUserAbortError,
    );
    assert.equal(counter.attempts, 1);
  });
  it('an already aborted signal → APIUserAbortError without a request', async () => {
    await assert.rejects(client().membershipTypes.retrieve('annual', { signal: AbortSignal.abort() }), APIUserAbortError);
  });
  it('aborting during the wait before a retry → APIUserAbortError', async () => {
    server.use(http.get(typeUrl, () => problem(503, 'unavailable', {}, { 'retry-after': '30' })));
    const controller = new AbortController();
    const call = client().membershipTypes.retrieve('annual', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(call, APIUserAbortError);
  });
  it('a network failure → APIConnectionError with the cause, after the retries', async () => {
    let attempts = 0;
    server.use(
      http.get(typeUrl, () => {
        attempts++;
        return HttpResponse.error();
      }),
    );
    await assert.rejects(client().membershipTypes.retrieve('annual'), (e: unknown) => {
      assert.ok(e instanceof APIConnectionError && e instanceof MemberkitError);
      assert.ok(e.cause instanceof Error);
      return true;
    });
    assert.equal(attempts, 3);
  });
});

describe('misuse from JavaScript surfaces as a MemberkitError, never a bare TypeError', () => {
  const params = { membership_type_id: 'annual', member: { email: 'a@b.co', first_name: 'A', last_name: 'B' }, fields: {} };
  /** The global fetch, recording whether the client called it at all. */
  const watching = () => {
    const calls: unknown[] = [];
    return { calls, fetch: ((...args: Parameters<typeof fetch>) => (calls.push(args[0]), fetch(...args))) as typeof fetch };
  };

  it('a BigInt amount (10n) in the body → MemberkitError before anything is sent', async () => {
    const watch = watching();
    const call = client({ fetch: watch.fetch }).signups.create({ ...params, amount: 10n as never });
    await assert.rejects(call, (e: unknown) => e instanceof MemberkitError && !(e instanceof APIError) && /JSON/.test(e.message));
    assert.deepEqual(watch.calls, []);
  });

  it('a circular body → MemberkitError with the TypeError as its cause', async () => {
    const fields: Record<string, unknown> = {};
    fields.self = fields;
    await assert.rejects(client().signups.create({ ...params, fields: fields as never }), (e: unknown) => {
      return e instanceof MemberkitError && e.cause instanceof TypeError;
    });
  });

  it('createClient(undefined) and createPublicClient(null) → MemberkitError', () => {
    assert.throws(() => createClient(undefined as never), MemberkitError);
    assert.throws(() => createPublicClient(null as never), MemberkitError);
  });

  it('an id left undefined (retrieve(undefined)) → MemberkitError, not a request to …/membership-types/undefined', async () => {
    const watch = watching();
    await assert.rejects(client({ fetch: watch.fetch }).membershipTypes.retrieve(undefined as never), MemberkitError);
    assert.deepEqual(watch.calls, []);
  });
});
