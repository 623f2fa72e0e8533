// Publishable keys: `memberkit-server init` gives each organization one (pk_live_…); it names the
// organization wherever the organization id does (the widget's `organization`, every API path),
// with the organization's CORS and its cached signup-config answer; a replaced key names nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { demoIds, systemClock } from '@memberkit/api';
import { createOrganization, createServer, openPgliteStorage, parseConfig, seedDemo, type MemberkitServer, type SqlStorage } from '../src/index.js';
import { rotatePublishableKey } from '../src/keys.js';

describe('publishable keys', () => {
  let server: MemberkitServer;
  let base: string;
  let publishableKey: string;
  let secretKey: string;

  before(async () => {
    const storage = await openPgliteStorage({});
    const created = await createOrganization(storage, { id: 'harbour', name: 'Harbour Rowing', currency: 'EUR', time_zone: 'Europe/Berlin', embed_origins: ['https://harbour.example'] });
    publishableKey = created.organization.publishable_key!;
    secretKey = created.secretKey;
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0', MEMBERKIT_RATE_LIMIT_PER_KEY: '0' }, { demo: true });
    server = await createServer(config, { storage, logger: pino({ level: 'silent' }) });
    base = `${await server.listen()}/v1/organizations`;
  });
  after(() => server.close());

  it('init gives each organization its own live publishable key', async () => {
    assert.match(publishableKey, /^pk_live_[A-Za-z0-9_-]{24}$/);
    const other = await createOrganization(server.storage, { id: 'lakeside', name: 'Lakeside', currency: 'EUR', time_zone: 'Europe/Berlin' });
    assert.notEqual(other.organization.publishable_key, publishableKey);
  });

  it('names the organization in the signup-config path, with its CORS', async () => {
    const response = await fetch(`${base}/${publishableKey}/signup-config`, { headers: { Origin: 'https://harbour.example' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://harbour.example');
    const body = (await response.json()) as { organization: { id: string; name: string } };
    assert.deepEqual([body.organization.id, body.organization.name], ['harbour', 'Harbour Rowing']);
    const elsewhere = await fetch(`${base}/${publishableKey}/signup-config`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(elsewhere.headers.get('access-control-allow-origin'), null);
  });

  it('a signup sent to the publishable key joins the organization it names', async () => {
    const config = (await (await fetch(`${base}/harbour/signup-config`)).json()) as { membership_types: { id: string }[] };
    const response = await fetch(`${base}/${publishableKey}/signups`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'pk-signup-1' },
      body: JSON.stringify({ membership_type_id: config.membership_types[0]!.id, member: { email: 'rower@example.org', first_name: 'Rae', last_name: 'Rower' }, fields: {} }),
    });
    assert.equal(response.status, 201, await response.clone().text());
    const members = await server.storage.transaction((tx) => tx.find('members', { email: 'rower@example.org' }));
    assert.deepEqual(members.map((member) => member.organization_id), ['harbour']);
    // The secret key and the publishable key name the same organization.
    const admin = await fetch(`${base}/${publishableKey}/members?email=rower@example.org`, { headers: { Authorization: `Bearer ${secretKey}` } });
    assert.equal(admin.status, 200);
    assert.match(await admin.text(), /rower@example\.org/);
  });

  it('after a rotation the old key names nothing, even where its answer was cached, and the new one works', async () => {
    assert.equal((await fetch(`${base}/${publishableKey}/signup-config`)).status, 200);
    const replaced = publishableKey;
    publishableKey = await rotatePublishableKey(server.storage, 'harbour');
    assert.notEqual(publishableKey, replaced);
    const old = await fetch(`${base}/${replaced}/signup-config`);
    assert.equal(old.status, 404);
    assert.equal((await fetch(`${base}/${publishableKey}/signup-config`)).status, 200);
    assert.equal((await fetch(`${base}/harbour/signup-config`)).status, 200);
  });

  it('an unknown publishable key is a 404 naming it, and an id cannot pose as a key', async () => {
    const response = await fetch(`${base}/pk_live_unknownunknownunknown00/signup-config`);
    assert.equal(response.status, 404);
    await assert.rejects(createOrganization(server.storage, { id: 'pk_live_x', name: 'X', currency: 'EUR', time_zone: 'Europe/Berlin' }), /pk_/);
  });
});

describe('the demo organizations’ publishable keys', () => {
  const keys = demoIds.organizationKeys;
  const keysOf = async (storage: SqlStorage) =>
    Object.fromEntries((await storage.transaction((tx) => tx.find('organizations', {}))).map((row) => [row.id, row.publishable_key ?? null]));

  it('--demo seeds each demo organization with its own pk_test_ key, which names it over HTTP', async () => {
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0', MEMBERKIT_RATE_LIMIT_PER_KEY: '0' }, { demo: true });
    const server = await createServer(config, { storage: await openPgliteStorage({}), logger: pino({ level: 'silent' }) });
    try {
      assert.deepEqual(await keysOf(server.storage), keys);
      assert.equal(new Set(Object.values(keys)).size, Object.keys(keys).length, 'one key per organization');
      for (const [id, key] of Object.entries(keys)) {
        assert.match(key, /^pk_test_/);
        const response = await server.app.request(`http://127.0.0.1/v1/organizations/${key}/signup-config`);
        assert.equal(response.status, 200, `${key}: ${await response.clone().text()}`);
        assert.equal(((await response.json()) as { organization: { id: string } }).organization.id, id);
      }
    } finally {
      await server.close();
    }
  });

  it('a database seeded before the keys existed gets them at the next start; a key an organization has already is kept', async () => {
    const storage = await openPgliteStorage({});
    try {
      assert.equal(await seedDemo(storage, systemClock), 'seeded');
      // What an older version left: no publishable keys, except one set since (rotated, say).
      await storage.transaction(async (tx) => {
        await tx.update('organizations', {}, { publishable_key: null });
        await tx.update('organizations', { id: 'demo-kwd' }, { publishable_key: 'pk_test_rotated_by_the_club' });
      });
      assert.equal(await seedDemo(storage, systemClock), 'updated');
      assert.deepEqual(await keysOf(storage), { ...keys, 'demo-kwd': 'pk_test_rotated_by_the_club' });
      assert.equal(await seedDemo(storage, systemClock), null, 'nothing left to do at the start after');
      // Seeded once: the demo's members are not seeded a second time.
      assert.equal(await storage.transaction((tx) => tx.count('members', { organization_id: 'demo', email: demoIds.alice.email })), 1);
    } finally {
      await storage.close();
    }
  });
});
