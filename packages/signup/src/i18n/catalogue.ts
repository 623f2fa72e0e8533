// The typed string catalogue every language implements (English is the fallback and is bundled;
// the others load lazily). Functions take already-formatted values (money and dates go through
// Intl in the member's locale before they reach a string).

import type { DurationIntervalType, FieldErrorCode, InvitationRefusal, MembershipStatus, PricingErrorCode } from '@memberkit/sdk';
import type { DiscountRefusal } from '../events.js';

// The domain's codes come from the SDK (type-only imports: no bytes), so a code the SDK adds
// (a field error, a status, a pricing error) fails the build until every language words it.

/** Units of a membership term. */
export type TermUnit = Exclude<DurationIntervalType, 'lifetime'>;

/** The bounds a field message may mention, already formatted. */
export interface FieldBounds {
  min?: string;
  max?: string;
  minLength?: number;
  maxLength?: number;
}

/** An invite-only plan's code field, "See all plans", and why an invitation is refused: the
 * API's reasons (the SDK's InvitationRefusal), `required` (none given) and `unexplained` (a reason
 * this widget does not know). */
export interface InvitationWords {
  code: string;
  allPlans: string;
  refused: Record<InvitationRefusal | 'required' | 'unexplained', string>;
}

/** The confirmation's next step (the API names none): a new member hears from the organization,
 * a free one got a welcome email, a renewal needs nothing more. */
export interface OutcomeWords {
  next: (organization: string) => string;
  welcomeSent: (email: string) => string;
  renewedNext: string;
}

/** The review's words: its sections' "Edit", the member's name, a checkbox's answer. */
export interface ReviewWords {
  edit: string;
  name: string;
  yes: string;
  no: string;
}

/** Pricing errors whose message names a limit. */
type LimitedPricingError = 'amount_below_minimum' | 'amount_above_maximum' | 'below_processor_minimum' | 'group_too_large';

export interface Catalogue {
  /** BCP 47 language of this catalogue. */
  lang: string;
  dir: 'ltr' | 'rtl';
  loading: string;
  /** While the next step's code is on its way (a slow network). */
  loadingStep: string;
  steps: {
    plans: string;
    details: string;
    review: string;
    payment: string;
    approval: string;
    done: string;
    renewal: string;
    error: string;
    /** Also the label of the button that opens it. */
    signin: string;
  };
  stepOf: (n: number, total: number, name: string) => string;
  noPlans: string;
  /** Above the plans when the page linked to a plan that is not offered (unknown or retired). */
  planUnavailable: string;
  choose: string;
  term: (count: number, unit: TermUnit) => string;
  lifetime: string;
  until: (date: string) => string;
  renewsAutomatically: string;
  noAutoRenewal: string;
  /** The review of a plan that renews automatically: the renewal's amount and the day it renews. */
  renewsOn: (amount: string, date: string) => string;
  memberChooses: string;
  runsUntil: (date: string) => string;
  neverExpires: string;
  free: string;
  fromAmount: (amount: string) => string;
  /** A price with its term: "$60 / year", "$18 / 3 months". */
  per: (amount: string, count: number, unit: TermUnit) => string;
  /** Badges on plan cards: featured, approval, invitation, group size. */
  popular: string;
  needsApproval: string;
  inviteOnly: string;
  groupUpTo: (max: number) => string;
  email: string;
  firstName: string;
  lastName: string;
  signedInAs: (email: string) => string;
  optional: string;
  amount: string;
  /** A donation's amount left empty. */
  amountRequired: string;
  amountHint: (min: string, max: string | null) => string;
  autoRenew: string;
  groupMembers: string;
  groupHint: (max: number) => string;
  groupMember: (n: number) => string;
  addMember: string;
  removeMember: (n: number) => string;
  discountCode: string;
  apply: string;
  discountApplied: (code: string) => string;
  /** The discount check itself failed (network, server). */
  discountCheckFailed: string;
  discountRefused: Record<DiscountRefusal, string>;
  /** Invitation-only plans' words. English lives in the steps chunk
   * (membership-signup/controllers/invitation.ts): the plans never need it. */
  invitation?: InvitationWords;
  /** English lives in the steps chunk (membership-signup/views/review.ts). */
  review?: ReviewWords;
  /** English lives in the steps chunk (membership-signup/views/outcome.ts). */
  outcome?: OutcomeWords;
  removeDiscount: string;
  subtotal: string;
  discount: string;
  total: string;
  totalIs: (amount: string) => string;
  /** A consent field left unticked. */
  acceptTerms: string;
  readTerms: string;
  opensNewTab: string;
  back: string;
  continue: string;
  confirmPay: string;
  confirmJoin: string;
  submitting: string;
  errorSummary: (count: number) => string;
  fieldErrors: Record<FieldErrorCode, (bounds: FieldBounds) => string>;
  pricingErrors: Record<Exclude<PricingErrorCode, LimitedPricingError>, string> & {
    amount_below_minimum: (min: string) => string;
    amount_above_maximum: (max: string) => string;
    below_processor_minimum: (min: string) => string;
    group_too_large: (max: number) => string;
  };
  paymentIntro: string;
  paymentConfirming: string;
  paymentDeclined: string;
  paymentUnavailable: string;
  hostedPage: string;
  hostedWaiting: string;
  approvalText: (organization: string) => string;
  doneText: (plan: string) => string;
  /** The confirmation of a renewal (heading, then the plan and its new expiry). */
  renewed: string;
  renewedText: (plan: string, date: string) => string;
  /** After the application: what comes once it is approved (a total to pay). */
  approvalPay: (amount: string) => string;
  /** A paid signup's payer gets the API's receipt by email. */
  receiptSent: (email: string) => string;
  /** The review's main action for a plan that requires approval (nothing is paid yet). */
  sendApplication: string;
  plan: string;
  starts: string;
  expires: string;
  never: string;
  amountPaid: string;
  status: string;
  statuses: Record<MembershipStatus, string>;
  renewOffer: (plan: string, date: string) => string;
  renewTo: (date: string) => string;
  renewSignIn: string;
  renew: string;
  /** On the plans step: "Already a member?" before the Sign in button (`steps.signin`). */
  alreadyMember: string;
  /** The badge of a plan the signed-in member holds. */
  yourPlan: string;
  /**
   * The sign-in view's words. English's are in the sign-in chunk (i18n/sign-in-en.ts), off the
   * plans' critical path; every other language has them here (its type requires them).
   */
  signInWords?: SignInWords;
  configError: string;
  missingOrganization: string;
  invalidOrganization: (id: string) => string;
  /** api-base is neither https nor http on localhost: nothing is sent. */
  invalidApiBase: string;
  /** The service could not be reached: said alone on a first load (nothing entered yet). */
  networkError: string;
  /** After the network error once the member has entered something. */
  kept: string;
  responseError: string;
  apiErrors: Record<string, string>;
  apiError: string;
  retry: string;
  startOver: string;
  /** On the confirmation: a new signup for another person (an empty form). */
  another: string;
}

/** Problems the sign-in view words (the API's `invalid_sign_in` reasons among them). */
export type SignInReason = 'code_format' | 'wrong' | 'expired' | 'used' | 'too_many_attempts' | 'unknown' | 'rate_limited' | 'link';

export interface SignInWords {
  /** What signing in does, before the email. */
  intro: string;
  /** The organization asks members to sign in before signing up. */
  required: (organization: string) => string;
  sendCode: string;
  code: string;
  /** Where the code went and how long it is. */
  codeSent: (email: string, length: number) => string;
  resent: string;
  resend: string;
  otherEmail: string;
  /** The page was opened by the email's sign-in link: one press signs in. */
  link: string;
  /** After the code went out with a link: the link works too. */
  orLink: string;
  /** Signing out of the session opened inside the widget (never of a page's own token). */
  signOut: string;
  problems: Record<Exclude<SignInReason, 'wrong'>, string> & { wrong: (left: number) => string };
}

/** A catalogue with the sign-in view's words: what every language but English is. */
export type FullCatalogue = Catalogue & { signInWords: SignInWords };

/**
 * The words the first chunk says: loading, the plans, and the errors a first load can end in.
 * English's are in the first chunk (i18n/en-first.ts); the rest of English comes with the steps
 * chunk (i18n/en.ts), so the plans never wait for the details' and the payment's words. Every
 * other language is a whole Catalogue, in its own chunk.
 */
export type PlansWords = Pick<
  Catalogue,
  | 'lang'
  | 'dir'
  | 'loading'
  | 'loadingStep'
  | 'steps'
  | 'stepOf'
  | 'noPlans'
  | 'planUnavailable'
  | 'choose'
  | 'term'
  | 'lifetime'
  | 'until'
  | 'renewsAutomatically'
  | 'noAutoRenewal'
  | 'memberChooses'
  | 'runsUntil'
  | 'neverExpires'
  | 'free'
  | 'fromAmount'
  | 'per'
  | 'popular'
  | 'needsApproval'
  | 'inviteOnly'
  | 'groupUpTo'
  | 'back'
  | 'alreadyMember'
  | 'yourPlan'
  | 'configError'
  | 'missingOrganization'
  | 'invalidOrganization'
  | 'invalidApiBase'
  | 'networkError'
  | 'kept'
  | 'responseError'
  | 'apiErrors'
  | 'apiError'
  | 'retry'
  | 'startOver'
>;
