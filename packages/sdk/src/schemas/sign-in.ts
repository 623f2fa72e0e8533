// Member sign-in for sites without a login of their own: an emailed code (and one-click link)
// exchanged for a short-lived member token and a refresh token; and the token a host's backend
// mints for a member it signed in itself.
import * as z from './zod.js';
import { IdSchema, InstantSchema } from './common.js';

/** `POST /auth/email-codes`. `redirect_url`: the page the email's one-click link opens (an https URL on one of the organization's embed origins). */
export const EmailCodeCreateParamsSchema = z.object({
  email: z.email(),
  redirect_url: z.optional(z.nullable(z.string())),
});
export type EmailCodeCreateParams = z.infer<typeof EmailCodeCreateParamsSchema>;

/** The same answer whether or not the address belongs to a member. */
export const EmailCodeSchema = z.object({
  /** The address (normalized) the code went to. */
  email: z.string(),
  expires_at: InstantSchema,
  /** Digits in the code. */
  code_length: z.integer(z.minimum(1)),
});
export type EmailCode = z.infer<typeof EmailCodeSchema>;

/**
 * `POST /auth/tokens`: one of a code with its email, the one-click link's `link_token` (from
 * the link's `#memberkit-sign-in=` fragment), or a `refresh_token` (which is then replaced).
 */
export const TokenCreateParamsSchema = z.object({
  email: z.optional(z.email()),
  code: z.optional(z.string()),
  link_token: z.optional(z.string()),
  refresh_token: z.optional(z.string()),
});
export type TokenCreateParams = z.infer<typeof TokenCreateParamsSchema>;

/** A member token (keep it in memory only) and the refresh token that gets the next one. */
export const MemberSessionSchema = z.object({
  member_id: IdSchema,
  token: z.string(),
  expires_at: InstantSchema,
  refresh_token: z.string(),
  refresh_expires_at: InstantSchema,
});
export type MemberSession = z.infer<typeof MemberSessionSchema>;

/** Admin: `POST /member-tokens` mints a token for the member the host site signed in (by email or id; a new email becomes a prospective member). */
export const MemberTokenCreateParamsSchema = z.object({
  email: z.optional(z.email()),
  member_id: z.optional(z.string()),
  /** Seconds, at most an hour (default 15 minutes). */
  expires_in: z.optional(z.integer(z.minimum(60), z.maximum(3600))),
});
export type MemberTokenCreateParams = z.infer<typeof MemberTokenCreateParamsSchema>;

export const MemberTokenSchema = z.object({
  member_id: IdSchema,
  token: z.string(),
  expires_at: InstantSchema,
});
export type MemberToken = z.infer<typeof MemberTokenSchema>;
