// The steps after the plans, in a chunk of their own: the plans render without them, and the
// element imports this module as soon as the plans are visible (or when a draft resumes past
// them), so the member's first click rarely waits for it. With the views come the controllers
// that only those steps need (the discount check, the attempt, the payment step and the form's
// timing and errors, with the form's rules) and English's words of these steps.
import { renderDetails } from './views/details.js';
import { renderReview } from './views/review.js';
import { renderApproval, renderDone, renderPayment, renderRenewal, renewedUntil } from './views/outcome.js';
import { renderInvitationRefused } from './views/invitation.js';
import { nothing } from 'lit';
import { wholeWords } from '../i18n/words.js';
import { openingAmount } from './form.js';
import { AttemptController } from './controllers/attempt.js';
import { DiscountController } from './controllers/discount.js';
import { FormController } from './controllers/form.js';
import type { SignupHost } from './controllers/host.js';
import type { OutcomeHandlers } from './views/outcome.js';
import type { PlansView } from './views/view.js';

/** The controllers of the steps after the plans, for one element. */
function laterControllers(host: SignupHost) {
  const discounts = new DiscountController(host);
  const attempt = new AttemptController(host, discounts);
  return { discounts, attempt, payment: attempt.payment, form: new FormController(host, discounts, attempt) };
}

export type LaterControllers = ReturnType<typeof laterControllers>;

/** The screen of a step after the plans (the element draws the loading, error, plans and sign-in). */
function screen(later: LaterControllers, host: SignupHost, on: OutcomeHandlers, plans: PlansView | undefined) {
  const { state, t, locale } = host;
  const organization = host.config?.organization.name ?? '';
  switch (state.step) {
    case 'payment':
      return renderPayment(t, state.phase, on);
    case 'done':
      return renderDone(t, state.signup, locale, organization, on);
    case 'approval':
      return renderApproval(t, state.signup, locale, organization, on);
    case 'renewal':
      return renderRenewal(t, state, locale, later.attempt.inFlight, on);
    default: {
      if (!plans) return nothing;
      const view = later.form.view(plans);
      return state.step === 'details' ? renderDetails(view) : renderReview(view);
    }
  }
}

/**
 * What the element reads of this chunk, as one export: the chunk then exports one name, not each
 * function twice (by name and again in a namespace object built for the dynamic import).
 */
export const later = {
  screen,
  renewedUntil,
  renderInvitationRefused,
  wholeWords,
  openingAmount,
  laterControllers,
  /**
   * Signing in (./sign-in.ts), a chunk of its own, imported from here: what it shares with the
   * steps (the SDK's field and people rules) is then already loaded with them, in this chunk,
   * instead of a third chunk of its own (signing in always shows the steps' screens too).
   */
  importSignIn: () => import('./sign-in.js'),
};
