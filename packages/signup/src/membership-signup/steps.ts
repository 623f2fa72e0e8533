// The steps after the plans, in a chunk of their own: the plans render without them, and the
// element imports this module as soon as the plans are visible (or when a draft resumes past
// them), so the member's first click rarely waits for it. With the views come the controllers
// that only those steps need (the discount check, the attempt and the payment step) and English's
// words of these steps.
import { renderDetails } from './views/details.js';
import { renderReview } from './views/review.js';
import { renderApproval, renderDone, renderPayment, renderRenewal, renewedUntil } from './views/outcome.js';
import { invitationProblem, invitationText, invitationWords } from './controllers/invitation.js';
import { renderInvitationRefused } from './views/invitation.js';
import { wholeWords } from '../i18n/words.js';
import { AttemptController } from './controllers/attempt.js';
import { DiscountController } from './controllers/discount.js';
import type { SignupHost } from './controllers/host.js';

/** The controllers of the steps after the plans, for one element. */
function laterControllers(host: SignupHost) {
  const discounts = new DiscountController(host);
  const attempt = new AttemptController(host, discounts);
  return { discounts, attempt, payment: attempt.payment };
}

export type LaterControllers = ReturnType<typeof laterControllers>;

/**
 * What the element reads of this chunk, as one export: the chunk then exports one name, not each
 * function twice (by name and again in a namespace object built for the dynamic import).
 */
export const later = {
  renderDetails,
  renderReview,
  renderApproval,
  renderDone,
  renderPayment,
  renderRenewal,
  renewedUntil,
  invitationProblem,
  invitationText,
  invitationWords,
  renderInvitationRefused,
  wholeWords,
  laterControllers,
};
