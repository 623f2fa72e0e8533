// Idempotency exactly as the contract says: same key + same request → the stored answer; same key
// + a different request (or another endpoint) → 422 idempotency_key_reused; same key while the
// first request still runs → 409 idempotency_conflict. The answer is stored in the transaction
// of the work it answers (pipeline.ts); a claim on the key (Storage.claim) says "still running"
// across processes. 4xx answers are stored for replay; 5xx are not (nothing happened).
import { Problem } from '../domain/problems.js';
import type { IdempotencyRecord } from '../ports/records.js';
import type { StoredResponse } from './reply.js';

/** The longest key accepted (Stripe's limit). */
export const maxKeyLength = 255;

/** JSON with sorted object keys, so `{a,b}` and `{b,a}` are the same body. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** What makes two requests "the same": method, path (under the base path), query and canonical body. */
export function fingerprintOf(method: string, path: string, query: string, body: unknown): string {
  return canonicalJson({ method, path, query, body: body ?? null });
}

/** The claim key of an idempotency record (Storage.claim). */
export const claimKey = (organizationId: string, scope: string) => `idempotency|${organizationId}|${scope}`;

export function conflict(): Problem {
  return new Problem(409, 'idempotency_conflict', 'A request with this Idempotency-Key is still being processed; retry after it has finished.', {
    headers: { 'Retry-After': '1' },
  });
}

/** The stored answer to replay (marked `Idempotent-Replayed`), or 422 when the key was used for another request. */
export function replayOf(record: IdempotencyRecord, fingerprint: string): StoredResponse {
  if (record.fingerprint !== fingerprint) {
    throw new Problem(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request; use a new key for a new request.');
  }
  return { status: record.status, headers: { ...record.headers, 'Idempotent-Replayed': 'true' }, body: record.body };
}
