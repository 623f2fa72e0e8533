// The SQL storage on PostgreSQL passes the Storage port's conformance suite, with a second pool
// on the same schema playing a second server process. Each test gets a fresh schema.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleRows } from '@memberkit/api/testing';
import { sql } from 'kysely';
import pg from 'pg';
import { storageSuite } from '@memberkit/api/testing';
import { openPostgresStorage } from '../src/index.js';
import { describePostgres, freshSchema, schemaOfLast } from './databases.js';
import { conflictBehaviour } from './storage-behaviour.js';

describePostgres('SQL storage on PostgreSQL', (url) => {
  const schemaOf = new WeakMap<object, string>();
  storageSuite(
    { describe, it },
    {
      createStorage: async () => {
        const schema = freshSchema();
        const storage = await openPostgresStorage({ url, schema, poolSize: 4 });
        schemaOf.set(storage, schema);
        return storage;
      },
      openSecond: (first) => openPostgresStorage({ url, schema: schemaOf.get(first)!, poolSize: 4, migrate: false }),
    },
  );
  conflictBehaviour('PostgreSQL', () => openPostgresStorage({ url, schema: freshSchema(), poolSize: 2 }), { sql: true });

  it('a DATABASE_URL with its own options (a search_path) gets its tables there, with the server’s settings too', async () => {
    const schema = freshSchema();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create schema ${schema}`);
      const storage = await openPostgresStorage({ url: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}` });
      try {
        const { rows } = await sql<{ schema: string; seqscan: string }>`select current_schema() as schema, current_setting('enable_seqscan') as seqscan`.execute(storage.db);
        assert.deepEqual(rows, [{ schema, seqscan: 'off' }]);
        await storage.transaction((tx) => tx.insert('companies', sampleRows('org_a').companies));
        assert.equal((await client.query(`select count(*)::int as n from ${schema}.companies`)).rows[0].n, 1);
      } finally {
        await storage.close();
      }
    } finally {
      await client.end();
    }
  });

  describe('serialization on PostgreSQL', () => {
    const { discounts } = sampleRows('org_a');
    const key = { organization_id: 'org_a', id: discounts.id } as const;

    it('two writers that both read before either writes: one runs again, and no update is lost', async () => {
      const storage = await openPostgresStorage({ url, schema: freshSchema(), poolSize: 4 });
      try {
        await storage.transaction((tx) => tx.insert('discounts', discounts));
        let read = 0;
        let bothRead!: () => void;
        const latch = new Promise<void>((resolve) => (bothRead = resolve));
        const redeem = () =>
          storage.transaction(async (tx) => {
            // A first statement naming no single organization takes no write lock: optimistic.
            const [row] = await tx.find('discounts', { id: discounts.id });
            if (++read === 2) bothRead();
            await latch;
            await tx.update('discounts', key, { times_redeemed: row!.times_redeemed + 1 });
          });
        await Promise.all([redeem(), redeem()]);
        assert.equal((await storage.transaction((tx) => tx.findOne('discounts', key)))?.times_redeemed, 2);
        assert.ok(storage.stats.retries >= 1, `retries: ${storage.stats.retries}`);
      } finally {
        await storage.close();
      }
    });

    it('writers of one organization take turns (its write lock, before the snapshot): none runs again', async () => {
      const storage = await openPostgresStorage({ url, schema: freshSchema(), poolSize: 4 });
      const other = await openPostgresStorage({ url, schema: schemaOfLast(), poolSize: 4, migrate: false });
      try {
        await storage.transaction((tx) => tx.insert('discounts', discounts));
        const redeem = (on: typeof storage) =>
          on.transaction(async (tx) => {
            const row = await tx.findOne('discounts', key);
            await tx.update('discounts', key, { times_redeemed: row!.times_redeemed + 1 });
          });
        await Promise.all(Array.from({ length: 12 }, (_, i) => redeem(i % 2 ? storage : other)));
        assert.equal((await storage.transaction((tx) => tx.findOne('discounts', key)))?.times_redeemed, 12);
        assert.equal(storage.stats.retries + other.stats.retries, 0);
      } finally {
        await other.close();
        await storage.close();
      }
    });
  });
});

describePostgres('migrations beside other tenants on PostgreSQL', (url) => {
  it('opening a storage succeeds while other processes create and drop their schemas', async () => {
    // Kysely's Migrator reads every schema's privileges by name: a schema dropped by someone else
    // meanwhile failed the whole open with "schema … does not exist", naming theirs.
    const churn = new pg.Client({ connectionString: url });
    await churn.connect();
    let churning = true;
    const churned = (async () => {
      for (let i = 0; churning; i++) {
        const other = `${freshSchema()}_churn`;
        await churn.query(`create schema ${other}`);
        await churn.query(`drop schema ${other}`);
      }
    })();
    try {
      for (let round = 0; round < 15; round++) {
        const storages = await Promise.all([1, 2].map(() => openPostgresStorage({ url, schema: freshSchema(), poolSize: 1 })));
        await Promise.all(storages.map((storage) => storage.close()));
      }
    } finally {
      churning = false;
      await churned;
      await churn.end();
    }
  });
});
