// What a member does with their own memberships (member token) besides renewing: switch
// automatic renewal, cancel with a reason, read their receipts.
import * as z from './zod.js';
import { AmountSchema, CurrencySchema, IdSchema, InstantSchema } from './common.js';

/** `POST /me/memberships/{id}/auto-renew`. */
export const AutoRenewParamsSchema = z.object({ auto_renew: z.boolean() });
export type AutoRenewParams = z.infer<typeof AutoRenewParamsSchema>;

/** `POST /me/memberships/{id}/cancel` (optional body). */
export const MembershipCancelParamsSchema = z.object({ reason: z.optional(z.nullable(z.string().check(z.maxLength(1000)))) });
export type MembershipCancelParams = z.infer<typeof MembershipCancelParamsSchema>;

/** One payment the member made: a signup's, a renewal's (by hand or automatic). */
export const ReceiptSchema = z.object({
  id: IdSchema,
  /** The memberships it paid for (a group's: every member's). */
  membership_ids: z.array(z.string()),
  description: z.string(),
  amount: AmountSchema,
  currency: CurrencySchema,
  card_last4: z.nullable(z.string()),
  paid_at: InstantSchema,
});
export type Receipt = z.infer<typeof ReceiptSchema>;
