// Admin request bodies for membership types (create, update). Kept out of params.ts so the
// widget's bundle, which sends signups only, never carries them.
import * as z from './zod.js';
import { AmountSchema, CountSchema } from './common.js';
import { CustomFieldSchema } from './custom-field.js';
import { CycleSchema, DurationIntervalTypeSchema } from './membership-type.js';

/** A price as staff set it: the currency defaults to the organization's (any case accepted). */
export const PriceParamsSchema = z.object({
  value: AmountSchema,
  type: z.optional(z.enum(['fixed', 'donation'])),
  currency: z.optional(z.string()),
  maximum: z.optional(z.nullable(AmountSchema)),
  presets: z.optional(z.nullable(z.array(AmountSchema))),
});
export type PriceParams = z.infer<typeof PriceParamsSchema>;

const typeFields = {
  membership_name: z.string().check(z.minLength(1), z.maxLength(200)),
  description: z.optional(z.nullable(z.string().check(z.maxLength(5000)))),
  price: PriceParamsSchema,
  /** null for lifetime. */
  duration: z.optional(z.nullable(z.integer(z.minimum(1), z.maximum(1200)))),
  duration_interval_type: DurationIntervalTypeSchema,
  /** Default: made from the term ("1 year", "3 months", "Lifetime"). */
  duration_display: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  cycle: z.optional(z.nullable(CycleSchema)),
  grace_days: z.optional(CountSchema),
  /** 100 listed, 200 hidden (addressed by id only). */
  status: z.optional(z.literal([100, 200])),
  is_default: z.optional(z.boolean()),
  invite_only: z.optional(z.boolean()),
  requires_approval: z.optional(z.boolean()),
  registration_type: z.optional(z.enum(['individual', 'group'])),
  group_size_max: z.optional(z.nullable(z.integer(z.minimum(2), z.maximum(1000)))),
  recurring: z.optional(z.nullable(z.boolean())),
  fields: z.optional(z.array(CustomFieldSchema)),
  permissions: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(100)))),
  featured: z.optional(z.boolean()),
};

/** Admin: `POST /membership-types`. `id` (a slug) defaults to one made from the name. */
export const MembershipTypeCreateParamsSchema = z.object({
  id: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,62}$/))),
  ...typeFields,
});
export type MembershipTypeCreateParams = z.infer<typeof MembershipTypeCreateParamsSchema>;

/** Admin: `POST /membership-types/{id}` changes what it names (memberships sold keep their term and price until renewed). */
export const MembershipTypeUpdateParamsSchema = z.partial(z.object(typeFields));
export type MembershipTypeUpdateParams = z.infer<typeof MembershipTypeUpdateParamsSchema>;
