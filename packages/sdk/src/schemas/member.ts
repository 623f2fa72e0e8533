import * as z from './zod.js';
import { FieldValuesSchema, IdSchema, InstantSchema, openEnum } from './common.js';

export const MemberStatusSchema = openEnum(['prospective', 'pending', 'active', 'inactive']);
// Its type, `MemberStatus`, is the calculators' (`memberStatus` derives it).

/** One person's relationship with one organization (email unique per organization). */
export const MemberSchema = z.object({
  id: IdSchema,
  email: z.string(),
  first_name: z.nullable(z.string()),
  last_name: z.nullable(z.string()),
  status: MemberStatusSchema,
  company_id: z.nullable(z.string()),
  fields: FieldValuesSchema,
  created_at: InstantSchema,
});
export type Member = z.infer<typeof MemberSchema>;

