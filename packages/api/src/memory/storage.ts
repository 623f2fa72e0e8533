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
  /**
   * Lookup indexes of single columns, built the first time a query filters a table of some size
   * on that column: value → primary keys. What a SQL storage's indexes do; every write keeps them.
   */
  lookups: Map<string, Map<unknown, Set<string>>>;
}

/** Below this many rows a scan is as quick as a lookup index. */
const lookupThreshold = 32;

/** One write, and how to take it back. */
type Undo = () => void;

/** Everything stored, as plain rows per table (insertion order): what `snapshot()` answers. */
export type MemorySnapshot = { [T in TableName]?: Tables[T][] };

/**
 * A deeply frozen copy of a JSON value, as `JSON.parse(JSON.stringify(value))` would make it
 * (undefined members dropped, in arrays null; non-finite numbers null). A value frozen already is
 * taken as immutable and shared (rows' nested values are, so a row written back with its nested
 * values unchanged copies none of them).
 */
function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') {
    return (typeof value === 'number' && !Number.isFinite(value) ? null : value) as T;
  }
  if (Object.isFrozen(value)) return value;
  let result: unknown;
  if (Array.isArray(value)) {
    result = value.map((item: unknown) => (item === undefined || typeof item === 'function' ? null : frozenCopy(item)));
  } else {
    const object: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined && typeof item !== 'function') object[key] = frozenCopy(item);
    }
    result = object;
  }
  return Object.freeze(result) as T;
}

/** JSON values copied (rows are JSON: this is the whole of structuredClone they need). */
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * The values of `columns` as one string that no other values give: each string with its length
 * in front, null, numbers and booleans by type (what the key and unique indexes are keyed by).
 */
function encode(row: Row, columns: readonly string[]): string {
  let key = '';
  for (const column of columns) {
    const value = row[column] ?? null;
    key += typeof value === 'string' ? `s${value.length}:${value}` : value === null ? 'z' : `${(typeof value)[0]}${String(value)};`;
  }
  return key;
}

/**
 * The entry of `row` in index `i` of a table (0: the key, encoded as it is), or null: like SQL's
 * unique indexes, a unique column set leaves out rows with a null in it (nulls are distinct, so
 * several organizations may have no publishable key).
 */
function indexKey(row: Row, columns: readonly string[], i: number): string | null {
  if (i > 0) for (const column of columns) if ((row[column] ?? null) === null) return null;
  return encode(row, columns);
}

function matches(row: Row, where: Row): boolean {
  for (const column in where) {
    const wanted = where[column];
    const value = row[column] ?? null;
    if (Array.isArray(wanted) ? !wanted.includes(value) : value !== wanted) return false;
  }
  return true;
}

function addTo(lookup: Map<unknown, Set<string>>, value: unknown, pk: string): void {
  let pks = lookup.get(value);
  if (!pks) lookup.set(value, (pks = new Set()));
  pks.add(pk);
}

function removeFrom(lookup: Map<unknown, Set<string>>, value: unknown, pk: string): void {
  const pks = lookup.get(value);
  pks?.delete(pk);
  if (pks?.size === 0) lookup.delete(value);
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
  readonly #ops: Operations = {
    find: (name, where, options) => this.#find(name, where, options),
    insert: (name, row, undo) => this.#insert(name, row, undo),
    update: (name, where, patch, undo) => this.#update(name, where, patch, undo),
    delete: (name, where, undo) => this.#delete(name, where, undo),
  };
  /** The running transaction's end: the next one starts after it. */
  #queue: Promise<unknown> = Promise.resolve();
  #active = false;

  constructor(options: MemoryStorageOptions = {}) {
    for (const name of Object.keys(tableSpecs) as TableName[]) {
      const spec = tableSpecs[name];
      this.#tables.set(name, {
        rows: new Map(),
        indexes: [spec.key, ...spec.unique].map((columns) => ({ columns, values: new Map() })),
        lookups: new Map(),
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
      table.lookups.clear();
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
    for (const entry of this.#candidates(name, table, where)) if (matches(entry.row, where)) found.push(entry.row);
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

  /**
   * The entries that may match `where`, in insertion order: one by its key or a unique column
   * set, a few by a list of ids, those a lookup index names, or else every entry.
   */
  #candidates(name: TableName, table: Table, where: Row): Iterable<Entry> {
    const spec = tableSpecs[name];
    const { indexes } = table;
    for (let i = 0; i < indexes.length; i++) {
      const { columns, values } = indexes[i]!;
      let covered = true;
      for (const column of columns) if (typeof where[column] !== 'string') covered = false;
      if (covered) {
        const pk = i === 0 ? encode(where, columns) : values.get(encode(where, columns));
        const entry = pk === undefined ? undefined : table.rows.get(pk);
        return entry ? [entry] : [];
      }
    }
    // A list of ids (`id: [...]`) with the rest of the key: one lookup per id.
    const last = spec.key[spec.key.length - 1]!;
    const ids = where[last];
    if (Array.isArray(ids) && spec.key.slice(0, -1).every((column) => typeof where[column] === 'string')) {
      const entries = ids.flatMap((id) => {
        const entry = typeof id === 'string' ? table.rows.get(encode({ ...where, [last]: id }, spec.key)) : undefined;
        return entry ? [entry] : [];
      });
      return [...new Set(entries)].sort((a, b) => a.seq - b.seq);
    }
    if (table.rows.size >= lookupThreshold) {
      // The rows that have the filter's least common value, read from its column's lookup.
      let fewest: Set<string> | undefined;
      for (const column in where) {
        if (Array.isArray(where[column])) continue;
        const pks = this.#lookup(table, column).get(where[column] ?? null);
        if (!pks) return [];
        if (!fewest || pks.size < fewest.size) fewest = pks;
      }
      // A value most rows share (the organization) narrows nothing: the rows in order, then.
      if (fewest && fewest.size * 4 < table.rows.size) {
        const entries: Entry[] = [];
        for (const pk of fewest) entries.push(table.rows.get(pk)!);
        return entries.length > 1 ? entries.sort((a, b) => a.seq - b.seq) : entries;
      }
    }
    return table.rows.values();
  }

  /** The lookup index of `column`, built from the rows now if it is new. */
  #lookup(table: Table, column: string): Map<unknown, Set<string>> {
    let lookup = table.lookups.get(column);
    if (!lookup) {
      lookup = new Map();
      for (const [pk, entry] of table.rows) addTo(lookup, entry.row[column] ?? null, pk);
      table.lookups.set(column, lookup);
    }
    return lookup;
  }

  #insert(name: TableName, row: Row, undo: Undo[]): void {
    const table = this.#table(name);
    const stored = frozenCopy(row);
    const { indexes } = table;
    const keys: (string | null)[] = [];
    for (let i = 0; i < indexes.length; i++) {
      const key = indexKey(stored, indexes[i]!.columns, i);
      if (key !== null && indexes[i]!.values.has(key)) throw new StorageConflictError(name, indexes[i]!.columns);
      keys.push(key);
    }
    const pk = keys[0]!;
    table.rows.set(pk, { seq: ++this.#seq, row: stored });
    for (let i = 0; i < indexes.length; i++) if (keys[i] !== null) indexes[i]!.values.set(keys[i]!, pk);
    for (const [column, lookup] of table.lookups) addTo(lookup, stored[column] ?? null, pk);
    undo.push(() => {
      table.rows.delete(pk);
      table.indexes.forEach((index, i) => keys[i] !== null && index.values.delete(keys[i]!));
      for (const [column, lookup] of table.lookups) removeFrom(lookup, stored[column] ?? null, pk);
    });
  }

  #update(name: TableName, where: Row, patch: Row, undo: Undo[]): number {
    const table = this.#table(name);
    const spec = tableSpecs[name];
    for (const column of spec.key) {
      if (column in patch) throw new Error(`${name}: an update cannot change the key column ${column}`);
    }
    const targets = this.#find(name, where);
    const change = frozenCopy(patch);
    for (const before of targets) {
      const pk = encode(before, spec.key);
      const entry = table.rows.get(pk)!;
      // `before`'s values are frozen, and so are `change`'s: freezing the new row is enough.
      const after = Object.freeze({ ...before, ...change });
      // Unique columns other than the key may change: check them before writing anything.
      const moves = table.indexes.slice(1).map((index) => ({ index, from: indexKey(before, index.columns, 1), to: indexKey(after, index.columns, 1) }));
      for (const { index, from, to } of moves) {
        if (from !== to && to !== null && index.values.has(to)) throw new StorageConflictError(name, index.columns);
      }
      for (const { index, from, to } of moves) {
        if (from === to) continue;
        if (from !== null) index.values.delete(from);
        if (to !== null) index.values.set(to, pk);
      }
      entry.row = after;
      const moved = [...table.lookups].filter(([column]) => (before[column] ?? null) !== (after[column] ?? null));
      for (const [column, lookup] of moved) {
        removeFrom(lookup, before[column] ?? null, pk);
        addTo(lookup, after[column] ?? null, pk);
      }
      undo.push(() => {
        entry.row = before;
        // Every lookup there is now (one may have been built since) holds the row under `after`.
        for (const [column, lookup] of table.lookups) {
          if ((before[column] ?? null) === (after[column] ?? null)) continue;
          removeFrom(lookup, after[column] ?? null, pk);
          addTo(lookup, before[column] ?? null, pk);
        }
        for (const { index, from, to } of moves) {
          if (from === to) continue;
          if (to !== null) index.values.delete(to);
          if (from !== null) index.values.set(from, pk);
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
      const keys = table.indexes.map((index, i) => indexKey(row, index.columns, i));
      table.rows.delete(pk);
      table.indexes.forEach((index, i) => keys[i] !== null && index.values.delete(keys[i]!));
      for (const [column, lookup] of table.lookups) removeFrom(lookup, row[column] ?? null, pk);
      undo.push(() => {
        table.rows.set(pk, entry);
        table.indexes.forEach((index, i) => keys[i] !== null && index.values.set(keys[i]!, pk));
        for (const [column, lookup] of table.lookups) addTo(lookup, row[column] ?? null, pk);
        // Back in its place in insertion order.
        const sorted = [...table.rows.entries()].sort(([, a], [, b]) => a.seq - b.seq);
        table.rows.clear();
        for (const [key, value] of sorted) table.rows.set(key, value);
      });
    }
    return targets.length;
  }

  #syncTransaction(undo: Undo[]): MemorySyncTransaction {
    return new MemorySyncTransaction(this.#ops, undo);
  }

  #transaction(undo: Undo[], open: () => boolean): Transaction {
    return new MemoryTransaction(this.#syncTransaction(undo), open);
  }
}

/** The storage's operations, for its transaction objects (made once per storage). */
interface Operations {
  find(name: TableName, where: Row, options?: FindOptions<Row>): Row[];
  insert(name: TableName, row: Row, undo: Undo[]): void;
  update(name: TableName, where: Row, patch: Row, undo: Undo[]): number;
  delete(name: TableName, where: Row, undo: Undo[]): number;
}

class MemorySyncTransaction implements SyncTransaction {
  readonly #ops: Operations;
  readonly #undo: Undo[];

  constructor(ops: Operations, undo: Undo[]) {
    this.#ops = ops;
    this.#undo = undo;
  }

  findOne<T extends TableName>(table: T, where: Where<Tables[T]>): Tables[T] | undefined {
    return this.#ops.find(table, where as Row, { limit: 1 })[0] as unknown as Tables[T] | undefined;
  }

  find<T extends TableName>(table: T, where: Where<Tables[T]>, options?: FindOptions<Tables[T]>): Tables[T][] {
    return this.#ops.find(table, where as Row, options as FindOptions<Row> | undefined) as unknown as Tables[T][];
  }

  count<T extends TableName>(table: T, where: Where<Tables[T]>): number {
    return this.#ops.find(table, where as Row).length;
  }

  insert<T extends TableName>(table: T, row: Tables[T]): void {
    this.#ops.insert(table, row as unknown as Row, this.#undo);
  }

  update<T extends TableName>(table: T, where: Where<Tables[T]>, patch: Partial<Tables[T]>): number {
    return this.#ops.update(table, where as Row, patch as Row, this.#undo);
  }

  delete<T extends TableName>(table: T, where: Where<Tables[T]>): number {
    return this.#ops.delete(table, where as Row, this.#undo);
  }
}

class MemoryTransaction implements Transaction {
  readonly #sync: MemorySyncTransaction;
  readonly #open: () => boolean;

  constructor(sync: MemorySyncTransaction, open: () => boolean) {
    this.#sync = sync;
    this.#open = open;
  }

  #check(): void {
    if (!this.#open()) throw new Error('This transaction has ended: use the storage only inside its work function');
  }

  async findOne<T extends TableName>(table: T, where: Where<Tables[T]>): Promise<Tables[T] | undefined> {
    this.#check();
    return this.#sync.findOne(table, where);
  }

  async find<T extends TableName>(table: T, where: Where<Tables[T]>, options?: FindOptions<Tables[T]>): Promise<Tables[T][]> {
    this.#check();
    return this.#sync.find(table, where, options);
  }

  async count<T extends TableName>(table: T, where: Where<Tables[T]>): Promise<number> {
    this.#check();
    return this.#sync.count(table, where);
  }

  async insert<T extends TableName>(table: T, row: Tables[T]): Promise<void> {
    this.#check();
    this.#sync.insert(table, row);
  }

  async update<T extends TableName>(table: T, where: Where<Tables[T]>, patch: Partial<Tables[T]>): Promise<number> {
    this.#check();
    return this.#sync.update(table, where, patch);
  }

  async delete<T extends TableName>(table: T, where: Where<Tables[T]>): Promise<number> {
    this.#check();
    return this.#sync.delete(table, where);
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
