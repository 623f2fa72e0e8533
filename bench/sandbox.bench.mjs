// Sandbox throughput in Node: signups (free and paid) through the SDK client against
// setupSandboxServer, without and with 30 % injected faults. Prints a table.
//
// Measured twice in one run, in alternating rounds: the sandbox as it is (a host of
// @memberkit/api), and the sandbox before that refactor (commit OLD: the API's behaviour inside
// the sandbox, on a synchronous store), taken from git into a temporary directory outside the
// repository and bundled there with esbuild (its own SDK sources, this repository's msw and zod).
// The ratio new/old per scenario is the cost of the new layering (the issue allows 10 %).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createClient } from '@memberkit/sdk';
import { setupSandboxServer } from '@memberkit/sandbox/node';

/** The last commit whose sandbox held the API's behaviour itself. */
const OLD = '2eddc50';
const COUNT = 500;
const CONCURRENCY = 25;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));

/** The old sandbox's setupSandboxServer, or null (the commit is not in this clone). */
async function oldSandbox() {
  const dir = mkdtempSync(join(tmpdir(), `memberkit-sandbox-${OLD}-`));
  try {
    const archive = join(dir, 'old.tar');
    execFileSync('git', ['-C', root, 'archive', '--format=tar', '-o', archive, OLD, 'packages/sdk/src', 'packages/sandbox/src'], { stdio: 'pipe' });
    execFileSync('tar', ['-xf', archive, '-C', dir]);
  } catch (error) {
    console.log(`(the sandbox of ${OLD} is not available here: ${String(error).split('\n')[0]})`);
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  const sdk = join(dir, 'packages/sdk/src');
  const outfile = join(dir, 'old-sandbox.mjs');
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [join(dir, 'packages/sandbox/src/node.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    plugins: [
      {
        name: 'old-workspace',
        setup(context) {
          // The old SDK from the same commit; every other package from this repository.
          context.onResolve({ filter: /^@memberkit\/sdk(\/.*)?$/ }, ({ path }) => ({
            path: join(sdk, path === '@memberkit/sdk' ? 'index.ts' : `${path.slice('@memberkit/sdk/'.length)}/index.ts`),
          }));
          context.onResolve({ filter: /^(msw|zod)(\/.*)?$/ }, ({ path }) => ({
            path: fileURLToPath(import.meta.resolve(path)),
            external: true,
          }));
        },
      },
    ],
  });
  const module = await import(pathToFileURL(outfile).href);
  return { setupSandboxServer: module.setupSandboxServer, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function scenario(setup, plan, faults) {
  const server = setup({ today: '2026-03-01' });
  server.listen({ onUnhandledRequest: 'error' });
  const { sandbox } = server;
  try {
    sandbox.setFaults(faults);
    const client = createClient({
      baseUrl: sandbox.baseUrl,
      organization: 'demo',
      maxRetries: 12,
      timeout: 60,
      backoff: { initialDelay: 2, maxDelay: 20 },
    });
    let next = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < COUNT) {
          const i = next++;
          const signup = await client.signups.create({
            membership_type_id: plan,
            member: { email: `bench.${i}@example.org`, first_name: 'Bench', last_name: String(i) },
            fields: {},
          });
          if (signup.next_action.type === 'payment' && signup.next_action.ui_mode === 'embedded_page') {
            // The stand-in's form, as the widget's checkout calls it (retried like the form's member would).
            for (let attempt = 0; attempt < 12; attempt++) {
              const response = await fetch(`${sandbox.baseUrl}/_sandbox/checkout/${signup.next_action.client_secret}/confirm`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' }),
              }).catch(() => null);
              if (response && response.status < 500) break;
            }
          }
        }
      }),
    );
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return {
      ms,
      cpuMs: (used.user + used.system) / 1000,
      requests: Object.values(sandbox.stats.requests).reduce((a, b) => a + b, 0),
      faults: Object.values(sandbox.stats.faults).reduce((a, b) => a + b, 0),
      payments: sandbox.store.payments('demo').length,
    };
  } finally {
    sandbox.setFaults(null);
    server.close();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const perSecond = (ms) => Math.round((COUNT / ms) * 1000);

const scenarios = [
  ['free, no faults', 'free', null],
  ['paid, no faults', 'monthly', null],
  ['free, 30 % faults', 'free', { rate: 0.3, seed: 1, timeoutMs: 250 }],
  ['paid, 30 % faults', 'monthly', { rate: 0.3, seed: 2, timeoutMs: 250 }],
];

const old = await oldSandbox();
const rows = [];
try {
  // Untimed: both implementations compiled and warmed by the JIT before anything is measured.
  for (let round = 0; round < 2; round++) {
    for (const [, plan] of scenarios.slice(0, 2)) {
      if (old) await scenario(old.setupSandboxServer, plan, null);
      await scenario(setupSandboxServer, plan, null);
    }
  }
  for (const [name, plan, faults] of scenarios) {
    const runs = { old: [], new: [] };
    let last;
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating, so that the machine's drift during the run falls on both alike.
      if (old) runs.old.push(await scenario(old.setupSandboxServer, plan, faults));
      last = await scenario(setupSandboxServer, plan, faults);
      runs.new.push(last);
    }
    const wall = (list) => median(list.map((run) => run.ms));
    const cpu = (list) => median(list.map((run) => run.cpuMs)) / COUNT;
    rows.push({
      scenario: name,
      signups: COUNT,
      'signups/s': perSecond(wall(runs.new)),
      [`old signups/s`]: old ? perSecond(wall(runs.old)) : 'n/a',
      'CPU ms/signup': cpu(runs.new).toFixed(2),
      [`old CPU ms/signup`]: old ? cpu(runs.old).toFixed(2) : 'n/a',
      'cost (CPU new/old − 1)': old ? `${((cpu(runs.new) / cpu(runs.old) - 1) * 100).toFixed(0)} %` : 'n/a',
      requests: last.requests,
      faults: last.faults,
      payments: last.payments,
    });
  }
} finally {
  old?.cleanup();
}
console.log(
  `sandbox: the host of @memberkit/api (new) and the sandbox of ${OLD} (old), ${ROUNDS} alternating rounds in this one run, medians. ` +
    'The cost of the layering is the CPU time per signup (this process only, so other processes on the machine barely move it); signups/s is wall-clock.',
);
console.table(rows);
