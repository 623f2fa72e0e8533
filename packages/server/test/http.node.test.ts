// The HTTP front around the API's handle: CORS from embed_origins, rate limits, the body limit,
// raw bodies passed through, request ids, logs without secrets, health checks, the widget's
// files, and a graceful shutdown. The handle here is a probe that reports what it received
// (the API's own behaviour is tested over this front by the API conformance suite).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest, Agent } from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sampleRows } from '@memberkit/api/testing';
import pino from 'pino';
import { createServer, openPgliteStorage, parseConfig, type MemberkitServer } from '../src/index.js';

const logLines: string[] = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  }),
);

let handled: { method: string; url: string; sha256: string; authorization: string | null }[] = [];
let slowRequest: Promise<void> | undefined;

async function probe(request: Request): Promise<Response> {
  const body = new Uint8Array(await request.arrayBuffer());
  handled.push({
    method: request.method,
    url: request.url,
    sha256: createHash('sha256').update(body).digest('hex'),
    authorization: request.headers.get('authorization'),
  });
  if (new URL(request.url).pathname.endsWith('/slow')) await slowRequest;
  // What a host without CORS of its own answers: the server replaces it with its own decision.
  return new Response(JSON.stringify({ received: body.byteLength }), {
    status: 200,
    headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
  });
}

const widgetDir = mkdtempSync(join(tmpdir(), 'memberkit-widget-'));
mkdirSync(join(widgetDir, 'frame-assets'));
writeFileSync(join(widgetDir, 'membership-signup.js'), 'export const widget = 1;\n');
writeFileSync(join(widgetDir, 'frame.html'), '<!doctype html><title>frame</title>');
writeFileSync(join(widgetDir, 'frame-assets', 'frame-BKM76WTT.js'), 'console.log(1);\n');
writeFileSync(join(widgetDir, 'index.js'), 'export {};\n');
writeFileSync(join(widgetDir, 'index.d.ts'), 'export {};\n');

describe('the HTTP front', () => {
  let server: MemberkitServer;
  let base: string;
  const org = { ...sampleRows('club').organizations, embed_origins: ['https://club.example'] };

  before(async () => {
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', MEMBERKIT_BODY_LIMIT: '65536', MEMBERKIT_RATE_LIMIT_PER_CLIENT: '3', MEMBERKIT_RATE_LIMIT_PER_KEY: '5' });
    // A directory given with its trailing slash, as a file URL's directory comes.
    server = await createServer(config, { api: () => probe, logger, widgetDir: `${widgetDir}/`, storage: await openPgliteStorage() });
    await server.storage.transaction(async (tx) => {
      await tx.insert('organizations', org);
      await tx.insert('organizations', { ...org, id: 'other', publishable_key: 'pk_test_other', embed_origins: [] });
    });
    base = await server.listen();
  });
  after(async () => {
    await server.close();
    rmSync(widgetDir, { recursive: true, force: true });
  });

  describe('CORS from the organization’s embed_origins', () => {
    it('a preflight from an embed origin learns what the widget may send; another origin learns nothing', async () => {
      const preflight = (origin: string) =>
        fetch(`${base}/v1/organizations/club/signups`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, idempotency-key, content-type' },
        });
      const allowed = await preflight('https://club.example');
      assert.equal(allowed.status, 204);
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://club.example');
      for (const header of ['Authorization', 'Idempotency-Key', 'Content-Type']) {
        assert.ok(allowed.headers.get('access-control-allow-headers')?.includes(header), header);
      }
      const refused = await preflight('https://evil.example');
      assert.equal(refused.headers.get('access-control-allow-origin'), null);
      assert.equal(refused.headers.get('access-control-allow-headers'), null);
    });

    it('answers to an embed origin expose Request-Id, Retry-After and Link; the API’s "*" never reaches another origin', async () => {
      const mine = await fetch(`${base}/v1/organizations/club/signup-config`, { headers: { Origin: 'https://club.example' } });
      assert.equal(mine.headers.get('access-control-allow-origin'), 'https://club.example');
      assert.deepEqual(mine.headers.get('access-control-expose-headers')?.split(', ').sort(), ['Link', 'Request-Id', 'Retry-After']);
      assert.match(mine.headers.get('vary') ?? '', /Origin/);
      const theirs = await fetch(`${base}/v1/organizations/club/signup-config`, { headers: { Origin: 'https://evil.example' } });
      assert.equal(theirs.headers.get('access-control-allow-origin'), null);
      // Another organization's embed origins do not carry over.
      const other = await fetch(`${base}/v1/organizations/other/signup-config`, { headers: { Origin: 'https://club.example' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    });
  });

  describe('bodies', () => {
    it('the API receives the body byte for byte (signatures are checked on those bytes)', async () => {
      handled = [];
      const raw = Buffer.from('{ "b":1,  "a" : "é\\u00e9" }\n\t', 'utf8');
      const response = await fetch(`${base}/v1/organizations/club/webhooks/stripe`, { method: 'POST', body: raw, headers: { 'Content-Type': 'application/json' } });
      assert.equal(response.status, 200);
      assert.equal(handled[0]?.sha256, createHash('sha256').update(raw).digest('hex'));
    });

    it('a body over the limit gets 413 payload_too_large and never reaches the API, declared or streamed', async () => {
      handled = [];
      const declared = await fetch(`${base}/v1/organizations/club/members`, { method: 'POST', body: 'x'.repeat(10 * 1024 * 1024) });
      assert.equal(declared.status, 413);
      assert.equal((await declared.json()).code, 'payload_too_large');
      const chunks = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(8192));
          controller.close();
        },
      });
      const streamed = await fetch(`${base}/v1/organizations/club/members`, { method: 'POST', body: chunks, duplex: 'half' } as RequestInit);
      assert.equal(streamed.status, 413);
      assert.equal(streamed.headers.get('content-type'), 'application/problem+json');
      assert.deepEqual(handled, []);
    });
  });

  describe('text PostgreSQL cannot store', () => {
    it('a JSON string holding U+0000 is refused with its fields named, before the API', async () => {
      handled = [];
      const response = await fetch(`${base}/v1/organizations/club/members`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'a@example.org', first_name: 'A\u0000', fields: { list: ['ok', 'b\u0000'] } }),
      });
      assert.equal(response.status, 400);
      const body = await response.json();
      assert.equal(body.code, 'validation_failed');
      assert.deepEqual(body.errors.map((error: { field: string }) => error.field), ['first_name', 'fields.list.1']);
      assert.deepEqual(handled, []);
    });
  });

  describe('rate limits on sign-in, signups and discount checks', () => {
    it('per client: the fourth signup in a burst gets 429 rate_limited with Retry-After; reads are not limited', async () => {
      const signup = () => fetch(`${base}/v1/organizations/club/signups`, { method: 'POST', body: '{}' });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await signup()).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      const limited = await signup();
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.equal((await limited.json()).code, 'rate_limited');
      // A discount check is counted apart, and reads are free.
      assert.equal((await fetch(`${base}/v1/organizations/club/discounts/validate`, { method: 'POST', body: '{}' })).status, 200);
      for (let i = 0; i < 5; i++) assert.equal((await fetch(`${base}/v1/organizations/club/membership-types`)).status, 200);
    });

    it('per key: an organization’s sign-ins are capped across clients', async () => {
      const statuses = [];
      for (let i = 0; i < 7; i++) {
        const response = await server.app.request(`/v1/organizations/other/sign-in`, { method: 'POST', body: '{}', headers: { 'X-Forwarded-For': `10.0.0.${i}` } });
        statuses.push(response.status);
      }
      // No trusted proxy: every request is the same unknown client, and the client limit (3) comes first.
      assert.deepEqual(statuses, [200, 200, 200, 429, 429, 429, 429]);
    });
  });

  describe('request ids and logs', () => {
    it('every answer has a Request-Id, and the log line has it, without the token, the key or the card number', async () => {
      const response = await fetch(`${base}/v1/organizations/club/me?x=1`, {
        method: 'POST',
        headers: { Authorization: 'Bearer sk_live_SECRETSECRETSECRET', 'Content-Type': 'application/json' },
        body: JSON.stringify({ card: '4242424242424242', token: 'eyJhbGciOiJIUzI1NiJ9.secret-member-token' }),
      });
      const requestId = response.headers.get('request-id');
      assert.match(requestId ?? '', /^req_[A-Za-z0-9_-]{16}$/);
      const line = logLines.map((text) => JSON.parse(text)).find((entry) => entry.request_id === requestId);
      assert.ok(line, 'a log line for the request');
      assert.equal(line.path, '/v1/organizations/club/me');
      assert.equal(line.status, 200);
      const everything = logLines.join('\n');
      for (const secret of ['SECRETSECRET', '4242424242424242', 'secret-member-token', 'Bearer']) assert.ok(!everything.includes(secret), secret);
    });
  });

  describe('health', () => {
    it('/healthz answers while the process lives; /readyz once the database answers', async () => {
      assert.deepEqual(await (await fetch(`${base}/healthz`)).json(), { status: 'ok' });
      const ready = await fetch(`${base}/readyz`);
      assert.equal(ready.status, 200);
    });
  });

  describe('the widget’s files from the server’s origin', () => {
    it('entry files are cached briefly with an ETag, hashed ones for a year; the npm library files and paths outside are not served', async () => {
      const entry = await fetch(`${base}/membership-signup.js`);
      assert.equal(entry.status, 200);
      assert.match(entry.headers.get('content-type') ?? '', /^text\/javascript/);
      assert.equal(entry.headers.get('cache-control'), 'public, max-age=300');
      const again = await fetch(`${base}/membership-signup.js`, { headers: { 'If-None-Match': entry.headers.get('etag')! } });
      assert.equal(again.status, 304);
      const chunk = await fetch(`${base}/frame-assets/frame-BKM76WTT.js`);
      assert.equal(chunk.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      for (const path of ['/index.js', '/index.d.ts', '/%2e%2e/package.json', '/..%2f..%2fetc/passwd', '/nothing.js']) {
        assert.equal((await fetch(`${base}${path}`)).status, 404, path);
      }
    });

    it('the frame page may be framed by the organization’s embed origins only', async () => {
      const page = await fetch(`${base}/frame.html?organization=club`);
      assert.equal(page.headers.get('content-security-policy'), 'frame-ancestors https://club.example');
      const unknown = await fetch(`${base}/frame.html?organization=nobody`);
      assert.equal(unknown.headers.get('content-security-policy'), "frame-ancestors 'none'");
    });
  });
});

describe('graceful shutdown', () => {
  it('close() stops taking requests, lets the one in flight finish, then closes the storage', async () => {
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    const server = await createServer(config, { api: () => probe, logger: pino({ level: 'silent' }), widgetDir, storage: await openPgliteStorage() });
    const base = await server.listen();
    let finish!: () => void;
    slowRequest = new Promise((resolve) => (finish = resolve));
    const inFlight = fetch(`${base}/v1/organizations/club/slow`);
    while (!handled.some((entry) => entry.url.endsWith('/slow'))) await new Promise((resolve) => setTimeout(resolve, 10));
    const closed = server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await assert.rejects(fetch(`${base}/healthz`), 'a new connection is refused');
    finish();
    const answer = await inFlight;
    assert.equal(answer.status, 200);
    await closed;
    await assert.rejects(server.storage.transaction((tx) => tx.count('organizations', {})));
  });

  it('an idle keep-alive connection outlives Node’s 5 s default (no reset for a client that reuses it), and close() still ends it at once', async () => {
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    const server = await createServer(config, { api: () => probe, logger: pino({ level: 'silent' }), widgetDir, storage: await openPgliteStorage() });
    const base = new URL(await server.listen());
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const request = httpRequest({ host: base.hostname, port: base.port, path: '/healthz', agent }, (response) => {
          response.resume();
          response.on('end', () => resolve(request.socket!.localPort!));
        });
        request.on('error', reject);
        request.end();
      });
    const first = await get();
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    assert.equal(await get(), first, 'the same connection, still open after 5.5 s idle');
    const started = Date.now();
    await server.close();
    assert.ok(Date.now() - started < 2_000, `close() waited ${Date.now() - started} ms for an idle connection`);
    agent.destroy();
  });
});
