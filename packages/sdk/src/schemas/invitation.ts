// Admin bodies and answers for invitations to invite-only types (create, list, revoke). The
// widget only sends a code with a signup, so its bundle never carries these.
import * as z from './zod.js';
import { DateSchema, IdSchema, InstantSchema } from './common.js';
import { PageSchema } from './page.js';

export const InvitationCreateParamsSchema = z.object({
  membership_type_id: IdSchema,
  /** Bound to this address (only its owner may use it), or open to whoever has the code. */
  email: z.optional(z.nullable(z.email())),
  /** The last day it may be used, or null for no expiry. */
  expires_on: z.optional(z.nullable(DateSchema)),
  /** Default: an unguessable code the API makes. */
  code: z.optional(z.string().check(z.minLength(4), z.maxLength(64))),
});
export type InvitationCreateParams = z.infer<typeof InvitationCreateParamsSchema>;

export const InvitationSchema = z.object({
  id: IdSchema,
  code: z.string(),
  membership_type_id: IdSchema,
  email: z.nullable(z.string()),
  expires_on: z.nullable(DateSchema),
  /** `open`, `held` (a signup of that member uses it), `redeemed`, `expired` or `revoked`. */
  status: z.enum(['open', 'held', 'redeemed', 'expired', 'revoked']),
  used_by_member_id: z.nullable(IdSchema),
  redeemed_at: z.nullable(InstantSchema),
  revoked_at: z.nullable(InstantSchema),
  created_at: InstantSchema,
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationPageSchema = PageSchema(InvitationSchema);
