// Request bodies and queries of every call. Kept apart from the response objects so a bundle
// that only sends requests (the widget) does not carry their validators.
import * as z from './zod.js';
import { AmountSchema, DateSchema, FieldValuesSchema, IdSchema } from './common.js';
import { membershipStatuses } from './membership.js';

const optionalName = z.nullish(z.string());

/** Query of every list call. */
export const ListParamsSchema = z.object({
  limit: z.optional(z.integer(z.minimum(1), z.maximum(100))),
  starting_after: z.optional(z.string()),
});
export type ListParams = z.infer<typeof ListParamsSchema>;

/** `GET /signup-config?membership_type=&invitation=&email=`. */
export const SignupConfigRetrieveParamsSchema = z.object({
  membership_type: z.optional(z.string()),
  invitation: z.optional(z.string()),
  /** With `invitation`: the person's email, checked against an invitation bound to one (a signed-in member's own email wins). */
  email: z.optional(z.string()),
});
export type SignupConfigRetrieveParams = z.infer<typeof SignupConfigRetrieveParamsSchema>;

/** `POST /discounts/validate`. */
export const DiscountValidateParamsSchema = z.object({
  code: z.string().check(z.minLength(1)),
  membership_type_id: IdSchema,
});
export type DiscountValidateParams = z.infer<typeof DiscountValidateParamsSchema>;

/**
 * How the member would pay a signup's checkout: `hosted_page`, the processor's own page (for a
 * widget that cannot show the card form itself: in a frame, or under a CSP without the
 * processor's scripts); `embedded_page`, the card form inside the widget. Unsaid: the server's
 * default. A host that cannot serve the page asked for uses the one it can.
 */
export const SignupCheckoutParamsSchema = z.object({ ui_mode: z.enum(['embedded_page', 'hosted_page']) });
export type SignupCheckoutParams = z.infer<typeof SignupCheckoutParamsSchema>;

/** `POST /signups` (always with an `Idempotency-Key`). */
export const SignupCreateParamsSchema = z.object({
  membership_type_id: IdSchema,
  member: z.object({ email: z.email(), first_name: z.string(), last_name: z.string() }),
  fields: FieldValuesSchema,
  /** Donation types: the member's amount in minor units. */
  amount: z.nullish(AmountSchema),
  discount_code: z.nullish(z.string()),
  /** Only meaningful when the type's `recurring` is null. */
  auto_renew: z.nullish(z.boolean()),
  group_members: z.nullish(z.array(z.object({ email: z.email(), first_name: optionalName, last_name: optionalName }))),
  invitation_code: z.nullish(z.string()),
  /** The page the member pays on, when there is something to pay (see SignupCheckoutParamsSchema). */
  checkout: z.nullish(SignupCheckoutParamsSchema),
  /**
   * The member's language (a BCP 47 tag, e.g. the widget's `fr-CA`): the checkout page speaks it.
   * Unsaid: the processor picks from the member's browser.
   */
  locale: z.nullish(z.string()),
});
export type SignupCreateParams = z.infer<typeof SignupCreateParamsSchema>;

/** `POST /me/memberships/{id}/renew` (optional body; always with an `Idempotency-Key`). */
export const MembershipRenewParamsSchema = z.object({
  amount: z.nullish(AmountSchema),
  discount_code: z.nullish(z.string()),
  auto_renew: z.nullish(z.boolean()),
  /** The page the member pays the renewal on (as a signup's `checkout`). */
  checkout: z.nullish(SignupCheckoutParamsSchema),
  /** The member's language, for the checkout page (as a signup's `locale`). */
  locale: z.nullish(z.string()),
});
export type MembershipRenewParams = z.infer<typeof MembershipRenewParamsSchema>;

/**
 * Admin: `GET /members?email=` finds one by (normalized) email; `q` searches email and names
 * (any part, any case); `status` keeps members whose status today is that one.
 */
export const MemberListParamsSchema = z.extend(ListParamsSchema, {
  email: z.optional(z.string()),
  q: z.optional(z.string()),
  status: z.optional(z.enum(['prospective', 'pending', 'active', 'inactive'])),
});
export type MemberListParams = z.infer<typeof MemberListParamsSchema>;

/** Admin: `GET /members/export`: the members `GET /members` finds with these, every one (no pages). */
export const MemberExportParamsSchema = z.object({
  email: z.optional(z.string()),
  q: z.optional(z.string()),
  status: z.optional(z.enum(['prospective', 'pending', 'active', 'inactive'])),
});
export type MemberExportParams = z.infer<typeof MemberExportParamsSchema>;

/** Admin: `POST /members`. */
export const MemberCreateParamsSchema = z.object({
  email: z.email(),
  first_name: optionalName,
  last_name: optionalName,
  company_id: z.nullish(z.string()),
  fields: z.optional(FieldValuesSchema),
});
export type MemberCreateParams = z.infer<typeof MemberCreateParamsSchema>;

/** Admin: `GET /memberships?status=&member_id=`. */
export const MembershipListParamsSchema = z.extend(ListParamsSchema, {
  status: z.optional(z.enum(membershipStatuses)),
  member_id: z.optional(z.string()),
});
export type MembershipListParams = z.infer<typeof MembershipListParamsSchema>;

/** Admin: `POST /memberships` assigns a membership by hand (no payment), to a member or a company. */
export const MembershipCreateParamsSchema = z.object({
  membership_type_id: IdSchema,
  member_id: z.nullish(z.string()),
  company_id: z.nullish(z.string()),
  starts_on: z.nullish(DateSchema),
  auto_renew: z.nullish(z.boolean()),
});
export type MembershipCreateParams = z.infer<typeof MembershipCreateParamsSchema>;

/** A staff refund of a membership's current term (see the payments guide). */
export const MembershipRefundParamsSchema = z.object({
  /** In the currency's minor unit; absent: all that is left unrefunded on the term. */
  amount: z.nullish(z.integer(z.positive())),
  /** Keep the membership running although its term is refunded in full (default false: it ends now). */
  keep_access: z.nullish(z.boolean()),
  reason: z.nullish(z.string().check(z.maxLength(1000))),
});
export type MembershipRefundParams = z.infer<typeof MembershipRefundParamsSchema>;

/** Admin: `POST /companies`. */
export const CompanyCreateParamsSchema = z.object({
  name: z.string().check(z.minLength(1)),
  member_ids: z.nullish(z.array(z.string())),
  /** Where the company's memberships' renewal messages go. */
  contact_email: z.nullish(z.email()),
});
export type CompanyCreateParams = z.infer<typeof CompanyCreateParamsSchema>;

/**
 * Admin: `POST /companies/{id}`: what changes (a name, a new contact, or `contact_email: null`
 * for none, after which nobody is written to about the company's memberships).
 */
export const CompanyUpdateParamsSchema = z.object({
  name: z.optional(z.string().check(z.minLength(1))),
  contact_email: z.nullish(z.email()),
});
export type CompanyUpdateParams = z.infer<typeof CompanyUpdateParamsSchema>;

/** Admin: `POST /companies/{id}/members`. */
export const CompanyAddMemberParamsSchema = z.object({ member_id: IdSchema });
export type CompanyAddMemberParams = z.infer<typeof CompanyAddMemberParamsSchema>;
