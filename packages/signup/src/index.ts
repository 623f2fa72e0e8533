/**
 * @memberkit/signup: the `<membership-signup>` custom element. Importing this module registers the
 * element (once per page); the types describe its events and properties.
 * @module @memberkit/signup
 */
export { MembershipSignup, safeDefine } from './define.js';
export { VERSION } from './version.js';
export * from './events.js';
export { clientContext, configContext, memberContext } from './context.js';
export type { Catalogue } from './i18n/catalogue.js';
export type {
  MembershipSignupProps,
  MembershipSignupAttributes,
  MembershipSignupEventProps,
  MembershipSignupVueProps,
  MembershipSignupVueEventProps,
} from './jsx.js';
export type { StripeLike, StripeLoader, EmbeddedCheckoutLike } from './membership-signup/payment.js';
