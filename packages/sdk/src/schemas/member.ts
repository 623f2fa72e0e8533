import { z } from './zod.js';
import { FieldValuesSchema, IdSchema, InstantSchema } from './common.js';
import { ListParamsSchema } from './page.js';

export const MemberStatusSchema = z.enum(['prospective', 'pending', 'active', 'inactive']);
export type MemberStatus = z.infer<typeof MemberStatusSchema>;

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

/** Admin: `GET /members?email=` finds one by (normalized) email. */
export const MemberListParamsSchema = z.extend(ListParamsSchema, {
  email: z.optional(z.string()),
});
export type MemberListParams = z.infer<typeof MemberListParamsSchema>;

/** Admin: `POST /members`. */
export const MemberCreateParamsSchema = z.object({
  email: z.email(),
  first_name: z.nullish(z.string()),
  last_name: z.nullish(z.string()),
  company_id: z.nullish(z.string()),
  fields: z.optional(FieldValuesSchema),
});
export type MemberCreateParams = z.infer<typeof MemberCreateParamsSchema>;
