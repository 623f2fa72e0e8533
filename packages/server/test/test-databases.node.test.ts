// Under CI the server's tests never pass on half the suite: without PostgreSQL `npm test` stops,
// and a PostgreSQL suite without a URL is a failing test. On a laptop it is left out, and said so.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('fixtures/postgres-required.node.ts', import.meta.url));
const unreachable = 'postgres://nobody@127.0.0.1:1/none';

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  // NODE_TEST_CONTEXT would make a child `node --test` report to this run instead of exiting.
  const { CI: _, MEMBERKIT_TEST_DATABASE_URL: __, NODE_TEST_CONTEXT: ___, ...rest } = process.env;
  return { ...rest, ...extra };
}

describe('the test databases', () => {
  it('npm test under CI with no PostgreSQL answering fails at once, saying why', () => {
    const result = spawnSync(process.execPath, ['scripts/test.mjs'], {
      cwd: root,
      env: env({ CI: 'true', MEMBERKIT_TEST_DATABASE_URL: unreachable }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no PostgreSQL answers/);
    assert.match(result.stdout, /^0 passed, 1 failed$/m);
    assert.doesNotMatch(result.stdout, /── typecheck/);
  });

  it('a PostgreSQL suite without a database: a failure under CI, left out elsewhere', () => {
    const run = (extra: Record<string, string>) =>
      spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=tap', fixture], { cwd: root, env: env(extra), encoding: 'utf8' });
    const underCi = run({ CI: 'true' });
    assert.equal(underCi.status, 1);
    assert.match(underCi.stdout, /PostgreSQL is required under CI/);
    const laptop = run({});
    assert.equal(laptop.status, 0);
    assert.doesNotMatch(laptop.stdout, /a suite on PostgreSQL/);
  });
});
