// The Stripe seam: the element loads Stripe.js only at the payment step, through
// `@stripe/stripe-js/pure` (a separate chunk) or the host's `.stripeLoader` (tests, the sandbox's
// stand-in), and talks to it through the small surface below.

/** An embedded checkout page as Stripe.js (and the sandbox stand-in) returns it. */
export interface EmbeddedCheckoutLike {
  mount(target: string | HTMLElement): void;
  unmount?(): void;
  destroy(): void;
}

/** Options for the embedded checkout page. */
export interface EmbeddedCheckoutOptions {
  fetchClientSecret?: () => Promise<string>;
  clientSecret?: string;
  onComplete?: () => void;
}

/** The part of the Stripe.js object the element uses (the method was renamed in Stripe.js 8). */
export interface StripeLike {
  createEmbeddedCheckoutPage?(options: EmbeddedCheckoutOptions): Promise<EmbeddedCheckoutLike>;
  initEmbeddedCheckout?(options: EmbeddedCheckoutOptions): Promise<EmbeddedCheckoutLike>;
}

/** `(publishableKey) => Promise<Stripe>`: replaceable by tests and the sandbox. */
export type StripeLoader = (publishableKey: string) => Promise<StripeLike | null>;

/** The default loader: Stripe.js from Stripe, loaded on first use. */
export const loadStripeJs: StripeLoader = async (publishableKey) => {
  // `pure`: Stripe.js is fetched only now, not when this module loads. (Its .d.mts re-exports an
  // extensionless path NodeNext cannot follow, hence the local type.)
  type Pure = { loadStripe: (key: string) => Promise<StripeLike | null> };
  const { loadStripe } = (await import('@stripe/stripe-js/pure/index.mjs')) as unknown as Pure;
  return loadStripe(publishableKey);
};

/** Creates the embedded checkout with whichever method this Stripe.js has. */
export function createEmbeddedCheckout(stripe: StripeLike, options: EmbeddedCheckoutOptions): Promise<EmbeddedCheckoutLike> {
  if (typeof stripe.createEmbeddedCheckoutPage === 'function') return stripe.createEmbeddedCheckoutPage(options);
  if (typeof stripe.initEmbeddedCheckout === 'function') return stripe.initEmbeddedCheckout(options);
  return Promise.reject(new Error('This Stripe.js has no embedded checkout'));
}

export { openHostedPage } from './hosted-page.js';

/** Waits `ms`, or rejects with the signal's reason once it aborts (leaving no listener behind). */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal.addEventListener('abort', abort, { once: true });
  });
