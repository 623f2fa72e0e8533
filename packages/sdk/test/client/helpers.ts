// Shared set-up of the client tests: an msw server for the sandbox base URL and a fast client.
import { setupServer } from 'msw/node';
import { after, afterEach, before } from 'node:test';
import { createClient } from '../../src/client.js';
import type { ClientOptions } from '../../src/core/request-options.js';

export const baseUrl = 'https://api.memberkit.test/v1';
export const orgUrl = `${baseUrl}/organizations/demo`;

/** An msw server for one test file: unhandled requests fail the test. */
export const useServer = () => {
  const server = setupServer();
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  after(() => server.close());
  return server;
};

/** A client whose retries wait a millisecond or two instead of seconds; strict, as our own tests are. */
export const client = (options: Partial<ClientOptions> = {}) =>
  createClient({ baseUrl, organization: 'demo', backoff: { initialDelay: 1, maxDelay: 2 }, validateResponses: 'strict', ...options });

/** An `application/problem+json` answer with a `Request-Id`. */
export const problem = (status: number, code: string, extra: object = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json', 'request-id': `req_${status}`, ...headers },
  });
