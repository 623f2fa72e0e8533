import { z } from './zod.js';
import { AmountSchema } from './common.js';
import { MemberSchema } from './member.js';
import { MembershipSchema } from './membership.js';

/** `GET /me`: the member, their memberships (with statuses) and effective permissions. */
export const MeSchema = z.object({
  member: MemberSchema,
  memberships: z.array(MembershipSchema),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof MeSchema>;

/** `POST /me/memberships/{id}/renew` (optional body; always with an `Idempotency-Key`). */
export const MembershipRenewParamsSchema = z.object({
  amount: z.nullish(AmountSchema),
  discount_code: z.nullish(z.string()),
  auto_renew: z.nullish(z.boolean()),
});
export type MembershipRenewParams = z.infer<typeof MembershipRenewParamsSchema>;
