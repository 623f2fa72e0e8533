// An attempt: from Confirm (or Renew) to a settled signup. Sends the signup or the renewal with
// its idempotency key (kept in the draft: a retry or a reload sends the same attempt, never a
// second one), routes the answer (machine.ts: routeSignup) to the payment step or the
// confirmation, offers a renewal to a member who already holds the type, and carries out
// "Try again" (routeRetry).
import { APIError, calculateExpiry, isRunning, type Membership, type MembershipType, type Signup, type SignupCreateParams } from '@memberkit/sdk';
import { emptyDraft } from '../draft.js';
import { amountOf, signupParams } from '../form.js';
import { routeRetry, routeSignup, type State } from '../machine.js';
import type { DiscountController } from './discount.js';
import type { SignupHost } from './host.js';
import { PaymentController } from './payment.js';

/** A new attempt's key (the draft keeps it: a retry or a reload sends it again). */
function newIdempotencyKey(): string {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Not a lifecycle controller: its payment step (PaymentController) tears down what it started. */
export class AttemptController {
  readonly host: SignupHost;
  readonly payment: PaymentController;
  readonly #discounts: DiscountController;
  /** A request is on its way (Confirm and Renew wait). */
  inFlight = false;
  /** The renewal offer last shown ("Try again" after a failed renewal returns to it). */
  #renewal: Extract<State, { step: 'renewal' }> | undefined;

  constructor(host: SignupHost, discounts: DiscountController) {
    this.host = host;
    this.#discounts = discounts;
    this.payment = new PaymentController(host, (signup) => this.handle(signup, true));
  }

  /** Marks a request on its way (or over): Confirm, Renew and Continue wait meanwhile. */
  busy(busy: boolean): void {
    this.inFlight = busy;
    this.host.element.requestUpdate();
  }

  /** The request this draft sends for `type`. */
  params(type: MembershipType): SignupCreateParams {
    const host = this.host;
    return signupParams(type, host.draft, host.config?.member, host.locale, host.invitation, host.element.checkout);
  }

  async submit(): Promise<void> {
    const host = this.host;
    const type = host.type();
    if (!type || this.inFlight) return;
    host.interacted();
    this.busy(true);
    try {
      const checking = this.#discounts.pending;
      if (checking) {
        // The code being checked decides what is sent. Refused meanwhile: back to the details,
        // where the member sees why and the new total.
        await checking;
        if (!host.draft.discount) return host.go({ step: 'details' });
      }
      const params = this.params(type);
      if (!host.emit('membership-signup-submit', { params, renewal: null })) return;
      const idempotencyKey = host.draft.idempotencyKey ?? newIdempotencyKey();
      host.save({ idempotencyKey });
      const signup = await host.client().signups.create(params, { idempotencyKey, signal: host.signal() });
      this.handle(signup, false);
    } catch (error) {
      host.fail(error, 'submit');
    } finally {
      this.busy(false);
    }
  }

  /** Routes a signup by its state and `next_action` (routeSignup). */
  handle(signup: Signup, resumed: boolean): void {
    const host = this.host;
    host.save({ signupId: signup.id });
    const phase = routeSignup(signup);
    if (phase) this.payment.start(signup, phase, resumed);
    else this.finish(signup);
  }

  /** The member's part is over: done, or the application sent. */
  finish(signup: Signup): void {
    const host = this.host;
    this.payment.stop();
    host.go(signup.status === 'completed' ? { step: 'done', signup } : { step: 'approval', signup });
    // Told once: a reload showing the confirmation again is no second signup.
    if (!host.draft.finished) host.emit('membership-signup-complete', { signup, membership: signup.membership });
    // Only the signup is kept (a reload shows this again); "Sign up someone else" clears it.
    host.save({ ...emptyDraft(), signupId: signup.id, finished: true });
  }

  /** The member already holds this type: offer a renewal with the new expiry from the calculator. */
  async offerRenewal(type: MembershipType): Promise<void> {
    const host = this.host;
    let membership: Membership | null = null;
    let renewsUntil: string | null | undefined;
    this.#renewal = undefined;
    // No token, or a page whose .getAuthToken answered '' (a visitor not signed in, the frame of a
    // host without one): signed out, so the offer is to sign in. (The widget's sign-in before its
    // session opened makes the API answer 401, which says the same.)
    if (host.signedIn()) {
      let me;
      try {
        me = await host.client().me.retrieve({ signal: host.signal() });
      } catch (error) {
        // 401 (after the SDK's one refresh): nobody is signed in after all, so "sign in". Anything
        // else is not "sign in": the member is signed in and we could not ask; Try again asks again.
        if (!(error instanceof APIError && error.status === 401)) {
          host.fail(error, 'renew');
          return;
        }
      }
      // The running one (granting access now, or once it starts): the one the API refused to double.
      membership = me?.memberships.find((held) => held.membership_type_id === type.id && isRunning(held.status)) ?? null;
      if (me && !membership) {
        // Signed in (in the widget, maybe as someone else) without it: this member's own signup.
        host.adoptMember(me.member);
        return host.go({ step: 'details' });
      }
      if (membership) {
        try {
          renewsUntil = calculateExpiry(type, {
            purchased_on: host.today,
            current: { anchor_on: membership.anchor_on, expires_on: membership.expires_on, grace_days: membership.grace_days },
          }).expires_on;
        } catch {
          renewsUntil = undefined; // e.g. a cyclical renewal outside its window
        }
      }
    }
    host.go((this.#renewal = { step: 'renewal', membership, renewsUntil }));
  }

  async renew(): Promise<void> {
    const host = this.host;
    const state = host.state;
    const type = host.type();
    if (state.step !== 'renewal' || !state.membership || !type || this.inFlight) return;
    host.interacted();
    if (!host.emit('membership-signup-submit', { params: this.params(type), renewal: state.membership })) return;
    this.busy(true);
    // Its own key (another endpoint), kept in the draft: a retry or a reload renews once.
    const idempotencyKey = host.draft.renewalKey ?? newIdempotencyKey();
    host.save({ renewalKey: idempotencyKey });
    try {
      const amount = amountOf(type, host.draft, host.locale);
      const signup = await host.client().me.memberships.renew(state.membership.id, {
        ...(typeof amount === 'number' ? { amount } : {}),
        // The page it is paid on, as a signup asks (a framed widget: Stripe's hosted page).
        checkout: host.element.checkout,
        locale: host.locale,
        idempotencyKey,
        signal: host.signal(),
      });
      this.handle(signup, false);
    } catch (error) {
      host.fail(error, 'renew');
    } finally {
      this.busy(false);
    }
  }

  /** "Try again" after a failure: a new attempt, the same checkout or attempt again, or a reload. */
  retry(): void {
    const host = this.host;
    host.interacted();
    const state = host.state;
    const route = routeRetry(state, Boolean(host.draft.membershipTypeId), Boolean(this.#renewal));
    if (route === 'new-attempt') {
      // A new attempt, from the review.
      this.payment.stop();
      host.save({ signupId: null, idempotencyKey: null, renewalKey: null });
      host.go({ step: 'review' });
    } else if ((route === 'mount' || route === 'hosted') && state.step === 'payment') {
      this.payment.again(state.signup, route);
    } else if (route === 'submit') {
      host.go({ step: 'review' });
      void this.submit();
    } else if (route === 'renew') {
      // The same renewal again (same key).
      host.go(this.#renewal!);
      void this.renew();
    } else if (route === 'offer-renewal') {
      // The offer again, when it never showed.
      void this.offerRenewal(host.type()!);
    } else if (route === 'load') {
      host.load();
    }
  }
}
