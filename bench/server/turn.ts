// Where a write-lock holder's turn goes (PostgreSQL): the demo server in a child process with
// pg's Client.query timed, free signups from N clients in this one. Per turn (from the answer of
// the message that took the organization's write lock to the answer of the one that freed it):
// the round trips under the lock, the time spent waiting for their answers (the database, and
// this process reading them), and the time between an answer and the next statement (our own
// code, and every other request's code queued before it on the one event loop); beside, the
// server's event-loop delay and CPU over the run, and the same figures at 1 client for scale.
// `node --conditions=source --import tsx bench/server/turn.ts [clients…]` (default 1 10; TURN_ANALYZE=1
// gives the planner statistics of the seeded tables first).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import pino from 'pino';
import { CompiledQuery } from 'kysely';
import { load } from './load.mjs';

const url = process.env.MEMBERKIT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

if (process.argv[2] === 'serve') {
  const { createServer, openPostgresStorage, parseConfig } = await import('../../packages/server/src/index.js');
  const schema = process.argv[3]!;
  interface Turn {
    start: number;
    last: number;
    trips: number;
    waiting: number;
    between: number;
  }
  const turns: Turn[] = [];
  const open = new WeakMap<object, Turn>();
  const lockWaits: number[] = [];
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const sent = performance.now();
    const answer = query.apply(this, args);
    if (!(answer instanceof Promise)) return answer;
    const session = this as object;
    const turn = open.get(session);
    if (turn) turn.between += sent - turn.last;
    return answer.then((result: unknown) => {
      const at = performance.now();
      if (/pg_advisory_lock\(-?\d/.test(text)) {
        lockWaits.push(at - sent);
        open.set(session, { start: at, last: at, trips: 0, waiting: 0, between: 0 });
      } else if (turn) {
        turn.trips += 1;
        turn.waiting += at - sent;
        turn.last = at;
        if (/pg_advisory_unlock\(-?\d/.test(text)) {
          open.delete(session);
          turns.push(turn);
        }
      }
      return result;
    });
  } as typeof pg.Client.prototype.query;
  const storage = await openPostgresStorage({ url, schema, poolSize: 10 });
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0', MEMBERKIT_RATE_LIMIT_PER_KEY: '0', LOG_LEVEL: 'silent' }, { demo: true });
  const server = await createServer(config, { storage, logger: pino({ level: 'silent' }) });
  const origin = await server.listen();
  if (process.env.TURN_ANALYZE) for (const table of ['members', 'memberships', 'signups', 'idempotency_keys', 'outbox', 'webhook_endpoints', 'membership_types']) await storage.db.executeQuery(CompiledQuery.raw(`analyze ${table}`));
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let cpu = process.cpuUsage();
  let wall = performance.now();
  const reset = () => {
    turns.length = 0;
    lockWaits.length = 0;
    loop.reset();
    loop.enable();
    cpu = process.cpuUsage();
    wall = performance.now();
    storage.stats.transactions = 0;
    storage.stats.retries = 0;
  };
  process.on('message', (message) => {
    if (message === 'reset') return void (reset(), process.send!('ok'));
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - wall) / 1000;
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    process.send!({
      turns: turns.length,
      'turn ms': mean(turns.map((t) => t.last - t.start)),
      'trips/turn': mean(turns.map((t) => t.trips)),
      'waiting ms/turn': mean(turns.map((t) => t.waiting)),
      'ms/trip': mean(turns.map((t) => t.waiting / t.trips)),
      'between ms/turn': mean(turns.map((t) => t.between)),
      'lock wait ms': mean(lockWaits),
      'loop delay p50/p99 ms': `${ms(loop.percentile(50))} / ${ms(loop.percentile(99))}`,
      'server CPU %': Math.round(((used.user + used.system) / 1e6 / seconds) * 100),
      retries: storage.stats.retries,
      transactions: storage.stats.transactions,
    });
  });
  process.once('SIGTERM', async () => {
    await server.close();
    process.exit(0);
  });
  console.log(JSON.stringify({ url: origin }));
} else {
  const schema = `turn_${Date.now()}`;
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'bench/server/turn.ts', 'serve', schema], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const origin: string = await new Promise((resolve) => child.stdout!.once('data', (chunk) => resolve(JSON.parse(String(chunk).split('\n')[0]!).url)));
  const ask = (message: string) => new Promise<unknown>((resolve) => (child.once('message', resolve), child.send(message)));
  const signup = () => {
    const key = randomUUID();
    return fetch(`${origin}/v1/organizations/demo/signups`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ membership_type_id: 'free', member: { email: `${key}@example.org`, first_name: 'Bench', last_name: 'Client' }, fields: {} }),
    });
  };
  const rows = [];
  const counts = (process.argv.slice(2).length ? process.argv.slice(2) : ['1', '10']).map(Number);
  for (const clients of counts) {
    await load(30, Math.min(clients, 10), signup);
    await ask('reset');
    const run = await load(clients === 1 ? 150 : 400, clients, signup);
    rows.push({ clients, 'signups/s': Math.round(run.perSecond), failures: run.failures, ...(await ask('report') as object) });
  }
  console.table(rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(2)) : v]))));
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}
