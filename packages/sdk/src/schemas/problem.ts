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

/**
 * A problem body as the client received it: `Problem` with `code` (and `detail`) possibly
 * missing when a server or proxy deviates from the contract. The client keeps what it can
 * rather than dropping the whole body.
 */
export interface ReceivedProblem {
  [member: string]: unknown;
  type: string;
  title: string;
  status: number;
  detail?: string | null | undefined;
  code?: string | undefined;
  errors?: FieldError[] | undefined;
}
