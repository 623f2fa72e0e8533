// Admin answers for applications: signups for a type that `requires_approval`, as staff review
// them (secret key). The widget never reads these, so its bundle does not carry them.
import * as z from './zod.js';
import { AmountSchema, CurrencySchema, FieldValuesSchema, IdSchema, InstantSchema, openEnum } from './common.js';
import { PageSchema } from './page.js';

/**
 * `awaiting_approval`; `approved` (and waiting for its payment); `completed` (approved and
 * paid, or free); `closed` (declined, cancelled, or refused when it completed).
 */
export const ApplicationStatusSchema = openEnum(['awaiting_approval', 'approved', 'completed', 'closed']);

export const ApplicationSchema = z.object({
  /** The application's signup. */
  id: IdSchema,
  status: ApplicationStatusSchema,
  /** The membership it asks for (the payer's, for a group); approving or declining either way works. */
  membership_id: IdSchema,
  membership_ids: z.array(z.string()),
  membership_type_id: IdSchema,
  membership_name: z.string(),
  member: z.object({
    id: IdSchema,
    email: z.string(),
    first_name: z.nullable(z.string()),
    last_name: z.nullable(z.string()),
  }),
  /** The applicant's answers to the type's custom fields. */
  fields: FieldValuesSchema,
  /** What it costs once approved (0: free). */
  amount: AmountSchema,
  currency: CurrencySchema,
  created_at: InstantSchema,
  approved_at: z.nullable(InstantSchema),
});
export type Application = z.infer<typeof ApplicationSchema>;

export const ApplicationPageSchema = PageSchema(ApplicationSchema);

/** `GET /applications?status=`: the open ones (awaiting approval, or approved and unpaid) by default. */
export const ApplicationListParamsSchema = z.object({
  limit: z.optional(z.integer(z.minimum(1), z.maximum(100))),
  starting_after: z.optional(z.string()),
  status: z.optional(z.enum(['awaiting_approval', 'approved'])),
});
export type ApplicationListParams = z.infer<typeof ApplicationListParamsSchema>;
