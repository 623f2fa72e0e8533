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

/** `POST /me/memberships/{id}/card-update-session` (optional body). */
export const CardUpdateSessionCreateParamsSchema = z.object({
  /** Where the processor's page sends the member back: a page on one of the organization's embed origins. */
  return_url: z.optional(z.nullable(z.string())),
});
export type CardUpdateSessionCreateParams = z.infer<typeof CardUpdateSessionCreateParamsSchema>;

/** A page at the payment processor where the member replaces the card their renewals charge. */
export const CardUpdateSessionSchema = z.object({
  id: IdSchema,
  membership_id: IdSchema,
  /** Open it in the member's browser (https). */
  url: z.string(),
});
export type CardUpdateSession = z.infer<typeof CardUpdateSessionSchema>;

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
