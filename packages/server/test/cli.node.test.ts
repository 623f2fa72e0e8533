// The memberkit-server command: --help lists every variable; init creates an organization from
// flags or a JSON file and prints its secret key once (only the hash is stored); keys rotate.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { hashSecretKey, main, openPgliteStorage, variables } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'memberkit-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = { MEMBERKIT_DATA_DIR: join(dir, 'data') };

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, env, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

async function hashesOf(id: string): Promise<string[]> {
  const storage = await openPgliteStorage({ dataDir: env.MEMBERKIT_DATA_DIR });
  try {
    return (await storage.transaction((tx) => tx.findOne('organizations', { id })))?.secret_key_hashes ?? [];
  } finally {
    await storage.close();
  }
}

describe('memberkit-server', () => {
  it('--help lists every environment variable', async () => {
    const { code, out } = await run('--help');
    assert.equal(code, 0);
    for (const [name] of variables) assert.match(out, new RegExp(`^  ${name} `, 'm'));
  });

  it('a bad variable or flag stops it with the variable named, before anything opens', async () => {
    let err = '';
    const code = await main(['init'], { PORT: 'x', MEMBERKIT_DATA_DIR: join(dir, 'never') }, { out: () => {}, err: (text) => (err += text) });
    assert.equal(code, 2);
    assert.match(err, /PORT: must be a whole number/);
    assert.equal((await run('--port', 'abc')).code, 2);
  });

  it('init from flags prints the secret key once and stores only its hash; a second init of the id is refused', async () => {
    const created = await run('init', '--id', 'acme', '--name', 'Acme Tennis Club', '--currency', 'EUR', '--time-zone', 'Europe/Berlin', '--embed-origin', 'https://acme.example');
    assert.equal(created.code, 0, created.err);
    const key = /secret key .*: (sk_live_[A-Za-z0-9_-]{43})$/m.exec(created.out)?.[1];
    assert.ok(key, created.out);
    assert.deepEqual(await hashesOf('acme'), [hashSecretKey(key)]);
    const again = await run('init', '--id', 'acme', '--name', 'Acme', '--currency', 'EUR', '--time-zone', 'Europe/Berlin');
    assert.equal(again.code, 1);
    assert.match(again.err, /exists already/);
  });

  it('init from a JSON file checks every field and names the ones that are wrong', async () => {
    const file = join(dir, 'club.json');
    writeFileSync(file, JSON.stringify({ id: 'Bad Id', name: 'Club', currency: 'euro', time_zone: 'Mars/Olympus', embed_origins: ['https://club.example/path'] }));
    const refused = await run('init', '--config', file);
    assert.equal(refused.code, 1);
    for (const field of ['id', 'currency', 'time_zone', 'embed_origins.0']) assert.match(refused.err, new RegExp(`^  ${field.replace('.', '\\.')}: `, 'm'));
    // A currency code in any case is kept in capitals; the new organization has its free default type.
    writeFileSync(file, JSON.stringify({ id: 'club', name: 'Club', currency: 'usd', time_zone: 'America/New_York', locale: 'en-US', embed_origins: ['https://club.example'] }));
    assert.equal((await run('init', '--config', file)).code, 0);
    const storage = await openPgliteStorage({ dataDir: env.MEMBERKIT_DATA_DIR });
    try {
      const [organization, types] = await storage.transaction(async (tx) =>
        [await tx.findOne('organizations', { id: 'club' }), await tx.find('membership_types', { organization_id: 'club' })] as const);
      assert.deepEqual([organization?.currency, organization?.membership_policy], ['USD', 'one_per_organization']);
      assert.deepEqual(types.map((type) => [type.is_default, type.price.value, type.price.currency]), [[true, 0, 'USD']]);
    } finally {
      await storage.close();
    }
  });

  it('rotate-secret-key adds a key beside the old one; revoke-old-secret-keys keeps the newest only', async () => {
    const rotated = await run('rotate-secret-key', 'acme');
    assert.equal(rotated.code, 0, rotated.err);
    const key = /(sk_live_[A-Za-z0-9_-]{43})/.exec(rotated.out)![1]!;
    const hashes = await hashesOf('acme');
    assert.equal(hashes.length, 2);
    assert.equal(hashes[1], hashSecretKey(key));
    assert.equal((await run('revoke-old-secret-keys', 'acme')).code, 0);
    assert.deepEqual(await hashesOf('acme'), [hashSecretKey(key)]);
    assert.match((await run('rotate-secret-key', 'nobody')).err, /No organization "nobody"/);
  });
});
