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

/** A field error as received: a missing or wrongly typed `field`, `code` or `message` reads as ''. */
const ReceivedFieldErrorSchema = z.object({
  field: z.catch(z.string(), ''),
  code: z.catch(z.string(), ''),
  message: z.catch(z.string(), ''),
});

/** Received field errors: entries that are not objects are dropped. */
const ReceivedFieldErrorsSchema = z.pipe(
  z.array(z.catch(z.nullable(ReceivedFieldErrorSchema), null)),
  z.transform((errors): FieldError[] => errors.filter((error) => error !== null)),
);

/**
 * `ProblemSchema`, read leniently, for a body received with HTTP `status` and `statusText`: a
 * server or proxy that deviates from the contract still yields what it can. A missing or
 * wrongly typed member is dropped on its own (`code`, `detail`, `errors`) or takes its default
 * (`type` about:blank, `title` the status text, `status` the HTTP status); members a problem
 * type adds are kept.
 */
export const receivedProblemSchema = (status: number, statusText: string) =>
  z.looseObject({
    type: z.catch(z.string(), 'about:blank'),
    title: z.catch(z.string(), statusText),
    status: z.catch(z.integer(), status),
    detail: z.catch(z.nullish(z.string()), undefined),
    code: z.catch(z.optional(z.string()), undefined),
    errors: z.catch(z.optional(ReceivedFieldErrorsSchema), undefined),
  });

/** A problem body as the client received it: `Problem` with `code` (and `detail`) possibly missing. */
export type ReceivedProblem = z.infer<ReturnType<typeof receivedProblemSchema>>;
