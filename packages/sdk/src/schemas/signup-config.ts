import * as z from './zod.js';
import { MemberSchema } from './member.js';
import { MembershipTypeSchema } from './membership-type.js';
import { OrganizationSchema } from './organization.js';

export const PaymentSettingsSchema = z.object({
  provider: z.literal('stripe'),
  publishable_key: z.string(),
});
export type PaymentSettings = z.infer<typeof PaymentSettingsSchema>;

/** Everything a signup page needs in one round trip. */
export const SignupConfigSchema = z.object({
  organization: OrganizationSchema,
  /** The listed types plus the one addressed directly (even hidden or invite-only). */
  membership_types: z.array(MembershipTypeSchema),
  payment: z.nullable(PaymentSettingsSchema),
  /** The member to prefill, when a member token was sent. */
  member: z.nullable(MemberSchema),
  /**
   * The organization asks members to sign in before signing up (a signup without a member token
   * is refused with 401 `sign_in_required`), so a signup page asks for it first. Absent from
   * older APIs: read as false.
   */
  signup_requires_sign_in: z.optional(z.boolean()),
});
export type SignupConfig = z.infer<typeof SignupConfigSchema>;

