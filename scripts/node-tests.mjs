// Runs the Node test files (`*.node.test.ts` under packages/*/test and test/) with Node's test
// runner, TypeScript through tsx and workspace packages resolved to their sources.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { root } from './run.mjs';

const filter = process.argv.slice(2);
const dirs = [
  ...readdirSync(join(root, 'packages')).map((name) => join('packages', name, 'test')),
  'test',
];
const files = dirs
  .flatMap((dir) => {
    try {
      return readdirSync(join(root, dir), { recursive: true }).map((file) => join(dir, String(file)));
    } catch {
      return [];
    }
  })
  .filter((file) => file.endsWith('.node.test.ts') && !file.includes('node_modules'))
  // End-to-end tests need the build; scripts/e2e-tests.mjs runs them after it.
  .filter((file) => !file.split(/[\\/]/).includes('e2e'))
  .filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))
  .sort();

if (files.length === 0) {
  console.error('No Node test files found.');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
