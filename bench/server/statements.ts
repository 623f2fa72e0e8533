// Counts what one signup sends to the database: every statement (a message of several, e.g.
// lock; COMMIT; BEGIN, is one round trip), which of them run while the organization's write lock
// is held, and the transactions. The demo server in this process, on PGlite or PostgreSQL, three
// warm-up signups of each kind first; then one free signup and one paid one (lifetime: the stand-in's
// checkout), each over loopback HTTP.
// `node --conditions=source --import tsx bench/server/statements.ts pglite|postgres [--list]`
// (postgres: MEMBERKIT_TEST_DATABASE_URL, or the machines' default; a schema of its own).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import pino from 'pino';
import { createServer, openPgliteStorage, openPostgresStorage, parseConfig } from '../../packages/server/src/index.js';

const [database = 'pglite', ...flags] = process.argv.slice(2);
const list = flags.includes('--list');

interface Statement {
  text: string;
  locked: boolean;
}
let log: Statement[] | null = null;
let locks = 0;
/** The sessions (pg clients; PGlite's one) holding the write lock now. */
const locked = new Set<object>();

function note(session: object, text: string): void {
  // Write locks (an idempotency claim is pg_try_advisory_lock, on a connection of its own); a
  // lock id written into a batch's text may be negative.
  const locking = /pg_advisory_lock\((-?\d|\$)/.test(text);
  if (locking) {
    locks += 1;
    locked.add(session);
  }
  log?.push({ text: text.replace(/\s+/g, ' ').trim(), locked: locked.has(session) });
  if (/pg_advisory_unlock\((-?\d|\$)/.test(text)) locked.delete(session);
}

if (database === 'postgres') {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    note(this, typeof first === 'string' ? first : (first?.text ?? '?'));
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
} else {
  for (const method of ['query', 'exec'] as const) {
    const original = PGlite.prototype[method] as (...args: unknown[]) => unknown;
    (PGlite.prototype as unknown as Record<string, unknown>)[method] = function (this: PGlite, ...args: unknown[]) {
      note(this, String(args[0]));
      return original.apply(this, args);
    };
  }
}

const url = process.env.MEMBERKIT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const schema = `statements_${Date.now()}`;
const dataDir = database === 'pglite' ? mkdtempSync(join(tmpdir(), 'memberkit-statements-')) : undefined;
const storage = database === 'pglite' ? await openPgliteStorage({ dataDir }) : await openPostgresStorage({ url, schema });
const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0', MEMBERKIT_RATE_LIMIT_PER_KEY: '0', LOG_LEVEL: 'silent' }, { demo: true });
const server = await createServer(config, { storage, logger: pino({ level: 'silent' }) });
const origin = await server.listen();

async function signup(type: string): Promise<void> {
  const key = randomUUID();
  const response = await fetch(`${origin}/v1/organizations/demo/signups`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ membership_type_id: type, member: { email: `${key}@example.org`, first_name: 'Bench', last_name: 'Client' }, fields: {} }),
  });
  if (!response.ok) throw new Error(`${type} signup: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

/** Statements sent after the answer (the aftermath: the outbox's deliveries) have a moment to run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const rows = [];
for (const type of ['free', 'lifetime']) {
  for (let i = 0; i < 3; i++) await signup(type);
  await settle();
  log = [];
  const locksBefore = locks;
  const transactionsBefore = storage.stats.transactions;
  await signup(type);
  await settle();
  const statements = log;
  log = null;
  const begins = statements.filter((s) => /(^|; )(start transaction|begin)\b/i.test(s.text)).length;
  rows.push({
    signup: type,
    'round trips': statements.length,
    'under the write lock': statements.filter((s) => s.locked).length,
    'write-lock acquisitions': locks - locksBefore,
    'BEGINs sent': begins,
    transactions: storage.stats.transactions - transactionsBefore,
  });
  if (list) {
    console.log(`\n${type}:`);
    for (const [i, s] of statements.entries()) console.log(`${String(i + 1).padStart(3)} ${s.locked ? 'L' : ' '} ${s.text.slice(0, 220)}`);
  }
}
console.log(`\nstatements per signup (${database})`);
console.table(rows);

await server.close();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
if (database === 'postgres') {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}
