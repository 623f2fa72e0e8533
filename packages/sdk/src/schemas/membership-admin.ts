// Staff's answers about memberships (secret key): the membership with each term's disputes.
// Kept out of membership.ts so the widget's bundle, which validates a member's memberships
// with MembershipSchema, never carries them.
import * as z from './zod.js';
import { AmountSchema, InstantSchema } from './common.js';
import { MembershipSchema, MembershipTermSchema } from './membership.js';
import { PageSchema } from './page.js';

/** A dispute (chargeback) of a term's payment by the cardholder's bank (see the payments guide). */
export const MembershipTermDisputeSchema = z.object({
  /** The processor's dispute (Stripe `dp_…`). */
  id: z.string(),
  /** What the bank disputes. */
  amount: AmountSchema,
  /** The bank's reason, as the processor names it (`fraudulent`, `product_not_received`, …). */
  reason: z.string(),
  /** The processor's status as last heard (Stripe's: `needs_response`, `under_review`, `won`, `lost`, `warning_…`). */
  status: z.string(),
  /** The bank has taken the money back (a chargeback; false for an inquiry): the SDK's disputeWithdrawsFunds. */
  funds_withdrawn: z.boolean(),
  /** How it ended (the SDK's disputeResult); null while it is open. */
  result: z.nullable(z.enum(['won', 'lost'])),
  disputed_at: InstantSchema,
  /** When it was recorded closed; null while open. */
  closed_at: z.nullable(InstantSchema),
});
export type MembershipTermDispute = z.infer<typeof MembershipTermDisputeSchema>;

/** A term as staff see it: with its payment's disputes. */
export const AdminMembershipTermSchema = z.extend(MembershipTermSchema, {
  /** Disputes of this term's payment, oldest first (absent: none). */
  disputes: z.optional(z.array(MembershipTermDisputeSchema)),
});
export type AdminMembershipTerm = z.infer<typeof AdminMembershipTermSchema>;

/** A membership as the admin endpoints answer it: a Membership whose terms carry their disputes. */
export const AdminMembershipSchema = z.extend(MembershipSchema, {
  /** Every term sold, oldest first, with its disputes (absent from older APIs). */
  terms: z.optional(z.array(AdminMembershipTermSchema)),
});
export type AdminMembership = z.infer<typeof AdminMembershipSchema>;

export const AdminMembershipPageSchema = PageSchema(AdminMembershipSchema);
