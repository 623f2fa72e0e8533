// The payment step's moving parts, out of the element: the embedded checkout in the element's
// light DOM, and the poll that waits for the API to confirm a signup after payment.
import { APITimeoutError, type Signup } from '@memberkit/sdk';
import { createEmbeddedCheckout, sleep, type EmbeddedCheckoutLike, type StripeLoader } from './payment.js';

/**
 * Retrieves the signup until the API settles it (completed, failed or awaiting approval) and
 * returns it: 90 tries, half a second apart for the first five, then a second apart. Throws
 * `APITimeoutError` when it never settles, or the signal's reason once aborted.
 */
export async function pollSignup(retrieve: () => Promise<Signup>, signal: AbortSignal): Promise<Signup> {
  for (let attempt = 0; attempt < 90; attempt++) {
    const signup = await retrieve();
    if (signup.status === 'completed' || signup.status === 'failed' || signup.status === 'awaiting_approval') return signup;
    await sleep(attempt < 5 ? 500 : 1000, signal);
  }
  throw new APITimeoutError('The payment was not confirmed in time');
}

/** Stripe's embedded checkout, mounted in a `slot="payment"` child of the element (Stripe refuses
 * shadow roots). */
export class CheckoutSlot {
  #checkout: EmbeddedCheckoutLike | undefined;
  #mountPoint: HTMLElement | undefined;

  /**
   * Loads Stripe.js, creates the checkout and mounts it in `host`: true once mounted, false when
   * `signal` aborted meanwhile (nothing left behind). Throws when payment is unavailable.
   */
  async open(
    host: HTMLElement,
    loader: StripeLoader,
    publishableKey: string | undefined,
    clientSecret: string,
    signal: AbortSignal,
    onComplete: () => void,
  ): Promise<boolean> {
    // No payment provider configured, or Stripe.js did not load.
    const stripe = publishableKey && (await loader(publishableKey));
    if (!stripe) throw new Error('payment unavailable');
    if (signal.aborted) return false;
    this.destroy();
    const checkout = await createEmbeddedCheckout(stripe, { fetchClientSecret: () => Promise.resolve(clientSecret), onComplete });
    if (signal.aborted) {
      checkout.destroy();
      return false;
    }
    this.#checkout = checkout;
    const mountPoint = document.createElement('div');
    mountPoint.slot = 'payment';
    this.#mountPoint = mountPoint;
    host.append(mountPoint);
    checkout.mount(mountPoint);
    return true;
  }

  /** Tears the checkout down and removes its mount point (safe to call at any time). */
  destroy(): void {
    try {
      this.#checkout?.destroy();
    } catch {
      // Stripe.js may already have torn it down.
    }
    this.#checkout = undefined;
    this.#mountPoint?.remove();
    this.#mountPoint = undefined;
  }
}
