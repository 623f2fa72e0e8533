// The storage at scale: a PostgreSQL server through `pg`, shared by any number of server
// processes. Claims are session advisory locks held on one dedicated connection per process
// (PostgreSQL lets them go when that connection ends, so a dead holder frees its keys).
import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Claim } from '@memberkit/api';
import { withBatchAnswers } from './batch-answers.js';
import { migrate, readColumnTypes, SqlStorage, type Claims, type WriteLocks } from './sql-storage.js';

export interface PostgresStorageOptions {
  /** A `postgres://` URL (DATABASE_URL). */
  url: string;
  /** The schema the tables live in (created when missing); default: the server's search path. */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Run the migrations when opening (default true). */
  migrate?: boolean;
}

/** int8 as a JS number: the storage keeps JS numbers, every one of which int8 holds exactly. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function connection(options: PostgresStorageOptions): pg.ClientConfig {
  // Settings of the URL's own `options` (e.g. `?options=-c search_path=members`) come first.
  const settings = [urlOptions(options.url), '-c enable_seqscan=off'].filter(Boolean);
  if (options.schema) settings.push(`-c search_path=${quoteIdentifier(options.schema)}`);
  // pg lets the URL's parameters win over the config's: the merged options go in the config only.
  return { connectionString: withoutOptions(options.url), types, options: settings.join(' ') };
}

function urlOptions(url: string): string {
  try {
    return new URL(url).searchParams.get('options') ?? '';
  } catch {
    return '';
  }
}

function withoutOptions(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.searchParams.has('options')) return url;
    parsed.searchParams.delete('options');
    return parsed.toString();
  } catch {
    return url;
  }
}

function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a plain schema name (letters, digits, _)`);
  return name;
}

/** The advisory lock id of a key: 64 bits of its SHA-256 (scoped by schema: one id space per database). */
function lockId(scope: string, key: string): string {
  return createHash('sha256').update(`${scope}\u0000${key}`).digest().readBigInt64BE(0).toString();
}

class AdvisoryClaims implements Claims {
  readonly #config: pg.ClientConfig;
  readonly #scope: string;
  /** Keys this process holds: advisory locks are re-entrant within a session, claims are not. */
  readonly #held = new Set<string>();
  #client: Promise<pg.Client> | undefined;

  constructor(config: pg.ClientConfig, scope: string) {
    this.#config = config;
    this.#scope = scope;
  }

  #connection(): Promise<pg.Client> {
    this.#client ??= (async () => {
      const client = new pg.Client(this.#config);
      // A lost connection has lost its locks: the next claim opens a new one.
      client.on('error', () => {
        this.#client = undefined;
      });
      client.on('end', () => {
        this.#client = undefined;
      });
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      this.#client = undefined;
      throw error;
    });
    return this.#client;
  }

  async claim(key: string): Promise<Claim | null> {
    if (this.#held.has(key)) return null;
    this.#held.add(key);
    const id = lockId(this.#scope, key);
    let client: pg.Client;
    try {
      client = await this.#connection();
      const { rows } = await client.query<{ held: boolean }>('select pg_try_advisory_lock($1::bigint) as held', [id]);
      if (!rows[0]?.held) {
        this.#held.delete(key);
        return null;
      }
    } catch (error) {
      this.#held.delete(key);
      throw error;
    }
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        try {
          // Only on the connection that took it: a new connection holds none of the old locks.
          if (this.#client && (await this.#client) === client) await client.query('select pg_advisory_unlock($1::bigint)', [id]);
        } finally {
          this.#held.delete(key);
        }
      },
    };
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#held.clear();
    if (client) await (await client.catch(() => undefined))?.end();
  }
}

/** One organization's writers one at a time, across processes: a session advisory lock per organization. */
function writeLocks(scope: string): WriteLocks {
  const id = (organization: string) => lockId(scope, `write\u0000${organization}`);
  return {
    lock: async (connection, organization) => {
      await sql`select pg_advisory_lock(${id(organization)}::bigint)`.execute(connection);
    },
    unlock: async (connection, organization) => {
      await sql`select pg_advisory_unlock(${id(organization)}::bigint)`.execute(connection);
    },
    // One round trip for both (a simple query of two statements; the id is a number we made):
    // the lock is held for a round trip less. When COMMIT fails the unlock does not run, and
    // the caller unlocks on its own.
    commitAndUnlock: async (connection, organization) => {
      await sql.raw(`commit; select pg_advisory_unlock(${BigInt(id(organization))}::bigint)`).execute(connection);
    },
    // The lock first, and BEGIN after it: the transaction's snapshot is taken after the previous
    // holder committed. The COMMIT ends the implicit transaction the lock statement ran in (a
    // BEGIN later in the same message would otherwise take it in, and refuse its isolation
    // level); the session lock outlives it.
    lockAndBegin: async (connection, organization, begin) => {
      await sql.raw(`select pg_advisory_lock(${BigInt(id(organization))}::bigint); commit; ${begin}`).execute(connection);
    },
    statements: {
      lock: (organization) => `select pg_advisory_lock(${BigInt(id(organization))}::bigint)`,
      unlock: (organization) => `select pg_advisory_unlock(${BigInt(id(organization))}::bigint)`,
    },
  };
}

/**
 * A message of several statements (the simple query protocol) is answered by pg with one result
 * each; Kysely reads one: the last one's, the statement the batch was sent for (see
 * SqlStorageOptions.batches), with every statement's rows hung on it (batch-answers.ts).
 */
function answeringLastResult(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const answer = query(...args);
    if (answer instanceof Promise) return answer.then((result: unknown) => (Array.isArray(result) ? withBatchAnswers(result) : result));
    return answer;
  };
}

/** Opens a PostgreSQL storage (creating the schema and running the migrations by default). */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<SqlStorage> {
  const config = connection(options);
  if (options.schema) {
    const client = new pg.Client({ connectionString: options.url });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${quoteIdentifier(options.schema)}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({ ...config, max: options.poolSize ?? 10 });
  // An idle connection that fails is dropped by the pool; without a listener it would crash us.
  pool.on('error', () => {});
  pool.on('connect', answeringLastResult);
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) }); // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    if (options.migrate !== false) await migrate(db, options.schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const scope = options.schema ?? '';
  let columns;
  try {
    columns = await readColumnTypes(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new SqlStorage({ db, claims: new AdvisoryClaims(config, scope), writeLocks: writeLocks(scope), batches: true, columns });
}
