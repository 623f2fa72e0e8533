// The payment step's moving parts, out of the element: the embedded checkout in the element's
// light DOM, and the poll that waits for the API to confirm a signup after payment.
import type { Signup } from '@memberkit/sdk';
import { createEmbeddedCheckout, sleep, type EmbeddedCheckoutLike, type StripeLoader } from '../payment.js';

/**
 * Retrieves the signup until the API settles it (completed, failed or awaiting approval) and
 * returns it, or undefined once `stale()` says a newer poll took over. There is no limit on tries:
 * a member may spend minutes on a hosted payment page, and giving up would show a false network
 * error. The wait between tries grows from half a second to 10 s (the host can ask for a check at
 * once with `refreshPayment()`). Throws the signal's reason once aborted (the element left the page).
 */
export async function pollSignup(retrieve: () => Promise<Signup>, signal: AbortSignal, stale: () => boolean): Promise<Signup | undefined> {
  for (let wait = 500; !stale(); wait = Math.min(wait * 1.5, 10_000)) {
    const signup = await retrieve();
    if (stale()) break;
    if (signup.status === 'completed' || signup.status === 'failed' || signup.status === 'awaiting_approval') return signup;
    await sleep(wait, signal);
  }
  return undefined;
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
