// The demo's frame page (demo/frame.html). Modern Chromium blocks storage — and with it service
// workers — in third-party frames, so the in-browser sandbox (msw) cannot always run here. In
// order of preference:
//  1. the frame origin's own server answers the API under /v1 (demo/server.mjs with a Node-side
//     sandbox): no storage needed;
//  2. the in-browser sandbox, when this frame may use storage;
//  3. otherwise a notice saying why.
import '@memberkit/signup';
import { createSandboxStripe } from '@memberkit/sandbox/stripe';
import { startFramePage } from '../packages/signup/src/frame/frame-page.js';

/** The demo host page passes this token to sign in as alice@example.org (in-browser sandbox only). */
export const DEMO_MEMBER_TOKEN = 'demo_member_token_alice';

const serverApi = `${location.origin}/v1`;

async function serverSandbox(): Promise<boolean> {
  try {
    const response = await fetch(`${serverApi}/organizations/demo/signup-config`, { headers: { accept: 'application/json' } });
    return response.ok && (response.headers.get('content-type') ?? '').includes('json');
  } catch {
    return false;
  }
}

function storageAvailable(): boolean {
  try {
    return window.localStorage.length >= 0 && window.sessionStorage.length >= 0;
  } catch {
    return false;
  }
}

if (await serverSandbox()) {
  await startFramePage({ apiBase: serverApi, stripeLoader: async () => createSandboxStripe({ baseUrl: serverApi }) });
} else if (storageAvailable()) {
  // Loaded only here: msw reads localStorage as soon as it is imported.
  const { startSandboxFramePage } = await import('./frame-sandbox.js');
  await startSandboxFramePage({ sandbox: { persist: 'session' }, memberTokens: { 'alice@example.org': DEMO_MEMBER_TOKEN } });
} else {
  const notice = document.createElement('p');
  notice.setAttribute('role', 'alert');
  notice.textContent =
    'This demo frame runs the sandbox API in your browser, which needs storage in third-party frames, and this browser blocks it. ' +
    'Allow third-party cookies for this site, or serve the frame origin with the Node-side sandbox (demo/server.mjs `sandbox` option).';
  document.body.append(notice);
}
