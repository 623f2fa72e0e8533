// What bounds signup-config's p99 at 200 clients on this machine (docs/benchmarks.md, the floor
// analysis): the same GET at 1, 10, 50 and 200 concurrent clients against node:http alone
// answering fixed JSON, the bench's floor (Hono answering it), and the server (PGlite,
// PostgreSQL), each in its own process (bench/server/process.ts). Per row: requests/s, p50/p99,
// what Little's law makes of the throughput (clients ÷ requests/s: the mean latency a closed loop
// of that many clients must see), the server's event-loop delay p99 and garbage-collector time
// over the row, and CPU per request on both sides (the load generator shares the machine).
// node --conditions=source --import tsx bench/server/floor.mjs  (under flock /tmp/memberkit-bench.lock)
import { spawn } from 'node:child_process';
import pg from 'pg';
import { findTestDatabase } from '../../scripts/postgres.mjs';
import { root } from '../../scripts/run.mjs';
import { load } from './load.mjs';

const CLIENTS = [1, 10, 50, 200];
const REQUESTS = { 1: 1000, 10: 2000, 50: 2000, 200: 2000 };

function start(kind, database, schema) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'bench/server/process.ts', kind, database, ...(schema ? [schema] : [])], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lines = [];
  let waiting = null;
  let buffered = '';
  child.stderr.on('data', (chunk) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop();
    for (const line of parts) {
      if (waiting && line.startsWith('{"loop"')) {
        waiting(JSON.parse(line));
        waiting = null;
      } else lines.push(line);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${kind} ${database} exited (${code}): ${lines.join('\n')}`)));
    child.stdout.once('data', (chunk) => {
      resolve({
        url: JSON.parse(String(chunk).split('\n')[0]).url,
        /** The server's event-loop and GC figures since the last call. */
        sample: () =>
          new Promise((done) => {
            waiting = done;
            child.kill('SIGUSR2');
          }),
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.on('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

const database = await findTestDatabase();
process.env.MEMBERKIT_TEST_DATABASE_URL = database.url ?? '';
const servers = [
  ['node:http', 'node', 'pglite'],
  ['floor (Hono)', 'bare', 'pglite'],
  ['ours pglite', 'ours', 'pglite'],
  ...(database.url ? [['ours postgres', 'ours', 'postgres']] : []),
];
const rows = [];
for (const [label, kind, storage] of servers) {
  const schema = storage === 'postgres' ? `bench_floor_${Date.now()}` : undefined;
  const server = await start(kind, storage, schema);
  const config = () => fetch(`${server.url}/v1/organizations/demo/signup-config`);
  await load(400, 200, config); // warm-up: JIT, caches, connections
  for (const clients of CLIENTS) {
    await server.sample();
    const result = await load(REQUESTS[clients], clients, config);
    const seen = await server.sample();
    rows.push({
      server: label,
      clients,
      'requests/s': Math.round(result.perSecond),
      'p50 ms': result.p50.toFixed(1),
      'p99 ms': result.p99.toFixed(1),
      'clients ÷ req/s ms': ((clients / result.perSecond) * 1000).toFixed(1),
      'loop p99 ms': seen.loop.p99,
      'loop max ms': seen.loop.max,
      'gc ms': seen.gc.ms,
      'gc max ms': seen.gc.maxMs,
      'server cpu µs/req': Math.round((seen.cpuMs * 1000) / REQUESTS[clients]),
      'client cpu µs/req': Math.round((result.clientCpuMs * 1000) / REQUESTS[clients]),
      failures: result.failures,
    });
  }
  await server.stop();
  if (schema) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
}
console.log('\nsignup-config by concurrent clients (Little: clients ÷ requests/s = the mean latency the throughput allows)');
console.table(rows);
