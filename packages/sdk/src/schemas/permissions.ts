import * as z from './zod.js';

/** `GET /members/{id}/permissions`: what an outside system asks before it lets someone in. */
export const PermissionsSchema = z.object({
  permissions: z.array(z.string()),
  granted_by: z.array(z.object({ membership_id: z.string(), via_company: z.boolean() })),
});
export type Permissions = z.infer<typeof PermissionsSchema>;
