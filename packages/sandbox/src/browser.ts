/**
 * `@memberkit/sandbox/browser`: the sandbox in a page, on msw's service worker (serve msw's
 * `mockServiceWorker.js` at the site root, or pass `serviceWorkerUrl`).
 *
 * ```ts
 * const { sandbox, stop } = await startSandbox({ persist: 'session' });
 * ```
 * @module @memberkit/sandbox/browser
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createSandbox, type Sandbox, type SandboxOptions } from './index.js';

export interface StartSandboxOptions extends SandboxOptions {
  /** Where msw's worker script is served (default `/mockServiceWorker.js`). */
  serviceWorkerUrl?: string;
}

export interface RunningSandbox {
  sandbox: Sandbox;
  worker: SetupWorker;
  /** Stops intercepting requests. */
  stop(): void;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const { serviceWorkerUrl = '/mockServiceWorker.js', ...sandboxOptions } = options;
  const sandbox = createSandbox(sandboxOptions);
  const worker = setupWorker(...sandbox.handlers);
  await worker.start({
    quiet: true,
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: serviceWorkerUrl },
  });
  return { sandbox, worker, stop: () => worker.stop() };
}

export * from './index.js';
