import * as z from './zod.js';
import { MemberSchema } from './member.js';
import { MembershipSchema } from './membership.js';

/** `GET /me`: the member, their memberships (with statuses) and effective permissions. */
export const MeSchema = z.object({
  member: MemberSchema,
  memberships: z.array(MembershipSchema),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof MeSchema>;

