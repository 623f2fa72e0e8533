// The frame page entry for the full-signup tests on memberkit-server: the real widget and
// frame-page logic, talking to the server over HTTP, with the server's Stripe stand-in as the
// widget's Stripe.js (its embedded checkout frames the stand-in's checkout page, as Stripe's does).
import '@memberkit/signup';
import { startFramePage, type FramePageOptions } from '../../../packages/signup/src/frame/frame-page.js';

declare const __API_BASE__: string;
declare const __STRIPE_JS__: string;

// A URL chosen at run time: left to the browser, not bundled.
const stripeJs = __STRIPE_JS__;
const { loadStripe } = (await import(stripeJs)) as { loadStripe: NonNullable<FramePageOptions['stripeLoader']> };

await startFramePage({ apiBase: __API_BASE__, stripeLoader: loadStripe });
