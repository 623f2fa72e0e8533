// Anonymous signup-config answers, kept per organization and query: every visitor of a signup
// page asks the same question, and the answer changes only when an admin edits the organization
// or its membership types. Each request reads the organization's configuration version (one
// indexed read of committed data: storage migration 0009 raises it in the same commit as any
// such edit, whichever process or tool makes it) and is answered from the cache only while the
// version is the one the cached answer was computed under. So no process serves an answer older
// than the last committed edit, on one instance or many.
// Only answers computed from those two tables are kept (the reads are traced: a future signup
// page that shows, say, places left is never cached by accident), only 200s, only for callers
// without credentials and without an invitation code; an entry older than `maxAge` is computed
// again whatever the version says.
import type { TableName } from '@memberkit/api';

/** What the cache needs of the storage (SqlStorage has both). */
export interface VersionedReads {
  configVersion(organizationId: string): Promise<number>;
  tracingReads<T>(work: () => Promise<T>): Promise<{ result: T; tables: ReadonlySet<TableName> }>;
}

interface Entry {
  version: number;
  at: number;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
}

/** The tables whose every change raises the configuration version (migration 0009). */
const versionedTables: ReadonlySet<TableName> = new Set<TableName>(['organizations', 'membership_types']);
/** The query parameters whose answers may be kept (an invitation code's answer depends on the invitation). */
const cacheableParameters = new Set(['membership_type']);
const path = /^\/v1\/organizations\/([^/]+)\/signup-config$/;
const maxEntries = 5_000;

export class SignupConfigCache {
  readonly #storage: VersionedReads;
  readonly #maxAge: number;
  readonly #entries = new Map<string, Entry>();
  /** One computation per key and version at a time: a burst of visitors shares the first one's. */
  readonly #computing = new Map<string, Promise<Entry | null>>();
  /** Counts for the bench and tests. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(storage: VersionedReads, options: { maxAge?: number } = {}) {
    this.#storage = storage;
    this.#maxAge = options.maxAge ?? 60_000;
  }

  /** Whether a request's answer may be kept (no credentials, no invitation, the signup-config route). */
  static accepts(request: Request, url: URL): boolean {
    if (request.method !== 'GET' || request.headers.has('authorization') || !path.test(url.pathname)) return false;
    for (const name of url.searchParams.keys()) if (!cacheableParameters.has(name)) return false;
    return true;
  }

  /**
   * The answer to a cacheable request about `organizationId` (the id, also when the path names
   * the organization by its publishable key): from the cache while the version holds, else from
   * `compute`.
   */
  async answer(organizationId: string, url: URL, compute: () => Promise<Response>): Promise<Response> {
    const version = await this.#storage.configVersion(organizationId);
    // Sorted parameters: `?a&b` and `?b&a` are one question.
    const parameters = new URLSearchParams([...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const key = `${organizationId}\u0000${parameters}`;
    const cached = this.#entries.get(key);
    if (cached && cached.version === version && Date.now() - cached.at <= this.#maxAge) {
      this.stats.hits += 1;
      return responseOf(cached);
    }
    this.stats.misses += 1;
    const computingKey = `${key}\u0000${version}`;
    const shared = this.#computing.get(computingKey);
    if (shared) {
      const entry = await shared.catch(() => null);
      // The first request's answer was not kept (an error, a 404): this one computes its own.
      return entry ? responseOf(entry) : compute();
    }
    let uncached: Response | undefined;
    const computing = (async (): Promise<Entry | null> => {
      // Computed after the version was read: an edit committed meanwhile raised the version
      // past the one this entry carries, so the entry is refused at the next request.
      const { result, tables } = await this.#storage.tracingReads(compute);
      if (result.status !== 200 || [...tables].some((table) => !versionedTables.has(table))) {
        uncached = result;
        return null;
      }
      const entry: Entry = {
        version,
        at: Date.now(),
        status: result.status,
        // The request's own id is not part of the answer.
        headers: [...result.headers].filter(([name]) => name !== 'request-id'),
        body: new Uint8Array(await result.arrayBuffer()),
      };
      if (this.#entries.size >= maxEntries) this.#entries.clear();
      this.#entries.set(key, entry);
      return entry;
    })().finally(() => this.#computing.delete(computingKey));
    this.#computing.set(computingKey, computing);
    const entry = await computing;
    return entry ? responseOf(entry) : uncached!;
  }
}

function responseOf(entry: Entry): Response {
  return new Response(entry.body, { status: entry.status, headers: entry.headers });
}
