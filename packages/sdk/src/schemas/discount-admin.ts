// Admin bodies and answers for discount codes (create, update, deactivate, list with their
// redemptions). Kept out of discount.ts so the widget's bundle, which only validates codes,
// never carries them.
import * as z from './zod.js';
import { AmountSchema, CountSchema, DateSchema, IdSchema, InstantSchema } from './common.js';
import { DiscountSchema } from './discount.js';
import { PageSchema } from './page.js';

const discountTerms = {
  percent_off: z.optional(z.nullable(z.number().check(z.gt(0), z.lte(100)))),
  amount_off: z.optional(z.nullable(AmountSchema)),
  /** Default: the organization's currency (any case accepted); only with `amount_off`. */
  currency: z.optional(z.nullable(z.string())),
  /** null: every type. */
  membership_type_ids: z.optional(z.nullable(z.array(IdSchema))),
  valid_from: z.optional(z.nullable(DateSchema)),
  valid_until: z.optional(z.nullable(DateSchema)),
  max_redemptions: z.optional(z.nullable(z.integer(z.minimum(1)))),
};

/** A new code: exactly one of `percent_off` or `amount_off`. */
export const DiscountCreateParamsSchema = z.object({
  /** Case-insensitive for members; letters, digits, - and _. */
  code: z.string().check(z.minLength(1), z.maxLength(64)),
  ...discountTerms,
});
export type DiscountCreateParams = z.infer<typeof DiscountCreateParamsSchema>;

/** What changes; the code itself does not (members may have it printed). */
export const DiscountUpdateParamsSchema = z.object(discountTerms);
export type DiscountUpdateParams = z.infer<typeof DiscountUpdateParamsSchema>;

/** A signup that used the code: `completed` redeemed it; an unfinished one reserves a redemption. */
export const DiscountRedemptionSchema = z.object({
  signup_id: IdSchema,
  member_id: IdSchema,
  email: z.nullable(z.string()),
  status: z.string(),
  redeemed: z.boolean(),
  created_at: InstantSchema,
});
export type DiscountRedemption = z.infer<typeof DiscountRedemptionSchema>;

/** A discount as staff see it: its id, whether it is active, and its redemptions. */
export const AdminDiscountSchema = z.extend(DiscountSchema, {
  id: IdSchema,
  active: z.boolean(),
  deactivated_at: z.nullable(InstantSchema),
  created_at: InstantSchema,
  /** Signups holding a redemption now (unfinished), besides `times_redeemed`. */
  times_reserved: CountSchema,
  redemptions: z.array(DiscountRedemptionSchema),
});
export type AdminDiscount = z.infer<typeof AdminDiscountSchema>;

export const AdminDiscountPageSchema = PageSchema(AdminDiscountSchema);
