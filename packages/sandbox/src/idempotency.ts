// Idempotency exactly as the contract says: same key + same body → the stored response; same key +
// different body (or another endpoint) → 422 idempotency_key_reused; same key while the first
// request is still running → 409 idempotency_conflict. Keys are scoped to the organization and
// the caller (anonymous, one member, or the admin key), like Stripe's per-account keys.
import { Problem } from './problems.js';
import type { SandboxStore, StoredResponse } from './store.js';

/** JSON with sorted object keys, so `{a,b}` and `{b,a}` are the same body. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export type IdempotencyOutcome =
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'proceed'; finish(response: StoredResponse | null): void };

export class IdempotencyLedger {
  readonly #running = new Set<string>();
  readonly #store: SandboxStore;

  constructor(store: SandboxStore) {
    this.#store = store;
  }

  /** The longest key accepted (Stripe's limit). */
  static readonly maxKeyLength = 255;

  begin(scope: string, fingerprint: string): IdempotencyOutcome {
    const record = Object.hasOwn(this.#store.state.idempotency, scope) ? this.#store.state.idempotency[scope] : undefined;
    if (record) {
      if (record.fingerprint !== fingerprint) {
        throw new Problem(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used with a different request; use a new key for a new request.',
        );
      }
      return { kind: 'replay', response: record.response };
    }
    if (this.#running.has(scope)) {
      throw new Problem(
        409,
        'idempotency_conflict',
        'A request with this Idempotency-Key is still being processed; retry after it has finished.',
        { headers: { 'Retry-After': '1' } },
      );
    }
    this.#running.add(scope);
    let finished = false;
    return {
      kind: 'proceed',
      finish: (response) => {
        if (finished) return;
        finished = true;
        this.#running.delete(scope);
        // Server errors are not stored: the work did not happen, so a retry may do it.
        if (response && response.status < 500) {
          this.#store.state.idempotency[scope] = {
            scope,
            fingerprint,
            response,
            created_at: new Date().toISOString(),
          };
        }
      },
    };
  }

  /** Forgets requests in flight (used by reset()). */
  clear(): void {
    this.#running.clear();
  }
}
