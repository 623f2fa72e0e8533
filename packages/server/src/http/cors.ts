// CORS from each organization's `embed_origins`: a page on one of them may call the API from the
// browser, with what the widget sends, and read what it needs to read. Other origins get no CORS
// headers (the browser then keeps the answer from the page). Looked up per organization, cached
// briefly: a change of embed_origins takes effect within `ttl`.
import type { Storage } from '@memberkit/api';

export const allowedHeaders = 'Authorization, Idempotency-Key, Content-Type';
export const exposedHeaders = 'Request-Id, Retry-After, Link';
export const allowedMethods = 'GET, POST, PATCH, DELETE, OPTIONS';

export class EmbedOrigins {
  readonly #storage: Storage;
  readonly #ttl: number;
  readonly #cache = new Map<string, { origins: readonly string[]; at: number }>();

  constructor(storage: Storage, ttl = 30_000) {
    this.#storage = storage;
    this.#ttl = ttl;
  }

  async allows(organizationId: string, origin: string): Promise<boolean> {
    const now = Date.now();
    let entry = this.#cache.get(organizationId);
    if (!entry || now - entry.at > this.#ttl) {
      const organization = await this.#storage.transaction((tx) => tx.findOne('organizations', { id: organizationId }), { readOnly: true });
      entry = { origins: organization?.embed_origins ?? [], at: now };
      if (this.#cache.size > 10_000) this.#cache.clear();
      this.#cache.set(organizationId, entry);
    }
    return entry.origins.includes(origin);
  }
}

/** The organization a `/v1/organizations/{org}/…` path is about. */
export function organizationOf(path: string): string | null {
  const match = /^\/v1\/organizations\/([^/]+)(\/|$)/.exec(path);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}
