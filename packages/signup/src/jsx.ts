// Typings for JSX users (React 19, Preact, Solid, …): the element's attributes and properties as
// one props type, and the global JSX intrinsic element. Frameworks with their own JSX namespace
// can reuse the props type: `declare module 'react' { namespace JSX { interface IntrinsicElements
// { 'membership-signup': MembershipSignupProps } } }`.
import type { PublicClient } from '@memberkit/sdk';
import type { MembershipSignupEventDetails } from './events.js';
import type { StripeLoader } from './membership-signup/payment.js';

type EventHandlerProps = {
  [K in keyof MembershipSignupEventDetails as `on${Capitalize<string & K>}`]?: (
    event: CustomEvent<MembershipSignupEventDetails[K]>,
  ) => void;
};

/** Attributes (kebab-case, strings) and properties (camelCase) of <membership-signup>. */
export interface MembershipSignupProps extends EventHandlerProps {
  organization: string;
  'api-base'?: string;
  'membership-type'?: string;
  invitation?: string;
  'read-url-params'?: boolean;
  'discount-code'?: string;
  locale?: string;
  theme?: 'light' | 'dark' | 'auto';
  'auth-token'?: string;
  authToken?: string;
  getAuthToken?: () => Promise<string>;
  client?: PublicClient;
  stripeLoader?: StripeLoader;
  hostedPageOpener?: (url: string) => void;
  hidden?: boolean;
  id?: string;
  class?: string;
  className?: string;
  lang?: string;
  children?: unknown;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'membership-signup': MembershipSignupProps;
    }
  }
}
