// `npm run bench`: builds, then runs every bench/*.bench.mjs in turn; each prints its own table.
import { readdirSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';
import { ensureDependencies, root, run } from './run.mjs';

ensureDependencies();
process.env.CHROME_PATH = ensureChromium();
const only = process.argv.slice(2);
let { code } = await run('node', ['scripts/build.mjs']);
if (code !== 0) process.exit(code);
const benches = readdirSync(`${root}bench`)
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();
for (const file of benches) {
  console.log(`\n## ${file}`);
  ({ code } = await run('node', ['--conditions=source', '--import', 'tsx', `bench/${file}`]));
  if (code !== 0) process.exit(code);
}
