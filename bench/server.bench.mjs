// The server's rows: signups/s and p50/p99 latency at 1, 10 and 50 concurrent clients over
// loopback HTTP, on PGlite and (when one answers) PostgreSQL, beside a bare Hono handler that
// inserts the same rows in one transaction; then signup-config p99 with 1 and with 200 concurrent
// clients, beside the floor: the bare process answering fixed JSON of the same organization.
// Each server runs in its own process (bench/server/process.ts); the load comes from this one.
// "ours" is the whole server: HTTP front, the API's signup (validation, the one-membership rule,
// idempotency), the SQL storage; "bare" inserts the same four rows and checks nothing.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { findTestDatabase } from '../scripts/postgres.mjs';
import { root } from '../scripts/run.mjs';
import { load } from './server/load.mjs';

const SIGNUPS = { 1: 150, 10: 400, 50: 600 };

function start(kind, database, schema) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'bench/server/process.ts', kind, database, ...(schema ? [schema] : [])], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${kind} ${database} exited (${code}): ${stderr}`)));
    child.stdout.once('data', (chunk) => {
      const { url } = JSON.parse(String(chunk).split('\n')[0]);
      resolve({
        url,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.on('exit', () => done(stderr.trim().split('\n').at(-1)));
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

const signup = (url) => () => {
  const key = randomUUID();
  return fetch(`${url}/v1/organizations/demo/signups`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ membership_type_id: 'free', member: { email: `${key}@example.org`, first_name: 'Bench', last_name: 'Client' }, fields: {} }),
  });
};

const database = await findTestDatabase();
const kinds = database.url ? ['pglite', 'postgres'] : ['pglite'];
if (!database.url) console.log(`(no PostgreSQL: ${database.reason}; PGlite rows only)`);
process.env.MEMBERKIT_TEST_DATABASE_URL = database.url ?? '';

const rows = [];
const configRows = [];
for (const kind of kinds) {
  for (const concurrency of [1, 10, 50]) {
    const results = {};
    for (const which of ['ours', 'bare']) {
      const schema = kind === 'postgres' ? `bench_${which}_${Date.now()}` : undefined;
      const server = await start(which, kind, schema);
      await load(20, Math.min(concurrency, 10), signup(server.url)); // warm-up
      results[which] = await load(SIGNUPS[concurrency], concurrency, signup(server.url));
      if (concurrency === 50) {
        const config = () => fetch(`${server.url}/v1/organizations/demo/signup-config`);
        await load(200, 200, config); // warm-up
        results[`${which}Config`] = await load(2000, 200, config);
        results[`${which}Config1`] = await load(500, 1, config);
      }
      results[`${which}Stats`] = await server.stop();
      if (schema) {
        const { default: pg } = await import('pg');
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      }
    }
    const { ours, bare } = results;
    // The goal (docs/benchmarks.md, "signup-config p99: the goal"): at 1 client an absolute p99,
    // at 200 clients a ratio to the floor measured in the same run, since there the latency is
    // the queue (Little's law) and the floor's own p99 is several times 20 ms on this machine.
    for (const [clients, config, floor, goal] of [
      [1, results.oursConfig1, results.bareConfig1, '≤ 20 ms'],
      [200, results.oursConfig, results.bareConfig, '≤ 1.5× floor'],
    ]) {
      if (!config) continue;
      configRows.push({
        storage: kind,
        clients,
        'requests/s': Math.round(config.perSecond),
        'p50 ms': config.p50.toFixed(1),
        'p99 ms': config.p99.toFixed(1),
        'floor/s': Math.round(floor.perSecond),
        'floor p99': floor.p99.toFixed(1),
        'p99 ÷ floor': (config.p99 / floor.p99).toFixed(2),
        goal,
        failures: config.failures + floor.failures,
      });
    }
    const retries = (() => {
      try {
        return JSON.parse(results.oursStats).retries;
      } catch {
        return '?';
      }
    })();
    rows.push({
      storage: kind,
      clients: concurrency,
      'signups/s': Math.round(ours.perSecond),
      'p50 ms': ours.p50.toFixed(1),
      'p99 ms': ours.p99.toFixed(1),
      retries,
      'bare/s': Math.round(bare.perSecond),
      'bare p50': bare.p50.toFixed(1),
      'bare p99': bare.p99.toFixed(1),
      'overhead ×': (bare.perSecond / ours.perSecond).toFixed(2),
      failures: ours.failures + bare.failures,
    });
  }
}
console.log('\nsignups over loopback HTTP (overhead: bare signups/s ÷ ours, goal ≤ 2×)');
console.table(rows);
console.log('\nsignup-config at 1 and 200 clients (floor: Hono answering the demo organization as fixed JSON, no database: what this machine\'s loopback HTTP allows)');
console.table(configRows);
