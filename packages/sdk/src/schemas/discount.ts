import * as z from './zod.js';
import { AmountSchema, CountSchema, CurrencySchema, DateSchema } from './common.js';

/** A code that lowers the price: `percent_off` (0 < p ≤ 100) or `amount_off` in `currency`. */
export const DiscountSchema = z.object({
  code: z.string(),
  percent_off: z.nullable(z.number().check(z.gt(0), z.lte(100))),
  amount_off: z.nullable(AmountSchema),
  currency: z.nullable(CurrencySchema),
  /** null: every type. */
  membership_type_ids: z.nullable(z.array(z.string())),
  valid_from: z.nullable(DateSchema),
  valid_until: z.nullable(DateSchema),
  max_redemptions: z.nullable(CountSchema),
  times_redeemed: CountSchema,
});
export type Discount = z.infer<typeof DiscountSchema>;

