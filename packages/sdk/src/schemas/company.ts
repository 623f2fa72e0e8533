import { z } from './zod.js';
import { IdSchema, InstantSchema } from './common.js';

/** An organization-side account; linked members inherit its active memberships' permissions. */
export const CompanySchema = z.object({
  id: IdSchema,
  name: z.string(),
  member_ids: z.array(z.string()),
  created_at: InstantSchema,
});
export type Company = z.infer<typeof CompanySchema>;

/** Admin: `POST /companies`. */
export const CompanyCreateParamsSchema = z.object({
  name: z.string().check(z.minLength(1)),
  member_ids: z.nullish(z.array(z.string())),
});
export type CompanyCreateParams = z.infer<typeof CompanyCreateParamsSchema>;

/** Admin: `POST /companies/{id}/members`. */
export const CompanyAddMemberParamsSchema = z.object({ member_id: IdSchema });
export type CompanyAddMemberParams = z.infer<typeof CompanyAddMemberParamsSchema>;
