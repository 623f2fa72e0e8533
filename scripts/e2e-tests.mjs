// Runs the end-to-end tests (test/e2e/**/*.test.ts): Node's test runner driving Debian's
// Chromium through playwright-core against the built packages served on loopback ports.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { root } from './run.mjs';

const dir = join(root, 'test', 'e2e');
const files = readdirSync(dir, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => join('test', 'e2e', file))
  .sort();
if (files.length === 0) {
  console.error('No end-to-end test files found in test/e2e.');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
