import * as z from './zod.js';
import { membershipPolicies } from '../calculators/one-membership.js';
import { OrganizationSchema } from './organization.js';

export const MembershipPolicySchema = z.enum(membershipPolicies);

/** Admin: the organization as staff set it up (`GET /settings`): the public facts plus the rules. */
export const OrganizationSettingsSchema = z.extend(OrganizationSchema, {
  membership_policy: MembershipPolicySchema,
  signup_requires_sign_in: z.boolean(),
  /** The postal address receipts carry (lines separated by newlines). */
  address: z.nullable(z.string()),
  /** A note receipts carry (a tax id, "VAT exempt under …"). */
  tax_note: z.nullable(z.string()),
  /** Where the organization is told of what staff must know (a membership terminated after failed renewals); null: nobody (absent from older APIs). */
  notification_email: z.optional(z.nullable(z.string())),
  /**
   * The organization's own Stripe account its members' payments go to (Stripe Connect: a
   * connected account, `acct_…`); null: paid on the platform's account (absent from older APIs).
   */
  payment_account: z.optional(z.nullable(z.string())),
  /**
   * The organization's page where its widget lives (https, on one of its embed origins): a
   * failed renewal's and a card update's emails link there, signing the member in; null: those
   * emails ask the member to sign in on the organization's site (absent from older APIs).
   */
  member_page_url: z.optional(z.nullable(z.string())),
});
export type OrganizationSettings = z.infer<typeof OrganizationSettingsSchema>;

/**
 * Admin: `POST /settings` changes what it names. `currency` in any case (answered upper case);
 * `terms_url` https (or null); `embed_origins` exact origins (`https://club.example`).
 */
export const OrganizationSettingsUpdateParamsSchema = z.object({
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  currency: z.optional(z.string()),
  time_zone: z.optional(z.string()),
  locale: z.optional(z.string()),
  terms_url: z.optional(z.nullable(z.string())),
  logo_url: z.optional(z.nullable(z.string())),
  embed_origins: z.optional(z.array(z.string())),
  membership_policy: z.optional(MembershipPolicySchema),
  signup_requires_sign_in: z.optional(z.boolean()),
  address: z.optional(z.nullable(z.string().check(z.maxLength(500)))),
  tax_note: z.optional(z.nullable(z.string().check(z.maxLength(500)))),
  /** An address (answered trimmed and lower case), or null: tell nobody. */
  notification_email: z.optional(z.nullable(z.email())),
  /** A Stripe connected account id (`acct_` and letters or digits), or null: back to the platform's account. */
  payment_account: z.optional(z.nullable(z.string().check(z.maxLength(255)))),
  /** The page with the organization's widget: https, on one of its `embed_origins`; or null. */
  member_page_url: z.optional(z.nullable(z.string().check(z.maxLength(2000)))),
});
export type OrganizationSettingsUpdateParams = z.infer<typeof OrganizationSettingsUpdateParamsSchema>;
