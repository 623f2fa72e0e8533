// The typed string catalogue every language implements (English is the fallback and is bundled;
// the others load lazily). Functions take already-formatted values (money and dates go through
// Intl in the member's locale before they reach a string).

/** Units of a membership term. */
export type TermUnit = 'day' | 'week' | 'month' | 'year';

/** The bounds a field message may mention, already formatted. */
export interface FieldBounds {
  min?: string;
  max?: string;
  minLength?: number;
  maxLength?: number;
}

export type FieldErrorCode =
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'too_small'
  | 'too_large'
  | 'pattern_mismatch'
  | 'invalid_email'
  | 'invalid_url'
  | 'invalid_number'
  | 'invalid_date'
  | 'invalid_option';

export type MembershipStatusName =
  | 'pending'
  | 'declined'
  | 'future'
  | 'active'
  | 'grace'
  | 'expired'
  | 'cancelled'
  | 'terminated';

export interface Catalogue {
  /** BCP 47 language of this catalogue. */
  lang: string;
  dir: 'ltr' | 'rtl';
  loading: string;
  steps: {
    plans: string;
    details: string;
    review: string;
    payment: string;
    approval: string;
    done: string;
    renewal: string;
    error: string;
  };
  stepOf: (n: number, total: number, name: string) => string;
  noPlans: string;
  choose: string;
  term: (count: number, unit: TermUnit) => string;
  lifetime: string;
  until: (date: string) => string;
  renewsAutomatically: string;
  noAutoRenewal: string;
  memberChooses: string;
  runsUntil: (date: string) => string;
  neverExpires: string;
  free: string;
  fromAmount: (amount: string) => string;
  email: string;
  firstName: string;
  lastName: string;
  signedInAs: (email: string) => string;
  optional: string;
  amount: string;
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
  discountRefused: Record<'unknown' | 'expired' | 'not_yet_valid' | 'used_up' | 'not_for_this_type', string>;
  removeDiscount: string;
  subtotal: string;
  discount: string;
  total: string;
  totalIs: (amount: string) => string;
  groupOf: (n: number) => string;
  readTerms: string;
  opensNewTab: string;
  back: string;
  continue: string;
  confirmPay: string;
  confirmJoin: string;
  submitting: string;
  errorSummary: (count: number) => string;
  fieldErrors: Record<FieldErrorCode, (bounds: FieldBounds) => string>;
  pricingErrors: {
    amount_not_integer: string;
    amount_below_minimum: (min: string) => string;
    amount_above_maximum: (max: string) => string;
    below_processor_minimum: (min: string) => string;
    group_too_large: (max: number) => string;
    discount_not_applicable: string;
    discount_currency_mismatch: string;
  };
  paymentIntro: string;
  testMode: string;
  paymentConfirming: string;
  paymentDeclined: string;
  paymentUnavailable: string;
  hostedPage: string;
  hostedWaiting: string;
  approvalText: (organization: string) => string;
  doneText: (plan: string) => string;
  plan: string;
  starts: string;
  expires: string;
  never: string;
  amountPaid: string;
  status: string;
  statuses: Record<MembershipStatusName, string>;
  renewOffer: (plan: string, date: string) => string;
  renewTo: (date: string) => string;
  renewSignIn: string;
  renew: string;
  configError: string;
  missingOrganization: string;
  networkError: string;
  responseError: string;
  apiErrors: Record<string, string>;
  apiError: string;
  retry: string;
  startOver: string;
}
