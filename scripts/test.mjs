// `npm test`: the typecheck, the API reference's checks, the Node tests (the documentation's
// examples among them), the build, the browser tests in headless
// Chromium. Installs what a fresh machine lacks (dependencies; Debian's chromium when root).
// The server's tests run on PGlite always, and on PostgreSQL when one answers (see postgres.mjs).
import { existsSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';
import { findTestDatabase } from './postgres.mjs';
import { ensureDependencies, root, run } from './run.mjs';

ensureDependencies();
process.env.CHROME_PATH = ensureChromium();
const database = await findTestDatabase();
if (database.url) process.env.MEMBERKIT_TEST_DATABASE_URL = database.url;
else if (process.env.CI) {
  console.error(`CI is set, and no PostgreSQL answers (${database.reason}): the server's tests need one under CI.`);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
console.log(database.url ? `PostgreSQL for the server's tests: ${database.shown}` : `No PostgreSQL (${database.reason}): the server's tests run on PGlite only.`);
const databaseNote = database.url ? 'PGlite and PostgreSQL' : 'PGlite only, no PostgreSQL reachable';

const totals = { passed: 0, failed: 0 };
/** Adds a runner's final counts: the last match of each pattern (progress lines repeat them). */
function count(output, passed, failed) {
  const last = (pattern) => Number([...output.matchAll(pattern)].at(-1)?.[1] ?? 0);
  totals.passed += last(passed);
  totals.failed += last(failed);
}

const steps = [
  { name: 'typecheck', command: 'npx', args: ['tsc', '-b'] },
  // The API reference: typedoc fails on a broken link, a type no entry point exports or an
  // exported declaration without a description (typedoc.config.mjs); nothing is written.
  { name: 'api reference (typedoc)', command: 'npx', args: ['typedoc', '--emit', 'none'] },
  {
    name: 'node tests',
    command: 'node',
    args: ['scripts/node-tests.mjs'],
    tally: (out) => count(out, /^ℹ pass (\d+)$/gm, /^ℹ fail (\d+)$/gm),
  },
  { name: 'build', command: 'node', args: ['scripts/build.mjs'] },
  {
    name: 'browser tests',
    command: 'npx',
    args: ['web-test-runner', '--static-logging'],
    tally: (out) => count(out, /(\d+) passed, \d+ failed/g, /\d+ passed, (\d+) failed/g),
  },
];
if (existsSync(`${root}test/e2e`)) {
  steps.push({
    name: 'end-to-end tests',
    command: 'node',
    args: ['scripts/e2e-tests.mjs'],
    tally: (out) => count(out, /^ℹ pass (\d+)$/gm, /^ℹ fail (\d+)$/gm),
  });
}

for (const step of steps) {
  console.log(`\n── ${step.name} ──`);
  const started = Date.now();
  const { code, output } = await run(step.command, step.args);
  step.tally?.(output);
  console.log(`── ${step.name}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (code !== 0) {
    if (totals.failed === 0) totals.failed = 1;
    console.log(`\nserver storage tests: ${databaseNote}`);
    console.log(`${totals.passed} passed, ${totals.failed} failed`);
    process.exit(code);
  }
}
console.log(`\nserver storage tests: ${databaseNote}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
