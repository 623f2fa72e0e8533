// One server under bench, in its own process (the load comes from the parent): `ours` is
// createServer with the API (--demo: the demo organizations, the payment stand-in); `bare` is
// Hono on @hono/node-server with pg (or PGlite) inserting the rows a free signup writes (member,
// membership, signup, idempotency record) in one transaction, and nothing else.
// `node` is node:http alone answering signup-config as fixed JSON (no Hono, no database): the
// floor under the floor. argv: ours|bare|node pglite|postgres [schema]. Prints {"url": …} when listening; SIGTERM stops it.
// SIGUSR2 writes a line of JSON to stderr (the event loop's delay p50/p99/max in ms and the
// garbage collector's pauses since the last one) and starts counting again (bench/server/floor.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { PGlite } from '@electric-sql/pglite';
import { Hono } from 'hono';
import pg from 'pg';
import pino from 'pino';
import { createServer, migrate, openPgliteStorage, openPostgresStorage, parseConfig } from '../../packages/server/src/index.js';
import { PgliteDialect } from '../../packages/server/src/storage/pglite-dialect.js';
import { Kysely } from 'kysely';
import { demoData, tableSpecs, type TableName } from '@memberkit/api';
import { sampleRows } from '@memberkit/api/testing';

const rows = sampleRows('demo');
/** The rows one free signup writes (what the API's signup stores), for the bare handler. */
function signupRows(id: string, email: string) {
  return {
    members: { ...rows.members, id, email },
    memberships: { ...rows.memberships, id, member_id: id, signup_id: id },
    signups: { ...rows.signups, id, member_id: id, membership_ids: [id], checkout_id: null },
    idempotency_keys: { ...rows.idempotency_keys, id: `public|${id}` },
  };
}

const [kind, database, schema] = process.argv.slice(2) as ['ours' | 'bare' | 'node', 'pglite' | 'postgres', string | undefined];
const url = process.env.MEMBERKIT_TEST_DATABASE_URL!;
const dataDir = database === 'pglite' ? mkdtempSync(join(tmpdir(), 'memberkit-bench-')) : undefined;
let stop: () => Promise<void>;

if (kind === 'node') {
  const fixedConfig = JSON.stringify(demoData().organizations[0]);
  const server = createHttpServer((request, response) => {
    if (request.url === '/v1/organizations/demo/signup-config') response.writeHead(200, { 'Content-Type': 'application/json' }).end(fixedConfig);
    else response.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
  stop = () => new Promise((resolve) => server.close(() => resolve()));
} else if (kind === 'ours') {
  const storage = database === 'pglite' ? await openPgliteStorage({ dataDir }) : await openPostgresStorage({ url, schema: schema!, poolSize: 10 });
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0', MEMBERKIT_RATE_LIMIT_PER_KEY: '0', LOG_LEVEL: 'silent' }, { demo: true });
  const server = await createServer(config, { storage, logger: pino({ level: 'silent' }) });
  const origin = await server.listen();
  stop = async () => {
    process.stderr.write(JSON.stringify(storage.stats) + '\n');
    await server.close();
  };
  console.log(JSON.stringify({ url: origin }));
} else {
  // The same schema (the migrations), written with plain INSERTs in one transaction per signup.
  const insertAll = async (query: (text: string, values: unknown[]) => Promise<unknown>, id: string, email: string) => {
    for (const [table, row] of Object.entries(signupRows(id, email))) {
      const json: readonly string[] = tableSpecs[table as TableName].json;
      const columns = Object.keys(row);
      const values = Object.values(row).map((value, i) => (json.includes(columns[i]!) && value !== null ? JSON.stringify(value) : value));
      await query(`insert into ${table} (${columns.map((column) => `"${column}"`).join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, values);
    }
  };
  const app = new Hono();
  // The floor of signup-config: no database, no API, the demo organization as fixed JSON.
  const fixedConfig = JSON.stringify(demoData().organizations[0]);
  app.get('/v1/organizations/demo/signup-config', () => new Response(fixedConfig, { headers: { 'Content-Type': 'application/json' } }));
  let close: () => Promise<void>;
  if (database === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
    const db = new Kysely<any>({ dialect: new (await import('kysely')).PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` }) }) }); // eslint-disable-line @typescript-eslint/no-explicit-any
    await migrate(db, schema);
    await db.destroy();
    app.post('/v1/organizations/demo/signups', async (c) => {
      const body = await c.req.json<{ member: { email: string } }>();
      const client = await pool.connect();
      try {
        await client.query('begin');
        await insertAll((text, values) => client.query(text, values), c.req.header('idempotency-key')!, body.member.email);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
      return c.json({ ok: true }, 201);
    });
    close = () => pool.end();
  } else {
    const lite = await PGlite.create({ dataDir: join(dataDir!, 'pgdata') });
    await migrate(new Kysely<any>({ dialect: new PgliteDialect(lite) })); // eslint-disable-line @typescript-eslint/no-explicit-any
    let queue: Promise<unknown> = Promise.resolve();
    app.post('/v1/organizations/demo/signups', async (c) => {
      const body = await c.req.json<{ member: { email: string } }>();
      const id = c.req.header('idempotency-key')!;
      // PGlite is one session: transactions one after another.
      const run = queue.then(() => lite.transaction((tx) => insertAll((text, values) => tx.query(text, values), id, body.member.email)));
      queue = run.catch(() => {});
      await run;
      return c.json({ ok: true }, 201);
    });
    close = () => lite.close();
  }
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(JSON.stringify({ url: `http://127.0.0.1:${info.port}` })));
  stop = async () => {
    await new Promise((resolve) => server.close(resolve));
    await close();
  };
}

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
let gc = { pauses: 0, ms: 0, maxMs: 0 };
let cpuBefore = process.cpuUsage();
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.pauses += 1;
    gc.ms += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => {
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const cpu = process.cpuUsage(cpuBefore);
  cpuBefore = process.cpuUsage();
  process.stderr.write(
    JSON.stringify({
      loop: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
      gc: { pauses: gc.pauses, ms: Math.round(gc.ms), maxMs: Math.round(gc.maxMs * 10) / 10 },
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    }) + '\n',
  );
  loop.reset();
  gc = { pauses: 0, ms: 0, maxMs: 0 };
});

process.once('SIGTERM', async () => {
  await stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
