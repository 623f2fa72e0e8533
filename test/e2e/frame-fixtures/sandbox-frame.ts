// The frame page entry for the full-signup tests: the real widget and frame-page logic, talking to
// the Node-side sandbox that the test routes the API to, and the sandbox's stand-in checkout.
import '@memberkit/signup';
import { createSandboxStripe } from '@memberkit/sandbox/stripe';
import { startFramePage } from '../../../packages/signup/src/frame/frame-page.js';

declare const __API_BASE__: string;

await startFramePage({
  apiBase: __API_BASE__,
  stripeLoader: async () => createSandboxStripe({ baseUrl: __API_BASE__ }),
});
