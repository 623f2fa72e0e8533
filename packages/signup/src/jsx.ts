// Typings for framework users, types only (no bytes in the script-tag bundle): both elements'
// attributes and properties, and their events as each framework spells a listener.
// - React 19 (and Preact): `on` + the event name as dispatched, e.g. `onmembership-signup-submit`
//   (React 19 adds a listener for exactly the name after `on` on a custom element).
// - Vue 3: `on` + the name in PascalCase, e.g. `onMembershipSignupSubmit` (Vue hyphenates it back
//   to `membership-signup-submit`); in templates `@membership-signup-submit`.
// The global JSX namespace is declared here; React's and Vue's are augmented by the application
// (a few lines, shown in docs/guides/frameworks.md), so this package needs neither installed.
import type { SignupClient } from '@memberkit/sdk';
import type { MembershipSignupEventDetails, MembershipSignupEventName } from './events.js';
import type { StripeLoader } from './membership-signup/payment.js';

type Listener<K extends MembershipSignupEventName> = (event: CustomEvent<MembershipSignupEventDetails[K]>) => void;

/** `membership-signup-plan-select` → `MembershipSignupPlanSelect`. */
type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

/** The widget's events as JSX props (React 19, Preact): `onmembership-signup-submit`, …. */
export type MembershipSignupEventProps = {
  [K in MembershipSignupEventName as `on${K}`]?: Listener<K>;
};

/** The widget's events as Vue listeners: `onMembershipSignupSubmit`, … (`@membership-signup-submit` in templates). */
export type MembershipSignupVueEventProps = {
  [K in MembershipSignupEventName as `on${PascalCase<K>}`]?: Listener<K>;
};

/** What any element takes in JSX or a Vue render function. */
interface CommonProps {
  hidden?: boolean;
  id?: string;
  class?: string;
  className?: string;
  lang?: string;
  slot?: string;
  children?: unknown;
}

/** Attributes (kebab-case, strings) and properties (camelCase) of <membership-signup>, no events. */
export interface MembershipSignupAttributes extends CommonProps {
  organization: string;
  'api-base'?: string;
  'membership-type'?: string;
  invitation?: string;
  'read-url-params'?: boolean;
  'discount-code'?: string;
  locale?: string;
  theme?: 'light' | 'dark' | 'auto';
  'auth-token'?: string;
  /** The member's token, memory only; `undefined` or `null` (no member, e.g. an unset React prop) clears it. */
  authToken?: string | null | undefined;
  getAuthToken?: () => Promise<string>;
  client?: SignupClient;
  stripeLoader?: StripeLoader;
  hostedPageOpener?: (url: string) => void;
}

/** Attributes and properties of <membership-signup-frame> (the iframe mode's host element), no events. */
export interface MembershipSignupFrameAttributes extends CommonProps {
  /** The hosted frame page URL, e.g. `https://signup.example/frame.html?organization=acme`. */
  src: string;
  /** The iframe's accessible title (default "Membership signup"). */
  'frame-title'?: string;
  /** Space-separated origins the frame may open a hosted checkout popup on, besides its own. */
  'checkout-origins'?: string;
  /** The member's token, memory only (a property, never an attribute). */
  authToken?: string | null | undefined;
  getAuthToken?: (() => Promise<string>) | null;
}

/** <membership-signup> in JSX (React 19, Preact, the global JSX namespace). */
export interface MembershipSignupProps extends MembershipSignupAttributes, MembershipSignupEventProps {}
/** <membership-signup-frame> in JSX: it re-dispatches the widget's events, same names and details. */
export interface MembershipSignupFrameProps extends MembershipSignupFrameAttributes, MembershipSignupEventProps {}
/** <membership-signup> in a Vue render function (`h()`) or `GlobalComponents`. */
export interface MembershipSignupVueProps extends MembershipSignupAttributes, MembershipSignupVueEventProps {}
/** <membership-signup-frame> in a Vue render function (`h()`) or `GlobalComponents`. */
export interface MembershipSignupFrameVueProps extends MembershipSignupFrameAttributes, MembershipSignupVueEventProps {}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'membership-signup': MembershipSignupProps;
      'membership-signup-frame': MembershipSignupFrameProps;
    }
  }
}
