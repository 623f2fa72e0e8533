// A message of several statements (PostgreSQL's simple query protocol) has an answer per
// statement, and Kysely passes on one: the last one's rows. The connections (postgres.ts, PGlite's
// dialect) hang every statement's rows on that array under this key, for the storage's
// prefetched reads (SqlTransaction.prefetch), which travel in the message before the last one.
export const batchAnswers: unique symbol = Symbol('the rows of each statement of a batch');

/** Every statement's rows of a message, in order, as a connection answered it (see batchAnswers). */
export function answersOf(rows: readonly unknown[]): readonly (readonly unknown[])[] {
  return (rows as { [batchAnswers]?: readonly (readonly unknown[])[] })[batchAnswers] ?? [rows];
}

/** Hangs each result's rows on the last one's (see batchAnswers); answers the last result. */
export function withBatchAnswers<R extends { rows?: unknown[] }>(results: readonly R[]): R {
  const last = results.at(-1)!;
  if (results.length > 1 && Array.isArray(last.rows)) {
    Object.defineProperty(last.rows, batchAnswers, { value: results.map((result) => result.rows ?? []) });
  }
  return last;
}
