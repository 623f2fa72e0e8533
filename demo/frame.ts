// The demo's frame page (demo/frame.html): the sandbox in this origin, then the frame page.
import { startSandboxFramePage } from './frame-sandbox.js';

/** The demo host page passes this token to sign in as alice@example.org (sandbox only). */
export const DEMO_MEMBER_TOKEN = 'demo_member_token_alice';

await startSandboxFramePage({ sandbox: { persist: 'session' }, memberTokens: { 'alice@example.org': DEMO_MEMBER_TOKEN } });
