// A Kysely dialect over PGlite's query API: PostgreSQL's adapter, compiler and introspector, and
// a driver whose one connection is handed to one user at a time (PGlite is a single session).
// The published `kysely-pglite` dialect brings a CLI toolchain along; this is all of it we need.
import type { PGlite, Results } from '@electric-sql/pglite';
import {
  AbortedTransactionError,
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { withBatchAnswers } from './batch-answers.js';

class PgliteConnection implements DatabaseConnection {
  constructor(readonly db: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Without parameters, through the simple query protocol: a text of several statements runs
    // in one call, answered by the last one's result, each statement's rows hung on it (the
    // storage's batches, batch-answers.ts).
    const result = query.parameters.length === 0 ? (withBatchAnswers(await this.db.exec(query.sql)) as Results<R>) : await this.db.query<R>(query.sql, [...query.parameters]);
    const command = result.command?.toUpperCase();
    const changed = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
    return {
      rows: result.rows,
      ...(changed && result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  streamQuery(): AsyncIterableIterator<QueryResult<never>> {
    throw new Error('The PGlite dialect does not stream query results');
  }
}

class PgliteDriver implements Driver {
  readonly #connection: PgliteConnection;
  /** The current holder's end: the next `acquireConnection` waits for it. */
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(db: PGlite) {
    this.#connection = new PgliteConnection(db);
  }

  async init(): Promise<void> {
    await this.#connection.db.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let statement = 'start transaction';
    if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) statement += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(statement));
  }

  async commitTransaction(): Promise<void> {
    // PostgreSQL answers COMMIT with a ROLLBACK tag when an earlier statement failed and left the
    // transaction aborted (work that caught the error and went on): that is no commit.
    const result = await this.#connection.db.query('commit');
    if (result.command?.toUpperCase() === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    // The caller owns the PGlite instance (and closes it after its last query).
  }
}

/** PostgreSQL, as Kysely knows it, on one PGlite instance. */
export class PgliteDialect implements Dialect {
  constructor(readonly db: PGlite) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PgliteDriver(this.db);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
