// The Storage port: records in tables (ports/records.ts), read and written inside transactions.
// Implementations: memory (memory/storage.ts: the sandbox, tests) and SQL (the server's Kysely
// storage on PGlite or PostgreSQL). Both pass the same conformance suite (testing/storage-suite).
import type { TableName, Tables } from './records.js';

/** A column value a filter compares with: equality, or one of a list (SQL `IN`). */
export type Scalar = string | number | boolean | null;

/** Rows whose columns equal these values (a list: any of them). Scalar columns only. */
export type Where<R> = { [C in keyof R]?: Exclude<R[C], undefined> extends Scalar ? Exclude<R[C], undefined> | readonly Exclude<R[C], undefined>[] : never };

export interface FindOptions<R> {
  /** Default: insertion order (a SQL storage keeps an insertion sequence column). */
  orderBy?: readonly (readonly [keyof R & string, 'asc' | 'desc'])[];
  limit?: number;
}

/** The reads and writes of one transaction. Rows read are the caller's: changing one changes nothing stored. */
export interface Transaction {
  /** The first row matching `where`, or undefined. */
  findOne<T extends TableName>(table: T, where: Where<Tables[T]>): Promise<Tables[T] | undefined>;
  /** Every row matching `where` (`{}`: all of the table). */
  find<T extends TableName>(table: T, where: Where<Tables[T]>, options?: FindOptions<Tables[T]>): Promise<Tables[T][]>;
  count<T extends TableName>(table: T, where: Where<Tables[T]>): Promise<number>;
  /**
   * Adds a row. A row whose key or unique columns are taken throws `StorageConflictError`
   * (and the transaction is then unusable, as in SQL: let the error end it).
   */
  insert<T extends TableName>(table: T, row: Tables[T], options?: InsertOptions): Promise<void>;
  /** Sets `patch` on the rows matching `where` (never their key columns); answers how many. */
  update<T extends TableName>(table: T, where: Where<Tables[T]>, patch: Partial<Tables[T]>): Promise<number>;
  /** Removes the rows matching `where`; answers how many. */
  delete<T extends TableName>(table: T, where: Where<Tables[T]>): Promise<number>;
  /**
   * Reads the work is about to ask for (`find`/`findOne` with these filters), announced so that
   * a storage that talks to a database may send them with its next statement: one round trip for
   * several. Answers nothing; a storage may ignore it, and what find answers is the same either way.
   */
  prefetch?(reads: readonly Read[]): void;
}

export interface InsertOptions {
  /**
   * The row's key was made for it just now (a random id that nothing else holds), so it cannot
   * be taken: a storage may send the insert later, with the transaction's next statement or its
   * commit, when its unique columns (if any) are known to be free as well. Were the key taken
   * after all, the transaction would fail there instead (not with StorageConflictError here).
   */
  fresh?: boolean;
}

/** A filter on one table (see Transaction.prefetch). */
export type Read = { [T in TableName]: { table: T; where: Where<Tables[T]> } }[TableName];

export interface TransactionOptions {
  /** Reads only: a storage may run it without locks or retries. */
  readOnly?: boolean;
}

/** An exclusive hold on a key (see `Storage.claim`). */
export interface Claim {
  release(): Promise<void>;
}

export interface Storage {
  /**
   * Runs `work` in one transaction: every write it makes commits together, or (when it throws)
   * none does, and the error is rethrown. Transactions are serializable: the result is as if
   * they ran one after another. A SQL storage may run `work` again after a serialization
   * conflict, so `work` must not do anything outside `tx` that is unsafe to repeat (calls to
   * the payment processor carry idempotency keys made from ids that exist before `work` runs).
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Holds `key` exclusively across every process using this storage, until `release()`; null
   * when someone holds it already. Not a transaction: a claim outlives the transactions made
   * while holding it, and is let go if its holder dies. The API claims each idempotency key
   * while its request runs (a second request with the key meanwhile gets 409).
   */
  claim(key: string): Promise<Claim | null>;
  /** Closes connections (SQL); the storage is not used afterwards. */
  close(): Promise<void>;
}

/** A write refused because a row with the same key or unique columns exists. */
export class StorageConflictError extends Error {
  constructor(
    readonly table: TableName,
    readonly columns: readonly string[],
  ) {
    super(`${table}: a row with the same ${columns.join(', ')} exists`);
    this.name = 'StorageConflictError';
  }
}
