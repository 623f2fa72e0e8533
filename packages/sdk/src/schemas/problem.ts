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
 * `schema`'s value, or `fallback` for a value it refuses (a missing member included): zod's
 * `catch`, without the issue-formatting code `catch` brings into a bundle (about 3 kB gzip).
 */
const orElse = <T, F>(schema: z.ZodMiniType<T>, fallback: F) =>
  z.transform((value: unknown): T | F => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : fallback;
  });

/** A field error as received: a missing or wrongly typed `field`, `code` or `message` reads as ''. */
const ReceivedFieldErrorSchema = z.object({
  field: orElse(z.string(), ''),
  code: orElse(z.string(), ''),
  message: orElse(z.string(), ''),
});

/** Received field errors: entries that are not objects are dropped; not a list: undefined. */
const ReceivedFieldErrorsSchema = z.transform((value: unknown): FieldError[] | undefined => {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((entry) => {
    const parsed = ReceivedFieldErrorSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
});

/**
 * `ProblemSchema`, read leniently, for a body received with HTTP `status` and `statusText`: a
 * server or proxy that deviates from the contract still yields what it can. A missing or
 * wrongly typed member is dropped on its own (`code`, `detail`, `errors`) or takes its default
 * (`type` about:blank, `title` the status text, `status` the HTTP status); members a problem
 * type adds are kept.
 */
export const receivedProblemSchema = (status: number, statusText: string) =>
  z.looseObject({
    type: orElse(z.string(), 'about:blank'),
    title: orElse(z.string(), statusText),
    status: orElse(z.integer(), status),
    detail: orElse(z.nullish(z.string()), undefined),
    code: orElse(z.optional(z.string()), undefined),
    errors: ReceivedFieldErrorsSchema,
  });

/** A problem body as the client received it: `Problem` with `code` (and `detail`) possibly missing. */
export type ReceivedProblem = z.infer<ReturnType<typeof receivedProblemSchema>>;
