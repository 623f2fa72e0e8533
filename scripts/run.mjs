// Small helpers the project scripts share: run a command, stream its output, keep a copy.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs `command args…` from the repository root; resolves with its exit code and output. */
export function run(command, args, { env, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (stream, sink) =>
      child[stream].on('data', (chunk) => {
        output += chunk;
        if (!quiet) sink.write(chunk);
      });
    keep('stdout', process.stdout);
    keep('stderr', process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Installs the workspace's dependencies when they are missing (fresh clone). */
export function ensureDependencies() {
  const marker = `${root}node_modules/.package-lock.json`;
  if (existsSync(marker) && existsSync(`${root}node_modules/lit`)) return;
  console.log('Installing dependencies (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}
