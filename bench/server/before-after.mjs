// Before/after in one run (docs/benchmarks.md): for each row of the server bench, the bare handler, then
// the server of two checkouts (each with its own node_modules), one after the other, on the same machine.
// node bench/server/before-after.mjs <checkout before> <checkout after>  (under flock /tmp/memberkit-bench.lock)
// BENCH_STORAGES=postgres (or pglite) runs one storage's rows only. Per row, each server's storage
// retries (transactions run again after a serialization failure) per signup.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
const [BEFORE, AFTER] = process.argv.slice(2);
const url = process.env.MEMBERKIT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const SIGNUPS = { 1: 150, 10: 400, 50: 600 };
function start(root, kind, database, schema) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'bench/server/process.ts', kind, database, ...(schema ? [schema] : [])], { cwd: root, env: { ...process.env, MEMBERKIT_TEST_DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = ''; child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${kind} ${database} exited (${code}): ${stderr}`)));
    child.stdout.once('data', (chunk) => resolve({ url: JSON.parse(String(chunk).split('\n')[0]).url, stop: () => new Promise((done) => { child.removeAllListeners('exit'); child.on('exit', () => done(stderr.trim().split('\n').at(-1))); child.kill('SIGTERM'); }) }));
  });
}
const percentile = (s, p) => s[Math.min(s.length - 1, Math.floor(s.length * p))];
async function load(count, concurrency, request) {
  const lat = []; let next = 0, failures = 0; const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < count) { next++; const t = performance.now(); try { const r = await request(); await r.arrayBuffer(); if (!r.ok) failures++; } catch { failures++; } lat.push(performance.now() - t); } }));
  const seconds = (performance.now() - t0) / 1000; lat.sort((a, b) => a - b);
  return { perSecond: count / seconds, p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), failures };
}
const signup = (u) => () => { const key = randomUUID(); return fetch(`${u}/v1/organizations/demo/signups`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify({ membership_type_id: 'free', member: { email: `${key}@example.org`, first_name: 'Bench', last_name: 'Client' }, fields: {} }) }); };
const rows = [], configRows = [];
const storages = (process.env.BENCH_STORAGES || 'pglite,postgres').split(',');
const retries = (line) => { try { const stats = JSON.parse(line); return typeof stats.retries === 'number' ? stats.retries : null; } catch { return null; } };
for (const kind of storages) for (const concurrency of [1, 10, 50]) {
  const r = {};
  for (const [which, root, k] of [['bare', AFTER, 'bare'], ['before', BEFORE, 'ours'], ['after', AFTER, 'ours']]) {
    const schema = kind === 'postgres' ? `bench_${which}_${Date.now()}` : undefined;
    const server = await start(root, k, kind, schema);
    await load(20, Math.min(concurrency, 10), signup(server.url));
    r[which] = await load(SIGNUPS[concurrency], concurrency, signup(server.url));
    if (concurrency === 50) {
      const cfg = () => fetch(`${server.url}/v1/organizations/demo/signup-config`);
      await load(200, 200, cfg);
      r[`${which}Config`] = await load(2000, 200, cfg);
    }
    r[`${which}Retries`] = retries(await server.stop());
    if (schema) { const c = new pg.Client({ connectionString: url }); await c.connect(); await c.query(`drop schema if exists ${schema} cascade`); await c.end(); }
    console.error(new Date().toISOString(), kind, concurrency, which, JSON.stringify(r[which]));
  }
  rows.push({ storage: kind, clients: concurrency, 'bare/s': Math.round(r.bare.perSecond), 'before/s': Math.round(r.before.perSecond), 'after/s': Math.round(r.after.perSecond), 'before ×': (r.bare.perSecond / r.before.perSecond).toFixed(2), 'after ×': (r.bare.perSecond / r.after.perSecond).toFixed(2), 'before p50/p99': `${r.before.p50.toFixed(1)} / ${r.before.p99.toFixed(1)}`, 'after p50/p99': `${r.after.p50.toFixed(1)} / ${r.after.p99.toFixed(1)}`, 'bare p50/p99': `${r.bare.p50.toFixed(1)} / ${r.bare.p99.toFixed(1)}`, 'retries/signup before / after': `${((r.beforeRetries ?? 0) / (SIGNUPS[concurrency] + 20)).toFixed(2)} / ${((r.afterRetries ?? 0) / (SIGNUPS[concurrency] + 20)).toFixed(2)}`, failures: r.bare.failures + r.before.failures + r.after.failures });
  if (r.afterConfig) configRows.push({ storage: kind, 'floor/s': Math.round(r.bareConfig.perSecond), 'floor p99': r.bareConfig.p99.toFixed(1), 'before/s': Math.round(r.beforeConfig.perSecond), 'before p50/p99': `${r.beforeConfig.p50.toFixed(1)} / ${r.beforeConfig.p99.toFixed(1)}`, 'after/s': Math.round(r.afterConfig.perSecond), 'after p50/p99': `${r.afterConfig.p50.toFixed(1)} / ${r.afterConfig.p99.toFixed(1)}`, 'before p99 ÷ floor': (r.beforeConfig.p99 / r.bareConfig.p99).toFixed(2), 'after p99 ÷ floor': (r.afterConfig.p99 / r.bareConfig.p99).toFixed(2), failures: r.bareConfig.failures + r.beforeConfig.failures + r.afterConfig.failures });
}
console.log('signups (× = bare signups/s ÷ ours)'); console.table(rows);
console.log('signup-config, 200 clients'); console.table(configRows);
