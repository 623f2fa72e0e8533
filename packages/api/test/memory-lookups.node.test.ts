// The memory storage's lookup indexes (built once a table has some rows) answer exactly what a
// scan answers, in insertion order, through inserts, updates that move rows between values,
// deletes and rolled-back transactions: checked against a plain list on random histories.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryStorage, sampleRowsForTest } from './helpers.js';
import type { MembershipRecord } from '../src/ports/records.js';

const base = sampleRowsForTest('org_a').memberships;
const members = ['alice', 'bob', 'carol', null] as const;
const types = ['annual', 'monthly', 'free'] as const;

type Step =
  | { kind: 'insert'; id: number; member: (typeof members)[number]; type: (typeof types)[number] }
  | { kind: 'update'; member: (typeof members)[number]; type: (typeof types)[number] }
  | { kind: 'delete'; type: (typeof types)[number] }
  | { kind: 'rollback'; id: number; member: (typeof members)[number] };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insert' as const), id: fc.nat(200), member: fc.constantFrom(...members), type: fc.constantFrom(...types) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), member: fc.constantFrom(...members), type: fc.constantFrom(...types) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), type: fc.constantFrom(...types) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rollback' as const), id: fc.nat(200), member: fc.constantFrom(...members) }) },
);

const row = (id: string, member: string | null, type: string): MembershipRecord => ({ ...base, id, member_id: member, membership_type_id: type });

describe('memory storage lookup indexes', () => {
  it('answer what a scan of the rows in insertion order answers, after any history of writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 40, maxLength: 160 }), async (steps) => {
        const storage = new MemoryStorage();
        let model: MembershipRecord[] = [];
        let n = 0;
        for (const s of steps) {
          if (s.kind === 'insert') {
            const id = `m${s.id}_${n++}`;
            await storage.transaction((tx) => tx.insert('memberships', row(id, s.member, s.type)));
            model.push(row(id, s.member, s.type));
          } else if (s.kind === 'update') {
            // Every row of the type moves to another member: the member_id lookup must follow.
            await storage.transaction((tx) => tx.update('memberships', { organization_id: 'org_a', membership_type_id: s.type }, { member_id: s.member }));
            model = model.map((m) => (m.membership_type_id === s.type ? { ...m, member_id: s.member } : m));
          } else if (s.kind === 'delete') {
            await storage.transaction((tx) => tx.delete('memberships', { organization_id: 'org_a', membership_type_id: s.type }));
            model = model.filter((m) => m.membership_type_id !== s.type);
          } else {
            // Writes undone: an insert, a move of every row, a delete (and a lookup built meanwhile).
            await assert.rejects(
              storage.transaction(async (tx) => {
                await tx.insert('memberships', row(`r${s.id}_${n++}`, s.member, 'annual'));
                await tx.update('memberships', { organization_id: 'org_a', membership_type_id: 'monthly' }, { member_id: s.member, state: 'declined' });
                await tx.find('memberships', { organization_id: 'org_a', state: 'declined' });
                await tx.delete('memberships', { organization_id: 'org_a', member_id: 'bob' });
                throw new Error('undo');
              }),
              /undo/,
            );
          }
          const ids = (rows: readonly MembershipRecord[]) => rows.map((m) => m.id);
          for (const member of members) {
            for (const type of [undefined, ...types]) {
              const where = { organization_id: 'org_a', member_id: member, ...(type ? { membership_type_id: type } : {}) };
              const expected = model.filter((m) => m.member_id === member && (!type || m.membership_type_id === type));
              const found = await storage.transaction((tx) => tx.find('memberships', where));
              assert.deepEqual(ids(found), ids(expected), JSON.stringify(where));
            }
          }
          assert.deepEqual(ids(await storage.transaction((tx) => tx.find('memberships', { state: 'declined' }))), []);
          const some = model.slice(0, 3).map((m) => m.id);
          assert.deepEqual(ids(await storage.transaction((tx) => tx.find('memberships', { organization_id: 'org_a', id: [...some].reverse() }))), some);
        }
      }),
      { numRuns: 25 },
    );
  });
});
