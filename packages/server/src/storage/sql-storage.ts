// The Storage port in SQL (PostgreSQL, on PGlite or a server), through Kysely: rows of the API's
// records (tableSpecs: keys, unique columns, JSON columns), serializable transactions run again
// after a serialization failure, and claims through the `Claims` the opener gives it.
import {
  StorageConflictError,
  tableSpecs,
  type Claim,
  type FindOptions,
  type InsertOptions,
  type Read,
  type Storage,
  type TableName,
  type Tables,
  type Transaction,
  type TransactionOptions,
  type Where,
} from '@memberkit/api';
import { AsyncLocalStorage } from 'node:async_hooks';
import { AbortedTransactionError, CompiledQuery, Migrator, sql, type DatabaseIntrospector, type Kysely } from 'kysely';
import { answersOf } from './batch-answers.js';
import { migrationProvider } from './migrations/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- tables are chosen at run time */
type Database = Kysely<any>;
type Row = Record<string, unknown>;

/** Exclusive holds on keys, as a storage kind can offer them (see Storage.claim). */
export interface Claims {
  claim(key: string): Promise<Claim | null>;
  close(): Promise<void>;
}

/**
 * Serializes the write transactions of one organization (a PostgreSQL storage: session advisory
 * locks). Taken on the transaction's connection before BEGIN, so the snapshot that follows sees
 * every commit of the previous holder: same-organization writers then never fail each other's
 * serialization checks (which, on a table of a few pages, they otherwise do by the hundred).
 */
export interface WriteLocks {
  lock(connection: Database, scope: string): Promise<void>;
  unlock(connection: Database, scope: string): Promise<void>;
  /** COMMIT, then unlock, in one round trip; when it throws, the lock may still be held. */
  commitAndUnlock?(connection: Database, scope: string): Promise<void>;
  /**
   * Lock, then run `begin` (a transaction's BEGIN), in one round trip; when it throws, the lock
   * may be held.
   */
  lockAndBegin?(connection: Database, scope: string, begin: string): Promise<void>;
  /** The statements that take and free the lock, as SQL text: for batches (see SqlStorageOptions.batches). */
  statements?: { lock(scope: string): string; unlock(scope: string): string };
}

/** A column as the database has it (information_schema): which values it takes as they are. */
export interface ColumnType {
  type: string;
  nullable: boolean;
}

/** Per table, per column: see SqlStorageOptions.columns. */
export type ColumnTypes = ReadonlyMap<string, ReadonlyMap<string, ColumnType>>;

export interface SqlStorageOptions {
  db: Database;
  claims: Claims;
  /** Per-organization write locks; omit where one session serializes everything (PGlite). */
  writeLocks?: WriteLocks;
  /**
   * Every transaction runs alone (PGlite: one session, handed to one transaction at a time), so
   * plain BEGIN is already serial: no serializable bookkeeping to pay for.
   */
  oneAtATime?: boolean;
  /** Called after the database and claims are closed (e.g. to close PGlite, free a lock file). */
  onClose?: () => Promise<void>;
  /** How many times a transaction runs at most when it keeps meeting serialization failures. */
  maxAttempts?: number;
  /**
   * The connection runs a statement without parameters that holds several (`a; b; c`) as one
   * round trip, and answers the last one's rows (PostgreSQL's simple query protocol). Then BEGIN
   * (and the write lock) travels with a transaction's first statement, and an update or insert
   * whose outcome the transaction already knows (see `columns`) with the statement after it, or
   * with COMMIT: statements whose values are written into their text (inlined), each one round
   * trip less.
   */
  batches?: boolean;
  /**
   * The tables' column types (readColumnTypes): a write is sent later, in a batch, only when
   * each of its values is one the column takes as it is (so it cannot fail but on a conflict
   * with another transaction, which runs the whole transaction again). Without it, every
   * update is sent when it is made.
   */
  columns?: ColumnTypes;
}

/** Told of each attempt that runs again (the server logs them at debug level). */
export type RetryListener = (attempt: number, error: unknown) => void;

/** Counts of what the storage did (the bench reports them; /readyz could). */
export interface StorageStats {
  transactions: number;
  /** Attempts run again after a serialization failure or deadlock. */
  retries: number;
}

/** PostgreSQL's codes for "run it again": serialization failure, deadlock detected. */
const retryableCodes = new Set(['40001', '40P01']);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The constraint names the migrations give: `<table>_pkey`, `<table>_<columns>_key`. */
const constraintColumns = new Map<string, { table: TableName; columns: readonly string[] }>();
for (const table of Object.keys(tableSpecs) as TableName[]) {
  const spec = tableSpecs[table];
  constraintColumns.set(`${table}_pkey`, { table, columns: spec.key });
  for (const columns of spec.unique) constraintColumns.set(`${table}_${columns.join('_')}_key`, { table, columns });
}

function conflictFrom(table: TableName, error: unknown): StorageConflictError | undefined {
  if (errorCode(error) !== '23505') return undefined;
  const constraint = (error as { constraint?: string }).constraint;
  const known = constraint ? constraintColumns.get(constraint) : undefined;
  return new StorageConflictError(table, known?.columns ?? tableSpecs[table].key);
}

/** PostgreSQL text cannot hold U+0000: such a value can match nothing stored, and cannot be stored. */
const holdsNul = (value: unknown) => typeof value === 'string' && value.includes('\u0000');

/**
 * A parameter as the literal the server reads the same way: an untyped quoted string, as pg
 * and PGlite send parameters (text, the type left to the statement); undefined for a value
 * that is not inlined (the statement then runs with its parameters). Quotes doubled, and
 * backslashes doubled inside E'…', which reads the same whatever standard_conforming_strings
 * says (pg's escapeLiteral).
 */
function literal(value: unknown): string | undefined {
  if (value === null) return 'null';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else return undefined;
  // U+0000 cannot be in a statement's text; a lone surrogate would be sent as U+FFFD either
  // way, but is left to the parameter path, whose behaviour the rest of the storage knows.
  if (text.includes('\u0000') || !isWellFormed(text)) return undefined;
  const quoted = text.replaceAll("'", "''");
  return text.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

const isWellFormed = (text: string) => (text as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * A compiled statement with its parameters written into its text, or undefined when one of them
 * cannot be (see literal). Kysely writes only identifiers and placeholders ($1 …) into the text
 * of our statements: no literal of theirs holds a `$`.
 */
function inlined(query: CompiledQuery): string | undefined {
  const values = query.parameters.map(literal);
  if (values.some((value) => value === undefined)) return undefined;
  let complete = true;
  const text = query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    if (value === undefined) complete = false;
    return value ?? '';
  });
  return complete ? text : undefined;
}

/**
 * Whether the database takes `value` (as encode made it) in a column of `type` exactly as it is:
 * no conversion that changes what it reads back as, no error it could raise.
 */
function takesAsIs(column: ColumnType | undefined, value: unknown): boolean {
  if (column === undefined) return false;
  if (value === null) return column.nullable;
  switch (column.type) {
    case 'text':
      return typeof value === 'string' && isWellFormed(value);
    case 'bigint':
      return Number.isSafeInteger(value);
    case 'double precision':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'json':
      // JSON.stringify's text; PostgreSQL refuses an escaped lone surrogate in it.
      return typeof value === 'string' && !/\\u[dD][89a-fA-F]/.test(value);
    default:
      return false;
  }
}

/**
 * The tables' column types in the connection's current schema (see SqlStorageOptions.columns).
 * A table with a trigger, or a check, foreign-key or exclusion constraint, has none: whether its
 * writes pass, and what they answer, is not known from the values alone (a BEFORE trigger may
 * change the row), so they are always sent when made.
 */
export async function readColumnTypes(db: Database): Promise<ColumnTypes> {
  const { rows } = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>`
    select table_name, column_name, data_type, is_nullable from information_schema.columns c
    where table_schema = current_schema()
      and not exists (select 1 from information_schema.triggers t where t.event_object_schema = c.table_schema and t.event_object_table = c.table_name)
      and not exists (
        select 1 from pg_catalog.pg_constraint k join pg_catalog.pg_class r on r.oid = k.conrelid join pg_catalog.pg_namespace n on n.oid = r.relnamespace
        where n.nspname = c.table_schema and r.relname = c.table_name and k.contype in ('c', 'f', 'x'))`.execute(db);
  const tables = new Map<string, Map<string, ColumnType>>();
  for (const row of rows) {
    let columns = tables.get(row.table_name);
    if (!columns) tables.set(row.table_name, (columns = new Map()));
    columns.set(row.column_name, { type: row.data_type, nullable: row.is_nullable === 'YES' });
  }
  return tables;
}

/**
 * Tables whose writes are always sent when made, whatever readColumnTypes finds: their triggers
 * raise the configuration versions (migration 0009), which changedConfigurations follows.
 */
const triggered: ReadonlySet<TableName> = new Set<TableName>(['organizations', 'membership_types']);

function checkTable(table: string): asserts table is TableName {
  if (!Object.hasOwn(tableSpecs, table)) throw new Error(`No table "${table}"`);
}

/** A row for the database: JSON columns as JSON text, undefined values left out. */
function encode(table: TableName, row: Row): Row {
  const json: readonly string[] = tableSpecs[table].json;
  const encoded: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (value === undefined) continue;
    if (json.includes(column)) {
      encoded[column] = value === null ? null : JSON.stringify(value);
    } else {
      if (holdsNul(value)) throw new Error(`${table}.${column}: text cannot contain the character U+0000`);
      encoded[column] = value;
    }
  }
  return encoded;
}

/**
 * A row from the database, without the insertion sequence, frozen through its JSON columns: the
 * transaction hands the same row to every lookup of it (see SqlTransaction's known rows), and a
 * caller cannot change what another one reads (as the memory storage's rows, frozen too).
 */
function decode(row: Row): Row {
  const { _seq: _, ...rest } = row;
  return deepFreeze(rest);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** Adds `where`'s conditions to a select, update or delete (any: the table is chosen at run time). */
function applyWhere(table: TableName, query: any, where: Row): any {
  const json: readonly string[] = tableSpecs[table].json;
  for (const [column, wanted] of Object.entries(where)) {
    if (wanted === undefined) throw new Error(`${table}: the filter on ${column} is undefined`);
    if (json.includes(column)) throw new Error(`${table}: ${column} holds JSON and cannot be filtered on`);
    const values = (Array.isArray(wanted) ? wanted : [wanted]).filter((value) => !holdsNul(value));
    const scalars = values.filter((value) => value !== null);
    const orNull = values.includes(null);
    query = query.where((eb: any) => {
      const alternatives = [];
      if (scalars.length === 1) alternatives.push(eb(column, '=', scalars[0]));
      else if (scalars.length > 1) alternatives.push(eb(column, 'in', scalars));
      if (orNull) alternatives.push(eb(column, 'is', null));
      return alternatives.length === 0 ? sql<boolean>`false` : eb.or(alternatives);
    });
  }
  return query;
}

/**
 * Tables whose statements, when they open a transaction, take no organization write lock: the
 * outbox's delivery records (a message's `sent_at`, its attempts) are written after a commit, one
 * row by key, in a transaction of their own, and no other transaction reads those rows while an
 * organization's signups run: such a writer cannot make them fail their serialization checks,
 * so it need not wait its turn behind them (SERIALIZABLE still decides; a rare conflict runs again).
 */
const lockFree: ReadonlySet<TableName> = new Set<TableName>(['outbox']);

/** The organization a statement is about (its lock scope), when it names exactly one. */
function scopeOf(table: TableName, values: Row): string | null {
  const value = table === 'organizations' ? values.id : values.organization_id;
  return typeof value === 'string' ? value : null;
}

/**
 * The identity of the one row `where` names when it fixes exactly the table's key columns to
 * single values (a lookup by key), else null.
 */
function keyOf(table: TableName, where: Row): string | null {
  const key: readonly string[] = tableSpecs[table].key;
  const columns = Object.keys(where);
  if (columns.length !== key.length || !key.every((column) => Object.hasOwn(where, column))) return null;
  const values = key.map((column) => where[column]);
  if (!values.every((value) => typeof value === 'string' || typeof value === 'number')) return null;
  return rowIdentity(table, values);
}

const rowIdentity = (table: TableName, values: readonly unknown[]) => `${table}\u0000${JSON.stringify(values)}`;
const identityOf = (table: TableName, row: Row) => rowIdentity(table, tableSpecs[table].key.map((column) => row[column]));

/** A row as a statement answered it: its columns (decoded) and its insertion sequence. */
interface Seen {
  row: Row;
  seq: number;
}

const seen = (raw: Row): Seen => ({ row: decode(raw), seq: Number(raw._seq) });
const bySeq = (a: Seen, b: Seen) => a.seq - b.seq;

/** The identity of a filter (columns in name order), or null when it cannot be answered from memory. */
function filterIdentity(table: TableName, where: Row): string | null {
  const columns = Object.keys(where).sort();
  // An undefined or JSON filter is refused by applyWhere: the statement must run to say so.
  const json: readonly string[] = tableSpecs[table].json;
  for (const column of columns) if (where[column] === undefined || json.includes(column)) return null;
  return `${table}\u0000${JSON.stringify(columns.map((column) => [column, where[column]]))}`;
}

/**
 * Whether `row` matches `where` as applyWhere's SQL would decide it (equality, a list, null),
 * or undefined when JavaScript cannot tell for sure (a value of another type than the
 * column's: the database may convert it). Text is compared by code unit (COLLATE "C").
 */
function matches(where: Row, row: Row): boolean | undefined {
  for (const [column, wanted] of Object.entries(where)) {
    const actual = row[column];
    if (actual === undefined) return undefined;
    let matched = false;
    for (const value of Array.isArray(wanted) ? wanted : [wanted]) {
      if (value === null) matched ||= actual === null;
      else if (actual === null) continue;
      else if (typeof value !== typeof actual || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) return undefined;
      else matched ||= value === actual;
    }
    if (!matched) return false;
  }
  return true;
}

/** Whether `where` asks for the same single values as `wider` on each of its columns (and may ask more). */
function narrows(where: Row, wider: Row): boolean {
  for (const [column, value] of Object.entries(wider)) {
    if (Array.isArray(value) || !Object.hasOwn(where, column) || where[column] !== value) return false;
  }
  return true;
}

/**
 * What one filter answered in this transaction, kept up to date with the transaction's own
 * writes (see SqlTransaction's answers). `complete`: every matching row (no limit cut it).
 */
interface Answer {
  where: Row;
  rows: Seen[];
  complete: boolean;
}

/** The tables read while `SqlStorage.tracingReads` runs (its async context). */
const tablesRead = new AsyncLocalStorage<Set<TableName>>();

class SqlTransaction implements Transaction {
  #open = true;
  /** BEGIN is sent with the first statement, after the write lock that statement's scope names. */
  #begun: Promise<void> | undefined;
  #locked: string | null = null;
  /** Set when a database error aborted the transaction: it can no longer commit. */
  #aborted = false;
  /** Set when a statement met a serialization failure: the attempt is then run again. */
  retryable = false;
  /**
   * The organizations whose configuration (organizations row, membership types) a write changed;
   * null in it: a write that names no one organization (every one counts as changed).
   */
  readonly changedConfigurations = new Set<string | null>();

  constructor(
    readonly trx: Database,
    readonly readOnly: boolean,
    readonly writeLocks: WriteLocks | undefined,
    readonly oneAtATime: boolean,
    readonly batches: boolean = false,
    readonly columns: ColumnTypes | undefined = undefined,
  ) {}

  /**
   * Statements (SQL text, values inlined) sent ahead of the next one, in its message (batches):
   * BEGIN with the lock before it, updates whose outcome this transaction knows.
   */
  #ahead: string[] = [];
  /** Whether #ahead holds this transaction's BEGIN (nothing has reached the database yet). */
  #beginAhead = false;

  /**
   * Runs `query`, with the statements ahead of it and the prefetched reads (after those, so
   * inside the transaction) in the same message when it can be inlined.
   */
  async #execute(query: CompiledQuery): Promise<Row[]> {
    const prefetched = this.#prefetched;
    this.#prefetched = [];
    if (this.#ahead.length > 0 || prefetched.length > 0) {
      const ahead = [...this.#ahead, ...prefetched.map((read) => read.text)].join('; ');
      this.#ahead = [];
      this.#beginAhead = false;
      const text = inlined(query);
      if (text !== undefined) {
        const rows = (await this.trx.executeQuery(CompiledQuery.raw(`${ahead}; ${text}`))).rows as Row[];
        this.#answerPrefetched(prefetched, answersOf(rows).slice(0, -1));
        return rows;
      }
      this.#answerPrefetched(prefetched, answersOf((await this.trx.executeQuery(CompiledQuery.raw(ahead))).rows));
    }
    return (await this.trx.executeQuery(query)).rows as Row[];
  }

  /** Reads announced by prefetch, to send with the next statement (batches). */
  #prefetched: { table: TableName; where: Row; key: string | null; text: string }[] = [];

  /**
   * Announced reads (see Transaction.prefetch): each one that this transaction cannot answer
   * already goes, as SQL text, in the message of its next statement, and its rows are kept as
   * find keeps an answer (with the transaction's later writes applied), so that the find that
   * asks it is answered without a round trip. Under the write lock a signup's reads of its
   * membership type, its member by email and the webhook endpoints travel with the first.
   */
  prefetch(reads: readonly Read[]): void {
    if (!this.batches || !this.#open || this.#aborted) return;
    for (const { table, where } of reads) {
      checkTable(table);
      const filter = where as Row;
      const identity = filterIdentity(table, filter);
      if (identity === null || this.#prefetched.some((read) => read.table === table && filterIdentity(table, read.where) === identity)) continue;
      const key = keyOf(table, filter);
      if ((key !== null && this.#known.has(key)) || this.#answered(table, filter, undefined) !== undefined) continue;
      const name: string = table;
      const text = inlined(applyWhere(table, this.trx.selectFrom(name).selectAll(), filter).orderBy('_seq', 'asc').compile());
      if (text === undefined) continue;
      // A copy: the caller's filter (and its lists) may change after this.
      const copy = Object.fromEntries(Object.entries(filter).map(([column, value]) => [column, Array.isArray(value) ? [...value] : value]));
      this.#prefetched.push({ table, where: copy, key, text });
    }
  }

  /** Keeps what the prefetched reads answered (`answers`: the message's rows per statement, theirs last). */
  #answerPrefetched(prefetched: readonly { table: TableName; where: Row; key: string | null }[], answers: readonly (readonly unknown[])[]): void {
    const theirs = answers.slice(answers.length - prefetched.length);
    if (theirs.length !== prefetched.length) return;
    prefetched.forEach((read, index) => {
      const rows = (theirs[index] as Row[]).map(seen);
      if (read.key !== null && rows.length === 0) this.#known.set(read.key, null);
      this.#remember(read.table, rows);
      this.#keepAnswer(read.table, read.where, rows, undefined);
    });
  }

  end(): void {
    this.#open = false;
    this.#prefetched = [];
  }

  #begin(scope: string | null): Promise<void> {
    this.#begun ??= (async () => {
      const statements = this.writeLocks?.statements;
      const locking = !this.readOnly && scope !== null && this.writeLocks !== undefined && !this.oneAtATime;
      if (this.batches && (!locking || statements)) {
        // Sent with the first statement (see #execute). Unlocked at the end once sent: the
        // lock may have been taken even when that message fails.
        if (this.oneAtATime && this.readOnly) return;
        const begin = this.oneAtATime
          ? 'start transaction'
          : this.readOnly
            ? 'start transaction isolation level repeatable read, read only'
            : 'start transaction isolation level serializable';
        // The COMMIT ends the implicit transaction the lock statement runs in (see postgres.ts).
        if (locking) this.#ahead.push(statements!.lock(scope!), 'commit');
        this.#ahead.push(begin);
        this.#locked = locking ? scope : null;
        this.#beginAhead = true;
        this.#sentBegin = true;
        return;
      }
      if (!this.readOnly && scope !== null && this.writeLocks?.lockAndBegin && !this.oneAtATime) {
        // Unlocked at the end even if this fails: the lock may have been taken.
        this.#locked = scope;
        this.#sentBegin = true;
        await this.writeLocks.lockAndBegin(this.trx, scope, 'start transaction isolation level serializable');
        return;
      }
      if (!this.readOnly && scope !== null && this.writeLocks) {
        await this.writeLocks.lock(this.trx, scope);
        this.#locked = scope;
      }
      // One session that this transaction holds throughout (PGlite): nothing else runs until it
      // ends, so reads need no transaction around them at all (two statements less).
      if (this.oneAtATime && this.readOnly) return;
      this.#sentBegin = true;
      // Reads only: one consistent snapshot without predicate locks (REPEATABLE READ), so that
      // the many reads of signup pages never make writers fail their serialization checks.
      const begin = this.oneAtATime
        ? 'start transaction'
        : this.readOnly
          ? 'start transaction isolation level repeatable read, read only'
          : 'start transaction isolation level serializable';
      await sql.raw(begin).execute(this.trx);
    })();
    return this.#begun;
  }

  /** Whether BEGIN was sent (a read-only PGlite transaction sends none). */
  #sentBegin = false;

  /** Commits what was begun; throws when the database had aborted the transaction. */
  async commit(): Promise<void> {
    if (!this.#begun) return;
    await this.#begun;
    if (this.#beginAhead) return this.#forgetAhead();
    if (!this.#sentBegin) return;
    if (this.#aborted) {
      this.#ahead = [];
      await sql`rollback`.execute(this.trx);
      throw new AbortedTransactionError();
    }
    if (this.batches) {
      // The updates still ahead, COMMIT and the unlock in one message. When a statement fails,
      // the ones after it do not run: the caller rolls back and unlocks.
      const statements = [...this.#ahead, 'commit'];
      this.#ahead = [];
      const unlock = this.#locked !== null ? this.writeLocks?.statements?.unlock(this.#locked) : undefined;
      if (unlock !== undefined) statements.push(unlock);
      await this.trx.executeQuery(CompiledQuery.raw(statements.join('; ')));
      if (unlock !== undefined) this.#locked = null;
      return;
    }
    if (this.#locked !== null && this.writeLocks?.commitAndUnlock) {
      await this.writeLocks.commitAndUnlock(this.trx, this.#locked);
      this.#locked = null;
      return;
    }
    await sql`commit`.execute(this.trx);
  }

  /** Nothing of this transaction was sent (its BEGIN still ahead): nothing to end, no lock held. */
  #forgetAhead(): void {
    this.#ahead = [];
    this.#beginAhead = false;
    this.#locked = null;
  }

  async rollback(): Promise<void> {
    if (!this.#begun) return;
    await this.#begun.catch(() => {});
    if (this.#beginAhead) return this.#forgetAhead();
    this.#ahead = [];
    if (!this.#sentBegin) return;
    await sql`rollback`.execute(this.trx).catch(() => {});
  }

  async unlock(): Promise<void> {
    if (this.#locked !== null) await this.writeLocks!.unlock(this.trx, this.#locked);
    this.#locked = null;
  }

  async #run<R>(work: () => Promise<R>, table: TableName, scope: Row, conflicts = false): Promise<R> {
    if (!this.#open) throw new Error('This transaction has ended: use the storage only inside its work function');
    const writing = this.#writing;
    this.#writing = false;
    tablesRead.getStore()?.add(table);
    if (!this.readOnly && (table === 'organizations' || table === 'membership_types') && writing) this.changedConfigurations.add(scopeOf(table, scope));
    await this.#begin(lockFree.has(table) ? null : scopeOf(table, scope));
    try {
      return await work();
    } catch (error) {
      const code = errorCode(error);
      if (retryableCodes.has(code ?? '')) this.retryable = true;
      const conflict = conflicts ? conflictFrom(table, error) : undefined;
      // A conflict on an update comes back after its savepoint was rolled back: still usable.
      if (code !== undefined && !(conflict && conflicts === true && this.#savepointed)) this.#aborted = true;
      throw conflict ?? error;
    }
  }

  /** Whether the statement that failed ran inside a savepoint that was rolled back. */
  #savepointed = false;

  /**
   * The rows this transaction has read or written, by key (null: known to be absent), as it
   * sees them now: a transaction reads one snapshot plus its own writes (SERIALIZABLE and
   * REPEATABLE READ on PostgreSQL; on PGlite nothing else runs meanwhile), and every write
   * here answers the rows it changed (RETURNING), so a lookup by key that this map answers is
   * the one the database would give, without its round trip (a signup reads back the member,
   * the memberships and the signup it has just written).
   */
  readonly #known = new Map<string, Seen | null>();

  #remember(table: TableName, rows: readonly Seen[]): void {
    for (const row of rows) {
      this.#known.set(identityOf(table, row.row), row);
      if (Number.isInteger(row.seq) && row.seq > (this.#maxSeq.get(table) ?? 0)) this.#maxSeq.set(table, row.seq);
    }
  }

  /** Per table, the highest insertion sequence the database answered this transaction. */
  readonly #maxSeq = new Map<TableName, number>();
  #insertsLater = 0;

  /**
   * The insertion sequence a row inserted later (see #insertLater) stands in with: above every
   * row the transaction has seen of the table (the database numbers it when it runs, after them)
   * and below any the database numbers later (which it runs before: #ahead goes first), so the
   * kept answers keep insertion order.
   */
  #laterSeq(table: TableName): number {
    this.#insertsLater += 1;
    return (this.#maxSeq.get(table) ?? 0) + 1 - 1 / (1 + this.#insertsLater);
  }

  /**
   * What each filter answered in this transaction (by table, then filter identity), with the
   * transaction's later writes applied: every write answers the rows it changed (RETURNING),
   * and whether a changed row matches a filter is decided here as the SQL decides it, so an
   * answer kept here is the one the database would give again (one snapshot plus our own
   * writes, as for #known). A write this cannot follow exactly (a row of a value type it does
   * not compare, an answer cut by a limit) forgets the table's answers instead. A signup asks
   * some questions twice: the organization's webhook endpoints for each event, the member's
   * memberships before and after it writes one.
   */
  readonly #answers = new Map<TableName, Map<string, Answer>>();

  #answered(table: TableName, where: Row, limit: number | undefined): Seen[] | undefined {
    const identity = filterIdentity(table, where);
    if (identity === null) return undefined;
    const answers = this.#answers.get(table);
    const answer = answers?.get(identity);
    if (answer) {
      if (answer.complete) return limit === undefined ? answer.rows : answer.rows.slice(0, limit);
      if (limit !== undefined && limit <= answer.rows.length) return answer.rows.slice(0, limit);
    }
    // A narrower filter than a complete answer's (its columns and more): that answer's rows
    // that match it, when each can be decided here (a member's memberships answer which of
    // them are confirmed ones of a type).
    for (const wider of answers?.values() ?? []) {
      if (!wider.complete || !narrows(where, wider.where)) continue;
      const rows: Seen[] = [];
      let exact = true;
      for (const row of wider.rows) {
        const match = matches(where, row.row);
        if (match === undefined) exact = false;
        else if (match) rows.push(row);
      }
      if (exact) return limit === undefined ? rows : rows.slice(0, limit);
    }
    return undefined;
  }

  #keepAnswer(table: TableName, where: Row, rows: Seen[], limit: number | undefined): void {
    const identity = filterIdentity(table, where);
    if (identity === null) return;
    let answers = this.#answers.get(table);
    if (!answers) this.#answers.set(table, (answers = new Map()));
    // A copy: the caller's filter (and its lists) may change after the statement ran.
    const filter = Object.fromEntries(Object.entries(where).map(([column, value]) => [column, Array.isArray(value) ? [...value] : value]));
    answers.set(identity, { where: filter, rows, complete: limit === undefined || rows.length < limit });
  }

  /** Applies rows a write changed (`changed`: their state now; `gone`: deleted) to the kept answers. */
  #applyWrite(table: TableName, changed: readonly Seen[], gone: readonly Seen[] = []): void {
    const answers = this.#answers.get(table);
    if (!answers) return;
    for (const [identity, answer] of answers) {
      // An answer cut by a limit cannot be followed: a row leaving it lets an unseen one in.
      if (!answer.complete) {
        answers.delete(identity);
        continue;
      }
      const touched = new Set([...changed, ...gone].map((row) => identityOf(table, row.row)));
      const rows = answer.rows.filter((row) => !touched.has(identityOf(table, row.row)));
      let exact = true;
      for (const row of changed) {
        const match = matches(answer.where, row.row);
        if (match === undefined) exact = false;
        else if (match) rows.push(row);
      }
      if (!exact) answers.delete(identity);
      else answer.rows = rows.sort(bySeq);
    }
  }

  /**
   * The rows `where` names by key when it fixes every key column and one of them to a list
   * (`id: [...]`), if this transaction knows each of them; else undefined.
   */
  #knownList(table: TableName, where: Row): Seen[] | undefined {
    const key: readonly string[] = tableSpecs[table].key;
    const columns = Object.keys(where);
    if (columns.length !== key.length || !key.every((column) => Object.hasOwn(where, column))) return undefined;
    const lists = key.filter((column) => Array.isArray(where[column]));
    if (lists.length !== 1) return undefined;
    const rows = new Map<string, Seen>();
    for (const value of new Set(where[lists[0]!] as unknown[])) {
      const values = key.map((column) => (column === lists[0] ? value : where[column]));
      if (!values.every((item) => typeof item === 'string' || typeof item === 'number')) return undefined;
      const identity = rowIdentity(table, values);
      const known = this.#known.get(identity);
      if (known === undefined) return undefined;
      if (known !== null) rows.set(identity, known);
    }
    return [...rows.values()].sort(bySeq);
  }

  findOne<T extends TableName>(table: T, where: Where<Tables[T]>): Promise<Tables[T] | undefined> {
    return this.find(table, where, { limit: 1 }).then((rows) => rows[0]);
  }

  find<T extends TableName>(table: T, where: Where<Tables[T]>, options: FindOptions<Tables[T]> = {}): Promise<Tables[T][]> {
    checkTable(table);
    const identity = keyOf(table, where as Row);
    const known = identity === null ? undefined : this.#known.get(identity);
    if (known !== undefined && this.#open && options.limit !== 0) {
      tablesRead.getStore()?.add(table);
      return Promise.resolve(known === null ? [] : [known.row as unknown as Tables[T]]);
    }
    // Insertion order (no orderBy): the order the kept answers and known rows are in.
    const ordered = options.orderBy !== undefined && options.orderBy.length > 0;
    const remembered = ordered || options.limit === 0 || !this.#open
      ? undefined
      : (this.#answered(table, where as Row, options.limit) ?? (options.limit === undefined ? this.#knownList(table, where as Row) : undefined));
    if (remembered) {
      tablesRead.getStore()?.add(table);
      return Promise.resolve(remembered.map((row) => row.row) as unknown as Tables[T][]);
    }
    return this.#run(async () => {
      const name: string = table;
      let query = applyWhere(table, this.trx.selectFrom(name).selectAll(), where as Row);
      for (const [column, direction] of options.orderBy ?? []) query = query.orderBy(column, direction);
      query = query.orderBy('_seq', 'asc');
      if (options.limit !== undefined) query = query.limit(options.limit);
      const rows = (await this.#execute(query.compile())).map(seen);
      if (identity !== null && rows.length === 0 && options.limit !== 0) this.#known.set(identity, null);
      this.#remember(table, rows);
      if (!ordered && options.limit !== 0) this.#keepAnswer(table, where as Row, rows, options.limit);
      return rows.map((row) => row.row) as unknown as Tables[T][];
    }, table, where as Row);
  }

  count<T extends TableName>(table: T, where: Where<Tables[T]>): Promise<number> {
    checkTable(table);
    const remembered = this.#open ? this.#answered(table, where as Row, undefined) : undefined;
    if (remembered) {
      tablesRead.getStore()?.add(table);
      return Promise.resolve(remembered.length);
    }
    return this.#run(async () => {
      const name: string = table;
      const query = applyWhere(table, this.trx.selectFrom(name).select((eb) => eb.fn.countAll().as('count')), where as Row);
      const [row] = await this.#execute(query.compile());
      return Number(row!.count);
    }, table, where as Row);
  }

  /** Whether the statement being run writes (see changedConfiguration). */
  #writing = false;

  insert<T extends TableName>(table: T, row: Tables[T], options: InsertOptions = {}): Promise<void> {
    checkTable(table);
    const later = this.#insertLater(table, row as unknown as Row, options.fresh === true);
    if (later) return later;
    this.#writing = true;
    return this.#run(async () => {
      const name: string = table;
      const values = encode(table, row as unknown as Row);
      // ON CONFLICT DO NOTHING: a taken key is refused without aborting the transaction, as the
      // memory storage refuses it (the caller may go on). Under SERIALIZABLE, a row that a
      // concurrent transaction committed meanwhile is a serialization failure instead.
      const [inserted] = await this.#execute(this.trx.insertInto(name).values(values).onConflict((conflict) => conflict.doNothing()).returningAll().compile());
      if (!inserted) throw await this.#conflictOf(table, row as unknown as Row);
      const added = [seen(inserted)];
      this.#remember(table, added);
      this.#applyWrite(table, added);
    }, table, row as unknown as Row);
  }

  /** Which of the table's unique column sets (the key first) `row` collides with. */
  async #conflictOf(table: TableName, row: Row): Promise<StorageConflictError> {
    const spec = tableSpecs[table];
    for (const columns of [spec.key, ...spec.unique] as readonly (readonly string[])[]) {
      const where = Object.fromEntries(columns.map((column) => [column, row[column] ?? null]));
      const name: string = table;
      const [taken] = await this.#execute(applyWhere(table, this.trx.selectFrom(name).select(sql`1`.as('taken')), where).compile());
      if (taken) return new StorageConflictError(table, columns);
    }
    return new StorageConflictError(table, spec.key);
  }

  update<T extends TableName>(table: T, where: Where<Tables[T]>, patch: Partial<Tables[T]>): Promise<number> {
    checkTable(table);
    for (const column of tableSpecs[table].key) {
      if (column in patch) throw new Error(`${table}: an update cannot change the key column ${column}`);
    }
    const values = encode(table, patch as Row);
    if (Object.keys(values).length === 0) return this.count(table, where);
    // A change of a unique column may collide: a savepoint keeps the transaction usable then.
    const unique = tableSpecs[table].unique.some((columns) => columns.some((column) => column in values));
    if (!unique) {
      const later = this.#updateLater(table, where as Row, values);
      if (later) return later;
    }
    this.#writing = true;
    return this.#run(async () => {
      const name: string = table;
      if (unique) await this.#execute(CompiledQuery.raw('savepoint storage_update'));
      this.#savepointed = false;
      try {
        const updated = await this.#execute(applyWhere(table, this.trx.updateTable(name).set(values), where as Row).returningAll().compile());
        if (unique) await this.#execute(CompiledQuery.raw('release savepoint storage_update'));
        const changed = updated.map(seen);
        this.#remember(table, changed);
        this.#applyWrite(table, changed);
        return updated.length;
      } catch (error) {
        if (unique && errorCode(error) === '23505') {
          await this.#execute(CompiledQuery.raw('rollback to savepoint storage_update'));
          this.#savepointed = true;
        }
        throw error;
      }
    }, table, where as Row, true);
  }

  /**
   * An update of one row this transaction knows (a lookup by key), whose every value the column
   * takes as it is, in a table without triggers: its outcome is known here (the row, patched;
   * under SERIALIZABLE it can only fail on another transaction's change, and then the whole
   * transaction runs again), so it is sent ahead of the next statement or with COMMIT (batches),
   * a round trip less. Answers the count (1), or undefined when it must be sent now.
   */
  #updateLater(table: TableName, where: Row, values: Row): Promise<number> | undefined {
    if (!this.batches || this.readOnly || !this.#open || triggered.has(table) || this.#aborted) return undefined;
    const identity = keyOf(table, where);
    const known = identity === null ? undefined : this.#known.get(identity);
    if (!known || this.#begun === undefined) return undefined;
    const columns = this.columns?.get(table);
    for (const [column, value] of Object.entries(values)) if (!takesAsIs(columns?.get(column), value)) return undefined;
    const name: string = table;
    const text = inlined(applyWhere(table, this.trx.updateTable(name).set(values), where).compile());
    if (text === undefined) return undefined;
    const json: readonly string[] = tableSpecs[table].json;
    const patched: Row = { ...known.row };
    for (const [column, value] of Object.entries(values)) patched[column] = json.includes(column) && value !== null ? JSON.parse(value as string) : value;
    tablesRead.getStore()?.add(table);
    // After the BEGIN (ahead, or sent with an earlier statement of this transaction).
    return this.#begun.then(() => {
      if (!this.#open) throw new Error('This transaction has ended: use the storage only inside its work function');
      this.#ahead.push(text);
      const changed = [{ row: deepFreeze(patched), seq: known.seq }];
      this.#remember(table, changed);
      this.#applyWrite(table, changed);
      return 1;
    });
  }

  /**
   * An insert whose key this transaction read as absent, or made for the row (`fresh`: a random
   * id), and whose other unique columns it read as free (a complete answer of no rows for each
   * set, kept up to date with its own writes: a member's email), in a table with no triggers,
   * giving every column a value the column takes as it is: it cannot be refused (on PostgreSQL a
   * row another transaction committed meanwhile is a serialization failure, and the transaction
   * runs again), so it is sent ahead of the next statement or with COMMIT (batches; a plain
   * INSERT, so that anything unforeseen fails the transaction instead of dropping the row). A
   * signup's idempotency record, member, memberships, signup and outbox message. Answers
   * undefined when it must be sent now.
   */
  #insertLater(table: TableName, row: Row, fresh: boolean): Promise<void> | undefined {
    if (!this.batches || this.readOnly || !this.#open || triggered.has(table) || this.#aborted || this.#begun === undefined) return undefined;
    const spec = tableSpecs[table];
    const identity = keyOf(table, Object.fromEntries(spec.key.map((column) => [column, row[column]])));
    if (identity === null) return undefined;
    const known = this.#known.get(identity);
    if (!(known === null || (fresh && known === undefined))) return undefined;
    for (const columns of spec.unique as readonly (readonly string[])[]) {
      // NULLs never collide in a unique index: a set holding one is free.
      if (columns.some((column) => row[column] === null || row[column] === undefined)) continue;
      const taken = this.#answered(table, Object.fromEntries(columns.map((column) => [column, row[column]])), undefined);
      if (taken === undefined || taken.length > 0) return undefined;
    }
    const columns = this.columns?.get(table);
    if (!columns) return undefined;
    let values: Row;
    try {
      values = encode(table, row);
    } catch {
      return undefined; // Refused when sent now, as every insert's error.
    }
    // No column left to a default the database fills in (RETURNING would answer it).
    for (const column of columns.keys()) if (column !== '_seq' && !Object.hasOwn(values, column)) return undefined;
    for (const [column, value] of Object.entries(values)) if (!takesAsIs(columns.get(column), value)) return undefined;
    const name: string = table;
    const text = inlined(this.trx.insertInto(name).values(values).compile());
    if (text === undefined) return undefined;
    const json: readonly string[] = spec.json;
    const stored: Row = {};
    for (const [column, value] of Object.entries(values)) stored[column] = json.includes(column) && value !== null ? JSON.parse(value as string) : value;
    tablesRead.getStore()?.add(table);
    return this.#begun.then(() => {
      if (!this.#open) throw new Error('This transaction has ended: use the storage only inside its work function');
      this.#ahead.push(text);
      const added = [{ row: deepFreeze(stored), seq: this.#laterSeq(table) }];
      this.#remember(table, added);
      this.#applyWrite(table, added);
    });
  }

  delete<T extends TableName>(table: T, where: Where<Tables[T]>): Promise<number> {
    checkTable(table);
    this.#writing = true;
    return this.#run(async () => {
      const name: string = table;
      const deleted = await this.#execute(applyWhere(table, this.trx.deleteFrom(name), where as Row).returningAll().compile());
      const gone = deleted.map(seen);
      for (const row of gone) this.#known.set(identityOf(table, row.row), null);
      this.#applyWrite(table, [], gone);
      return deleted.length;
    }, table, where as Row);
  }
}

/** Thrown when a transaction still met serialization failures after every attempt. */
export class StorageBusyError extends Error {
  constructor(attempts: number, options: { cause: unknown }) {
    super(`The transaction met a conflicting one ${attempts} times in a row`, options);
    this.name = 'StorageBusyError';
  }
}

const noop = () => {};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SqlStorage implements Storage {
  readonly db: Database;
  readonly #claims: Claims;
  readonly #onClose: (() => Promise<void>) | undefined;
  readonly #maxAttempts: number;
  readonly #writeLocks: WriteLocks | undefined;
  readonly #oneAtATime: boolean;
  readonly #batches: boolean;
  readonly #columns: ColumnTypes | undefined;
  #closed: Promise<void> | undefined;
  readonly stats: StorageStats = { transactions: 0, retries: 0 };
  /** Per organization, commits that changed it or its membership types (PGlite's configuration version). */
  readonly #configurationCommits = new Map<string, number>();
  /** Commits of such changes that named no one organization. */
  #configurationEpoch = 0;
  /** Told of each attempt that runs again. */
  onRetry: RetryListener | undefined;

  constructor(options: SqlStorageOptions) {
    this.db = options.db;
    this.#claims = options.claims;
    this.#onClose = options.onClose;
    this.#maxAttempts = options.maxAttempts ?? 30;
    this.#writeLocks = options.writeLocks;
    this.#oneAtATime = options.oneAtATime ?? false;
    this.#batches = options.batches ?? false;
    this.#columns = options.columns;
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    this.stats.transactions += 1;
    for (let attempt = 1; ; attempt++) {
      let tx: SqlTransaction | undefined;
      try {
        // One connection for the attempt; BEGIN waits for the first statement (see SqlTransaction).
        return await this.db.connection().execute(async (connection) => {
          const current = new SqlTransaction(connection, options.readOnly === true, this.#writeLocks, this.#oneAtATime, this.#batches, this.#columns);
          tx = current;
          try {
            const result = await work(current);
            current.end();
            await current.commit();
            for (const organization of current.changedConfigurations) {
              if (organization === null) this.#configurationEpoch += 1;
              else this.#configurationCommits.set(organization, (this.#configurationCommits.get(organization) ?? 0) + 1);
            }
            return result;
          } catch (error) {
            current.end();
            await current.rollback();
            throw error;
          } finally {
            await current.unlock();
          }
        });
      } catch (error) {
        // A serialization failure may surface at commit, or inside `work`, which may have
        // caught it and thrown something of its own: either way, this attempt ran on a
        // snapshot that lost, so it runs again.
        const retry = retryableCodes.has(errorCode(error) ?? '') || tx?.retryable === true;
        if (!retry) throw error;
        if (attempt >= this.#maxAttempts) throw new StorageBusyError(attempt, { cause: error });
        this.stats.retries += 1;
        this.onRetry?.(attempt, error);
        // Jittered backoff: the transactions that collided should not collide again.
        await pause(Math.random() * Math.min(100, 2 ** attempt));
      }
    }
  }

  claim(key: string): Promise<Claim | null> {
    return this.#claims.claim(key);
  }

  /**
   * Whether configVersion reads the database's versions (raised by triggers, whoever writes: a
   * PostgreSQL storage) rather than counting this storage's own commits (PGlite: one process,
   * and writes made past the storage, e.g. with `db` directly, are not counted).
   */
  get versionsInDatabase(): boolean {
    return !this.#oneAtATime;
  }

  /**
   * The organization's configuration version: raised by every commit that changes its
   * organizations row or its membership types (triggers, migration 0009). One read of
   * committed data, outside any transaction.
   */
  async configVersion(organizationId: string): Promise<number> {
    // One process has the embedded database open (its lock file sees to that) and every write
    // goes through here: its count of commits that changed a configuration is exact, and costs
    // no statement on the one session.
    if (this.#oneAtATime) return this.#configurationEpoch * 2 ** 32 + (this.#configurationCommits.get(organizationId) ?? 0);
    if (holdsNul(organizationId)) return 0;
    // Callers that ask while a read is under way share the next one, sent after it: each caller
    // gets a version read after it asked (never an older one), and a burst of signup-page
    // visitors costs a read per round trip instead of one each (and no queue for the pool).
    const reads = this.#versionReads.get(organizationId);
    if (!reads) return this.#readVersion(organizationId, { queued: null });
    reads.queued ??= reads.running.then(noop, noop).then(() => {
      reads.queued = null;
      return this.#readVersion(organizationId, reads);
    });
    return reads.queued;
  }

  /** Per organization, the version read under way and the one queued behind it (see configVersion). */
  readonly #versionReads = new Map<string, { running: Promise<number>; queued: Promise<number> | null }>();

  #readVersion(organizationId: string, reads: { queued: Promise<number> | null }): Promise<number> {
    const running = (async () => {
      const row = await this.db.selectFrom('config_versions').select('version').where('organization_id', '=', organizationId).executeTakeFirst();
      return row ? Number(row.version) : 0;
    })().finally(() => {
      // Nothing queued behind it: the organization's entry goes (names from paths are untrusted).
      if (this.#versionReads.get(organizationId)?.running === running && reads.queued === null) this.#versionReads.delete(organizationId);
    });
    const entry = reads as { running: Promise<number>; queued: Promise<number> | null };
    entry.running = running;
    this.#versionReads.set(organizationId, entry);
    return running;
  }

  /** Runs `work` and answers, beside its result, every table its transactions touched. */
  async tracingReads<T>(work: () => Promise<T>): Promise<{ result: T; tables: ReadonlySet<TableName> }> {
    const tables = new Set<TableName>();
    const result = await tablesRead.run(tables, work);
    return { result, tables };
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      await this.#claims.close();
      await this.db.destroy();
      await this.#onClose?.();
    })();
    return this.#closed;
  }
}

/**
 * Brings the schema up to date (every migration in migrations/, in order); throws on failure.
 * `schema`: where the tables are (the connection's search path names it first); Kysely's
 * migration bookkeeping goes there too, or it would find another schema's and skip the work.
 */
export async function migrate(db: Database, schema?: string): Promise<void> {
  // Without a schema Kysely looks its bookkeeping tables up by name in every schema: name ours.
  const current = schema ?? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema;
  if (!current) throw new Error('The database connection has no current schema (check search_path)');
  const migrator = new Migrator({ db: lookingInSchema(db, current), provider: migrationProvider, migrationTableSchema: current });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`Database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * `db` for Kysely's Migrator, whose introspection looks in `schema` only. Kysely's own checks the
 * privilege on every schema of the database by name, so a schema that another process drops
 * meanwhile (a test run beside ours, another tenant's schema) failed the whole migration with
 * "schema … does not exist", naming theirs. The Migrator only asks whether its schema and its
 * two tables exist.
 */
function lookingInSchema(db: Database, schema: string): Database {
  const introspection: DatabaseIntrospector = {
    getSchemas: async () =>
      (await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)).rows,
    getTables: async () => {
      const { rows } = await sql<{ name: string; isView: boolean }>`
        select c.relname as name, c.relkind = 'v' as "isView"
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db);
      return rows.map((row) => ({ ...row, schema, columns: [] }));
    },
    getMetadata: async () => ({ tables: await introspection.getTables() }),
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      // Kysely keeps its state in private fields: its methods must run on the real instance.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Claims held in this process only: for a storage that one process opens (PGlite). */
export class ProcessClaims implements Claims {
  readonly #held = new Set<string>();

  async claim(key: string): Promise<Claim | null> {
    if (this.#held.has(key)) return null;
    this.#held.add(key);
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        this.#held.delete(key);
      },
    };
  }

  async close(): Promise<void> {
    this.#held.clear();
  }
}
