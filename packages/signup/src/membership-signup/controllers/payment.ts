// The payment step's moving parts: Stripe's embedded checkout (or the stand-in) mounted in the
// element's light DOM, the hosted page (top-level, or a new tab when framed), and the poll that
// waits for the API to settle a signup after payment. All of it is torn down when the element
// leaves the page, loads again or the member goes back.
import type { ReactiveController } from 'lit';
import { isSecureUrl, type Signup } from '@memberkit/sdk';
import type { PaymentPhase } from '../machine.js';
import { createEmbeddedCheckout, loadStripeJs, sleep, type EmbeddedCheckoutLike, type StripeLoader } from '../payment.js';
import type { SignupHost } from './host.js';

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

/**
 * The payment step: shows a phase, mounts the checkout or opens the hosted page, and polls the
 * signup until the API settles it, then hands it to `settled` (done, approval) or shows it
 * declined. Only the latest poll acts on its answer.
 */
export class PaymentController implements ReactiveController {
  readonly host: SignupHost;
  readonly #settled: (signup: Signup) => void;
  #checkout = new CheckoutSlot();
  #abort: AbortController | undefined;
  /** Counts polls: only the latest one acts on its answer. */
  #polls = 0;

  constructor(host: SignupHost, settled: (signup: Signup) => void) {
    this.host = host;
    this.#settled = settled;
    host.element.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  #signal(): AbortSignal {
    this.#abort ??= new AbortController();
    return this.#abort.signal;
  }

  #show(signup: Signup, phase: PaymentPhase): void {
    this.host.go({ step: 'payment', signup, phase });
  }

  #unavailable(signup: Signup): void {
    this.#show(signup, 'unavailable');
    this.host.emit('membership-signup-error', { code: 'payment_unavailable', message: this.host.t.paymentUnavailable });
  }

  /** The checkout goes, and its poll (going back, loading again, leaving the page). */
  stop(): void {
    this.#polls++;
    this.#abort?.abort();
    this.#abort = undefined;
    this.#checkout.destroy();
  }

  /**
   * Shows `phase` of `signup`'s payment (routeSignup) and does what it needs: mounts the checkout,
   * or polls the signup (a hosted page opens first unless `resumed`, or framed: a member in a
   * frame opens it from a button, as a popup needs their click). A signup just sent tells the
   * host page that its payment starts.
   */
  start(signup: Signup, phase: PaymentPhase, resumed: boolean): void {
    this.#show(signup, phase);
    const action = signup.next_action;
    if (phase === 'confirming') return void this.poll(signup.id);
    if (phase === 'declined' || action.type !== 'payment') return;
    if (!resumed) this.host.emit('membership-signup-payment-start', { signup });
    if (action.ui_mode === 'embedded_page') return void this.#mount(signup, action.client_secret);
    if (!resumed && window.top === window.self) this.openHosted();
    void this.poll(signup.id);
  }

  /** Opens the hosted payment page of the signup on screen. */
  openHosted(): void {
    const state = this.host.state;
    if (state.step !== 'payment' || state.signup.next_action.type !== 'payment') return;
    const action = state.signup.next_action;
    if (action.ui_mode !== 'hosted_page') return;
    try {
      // The schema refuses such a signup already; checked again where the page is opened, since
      // a host's own .client may hand over signups that never went through it.
      if (isSecureUrl(action.url)) return this.host.element.hostedPageOpener(action.url);
    } catch {
      // An opener that throws (a blocked popup) is no page either.
    }
    this.#unavailable(state.signup);
  }

  async #mount(signup: Signup, clientSecret: string): Promise<void> {
    const host = this.host;
    const signal = this.#signal();
    try {
      const mounted = await this.#checkout.open(
        host.element,
        host.element.stripeLoader ?? loadStripeJs,
        host.config?.payment?.publishable_key,
        clientSecret,
        signal,
        () => {
          this.#show(signup, 'confirming');
          this.#checkout.destroy();
          void this.poll(signup.id);
        },
      );
      if (mounted) this.#show(signup, 'ready');
    } catch {
      if (signal.aborted) return;
      this.#checkout.destroy();
      this.#unavailable(signup);
    }
  }

  /** Polls the signup after payment until the API settles it (a newer poll replaces this one). */
  async poll(id: string): Promise<void> {
    const host = this.host;
    const run = ++this.#polls;
    const signal = this.#signal();
    try {
      const signup = await pollSignup(() => host.client().signups.retrieve(id, { signal }), signal, () => run !== this.#polls);
      if (!signup) return;
      if (signup.status === 'failed') {
        this.#show(signup, 'declined');
        host.emit('membership-signup-error', { code: 'payment_declined', message: host.t.paymentDeclined });
      } else {
        // Completed (done) or awaiting approval.
        this.#settled(signup);
      }
    } catch (error) {
      if (run === this.#polls) host.fail(error, 'poll');
    }
  }

  /** "Try again" on the payment step: the same checkout again (mount, or the hosted page). */
  again(signup: Signup, route: 'mount' | 'hosted'): void {
    if (route === 'mount') this.start(signup, 'loading', true);
    else {
      this.#show(signup, 'hosted');
      void this.poll(signup.id);
      this.openHosted();
    }
  }
}
