// What the SQL storages promise beyond the port's conformance suite, run on PGlite, PostgreSQL
// and (for parity) the memory storage: a refused write inside a transaction leaves it usable, as
// in memory; a database error that the work swallows never commits silently.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { StorageConflictError, type Storage } from '@memberkit/api';
import { sampleRows } from '@memberkit/api/testing';

export function conflictBehaviour(label: string, createStorage: () => Promise<Storage>, options: { sql: boolean }): void {
  it(`${label}: a conflict caught inside the work leaves the transaction usable, and its other writes commit`, async () => {
    const storage = await createStorage();
    try {
      const { members, companies } = sampleRows('org_a');
      await storage.transaction((tx) => tx.insert('members', members));
      await storage.transaction(async (tx) => {
        await tx.insert('companies', companies);
        await assert.rejects(tx.insert('members', { ...members, id: 'other' }), (error: unknown) => error instanceof StorageConflictError && error.columns.includes('email'));
        await assert.rejects(tx.insert('members', members), (error: unknown) => error instanceof StorageConflictError && error.columns.includes('id'));
        await tx.insert('members', { ...members, id: 'bob', email: 'bob@example.org' });
        await assert.rejects(tx.update('members', { organization_id: 'org_a', id: 'bob' }, { email: members.email }), StorageConflictError);
        await tx.update('members', { organization_id: 'org_a', id: 'bob' }, { first_name: 'Bob' });
      });
      const stored = await storage.transaction((tx) => tx.find('members', {}));
      assert.deepEqual(stored.map((row) => [row.id, row.email, row.first_name]), [
        [members.id, members.email, members.first_name],
        ['bob', 'bob@example.org', 'Bob'],
      ]);
      assert.equal(await storage.transaction((tx) => tx.count('companies', {})), 1);
    } finally {
      await storage.close();
    }
  });

  it(`${label}: text with quotes, backslashes, placeholders and statements in it is stored as given, whether a write is sent at once or later with the commit`, async () => {
    const storage = await createStorage();
    try {
      const { companies, memberships } = sampleRows('org_a');
      const hostile = [`it's`, `back\\slash \\' \\\\ \\n`, `$1 $2::text $$ $a$ ?`, `E'\\x41'`, `'); drop table memberships; --`, `🙂 \u2028 "quoted" \t\n`];
      const companyKey = { organization_id: 'org_a', id: companies.id };
      const membershipKey = { organization_id: 'org_a', id: memberships.id };
      await storage.transaction(async (tx) => {
        // Read as absent first: the SQL storages may send such an insert with the commit.
        assert.equal(await tx.findOne('companies', companyKey), undefined);
        await tx.insert('companies', { ...companies, name: hostile.join(' | ') });
        await tx.insert('memberships', { ...memberships, membership_name: hostile[0]!, permissions: hostile });
        assert.equal((await tx.findOne('companies', companyKey))!.name, hostile.join(' | '));
      });
      await storage.transaction(async (tx) => {
        // Known rows, updated by key: the SQL storages may send these with the commit.
        const membership = (await tx.findOne('memberships', membershipKey))!;
        assert.deepEqual(membership.permissions, hostile);
        assert.equal((await tx.findOne('companies', companyKey))!.name, hostile.join(' | '));
        assert.equal(await tx.update('memberships', membershipKey, { membership_name: hostile[4]!, permissions: [...membership.permissions].reverse() }), 1);
        assert.equal(await tx.update('companies', companyKey, { name: hostile[1]! }), 1);
        assert.equal((await tx.findOne('memberships', membershipKey))!.membership_name, hostile[4]);
      });
      const [company, membership] = await storage.transaction(async (tx) => [await tx.findOne('companies', companyKey), await tx.findOne('memberships', membershipKey)] as const);
      assert.equal(company!.name, hostile[1]);
      assert.equal(membership!.membership_name, hostile[4]);
      assert.deepEqual(membership!.permissions, [...hostile].reverse());
      assert.equal(await storage.transaction((tx) => tx.count('memberships', {})), 1);
    } finally {
      await storage.close();
    }
  });

  it(`${label}: reads by key inside a transaction see its own inserts, updates and deletes, and the caller's copies only`, async () => {
    const storage = await createStorage();
    try {
      const { members } = sampleRows('org_a');
      const key = { organization_id: 'org_a', id: members.id };
      await storage.transaction(async (tx) => {
        assert.equal(await tx.findOne('members', key), undefined);
        await tx.insert('members', members);
        const read = (await tx.findOne('members', key))!;
        assert.deepEqual(read, { ...members, company_id: members.company_id ?? null });
        try {
          read.first_name = 'changed by the caller';
        } catch {
          // Frozen rows refuse the change: as good.
        }
        assert.equal((await tx.findOne('members', key))!.first_name, members.first_name);
        // An update by another filter than the key is seen by the next lookup by key.
        await tx.update('members', { organization_id: 'org_a', email: members.email }, { first_name: 'Ada' });
        assert.equal((await tx.findOne('members', key))!.first_name, 'Ada');
        assert.deepEqual((await tx.find('members', key)).map((row) => row.first_name), ['Ada']);
        await tx.delete('members', { organization_id: 'org_a', email: members.email });
        assert.equal(await tx.findOne('members', key), undefined);
        await tx.insert('members', { ...members, first_name: 'Again' });
      });
      assert.equal((await storage.transaction((tx) => tx.findOne('members', key)))!.first_name, 'Again');
    } finally {
      await storage.close();
    }
  });

  it(`${label}: inserts of new ids (fresh) read back as written and in insertion order, whenever they are sent; a taken unique column not read as free is still refused at the insert`, async () => {
    const storage = await createStorage();
    try {
      const { members, memberships } = sampleRows('org_a');
      await storage.transaction((tx) => tx.insert('members', members));
      const seen = await storage.transaction(async (tx) => {
        assert.equal(await tx.findOne('members', { organization_id: 'org_a', email: 'new@example.org' }), undefined);
        await tx.insert('members', { ...members, id: 'mem_new', email: 'new@example.org' }, { fresh: true });
        await tx.insert('memberships', { ...memberships, id: 'ms_new', member_id: 'mem_new' }, { fresh: true });
        await tx.update('memberships', { organization_id: 'org_a', id: 'ms_new' }, { state: 'confirmed' });
        await tx.insert('memberships', { ...memberships, id: 'ms_after', member_id: 'mem_new' }, { fresh: true });
        return {
          members: (await tx.find('members', { organization_id: 'org_a' })).map((row) => row.id),
          memberships: (await tx.find('memberships', { organization_id: 'org_a', member_id: 'mem_new' })).map((row) => [row.id, row.state]),
        };
      });
      assert.deepEqual(seen, { members: [members.id, 'mem_new'], memberships: [['ms_new', 'confirmed'], ['ms_after', memberships.state]] });
      await assert.rejects(
        storage.transaction((tx) => tx.insert('members', { ...members, id: 'mem_other' }, { fresh: true })),
        (error: unknown) => error instanceof StorageConflictError && error.columns.includes('email'),
      );
      const stored = await storage.transaction(async (tx) => ({
        member: await tx.findOne('members', { organization_id: 'org_a', email: 'new@example.org' }),
        memberships: (await tx.find('memberships', {})).map((row) => [row.id, row.state]),
        other: await tx.findOne('members', { organization_id: 'org_a', id: 'mem_other' }),
      }));
      assert.deepEqual(stored, { member: { ...members, id: 'mem_new', email: 'new@example.org', company_id: members.company_id ?? null }, memberships: [['ms_new', 'confirmed'], ['ms_after', memberships.state]], other: undefined });
    } finally {
      await storage.close();
    }
  });

  it(`${label}: reads announced with prefetch answer what find answers: rows and absences, with the transaction's writes before and after them`, async () => {
    const storage = await createStorage();
    try {
      const { members, memberships } = sampleRows('org_a');
      const ms = (id: string, member_id: string) => ({ ...memberships, id, member_id });
      await storage.transaction(async (tx) => {
        await tx.insert('members', members);
        await tx.insert('memberships', ms('ms_0', 'mem_1'));
        await tx.insert('memberships', ms('ms_1', 'mem_2'));
      });
      const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
      const seen = await storage.transaction(async (tx) => {
        const answers: Record<string, unknown> = {};
        // A known row updated by key first (a SQL storage may send that with the next statement).
        const before = (await tx.findOne('members', { organization_id: 'org_a', id: members.id }))!;
        await tx.update('members', { organization_id: 'org_a', id: before.id }, { first_name: 'Updated first' });
        tx.prefetch?.([
          { table: 'members', where: { organization_id: 'org_a', email: members.email } },
          { table: 'members', where: { organization_id: 'org_a', email: 'nobody@example.org' } },
          { table: 'memberships', where: { organization_id: 'org_a', member_id: 'mem_1' } },
          { table: 'memberships', where: { organization_id: 'org_a', id: 'ms_missing' } },
          { table: 'memberships', where: { organization_id: 'org_a', member_id: ['mem_1', 'mem_2'] } },
        ]);
        answers.other = ids(await tx.find('memberships', { organization_id: 'org_a', member_id: 'mem_2' }));
        answers.byEmail = (await tx.findOne('members', { organization_id: 'org_a', email: members.email }))?.first_name;
        answers.nobody = await tx.findOne('members', { organization_id: 'org_a', email: 'nobody@example.org' });
        answers.missing = await tx.findOne('memberships', { organization_id: 'org_a', id: 'ms_missing' });
        await tx.insert('memberships', ms('ms_2', 'mem_1'));
        await tx.insert('members', { ...members, id: 'mem_9', email: 'nobody@example.org' });
        answers.ofMember = ids(await tx.find('memberships', { organization_id: 'org_a', member_id: 'mem_1' }));
        answers.both = ids(await tx.find('memberships', { organization_id: 'org_a', member_id: ['mem_1', 'mem_2'] }));
        answers.nobodyNow = (await tx.findOne('members', { organization_id: 'org_a', email: 'nobody@example.org' }))?.id;
        // Announced, never asked, then the transaction ends: nothing of it is left behind.
        tx.prefetch?.([{ table: 'companies', where: { organization_id: 'org_a' } }]);
        return answers;
      });
      assert.deepEqual(seen, {
        other: ['ms_1'],
        byEmail: 'Updated first',
        nobody: undefined,
        missing: undefined,
        ofMember: ['ms_0', 'ms_2'],
        both: ['ms_0', 'ms_1', 'ms_2'],
        nobodyNow: 'mem_9',
      });
      assert.equal((await storage.transaction((tx) => tx.findOne('members', { organization_id: 'org_a', id: members.id })))!.first_name, 'Updated first');
    } finally {
      await storage.close();
    }
  });

  it(`${label}: a filter asked again inside a transaction sees its own inserts, updates and deletes since, in insertion order`, async () => {
    const storage = await createStorage();
    try {
      const { memberships } = sampleRows('org_a');
      const row = (id: string, state: 'pending' | 'confirmed', member_id: string | null = 'mem_1') => ({ ...memberships, id, member_id, state });
      await storage.transaction(async (tx) => {
        await tx.insert('memberships', row('ms_0', 'confirmed'));
        await tx.insert('memberships', row('ms_other', 'confirmed', 'mem_2'));
      });
      const confirmed = { organization_id: 'org_a', member_id: 'mem_1', state: 'confirmed' } as const;
      const ofMember = { member_id: 'mem_1', organization_id: 'org_a' } as const;
      const ids = (rows: { id: string }[]) => rows.map((membership) => membership.id);
      const seen = await storage.transaction(async (tx) => {
        const answers: Record<string, unknown> = {};
        answers.before = ids(await tx.find('memberships', confirmed));
        answers.ofMemberBefore = ids(await tx.find('memberships', ofMember));
        answers.none = ids(await tx.find('memberships', { organization_id: 'org_a', member_id: 'mem_3' }));
        await tx.insert('memberships', row('ms_1', 'pending'));
        await tx.insert('memberships', row('ms_3', 'pending', 'mem_3'));
        answers.afterPendingInsert = ids(await tx.find('memberships', confirmed));
        answers.ofMember = ids(await tx.find('memberships', ofMember));
        answers.mem3 = ids(await tx.find('memberships', { organization_id: 'org_a', member_id: 'mem_3' }));
        answers.count = await tx.count('memberships', ofMember);
        // A narrower filter than one asked before (its columns and more).
        answers.pendingOfMember = ids(await tx.find('memberships', { ...ofMember, state: 'pending' }));
        // An update that makes a row match, and one that makes a row stop matching.
        await tx.update('memberships', { organization_id: 'org_a', id: 'ms_1' }, { state: 'confirmed' });
        await tx.update('memberships', { organization_id: 'org_a', id: 'ms_0' }, { state: 'pending' });
        answers.afterUpdates = ids(await tx.find('memberships', confirmed));
        answers.firstConfirmed = ids(await tx.find('memberships', confirmed, { limit: 1 }));
        // A row moved to another member, by a filter that is not its key.
        await tx.update('memberships', { organization_id: 'org_a', member_id: 'mem_3' }, { member_id: 'mem_1', state: 'confirmed' });
        answers.moved = ids(await tx.find('memberships', confirmed));
        answers.mem3Left = ids(await tx.find('memberships', { organization_id: 'org_a', member_id: 'mem_3' }));
        await tx.delete('memberships', { organization_id: 'org_a', id: 'ms_1' });
        answers.afterDelete = ids(await tx.find('memberships', confirmed));
        answers.ofMemberAfter = ids(await tx.find('memberships', ofMember));
        answers.pendingAfter = ids(await tx.find('memberships', { ...ofMember, state: 'pending' }));
        answers.confirmedOfType = ids(await tx.find('memberships', { ...ofMember, state: 'confirmed', membership_type_id: memberships.membership_type_id }, { limit: 1 }));
        answers.countAfter = await tx.count('memberships', ofMember);
        // A list of keys: the rows that exist, once each, in insertion order.
        answers.list = ids(await tx.find('memberships', { organization_id: 'org_a', id: ['ms_3', 'ms_1', 'ms_0', 'ms_3', 'ms_other'] }));
        const sorted = await tx.find('memberships', ofMember);
        sorted.sort((a, b) => (a.id < b.id ? 1 : -1));
        answers.notSortedByTheCaller = ids(await tx.find('memberships', ofMember));
        return answers;
      });
      assert.deepEqual(seen, {
        before: ['ms_0'],
        ofMemberBefore: ['ms_0'],
        none: [],
        afterPendingInsert: ['ms_0'],
        ofMember: ['ms_0', 'ms_1'],
        mem3: ['ms_3'],
        count: 2,
        pendingOfMember: ['ms_1'],
        afterUpdates: ['ms_1'],
        firstConfirmed: ['ms_1'],
        moved: ['ms_1', 'ms_3'],
        mem3Left: [],
        afterDelete: ['ms_3'],
        ofMemberAfter: ['ms_0', 'ms_3'],
        pendingAfter: ['ms_0'],
        confirmedOfType: ['ms_3'],
        countAfter: 2,
        list: ['ms_0', 'ms_other', 'ms_3'],
        notSortedByTheCaller: ['ms_0', 'ms_3'],
      });
      assert.deepEqual(ids(await storage.transaction((tx) => tx.find('memberships', ofMember))), ['ms_0', 'ms_3']);
    } finally {
      await storage.close();
    }
  });

  if (options.sql) {
    it(`${label}: a database error the work swallows fails the commit instead of losing its writes quietly`, async () => {
      const storage = await createStorage();
      try {
        const { members, companies } = sampleRows('org_a');
        const swallowing = storage.transaction(async (tx) => {
          await tx.insert('companies', companies);
          // A NOT NULL column left out: the database refuses it and aborts the transaction.
          await tx.insert('members', { ...members, email: undefined as unknown as string }).catch(() => {});
          return 'done';
        });
        await assert.rejects(swallowing, /rolled back/);
        assert.equal(await storage.transaction((tx) => tx.count('companies', {})), 0);
      } finally {
        await storage.close();
      }
    });
  }
}
