import * as z from './zod.js';
import { AmountSchema, CountSchema, CurrencySchema, IdSchema, InstantSchema } from './common.js';
import { CustomFieldSchema } from './custom-field.js';

/** Fixed: `value` is the price. Donation: `value` is the minimum, `maximum` an optional ceiling. */
export const PriceSchema = z.object({
  value: AmountSchema,
  currency: CurrencySchema,
  display: z.string(),
  type: z.enum(['fixed', 'donation']),
  maximum: z.nullish(AmountSchema),
  presets: z.nullish(z.array(AmountSchema)),
});

/** Cyclical types: everyone lapses on `day` (of `month`, for yearly types). */
export const CycleSchema = z.object({
  day: z.integer(z.minimum(1), z.maximum(31)),
  month: z.nullable(z.integer(z.minimum(1), z.maximum(12))),
  buffer_days: CountSchema,
});

export const DurationIntervalTypeSchema = z.enum(['day', 'week', 'month', 'year', 'lifetime']);

/** What people join: price, term, rules. `status` 100 = listed, 200 = hidden. */
export const MembershipTypeSchema = z.object({
  id: IdSchema,
  membership_name: z.string(),
  description: z.nullable(z.string()),
  status: z.literal([100, 200]),
  is_default: z.boolean(),
  invite_only: z.boolean(),
  registration_type: z.enum(['individual', 'group']),
  group_size_max: z.nullish(z.integer(z.minimum(1))),
  /** null for lifetime. */
  duration: z.nullable(z.integer(z.minimum(1))),
  duration_interval_type: DurationIntervalTypeSchema,
  duration_display: z.string(),
  cycle: z.nullable(CycleSchema),
  grace_days: CountSchema,
  requires_approval: z.boolean(),
  price: PriceSchema,
  /** true: always auto-renews; false: never; null: the member chooses at signup. */
  recurring: z.nullable(z.boolean()),
  fields: z.array(CustomFieldSchema),
  permissions: z.array(z.string()),
  /** Shown first or highlighted by a signup page. */
  featured: z._default(z.boolean(), false),
  /** Set when staff archived it: no new signups, listed nowhere; memberships sold keep running. */
  archived_at: z._default(z.nullable(InstantSchema), null),
});
export type MembershipType = z.infer<typeof MembershipTypeSchema>;
