// createSignupClient: the calls <membership-signup> makes, to the same endpoints as the full
// clients, with nothing else in its bundle; and any PublicClient can stand in for it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { http, HttpResponse } from 'msw';
import { createPublicClient, createSignupClient, type SignupClient } from '../../src/client.js';
import { UnprocessableEntityError } from '../../src/core/errors.js';
import { signup, signupConfig } from '../schemas/fixtures.js';
import { baseUrl, client, orgUrl, problem, useServer } from './helpers.js';

const server = useServer();

/** Answers every request with `body`, recording method, path, query, JSON body and two headers. */
const recording = (body: object) => {
  const seen: { method: string; path: string; query: string; body: unknown; authorization: string | null; idempotencyKey: string | null }[] = [];
  server.use(
    http.all(`${orgUrl}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const text = await request.text();
      seen.push({
        method: request.method,
        path: url.pathname.slice(new URL(orgUrl).pathname.length + 1),
        query: url.search,
        body: text ? JSON.parse(text) : undefined,
        authorization: request.headers.get('authorization'),
        idempotencyKey: request.headers.get('idempotency-key'),
      });
      return HttpResponse.json(body);
    }),
  );
  return seen;
};

const signupClient = (token?: string) =>
  createSignupClient({ baseUrl, organization: 'demo', token, backoff: { initialDelay: 1, maxDelay: 2 }, validateResponses: 'strict' });

describe('createSignupClient sends what the full client sends', () => {
  it('signupConfig.retrieve: GET signup-config with its query, parsed', async () => {
    const seen = recording(signupConfig);
    const config = await signupClient().signupConfig.retrieve({ membership_type: 'mt_annual', invitation: 'INV1' });
    assert.deepEqual(config, signupConfig);
    assert.deepEqual(seen.map(({ method, path, query }) => ({ method, path, query })), [
      { method: 'GET', path: 'signup-config', query: '?membership_type=mt_annual&invitation=INV1' },
    ]);
  });
  it('signups.create is idempotent (one key, kept on the retry); signups.retrieve reads one by id', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${orgUrl}/signups`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return keys.length === 1 ? problem(503, 'unavailable') : HttpResponse.json(signup, { status: 201 });
      }),
      http.get(`${orgUrl}/signups/:id`, ({ params }) => HttpResponse.json({ ...signup, id: String(params.id) })),
    );
    const c = signupClient();
    const created = await c.signups.create({ membership_type_id: 'mt_annual', member: { email: 'a@example.org', first_name: 'A', last_name: 'B' }, fields: {} });
    assert.deepEqual(created, signup);
    assert.equal(keys.length, 2);
    assert.ok(keys[0]);
    assert.equal(keys[1], keys[0]);
    assert.equal((await c.signups.retrieve('su_later')).id, 'su_later');
  });
  it('discounts.validate, me.retrieve, me.memberships.renew and sign-in go where the full client sends them, with the member token', async () => {
    const answer = { ok: true };
    const seenByFull = recording(answer);
    const calls = async (c: SignupClient) => {
      await c.discounts.validate({ code: 'SPRING', membership_type_id: 'mt_annual' }).catch(() => undefined);
      await c.me.retrieve().catch(() => undefined);
      await c.me.memberships.renew('ms_1', { amount: 5000, auto_renew: true }).catch(() => undefined);
      await c.auth.sendEmailCode({ email: 'a@example.org' }).catch(() => undefined);
      await c.auth.createToken({ email: 'a@example.org', code: '123456' }).catch(() => undefined);
    };
    await calls(client({ token: 'mt_member' }));
    const full = seenByFull.splice(0).map(({ idempotencyKey, ...rest }) => ({ ...rest, idempotent: Boolean(idempotencyKey) }));
    await calls(signupClient('mt_member'));
    const narrow = seenByFull.map(({ idempotencyKey, ...rest }) => ({ ...rest, idempotent: Boolean(idempotencyKey) }));
    assert.deepEqual(narrow, full);
    assert.deepEqual(narrow.map(({ method, path }) => `${method} ${path}`), [
      'POST discounts/validate',
      'GET me',
      'POST me/memberships/ms_1/renew',
      'POST auth/email-codes',
      'POST auth/tokens',
    ]);
    assert.ok(narrow.every(({ authorization }) => authorization === 'Bearer mt_member'));
    assert.deepEqual(narrow[2]!.body, { amount: 5000, auto_renew: true });
    assert.equal(narrow[2]!.idempotent, true);
  });
  it("an API refusal is the same error class as the full client's", async () => {
    server.use(http.post(`${orgUrl}/discounts/validate`, () => problem(422, 'invalid_discount')));
    await assert.rejects(signupClient().discounts.validate({ code: 'NOPE', membership_type_id: 'mt_annual' }), (e: unknown) => {
      assert.ok(e instanceof UnprocessableEntityError);
      assert.ok(e.hasCode('invalid_discount'));
      return true;
    });
  });
  it('a PublicClient is a SignupClient (a host may pass its own to the element)', () => {
    const host: SignupClient = createPublicClient({ baseUrl, organization: 'demo' });
    assert.equal(typeof host.me.memberships.renew, 'function');
  });
});

const clientModule = fileURLToPath(new URL('../../src/client.ts', import.meta.url));
const bundle = async (name: string) => {
  const result = await build({
    stdin: { contents: `export { ${name} } from ${JSON.stringify(clientModule)};`, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return {
    code: result.outputFiles[0]!.text,
    inputs: Object.entries(output.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([file]) => file),
  };
};

describe('createSignupClient is bundled without the calls the widget never makes', () => {
  // (Module-level schema calls such as me.ts's receipt page stay in esbuild's output; the widget's
  // build marks zod's calls pure and drops them too. The calls themselves are what is checked.)
  it('no list pages, no receipts, cancelling, automatic renewal or card updates', async () => {
    const { code, inputs } = await bundle('createSignupClient');
    assert.deepEqual(inputs.filter((file) => /core\/pagination\.ts$|internal\/list\.ts$/.test(file)), []);
    assert.doesNotMatch(code, /me\/receipts|\/cancel`|card-update-session|\/auto-renew`/);
    assert.match(code, /signup-config/);
    assert.match(code, /me\/memberships\//);
  });
  it('createPublicClient does carry them (the check above can tell the difference)', async () => {
    const { code, inputs } = await bundle('createPublicClient');
    assert.ok(inputs.some((file) => file.endsWith('core/pagination.ts')));
    assert.match(code, /me\/receipts/);
    assert.match(code, /\/cancel`/);
    assert.match(code, /card-update-session/);
    assert.match(code, /\/auto-renew`/);
  });
});
