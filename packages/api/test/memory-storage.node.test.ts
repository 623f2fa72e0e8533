// The memory storage passes the Storage port's conformance suite, and keeps the promises the
// sandbox relies on: one transaction at a time, snapshots, synchronous reads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStorage, sampleRowsForTest } from './helpers.js';
import { storageSuite } from '../src/testing/index.js';

storageSuite({ describe, it }, { createStorage: async () => new MemoryStorage() });

describe('memory storage', () => {
  it('runs transactions one after another: the second starts after the first ends', async () => {
    const storage = new MemoryStorage();
    const order: string[] = [];
    let releaseFirst!: () => void;
    const gate = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = storage.transaction(async () => {
      order.push('first start');
      await gate;
      order.push('first end');
    });
    const second = storage.transaction(async () => {
      order.push('second start');
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(order, ['first start']);
    releaseFirst();
    await Promise.all([first, second]);
    assert.deepEqual(order, ['first start', 'first end', 'second start']);
  });

  it('a snapshot loads back into the same rows, in the same order, with the unique keys enforced', async () => {
    const storage = new MemoryStorage();
    const rows = sampleRowsForTest('org_a');
    await storage.transaction(async (tx) => {
      await tx.insert('members', rows.members);
      await tx.insert('members', { ...rows.members, id: 'bob', email: 'bob@example.org' });
    });
    const copy = new MemoryStorage({ snapshot: JSON.parse(JSON.stringify(storage.snapshot())) });
    assert.deepEqual(copy.rows('members').map((row) => row.id), [rows.members.id, 'bob']);
    assert.throws(() => copy.runSync((tx) => tx.insert('members', { ...rows.members, id: 'carol' })), /email/);
  });

  it('tells its listeners after a commit that wrote, not after a rollback or a read', async () => {
    const storage = new MemoryStorage();
    let commits = 0;
    storage.onCommit(() => (commits += 1));
    await storage.transaction((tx) => tx.insert('companies', sampleRowsForTest('org_a').companies));
    await storage.transaction((tx) => tx.find('companies', {}));
    await assert.rejects(
      storage.transaction(async (tx) => {
        await tx.delete('companies', {});
        throw new Error('no');
      }),
    );
    assert.equal(commits, 1);
    assert.equal(storage.rows('companies').length, 1);
  });

  it('runSync is refused while a transaction runs (its writes could be undone under it)', async () => {
    const storage = new MemoryStorage();
    let release!: () => void;
    const running = storage.transaction(() => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 1));
    assert.throws(() => storage.runSync((tx) => tx.count('companies', {})), /transaction is running/);
    release();
    await running;
    assert.equal(storage.runSync((tx) => tx.count('companies', {})), 0);
  });
});
