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

  it('run-lifecycle --date runs an organization’s day by hand: the membership ending that day is told expired, once however often it runs; a missing date or an unknown organization is refused', async () => {
    assert.equal((await run('init', '--id', 'by-hand', '--name', 'By Hand Club', '--currency', 'EUR', '--time-zone', 'Europe/Berlin')).code, 0);
    const storage = await openPgliteStorage({ dataDir: env.MEMBERKIT_DATA_DIR });
    try {
      await storage.transaction(async (tx) => {
        const [type] = await tx.find('membership_types', { organization_id: 'by-hand' });
        const created_at = '2025-03-01T10:00:00.000Z';
        await tx.insert('members', {
          organization_id: 'by-hand', id: 'mem_hand', email: 'hand@example.org', first_name: 'Han', last_name: 'D',
          company_id: null, fields: {}, created_at, created_by_signup: null,
        });
        await tx.insert('memberships', {
          organization_id: 'by-hand', id: 'ms_hand', member_id: 'mem_hand', company_id: null, membership_type_id: type!.id,
          membership_name: type!.membership_name, kind: 'new', state: 'confirmed', starts_on: '2025-03-01', expires_on: '2026-03-01',
          anchor_on: '2025-03-01', duration: 1, duration_interval_type: 'year', cycle: null, grace_days: 0, auto_renew: false,
          cancelled_on: null, cancel_reason: null, price_paid: 0, currency: 'EUR', permissions: [], created_at, signup_id: null,
          group_of: null, payment_customer: null, payment_method: null, terminated_on: null, renewal: null,
          terms: [{ kind: 'new', starts_on: '2025-03-01', expires_on: '2026-03-01', amount_paid: 0, currency: 'EUR', paid_at: created_at, payment_reference: null }],
        });
      });
    } finally {
      await storage.close();
    }

    const undated = await run('run-lifecycle', '--organization', 'by-hand');
    assert.deepEqual([undated.code, /--date YYYY-MM-DD/.test(undated.err)], [2, true], undated.err);
    assert.equal((await run('run-lifecycle', '--date', '2026-3-1', '--organization', 'by-hand')).code, 2);
    const unknown = await run('run-lifecycle', '--date', '2026-03-01', '--organization', 'nobody');
    assert.deepEqual([unknown.code, unknown.err], [1, 'No organization "nobody".\n']);

    for (let time = 0; time < 2; time++) {
      const ran = await run('run-lifecycle', '--date', '2026-03-01', '--organization', 'by-hand');
      assert.deepEqual([ran.code, ran.out], [0, 'by-hand: ran 2026-03-01\n'], ran.err);
    }
    const after = await openPgliteStorage({ dataDir: env.MEMBERKIT_DATA_DIR });
    try {
      const membership = await after.transaction((tx) => tx.findOne('memberships', { organization_id: 'by-hand', id: 'ms_hand' }));
      assert.deepEqual(membership?.renewal?.reminded_on, ['2026-03-01'], 'told expired on its day, once');
      const days = await after.db.selectFrom('server_lifecycle_days').select(['day', 'how']).where('organization_id', '=', 'by-hand').execute();
      assert.deepEqual(days, [{ day: '2026-03-01', how: 'by hand' }]);
    } finally {
      await after.close();
    }
  });
});
