// Cached signup-config answers (http/config-cache.ts): a visitor gets the answer other visitors
// got until an admin edit commits, and the first request after that edit (on any process on the
// database) gets the edit; never another organization's answer, never a cached answer to a
// caller with credentials or an invitation code.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MembershipTypeRecord } from '@memberkit/api';
import pino from 'pino';
import { createServer, openPgliteStorage, openPostgresStorage, parseConfig, type MemberkitServer } from '../src/index.js';
import type { SqlStorage } from '../src/storage/sql-storage.js';
import { describePostgres, freshSchema } from './databases.js';

const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0', MEMBERKIT_RATE_LIMIT_PER_KEY: '0' }, { demo: true });

async function start(storage: SqlStorage): Promise<{ server: MemberkitServer; base: string }> {
  const server = await createServer(config, { storage, logger: pino({ level: 'silent' }) });
  return { server, base: `${await server.listen()}/v1/organizations` };
}

async function config_(base: string, org: string, query = '', init: RequestInit = {}) {
  const response = await fetch(`${base}/${org}/signup-config${query}`, init);
  return { status: response.status, requestId: response.headers.get('request-id'), body: (await response.json()) as { organization: { name: string }; membership_types: { id: string; price: { value: number } }[] } };
}

const priceOf = (body: Awaited<ReturnType<typeof config_>>['body'], type: string) => body.membership_types.find((t) => t.id === type)?.price.value;

/** What an admin edit does to the rows, whichever endpoint or tool makes it. */
async function setPrice(storage: SqlStorage, org: string, type: string, amount: number): Promise<void> {
  await storage.transaction(async (tx) => {
    const row = (await tx.findOne('membership_types', { organization_id: org, id: type }))!;
    await tx.update('membership_types', { organization_id: org, id: type }, { price: { ...row.price, value: amount } } as Partial<MembershipTypeRecord>);
  });
}

function behaviour(open: () => Promise<{ a: SqlStorage; b: SqlStorage }>) {
  let one: { server: MemberkitServer; base: string };
  let two: { server: MemberkitServer; base: string };
  let storage: SqlStorage;
  before(async () => {
    const { a, b } = await open();
    storage = a;
    one = await start(a);
    two = a === b ? one : await start(b);
  });
  after(async () => {
    await one.server.close();
    if (two !== one) await two.server.close();
  });
  const cache = (server: MemberkitServer) => server.configCache.stats;

  it('answers repeated anonymous requests from the cache, each with its own request id', async () => {
    const first = await config_(one.base, 'demo');
    const hitsBefore = cache(one.server).hits;
    const second = await config_(one.base, 'demo');
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, first.body);
    assert.equal(cache(one.server).hits, hitsBefore + 1);
    assert.notEqual(second.requestId, first.requestId);
  });

  it('answers the edited price on the first request after an admin edit commits, on every server', async () => {
    const before = await config_(two.base, 'demo');
    await config_(one.base, 'demo');
    assert.equal(priceOf(before.body, 'annual'), 6000);
    await setPrice(storage, 'demo', 'annual', 6500);
    assert.equal(priceOf((await config_(one.base, 'demo')).body, 'annual'), 6500);
    assert.equal(priceOf((await config_(two.base, 'demo')).body, 'annual'), 6500);
    await setPrice(storage, 'demo', 'annual', 6000);
    assert.equal(priceOf((await config_(two.base, 'demo')).body, 'annual'), 6000);
  });

  it('answers an edit to every request asked after it commits while other visitors keep asking, on every server', async () => {
    await config_(two.base, 'demo');
    // Visitors keep asking (their version reads are shared) while the edit commits and after.
    let visiting = true;
    const visitors = Array.from({ length: 20 }, async () => {
      while (visiting) await config_(two.base, 'demo');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await setPrice(storage, 'demo', 'annual', 7000);
    const asked = await Promise.all(Array.from({ length: 10 }, () => config_(two.base, 'demo')));
    visiting = false;
    await Promise.all(visitors);
    assert.deepEqual(asked.map((answer) => priceOf(answer.body, 'annual')), Array(10).fill(7000));
    await setPrice(storage, 'demo', 'annual', 6000);
    assert.equal(priceOf((await config_(two.base, 'demo')).body, 'annual'), 6000);
  });

  it("never answers one organization's request with another's answer", async () => {
    const demo = await config_(one.base, 'demo');
    const jpy = await config_(one.base, 'demo-jpy');
    const again = await config_(one.base, 'demo');
    assert.equal(demo.body.organization.name, 'Riverside Makers Club');
    assert.notEqual(jpy.body.organization.name, demo.body.organization.name);
    assert.deepEqual(again.body, demo.body);
    assert.equal((await config_(one.base, 'no-such-org')).status, 404);
    assert.equal((await config_(one.base, 'no-such-org')).status, 404);
  });

  it('keeps a type-addressed answer apart and computes an edit of another organization without touching this one', async () => {
    const addressed = await config_(one.base, 'demo', '?membership_type=corporate');
    assert.ok(addressed.body.membership_types.some((t) => t.id === 'corporate'));
    assert.ok(!(await config_(one.base, 'demo')).body.membership_types.some((t) => t.id === 'corporate'));
    const hits = cache(one.server).hits;
    await setPrice(storage, 'demo-jpy', 'standard', 5100);
    await config_(one.base, 'demo', '?membership_type=corporate');
    assert.equal(cache(one.server).hits, hits + 1);
  });

  it('never answers a caller with credentials or an invitation code from the cache', async () => {
    await config_(one.base, 'demo');
    const forged = await config_(one.base, 'demo', '', { headers: { Authorization: 'Bearer not-a-token' } });
    assert.equal(forged.status, 401);
    const invited = await config_(one.base, 'demo', '?invitation=FOUNDERS-2019');
    assert.equal(invited.status, 422);
    const missing = await config_(one.base, 'demo', '?membership_type=founders');
    assert.notEqual(missing.status, 200);
  });
}

describe('signup-config cache on PGlite', () => {
  behaviour(async () => {
    const storage = await openPgliteStorage({});
    return { a: storage, b: storage };
  });
});

describePostgres('signup-config cache on PostgreSQL, two servers (each its own pool and cache) on one schema', (url) => {
  behaviour(async () => {
    const schema = freshSchema();
    const a = await openPostgresStorage({ url, schema });
    const b = await openPostgresStorage({ url, schema });
    return { a, b };
  });
});
