// The Storage port's conformance suite: what every storage must do, run against the memory
// storage (this package's tests) and the server's SQL storages (PGlite, PostgreSQL). Pass the
// test functions of your runner (node:test's `describe` and `it`, mocha's, …).
import assert from 'node:assert/strict';
import { tableSpecs, type TableName } from '../ports/records.js';
import { StorageConflictError, type Storage } from '../ports/storage.js';
import { sampleRows } from './sample-rows.js';

export interface SuiteFunctions {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}

export interface StorageSuiteOptions {
  /** A new, empty storage for each test; it is closed after the test. */
  createStorage(): Promise<Storage>;
  /**
   * A second storage on the same data (another server process, another pool), to check claims
   * and serializability across them; omit for a storage that only one process can open.
   */
  openSecond?(first: Storage): Promise<Storage>;
}

const tables = Object.keys(tableSpecs) as TableName[];

export function storageSuite({ describe, it }: SuiteFunctions, options: StorageSuiteOptions): void {
  const withStorage = (body: (storage: Storage) => Promise<void>) => async () => {
    const storage = await options.createStorage();
    try {
      await body(storage);
    } finally {
      await storage.close();
    }
  };

  describe('rows: every column of every table reads back as written', () => {
    it('a complete row of each table (JSON nesting, nulls, unicode, SQL metacharacters)', withStorage(async (storage) => {
      const rows = sampleRows('org_a');
      await storage.transaction(async (tx) => {
        for (const table of tables) await tx.insert(table, rows[table] as never);
      });
      await storage.transaction(async (tx) => {
        for (const table of tables) {
          const found = await tx.find(table, {});
          assert.deepEqual(found, [rows[table]], table);
        }
      });
    }));

    it('a row read is the caller’s: changing it changes nothing stored', withStorage(async (storage) => {
      const { members } = sampleRows('org_a');
      await storage.transaction((tx) => tx.insert('members', members));
      await storage.transaction(async (tx) => {
        const row = (await tx.findOne('members', { organization_id: 'org_a', id: members.id }))!;
        try {
          row.first_name = 'Changed';
          (row.fields as Record<string, unknown>).display_name = 'Changed';
        } catch {
          // A storage may hand out frozen rows: refusing the change is as good.
        }
      });
      const again = await storage.transaction((tx) => tx.findOne('members', { organization_id: 'org_a', id: members.id }));
      assert.deepEqual(again, members);
    }));
  });

  describe('find, count: filters, order, limits', () => {
    const seed = (storage: Storage) =>
      storage.transaction(async (tx) => {
        const base = sampleRows('org_a').memberships;
        const rows = [
          { ...base, id: 'm3', member_id: 'alice', expires_on: '2027-01-01', auto_renew: true },
          { ...base, id: 'm1', member_id: 'bob', expires_on: null, auto_renew: false },
          { ...base, id: 'm2', member_id: 'alice', expires_on: '2026-06-01', auto_renew: false },
          { ...base, organization_id: 'org_b', id: 'm1', member_id: 'alice', expires_on: '2026-01-01' },
        ];
        for (const row of rows) await tx.insert('memberships', row);
      });
    const ids = (rows: { organization_id: string; id: string }[]) => rows.map((row) => `${row.organization_id}/${row.id}`);

    it('equality, a list of values, null and booleans; insertion order by default', withStorage(async (storage) => {
      await seed(storage);
      await storage.transaction(async (tx) => {
        assert.deepEqual(ids(await tx.find('memberships', {})), ['org_a/m3', 'org_a/m1', 'org_a/m2', 'org_b/m1']);
        assert.deepEqual(ids(await tx.find('memberships', { organization_id: 'org_a', member_id: 'alice' })), ['org_a/m3', 'org_a/m2']);
        assert.deepEqual(ids(await tx.find('memberships', { id: ['m1', 'm2'] })), ['org_a/m1', 'org_a/m2', 'org_b/m1']);
        assert.deepEqual(ids(await tx.find('memberships', { expires_on: null })), ['org_a/m1']);
        assert.deepEqual(ids(await tx.find('memberships', { organization_id: 'org_a', auto_renew: false })), ['org_a/m1', 'org_a/m2']);
        assert.deepEqual(ids(await tx.find('memberships', { member_id: [] })), []);
        assert.equal(await tx.count('memberships', { organization_id: 'org_a' }), 3);
        assert.equal(await tx.count('memberships', { organization_id: 'org_c' }), 0);
        assert.equal((await tx.findOne('memberships', { organization_id: 'org_b', id: 'm1' }))?.member_id, 'alice');
        assert.equal(await tx.findOne('memberships', { organization_id: 'org_c', id: 'm1' }), undefined);
      });
    }));

    it('orderBy (NULLs last ascending, first descending; text by code unit) and limit', withStorage(async (storage) => {
      await seed(storage);
      await storage.transaction(async (tx) => {
        const where = { organization_id: 'org_a' } as const;
        assert.deepEqual(ids(await tx.find('memberships', where, { orderBy: [['expires_on', 'asc']] })), ['org_a/m2', 'org_a/m3', 'org_a/m1']);
        assert.deepEqual(ids(await tx.find('memberships', where, { orderBy: [['expires_on', 'desc']] })), ['org_a/m1', 'org_a/m3', 'org_a/m2']);
        assert.deepEqual(ids(await tx.find('memberships', where, { orderBy: [['member_id', 'asc'], ['id', 'desc']], limit: 2 })), ['org_a/m3', 'org_a/m2']);
        assert.deepEqual(ids(await tx.find('memberships', {}, { limit: 1 })), ['org_a/m3']);
      });
      await storage.transaction(async (tx) => {
        const base = sampleRows('org_a').companies;
        for (const name of ['beta', 'Beta', 'alpha', 'Zed']) await tx.insert('companies', { ...base, id: name, name });
        const names = (await tx.find('companies', {}, { orderBy: [['name', 'asc']] })).map((row) => row.name);
        assert.deepEqual(names, ['Beta', 'Zed', 'alpha', 'beta']);
      });
    }));

    it('a filter on an undefined value is refused, not read as "every row"', withStorage(async (storage) => {
      await seed(storage);
      await assert.rejects(storage.transaction((tx) => tx.find('memberships', { member_id: undefined as unknown as string })));
      await assert.rejects(storage.transaction((tx) => tx.update('memberships', { id: undefined as unknown as string }, { auto_renew: true })));
      await assert.rejects(storage.transaction((tx) => tx.delete('memberships', { id: undefined as unknown as string })));
      assert.equal(await storage.transaction((tx) => tx.count('memberships', { auto_renew: true })), 1);
    }));
  });

  describe('insert, update, delete', () => {
    it('the key and the unique columns are unique; the same id in another organization is not a conflict', withStorage(async (storage) => {
      const { members } = sampleRows('org_a');
      await storage.transaction((tx) => tx.insert('members', members));
      await storage.transaction((tx) => tx.insert('members', { ...members, organization_id: 'org_b' }));
      const sameKey = storage.transaction((tx) => tx.insert('members', { ...members, email: 'other@example.org' }));
      await assert.rejects(sameKey, (error: unknown) => error instanceof StorageConflictError && error.table === 'members');
      const sameEmail = storage.transaction((tx) => tx.insert('members', { ...members, id: 'other' }));
      await assert.rejects(sameEmail, (error: unknown) => error instanceof StorageConflictError && error.columns.includes('email'));
      assert.equal(await storage.transaction((tx) => tx.count('members', {})), 2);
    }));

    it('update sets the patch on the matching rows and answers how many; a key column cannot change', withStorage(async (storage) => {
      const { members } = sampleRows('org_a');
      await storage.transaction(async (tx) => {
        await tx.insert('members', members);
        await tx.insert('members', { ...members, id: 'bob', email: 'bob@example.org' });
      });
      const changed = await storage.transaction((tx) =>
        tx.update('members', { organization_id: 'org_a', id: 'bob' }, { first_name: 'Bob', fields: { a: [1, 2] }, company_id: 'co_1' }),
      );
      assert.equal(changed, 1);
      assert.equal(await storage.transaction((tx) => tx.update('members', { organization_id: 'org_a', id: 'nobody' }, { first_name: 'X' })), 0);
      const bob = await storage.transaction((tx) => tx.findOne('members', { organization_id: 'org_a', id: 'bob' }));
      assert.deepEqual(bob, { ...members, id: 'bob', email: 'bob@example.org', first_name: 'Bob', fields: { a: [1, 2] }, company_id: 'co_1' });
      await assert.rejects(storage.transaction((tx) => tx.update('members', { organization_id: 'org_a', id: 'bob' }, { id: 'robert' })));
      const taken = storage.transaction((tx) => tx.update('members', { organization_id: 'org_a', id: 'bob' }, { email: members.email }));
      await assert.rejects(taken, StorageConflictError);
      assert.equal((await storage.transaction((tx) => tx.findOne('members', { organization_id: 'org_a', id: 'bob' })))?.email, 'bob@example.org');
    }));

    it('a publishable key names one organization; organizations without one (null) do not collide', withStorage(async (storage) => {
      const organization = (id: string, publishable_key: string | null) => ({ ...sampleRows(id).organizations, publishable_key });
      await storage.transaction(async (tx) => {
        await tx.insert('organizations', organization('org_a', 'pk_test_a'));
        // As in SQL, nulls are distinct: any number of organizations may have no key.
        await tx.insert('organizations', organization('org_b', null));
        await tx.insert('organizations', organization('org_c', null));
      });
      const sameKey = storage.transaction((tx) => tx.insert('organizations', organization('org_d', 'pk_test_a')));
      await assert.rejects(sameKey, (error: unknown) => error instanceof StorageConflictError && error.columns.includes('publishable_key'));
      const takenByUpdate = storage.transaction((tx) => tx.update('organizations', { id: 'org_b' }, { publishable_key: 'pk_test_a' }));
      await assert.rejects(takenByUpdate, StorageConflictError);
      // A key given up (set to null) is free for another organization, and findable under it.
      await storage.transaction(async (tx) => {
        await tx.update('organizations', { id: 'org_a' }, { publishable_key: null });
        await tx.update('organizations', { id: 'org_c' }, { publishable_key: 'pk_test_a' });
      });
      const named = await storage.transaction((tx) => tx.find('organizations', { publishable_key: 'pk_test_a' }));
      assert.deepEqual(named.map((row) => row.id), ['org_c']);
      assert.deepEqual((await storage.transaction((tx) => tx.find('organizations', { publishable_key: null }))).map((row) => row.id).sort(), ['org_a', 'org_b']);
      // A deleted organization frees its key.
      await storage.transaction((tx) => tx.delete('organizations', { id: 'org_c' }));
      await storage.transaction((tx) => tx.insert('organizations', organization('org_d', 'pk_test_a')));
      assert.equal(await storage.transaction((tx) => tx.count('organizations', {})), 3);
    }));

    it('delete removes the matching rows and answers how many', withStorage(async (storage) => {
      const { companies } = sampleRows('org_a');
      await storage.transaction(async (tx) => {
        for (const id of ['a', 'b', 'c']) await tx.insert('companies', { ...companies, id });
      });
      assert.equal(await storage.transaction((tx) => tx.delete('companies', { organization_id: 'org_a', id: ['a', 'c'] })), 2);
      assert.deepEqual((await storage.transaction((tx) => tx.find('companies', {}))).map((row) => row.id), ['b']);
      // The freed key can be used again.
      await storage.transaction((tx) => tx.insert('companies', { ...companies, id: 'a' }));
      assert.equal(await storage.transaction((tx) => tx.count('companies', {})), 2);
    }));
  });

  describe('transactions', () => {
    it('a transaction that throws leaves nothing behind, and its error comes through', withStorage(async (storage) => {
      const rows = sampleRows('org_a');
      await storage.transaction((tx) => tx.insert('members', rows.members));
      const failure = new Error('handler failed');
      await assert.rejects(
        storage.transaction(async (tx) => {
          await tx.insert('companies', rows.companies);
          await tx.update('members', { organization_id: 'org_a', id: rows.members.id }, { first_name: 'Changed' });
          await tx.delete('members', { organization_id: 'org_a', id: rows.members.id });
          await tx.insert('members', { ...rows.members, first_name: 'Again' });
          throw failure;
        }),
        (error) => error === failure,
      );
      assert.deepEqual(await storage.transaction((tx) => tx.find('members', {})), [rows.members]);
      assert.equal(await storage.transaction((tx) => tx.count('companies', {})), 0);
    }));

    it('a transaction sees its own writes', withStorage(async (storage) => {
      const { companies } = sampleRows('org_a');
      const seen = await storage.transaction(async (tx) => {
        await tx.insert('companies', companies);
        await tx.update('companies', { organization_id: 'org_a', id: companies.id }, { name: 'Renamed' });
        return (await tx.findOne('companies', { organization_id: 'org_a', id: companies.id }))?.name;
      });
      assert.equal(seen, 'Renamed');
    }));

    it('a transaction object cannot be used after its transaction ended', withStorage(async (storage) => {
      let leaked: Parameters<Parameters<Storage['transaction']>[0]>[0] | undefined;
      await storage.transaction(async (tx) => {
        leaked = tx;
      });
      await assert.rejects(async () => leaked!.insert('companies', sampleRows('org_a').companies));
      assert.equal(await storage.transaction((tx) => tx.count('companies', {})), 0);
    }));

    const concurrency = (label: string, second: (first: Storage) => Promise<Storage>) => {
      it(`${label}: concurrent read-modify-write transactions lose no update`, withStorage(async (storage) => {
        const other = await second(storage);
        try {
          const { discounts } = sampleRows('org_a');
          await storage.transaction((tx) => tx.insert('discounts', discounts));
          const redeem = (on: Storage) =>
            on.transaction(async (tx) => {
              const row = (await tx.findOne('discounts', { organization_id: 'org_a', id: discounts.id }))!;
              await tx.update('discounts', { organization_id: 'org_a', id: discounts.id }, { times_redeemed: row.times_redeemed + 1 });
            });
          await Promise.all(Array.from({ length: 10 }, (_, i) => redeem(i % 2 === 0 ? storage : other)));
          const row = await storage.transaction((tx) => tx.findOne('discounts', { organization_id: 'org_a', id: discounts.id }));
          assert.equal(row?.times_redeemed, 10);
        } finally {
          if (other !== storage) await other.close();
        }
      }));

      it(`${label}: "insert unless one exists" in concurrent transactions inserts once`, withStorage(async (storage) => {
        const other = await second(storage);
        try {
          const { memberships } = sampleRows('org_a');
          // The shape of the one-membership rule: look for a running one, create one if none.
          const signUp = (on: Storage, id: string) =>
            on.transaction(async (tx) => {
              const held = await tx.find('memberships', { organization_id: 'org_a', member_id: 'alice', state: 'confirmed' });
              if (held.length > 0) return false;
              await tx.insert('memberships', { ...memberships, id, member_id: 'alice' });
              return true;
            });
          const results = await Promise.all(Array.from({ length: 6 }, (_, i) => signUp(i % 2 === 0 ? storage : other, `m${i}`)));
          assert.equal(results.filter(Boolean).length, 1);
          assert.equal(await storage.transaction((tx) => tx.count('memberships', {})), 1);
        } finally {
          if (other !== storage) await other.close();
        }
      }));
    };
    concurrency('one storage', async (first) => first);
    if (options.openSecond) concurrency('two storages on the same data', options.openSecond);
  });

  describe('claims', () => {
    const claims = (label: string, second: (first: Storage) => Promise<Storage>) => {
      it(`${label}: a key is held by one claimant until released; other keys are free`, withStorage(async (storage) => {
        const other = await second(storage);
        try {
          const first = await storage.claim('org_a|public|key-1');
          assert.ok(first, 'the first claim holds');
          assert.equal(await other.claim('org_a|public|key-1'), null, 'a second claim of a held key is refused');
          const elsewhere = await other.claim('org_a|public|key-2');
          assert.ok(elsewhere, 'another key is free');
          await first.release();
          const again = await other.claim('org_a|public|key-1');
          assert.ok(again, 'a released key can be claimed again');
          await again.release();
          await elsewhere.release();
          await first.release(); // releasing twice is harmless
        } finally {
          if (other !== storage) await other.close();
        }
      }));
    };
    claims('one storage', async (first) => first);
    if (options.openSecond) claims('two storages on the same data', options.openSecond);
  });
}
