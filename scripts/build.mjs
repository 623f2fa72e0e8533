// Emits every package's publishable files: `tsc -b` (ESM, .d.ts, source maps into each
// package's dist/), then the Vite builds (the script-tag bundles and the frame page).
import { existsSync } from 'node:fs';
import { root, run } from './run.mjs';

const steps = [['npx', ['tsc', '-b']]];
if (existsSync(`${root}vite.config.ts`)) steps.push(['npx', ['vite', 'build', '--logLevel', 'warn']]);
for (const [command, args] of steps) {
  const { code } = await run(command, args);
  if (code !== 0) process.exit(code);
}
