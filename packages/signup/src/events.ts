// Every event <membership-signup> dispatches, declared once: name → typed `detail`. All bubble
// and are composed (they cross shadow roots); the frame host re-dispatches them with the same
// detail, so details hold plain data only (structured-cloneable) and never the member token.
import type {
  Discount,
  DiscountRefusal as ApiDiscountRefusal,
  Membership,
  MembershipType,
  Organization,
  Signup,
  SignupCreateParams,
} from '@memberkit/sdk';

/** Why a discount code was refused: the API's reasons (the SDK's `discountRefusals`: `unknown` is
 * a code the API does not know), or `unexplained` (a refusal without a reason this version knows). */
export type DiscountRefusal = ApiDiscountRefusal | 'unexplained';

export interface MembershipSignupEventDetails {
  /** The configuration loaded and the plans are shown. */
  'membership-signup-ready': { organization: Organization; membershipTypes: MembershipType[] };
  /** The member chose a plan (or one was preselected). */
  'membership-signup-plan-select': { membershipType: MembershipType };
  /** A discount code was checked: `discount` when accepted, `reason` when refused. */
  'membership-signup-discount-apply': { code: string; discount: Discount | null; reason: DiscountRefusal | null };
  /** About to create the signup (`params`), or to renew `renewal` (the membership the member
   * holds; `params` then says what they had chosen). Cancelable: `preventDefault()` keeps the
   * member where they are. */
  'membership-signup-submit': { params: SignupCreateParams; renewal: Membership | null };
  /** The payment step starts (`signup.next_action` says how). */
  'membership-signup-payment-start': { signup: Signup };
  /** The member's part is over: active, or awaiting approval (see `signup.status`). */
  'membership-signup-complete': { signup: Signup; membership: Membership };
  /** Something went wrong; the element shows it too. `code` is an API error code or one of ours. */
  'membership-signup-error': { code: string; message: string };
}

export type MembershipSignupEventName = keyof MembershipSignupEventDetails;

/** Every event name, in the order a signup goes (for a host page listening to all of them). */
export const EVENT_NAMES = Object.keys({
  'membership-signup-ready': 0,
  'membership-signup-plan-select': 0,
  'membership-signup-discount-apply': 0,
  'membership-signup-submit': 0,
  'membership-signup-payment-start': 0,
  'membership-signup-complete': 0,
  'membership-signup-error': 0,
} satisfies Record<MembershipSignupEventName, 0>) as readonly MembershipSignupEventName[];

/** The typed event for a name: `MembershipSignupEvent<'membership-signup-complete'>`. */
export type MembershipSignupEvent<K extends MembershipSignupEventName> = CustomEvent<MembershipSignupEventDetails[K]>;

/** Builds one of our events: bubbling and composed; only `-submit` is cancelable. */
export function createSignupEvent<K extends MembershipSignupEventName>(
  name: K,
  detail: MembershipSignupEventDetails[K],
): MembershipSignupEvent<K> {
  return new CustomEvent(name, {
    detail,
    bubbles: true,
    composed: true,
    cancelable: name === 'membership-signup-submit',
  });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'membership-signup-ready': MembershipSignupEvent<'membership-signup-ready'>;
    'membership-signup-plan-select': MembershipSignupEvent<'membership-signup-plan-select'>;
    'membership-signup-discount-apply': MembershipSignupEvent<'membership-signup-discount-apply'>;
    'membership-signup-submit': MembershipSignupEvent<'membership-signup-submit'>;
    'membership-signup-payment-start': MembershipSignupEvent<'membership-signup-payment-start'>;
    'membership-signup-complete': MembershipSignupEvent<'membership-signup-complete'>;
    'membership-signup-error': MembershipSignupEvent<'membership-signup-error'>;
  }
}
