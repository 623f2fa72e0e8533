// The Storage port in memory: tables of frozen rows in insertion order, unique keys enforced,
// transactions run one at a time and undone when they throw. The sandbox persists it to Web
// Storage through `snapshot()`/`onCommit`; tests read it synchronously with `rows()`.
import { StorageConflictError, type Claim, type FindOptions, type Storage, type Transaction, type Where } from '../ports/storage.js';
import { tableSpecs, type TableName, type Tables } from '../ports/records.js';

type Row = Record<string, unknown>;

interface Entry {
  seq: number;
  row: Row;
}

interface Table {
  rows: Map<string, Entry>;
  /** For each unique column set (the key first): encoded values → primary key. */
  indexes: { columns: readonly string[]; values: Map<string, string> }[];
}

/** One write, and how to take it back. */
type Undo = () => void;

/** Everything stored, as plain rows per table (insertion order): what `snapshot()` answers. */
export type MemorySnapshot = { [T in TableName]?: Tables[T][] };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** JSON values copied (rows are JSON: this is the whole of structuredClone they need). */
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

const encode = (row: Row, columns: readonly string[]) => JSON.stringify(columns.map((column) => row[column] ?? null));

function matches(row: Row, where: Row): boolean {
  for (const column in where) {
    const wanted = where[column];
    const value = row[column] ?? null;
    if (Array.isArray(wanted) ? !wanted.includes(value) : value !== wanted) return false;
  }
  return true;
}

function checkWhere(table: string, where: Row): void {
  for (const column in where) {
    if (where[column] === undefined) {
      // `{ id: undefined }` would match every row: a caller's missing value, never a wish.
      throw new Error(`${table}: the filter on ${column} is undefined`);
    }
  }
}

/** SQL's order: NULLs last ascending, first descending; text by code unit (`COLLATE "C"`). */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return (a as string | number) < (b as string | number) ? -1 : 1;
}

export interface MemoryStorageOptions {
  /** Rows to start from (e.g. a snapshot read back from Web Storage). */
  snapshot?: MemorySnapshot;
}

export class MemoryStorage implements Storage {
  readonly #tables = new Map<TableName, Table>();
  readonly #claims = new Set<string>();
  readonly #commitListeners = new Set<() => void>();
  #seq = 0;
  /** The running transaction's end: the next one starts after it. */
  #queue: Promise<unknown> = Promise.resolve();
  #active = false;

  constructor(options: MemoryStorageOptions = {}) {
    for (const name of Object.keys(tableSpecs) as TableName[]) {
      const spec = tableSpecs[name];
      this.#tables.set(name, {
        rows: new Map(),
        indexes: [spec.key, ...spec.unique].map((columns) => ({ columns, values: new Map() })),
      });
    }
    if (options.snapshot) this.load(options.snapshot);
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const undo: Undo[] = [];
      let ended = false;
      this.#active = true;
      try {
        const result = await work(this.#transaction(undo, () => !ended));
        ended = true;
        this.#active = false;
        if (undo.length > 0) for (const listener of this.#commitListeners) listener();
        return result;
      } catch (error) {
        ended = true;
        for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
        this.#active = false;
        throw error;
      }
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Whether a transaction is running now (`runSync` and `load` are refused meanwhile). */
  get inTransaction(): boolean {
    return this.#active;
  }

  /**
   * Runs `work` at once, synchronously, as one transaction (undone if it throws): for the
   * sandbox's synchronous helpers between requests. Refused while a transaction runs.
   */
  runSync<T>(work: (tx: SyncTransaction) => T): T {
    if (this.#active) throw new Error('MemoryStorage.runSync: a transaction is running; use transaction()');
    const undo: Undo[] = [];
    try {
      const result = work(this.#syncTransaction(undo));
      if (undo.length > 0) for (const listener of this.#commitListeners) listener();
      return result;
    } catch (error) {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
      throw error;
    }
  }

  async claim(key: string): Promise<Claim | null> {
    if (this.#claims.has(key)) return null;
    this.#claims.add(key);
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        this.#claims.delete(key);
      },
    };
  }

  async close(): Promise<void> {}

  /** The rows of a table that match `where`, frozen, in insertion order (tests, the sandbox). */
  rows<T extends TableName>(table: T, where: Where<Tables[T]> = {}): readonly Tables[T][] {
    return this.#find(table, where as Row) as unknown as Tables[T][];
  }

  /** Called after each transaction that wrote something has committed. Answers the unsubscribe. */
  onCommit(listener: () => void): () => void {
    this.#commitListeners.add(listener);
    return () => this.#commitListeners.delete(listener);
  }

  /** Every row, copied: JSON that `load` or `{ snapshot }` takes back. */
  snapshot(): MemorySnapshot {
    const snapshot: Record<string, unknown[]> = {};
    for (const [name, table] of this.#tables) {
      if (table.rows.size > 0) snapshot[name] = [...table.rows.values()].map((entry) => copy(entry.row));
    }
    return snapshot as MemorySnapshot;
  }

  /** Replaces everything stored with `snapshot`'s rows (claims in flight are kept). */
  load(snapshot: MemorySnapshot): void {
    if (this.#active) throw new Error('MemoryStorage.load: a transaction is running');
    for (const table of this.#tables.values()) {
      table.rows.clear();
      for (const index of table.indexes) index.values.clear();
    }
    this.runSync((tx) => {
      for (const name of Object.keys(snapshot) as TableName[]) {
        if (!this.#tables.has(name)) continue;
        for (const row of snapshot[name] ?? []) tx.insert(name, row as never);
      }
    });
  }

  #table(name: TableName): Table {
    const table = this.#tables.get(name);
    if (!table) throw new Error(`No table "${String(name)}"`);
    return table;
  }

  #find(name: TableName, where: Row, options: FindOptions<Row> = {}): Row[] {
    checkWhere(name, where);
    const table = this.#table(name);
    let found: Row[] = [];
    const spec = tableSpecs[name];
    // A lookup by the whole key reads one entry instead of scanning.
    if (spec.key.every((column) => typeof where[column] === 'string')) {
      const entry = table.rows.get(encode(where, spec.key));
      if (entry && matches(entry.row, where)) found.push(entry.row);
    } else {
      for (const entry of table.rows.values()) if (matches(entry.row, where)) found.push(entry.row);
    }
    if (options.orderBy && options.orderBy.length > 0) {
      const order = options.orderBy;
      found = [...found].sort((a, b) => {
        for (const [column, direction] of order) {
          const c = compare(a[column], b[column]);
          if (c !== 0) return direction === 'asc' ? c : -c;
        }
        return 0;
      });
    }
    return options.limit === undefined ? found : found.slice(0, options.limit);
  }

  #insert(name: TableName, row: Row, undo: Undo[]): void {
    const table = this.#table(name);
    const stored = deepFreeze(copy(row));
    const keys = table.indexes.map((index) => encode(stored, index.columns));
    table.indexes.forEach((index, i) => {
      if (index.values.has(keys[i]!)) throw new StorageConflictError(name, index.columns);
    });
    const pk = keys[0]!;
    table.rows.set(pk, { seq: ++this.#seq, row: stored });
    table.indexes.forEach((index, i) => index.values.set(keys[i]!, pk));
    undo.push(() => {
      table.rows.delete(pk);
      table.indexes.forEach((index, i) => index.values.delete(keys[i]!));
    });
  }

  #update(name: TableName, where: Row, patch: Row, undo: Undo[]): number {
    const table = this.#table(name);
    const spec = tableSpecs[name];
    for (const column of spec.key) {
      if (column in patch) throw new Error(`${name}: an update cannot change the key column ${column}`);
    }
    const targets = this.#find(name, where);
    const change = copy(patch);
    for (const before of targets) {
      const pk = encode(before, spec.key);
      const entry = table.rows.get(pk)!;
      const after = deepFreeze({ ...before, ...change });
      // Unique columns other than the key may change: check them before writing anything.
      const moves = table.indexes.slice(1).map((index) => ({ index, from: encode(before, index.columns), to: encode(after, index.columns) }));
      for (const { index, from, to } of moves) {
        if (from !== to && index.values.has(to)) throw new StorageConflictError(name, index.columns);
      }
      for (const { index, from, to } of moves) {
        if (from === to) continue;
        index.values.delete(from);
        index.values.set(to, pk);
      }
      entry.row = after;
      undo.push(() => {
        entry.row = before;
        for (const { index, from, to } of moves) {
          if (from === to) continue;
          index.values.delete(to);
          index.values.set(from, pk);
        }
      });
    }
    return targets.length;
  }

  #delete(name: TableName, where: Row, undo: Undo[]): number {
    const table = this.#table(name);
    const spec = tableSpecs[name];
    const targets = this.#find(name, where);
    for (const row of targets) {
      const pk = encode(row, spec.key);
      const entry = table.rows.get(pk)!;
      const keys = table.indexes.map((index) => encode(row, index.columns));
      table.rows.delete(pk);
      table.indexes.forEach((index, i) => index.values.delete(keys[i]!));
      undo.push(() => {
        table.rows.set(pk, entry);
        table.indexes.forEach((index, i) => index.values.set(keys[i]!, pk));
        // Back in its place in insertion order.
        const sorted = [...table.rows.entries()].sort(([, a], [, b]) => a.seq - b.seq);
        table.rows.clear();
        for (const [key, value] of sorted) table.rows.set(key, value);
      });
    }
    return targets.length;
  }

  #syncTransaction(undo: Undo[]): SyncTransaction {
    return {
      findOne: (table, where) => this.#find(table, where as Row, { limit: 1 })[0] as never,
      find: (table, where, options) => this.#find(table, where as Row, options as unknown as FindOptions<Row>) as never,
      count: (table, where) => this.#find(table, where as Row).length,
      insert: (table, row) => this.#insert(table, row as unknown as Row, undo),
      update: (table, where, patch) => this.#update(table, where as Row, patch as Row, undo),
      delete: (table, where) => this.#delete(table, where as Row, undo),
    };
  }

  #transaction(undo: Undo[], open: () => boolean): Transaction {
    const sync = this.#syncTransaction(undo);
    const guard = <A extends unknown[], R>(operation: (...args: A) => R) => async (...args: A): Promise<R> => {
      if (!open()) throw new Error('This transaction has ended: use the storage only inside its work function');
      return operation(...args);
    };
    return {
      findOne: guard(sync.findOne),
      find: guard(sync.find),
      count: guard(sync.count),
      insert: guard(sync.insert),
      update: guard(sync.update),
      delete: guard(sync.delete),
    } as Transaction;
  }
}

/** `Transaction`, answering at once (MemoryStorage.runSync). */
export interface SyncTransaction {
  findOne<T extends TableName>(table: T, where: Where<Tables[T]>): Tables[T] | undefined;
  find<T extends TableName>(table: T, where: Where<Tables[T]>, options?: FindOptions<Tables[T]>): Tables[T][];
  count<T extends TableName>(table: T, where: Where<Tables[T]>): number;
  insert<T extends TableName>(table: T, row: Tables[T]): void;
  update<T extends TableName>(table: T, where: Where<Tables[T]>, patch: Partial<Tables[T]>): number;
  delete<T extends TableName>(table: T, where: Where<Tables[T]>): number;
}
