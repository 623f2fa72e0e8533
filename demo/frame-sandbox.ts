// The sandbox variant of the hosted frame page with the sandbox in the browser (msw's service
// worker), as a function: demo/frame.ts runs it when this frame may use storage, tests with their
// own origins. Never part of the production frame page.
import { startSandbox, type StartSandboxOptions } from '@memberkit/sandbox/browser';
import { createSandboxStripe } from '@memberkit/sandbox/stripe';
import '@memberkit/signup';
import { startFramePage, type FramePage, type FramePageOptions } from '../packages/signup/src/frame/frame-page.js';

export interface SandboxFrameOptions {
  sandbox?: StartSandboxOptions;
  /** Host origins allowed to embed the `demo` organization, besides the demo's own. */
  embedOrigins?: string[];
  /**
   * Fixed member tokens to register, by email (the sandbox's tokens live in this origin's store,
   * where a host page cannot mint one).
   */
  memberTokens?: Record<string, string>;
  framePage?: FramePageOptions;
}

export async function startSandboxFramePage(options: SandboxFrameOptions = {}): Promise<FramePage> {
  // A third-party frame may be denied Web Storage (third-party cookies blocked, incognito): the
  // sandbox then keeps its state in memory rather than failing to start.
  const sandboxOptions = { ...options.sandbox };
  if (sandboxOptions.persist && sandboxOptions.persist !== 'memory' && !storageAvailable(sandboxOptions.persist)) sandboxOptions.persist = 'memory';
  const { sandbox } = await startSandbox(sandboxOptions);
  const added = options.embedOrigins ?? [];
  sandbox.update('organizations', { id: 'demo' }, (organization) => ({
    embed_origins: [...organization.embed_origins, ...added.filter((origin) => !organization.embed_origins.includes(origin))],
  }));
  const tokens = sandbox.store.state.tokens;
  for (const [email, token] of Object.entries(options.memberTokens ?? {})) {
    if (!Object.hasOwn(tokens, token)) sandbox.issueMemberToken('demo', email, { token });
  }
  return startFramePage({
    apiBase: sandbox.baseUrl,
    stripeLoader: async () => createSandboxStripe({ baseUrl: sandbox.baseUrl }),
    ...options.framePage,
  });
}

function storageAvailable(kind: 'session' | 'local'): boolean {
  try {
    return (kind === 'local' ? window.localStorage : window.sessionStorage).length >= 0;
  } catch {
    return false;
  }
}
