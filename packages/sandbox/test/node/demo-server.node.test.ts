// demo/server.mjs answering the sandbox API over real HTTP (for pages that cannot run msw's
// service worker): an injected lost response must reach the client as a dropped connection, as
// it would from a real server, and a client that hangs up must abort the handler's request.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HttpResponse, http } from 'msw';
import { createSandbox, type Sandbox } from '@memberkit/sandbox';
import { serve, type RunningServer } from '../../../../demo/server.mjs';
import { TODAY, signupParams } from '../helpers.js';

const holder: { handlers: unknown[] } = { handlers: [] };
let server: RunningServer;
let sandbox: Sandbox;

before(async () => {
  server = await serve({ port: 0, sandbox: holder });
  sandbox = createSandbox({ baseUrl: `${server.url}/v1`, today: TODAY, validateResponses: true });
  holder.handlers = sandbox.handlers;
});
after(() => server.close());

describe('demo/server.mjs with the sandbox under /v1', () => {
  it('an injected lost response drops the connection (a network error, not a 500); the retry gets the stored signup', async () => {
    const body = JSON.stringify(signupParams());
    const signup = (headers: Record<string, string>) =>
      fetch(`${server.url}/v1/organizations/demo/signups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'over-http-1', ...headers },
        body,
      });
    const count = () => Object.keys(sandbox.store.state.signups).length;
    const before = count();
    await assert.rejects(signup({ 'sandbox-fault': 'lost_response' }), TypeError);
    assert.equal(count(), before + 1, 'the work was done before the reply was dropped');
    const retry = await signup({});
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(count(), before + 1);
    assert.deepEqual(sandbox.responseErrors.map((e) => e.message), []);
  });

  // The timeout is a safety net for the failure case (the handler never hearing of the hang-up).
  it('a client that hangs up aborts the request the handlers see', { timeout: 10_000 }, async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const abortSeen = new Promise<void>((resolve) => {
      holder.handlers = [
        http.get(`${server.url}/v1/hang`, async ({ request }) => {
          arrived();
          await new Promise<void>((done) => request.signal.addEventListener('abort', () => done(), { once: true }));
          resolve();
          return HttpResponse.error();
        }),
      ];
    });
    try {
      const client = new AbortController();
      const pending = fetch(`${server.url}/v1/hang`, { signal: client.signal }).catch((error: unknown) => error);
      await reached;
      client.abort();
      await abortSeen;
      assert.equal((await pending as Error).name, 'AbortError');
    } finally {
      holder.handlers = sandbox.handlers;
    }
  });
});
