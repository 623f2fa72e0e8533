// The embedded storage: PostgreSQL in WebAssembly (PGlite) on a data directory, for a server that
// needs no database of its own. One process opens a data directory at a time (a lock file says
// which); its claims are held in that process. Every commit is written through to the files
// before it is answered, so a killed process loses nothing it acknowledged.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PgliteDialect } from './pglite-dialect.js';
import { migrate, ProcessClaims, readColumnTypes, SqlStorage } from './sql-storage.js';

export interface PgliteStorageOptions {
  /** The data directory (created when missing); omit for a database in memory (tests). */
  dataDir?: string;
}

/** Thrown when another live process has the data directory open. */
export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The data directory ${dataDir} is in use by process ${pid}: one server opens it at a time (use PostgreSQL for several)`);
    this.name = 'DataDirectoryInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The data directories this process has open. */
const openHere = new Set<string>();

/** Takes `<dir>/memberkit.pid`, or throws when a live process holds it; answers its release. */
function lockDataDirectory(dataDir: string): () => void {
  if (openHere.has(dataDir)) throw new DataDirectoryInUseError(dataDir, process.pid);
  const file = join(dataDir, 'memberkit.pid');
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      openHere.add(dataDir);
      return () => {
        openHere.delete(dataDir);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirectoryInUseError(dataDir, pid);
      // Left by a process that died (a pid of ours here is one reused after it): take it over.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock file of ${dataDir}`);
}

/** Opens (creating and migrating when needed) the embedded database. */
export async function openPgliteStorage(options: PgliteStorageOptions = {}): Promise<SqlStorage> {
  let unlock = () => {};
  let dataDir: string | undefined;
  if (options.dataDir !== undefined) {
    dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDirectory(dataDir);
  }
  let pglite: PGlite | undefined;
  try {
    // PGlite keeps the PostgreSQL files in a subdirectory: the lock file sits beside it.
    pglite = await PGlite.create(dataDir === undefined ? {} : { dataDir: join(dataDir, 'pgdata') });
    const db = new Kysely<any>({ dialect: new PgliteDialect(pglite) }); // eslint-disable-line @typescript-eslint/no-explicit-any
    await migrate(db);
    const columns = await readColumnTypes(db);
    const opened = pglite;
    return new SqlStorage({
      db,
      claims: new ProcessClaims(),
      oneAtATime: true,
      batches: true,
      columns,
      onClose: async () => {
        await opened.close();
        unlock();
      },
    });
  } catch (error) {
    await pglite?.close().catch(() => {});
    unlock();
    throw error;
  }
}
