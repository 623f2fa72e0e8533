import * as z from './zod.js';
import { AmountSchema, CountSchema, CurrencySchema, DateSchema, IdSchema, InstantSchema, openEnum } from './common.js';

/** Derived from the dates on the day asked (see the domain page). */
export const membershipStatuses = ['pending', 'declined', 'future', 'active', 'grace', 'expired', 'cancelled', 'terminated'] as const;
/** A status a client receives: one of `membershipStatuses`, or one a newer API added. */
export const MembershipStatusSchema = openEnum(membershipStatuses);

export const MembershipKindSchema = openEnum(['new', 'renewal', 'reinstated']);
export type MembershipKind = z.infer<typeof MembershipKindSchema>;

/** A refund of a term's payment (see the payments guide). */
export const MembershipTermRefundSchema = z.object({
  /** The processor's refund (Stripe `re_…`). */
  id: z.string(),
  amount: AmountSchema,
  refunded_at: InstantSchema,
  /** What staff said, for the organization; null: nothing. */
  reason: z.nullable(z.string()),
});
export type MembershipTermRefund = z.infer<typeof MembershipTermRefundSchema>;

/** One term of a membership as it was sold: its history, oldest first. */
export const MembershipTermSchema = z.object({
  kind: MembershipKindSchema,
  starts_on: DateSchema,
  /** null for lifetime. */
  expires_on: z.nullable(DateSchema),
  /** What the holder paid (0: free, or a group member's place, paid by the group's payer). */
  amount_paid: AmountSchema,
  currency: CurrencySchema,
  paid_at: InstantSchema,
  /** The processor's payment reference; null when nothing was charged. */
  payment_reference: z.nullable(z.string()),
  /** Money given back on this term by staff or the processor's dashboard, oldest first (absent: none). */
  refunds: z.optional(z.array(MembershipTermRefundSchema)),
});
export type MembershipTerm = z.infer<typeof MembershipTermSchema>;

/** Where the automatic renewal of the current term stands (see the lifecycle guide). */
export const MembershipRenewalSchema = z.object({
  /** Charges attempted for the current term (the membership is terminated after the third failure). */
  attempts: CountSchema,
  last_attempt_on: z.nullable(DateSchema),
  /** Why the last attempt failed: the processor's code (`insufficient_funds`, `authentication_required`, …). */
  last_failure_code: z.nullable(z.string()),
  last_failure_message: z.nullable(z.string()),
  /** The next attempt's day, or null: none planned (renewed by hand, off, or no card saved). */
  next_attempt_on: z.nullable(DateSchema),
  /** A card is saved for automatic renewal (its details stay with the processor). */
  has_payment_method: z.boolean(),
  /** A charge waiting for the member to authenticate it with their bank. */
  awaiting_authentication: z.boolean(),
});
export type MembershipRenewal = z.infer<typeof MembershipRenewalSchema>;

/** One member's (or company's) holding of one type; snapshots term, price and grace. */
export const MembershipSchema = z.object({
  id: IdSchema,
  member_id: z.nullable(z.string()),
  company_id: z.nullable(z.string()),
  membership_type_id: z.string(),
  membership_name: z.string(),
  kind: MembershipKindSchema,
  status: MembershipStatusSchema,
  starts_on: DateSchema,
  /** null for lifetime. */
  expires_on: z.nullable(DateSchema),
  anchor_on: DateSchema,
  grace_days: CountSchema,
  auto_renew: z.boolean(),
  cancelled_on: z.nullable(DateSchema),
  price_paid: AmountSchema,
  currency: CurrencySchema,
  permissions: z.array(z.string()),
  created_at: InstantSchema,
  /**
   * Listed for a member who holds it through their company (a company's membership, inherited
   * while they are linked to it): it counts in their status and permissions, but it is the
   * company's to renew or cancel. False for the holder's own (and absent from older APIs).
   */
  via_company: z._default(z.boolean(), false),
  /** A terminated membership's end: the day its termination took (or takes) effect; null otherwise. */
  terminated_on: z.optional(z.nullable(DateSchema)),
  /** A group member's place: the group payer's membership, which renews it (absent from older APIs). */
  group_membership_id: z.optional(z.nullable(z.string())),
  /** Every term sold, oldest first (absent from older APIs). */
  terms: z.optional(z.array(MembershipTermSchema)),
  /** The automatic renewal of the current term (absent from older APIs). */
  renewal: z.optional(MembershipRenewalSchema),
});
export type Membership = z.infer<typeof MembershipSchema>;

