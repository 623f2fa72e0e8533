import * as z from './zod.js';

export const FieldErrorSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldErrorSchema>;

/**
 * An `application/problem+json` error body. Loose: problem types may add members (RFC 9457), such
 * as the `membership_id` an `already_member` answer names for the renewal.
 */
export const ProblemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.integer(),
  detail: z.nullish(z.string()),
  code: z.string(),
  errors: z.optional(z.array(FieldErrorSchema)),
});
export type Problem = z.infer<typeof ProblemSchema>;
