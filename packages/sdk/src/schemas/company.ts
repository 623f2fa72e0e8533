import * as z from './zod.js';
import { IdSchema, InstantSchema } from './common.js';

/** An organization-side account; linked members inherit its active memberships' permissions. */
export const CompanySchema = z.object({
  id: IdSchema,
  name: z.string(),
  member_ids: z.array(z.string()),
  /** Where the company's memberships' renewal messages go; null: nobody is told (absent from older APIs). */
  contact_email: z.optional(z.nullable(z.string())),
  created_at: InstantSchema,
});
export type Company = z.infer<typeof CompanySchema>;

