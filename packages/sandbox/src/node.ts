/**
 * `@memberkit/sandbox/node`: the sandbox as an msw server for Node tests.
 *
 * ```ts
 * const server = setupSandboxServer({ today: '2026-03-01' });
 * server.listen({ onUnhandledRequest: 'error' });
 * server.sandbox.issueMemberToken('demo', 'alice@example.org');
 * ```
 * @module @memberkit/sandbox/node
 */
import { setupServer, type SetupServer } from 'msw/node';
import { createSandbox, type Sandbox, type SandboxOptions } from './index.js';

export type SandboxServer = SetupServer & { readonly sandbox: Sandbox };

export function setupSandboxServer(options: SandboxOptions = {}): SandboxServer {
  const sandbox = createSandbox(options);
  const server = setupServer(...sandbox.handlers);
  return Object.assign(server, { sandbox });
}

export * from './index.js';
