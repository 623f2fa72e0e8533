// The embedded storage keeps its data in a directory: it survives a restart and a SIGKILL (no
// acknowledged commit lost, none half written), and one process opens a directory at a time.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sampleRows } from '@memberkit/api/testing';
import { DataDirectoryInUseError, openPgliteStorage } from '../src/index.js';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'memberkit-data-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('PGlite storage in a data directory', () => {
  it('keeps what was committed across a restart, and refuses a second opening while open', async () => {
    const dir = dataDir();
    const rows = sampleRows('org_a');
    const first = await openPgliteStorage({ dataDir: dir });
    try {
      await first.transaction((tx) => tx.insert('members', rows.members));
      await assert.rejects(openPgliteStorage({ dataDir: dir }), DataDirectoryInUseError);
    } finally {
      await first.close();
    }
    const again = await openPgliteStorage({ dataDir: dir });
    try {
      assert.deepEqual(await again.transaction((tx) => tx.find('members', {})), [rows.members]);
    } finally {
      await again.close();
    }
  });

  it('a SIGKILL loses no acknowledged commit and leaves none half written; a live writer keeps the directory', async () => {
    const dir = dataDir();
    const writer = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', fileURLToPath(new URL('fixtures/pglite-writer.ts', import.meta.url)), dir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const acknowledged: string[] = [];
    let killed = false;
    const exited = new Promise((resolve) => writer.on('exit', resolve));
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      writer.on('exit', () => (killed ? resolve() : reject(new Error('the writer exited before it was killed'))));
      writer.stdout.on('data', async (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          if (line === 'ready') {
            // While the writer lives, this process may not open its directory.
            await assert.rejects(openPgliteStorage({ dataDir: dir }), DataDirectoryInUseError).catch(reject);
          } else if (line) acknowledged.push(line);
        }
        if (acknowledged.length >= 40 && !killed) {
          killed = true;
          writer.kill('SIGKILL');
        }
      });
    });
    await exited;
    const storage = await openPgliteStorage({ dataDir: dir });
    try {
      const stored = await storage.transaction((tx) => tx.find('companies', {}));
      const ids = new Set(stored.map((row) => row.id));
      for (const id of acknowledged) assert.ok(ids.has(id), `${id} was acknowledged, so it is stored`);
      // Every stored company carries both writes of its transaction, never the first alone.
      for (const row of stored) assert.match(row.name, /\(checked\)$/);
      assert.equal(ids.size, stored.length);
    } finally {
      await storage.close();
    }
  });
});
