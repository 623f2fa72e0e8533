// A request that gets no HTTP answer says what failed, read from the fetch error's cause: real
// sockets for a refused connection and a TLS handshake with a server that speaks plain HTTP;
// the DNS failure as Node's fetch reports it (no test depends on a resolver).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../src/client.js';
import { APIConnectionError } from '../../src/core/errors.js';

const reject = async (baseUrl: string, fetch?: typeof globalThis.fetch) => {
  const client = createClient({ baseUrl, organization: 'demo', maxRetries: 0, ...(fetch && { fetch }) });
  const error = await client.signupConfig.retrieve().catch((e: unknown) => e);
  assert.ok(error instanceof APIConnectionError, String(error));
  return error;
};

describe('connection errors name what failed', () => {
  let plain: Server;
  let closedPort: number;
  before(async () => {
    plain = createServer((_, response) => response.end('hello'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
  });
  after(() => plain.close());

  it('a refused connection: the host and port, ECONNREFUSED, and the cause kept', async () => {
    const error = await reject(`http://127.0.0.1:${closedPort}/v1`);
    assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${closedPort}: the connection was refused: is the API running there\\? \\(ECONNREFUSED`));
    assert.ok(error.cause instanceof Error);
  });

  it('https to a server that is not speaking TLS: a failed TLS handshake with its code', async () => {
    const error = await reject(`https://127.0.0.1:${(plain.address() as AddressInfo).port}/v1`);
    assert.match(error.message, /127\.0\.0\.1:\d+: the TLS handshake failed \((ERR_SSL_|EPROTO)/);
  });

  it("an unknown host (Node's fetch: TypeError 'fetch failed', its cause ENOTFOUND): could not resolve, DNS", async () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND api.example.invalid'), { code: 'ENOTFOUND', hostname: 'api.example.invalid' });
    const error = await reject('https://api.example.invalid/v1', async () => {
      throw new TypeError('fetch failed', { cause: dns });
    });
    assert.match(error.message, /api\.example\.invalid: could not resolve the host name \(DNS\) \(ENOTFOUND: getaddrinfo/);
  });

  it("a browser's bare 'Failed to fetch': offline, blocked or CORS", async () => {
    const error = await reject('https://api.example.org/v1', async () => {
      throw new TypeError('Failed to fetch');
    });
    assert.match(error.message, /api\.example\.org: Failed to fetch \(offline, blocked, or not allowed by the API's CORS settings\?\)/);
  });
});
