// The lifecycle scheduler: each organization's own day (its time zone), each day once across
// server processes, days missed while down caught up in order, a failed day tried again before
// later ones, days run by hand; on PGlite and PostgreSQL (two processes' storages on one schema).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '@memberkit/api';
import { localDate } from '@memberkit/sdk/calculators';
import { LifecycleScheduler } from '../src/scheduler.js';
import { openPgliteStorage, openPostgresStorage, seedDemo, type SqlStorage } from '../src/index.js';
import { describePostgres, freshSchema, schemaOfLast } from './databases.js';

/** A clock at an instant the test moves: each time zone's today is its own date then. */
class InstantClock implements Clock {
  constructor(public instant: number) {}
  now = () => this.instant;
  today = (timeZone: string) => localDate(new Date(this.instant), timeZone);
  advanceDays(days: number) {
    this.instant += days * 86_400_000;
  }
}

/** A runDay that counts (organization, day) runs and can be made slow or failing. */
function countingLifecycle() {
  const runs: string[] = [];
  let running = 0;
  let overlapped = false;
  const failing = new Set<string>();
  return {
    runs,
    failing,
    get overlapped() {
      return overlapped;
    },
    async runDay(organizationId: string, day: string) {
      running += 1;
      if (running > 1) overlapped = true;
      try {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (failing.has(`${organizationId} ${day}`)) throw new Error(`charge failed on ${day}`);
        runs.push(`${organizationId} ${day}`);
      } finally {
        running -= 1;
      }
    },
  };
}

// 2026-03-01 03:00 UTC: still 2026-02-28 in New York, already 2026-03-01 in Tokyo and Kuwait.
const start = Date.parse('2026-03-01T03:00:00Z');

function schedulerSuite(open: () => Promise<SqlStorage>, openSecond: () => Promise<SqlStorage>) {
  it('runs each organization’s own today, once however often it ticks', async () => {
    const storage = await open();
    try {
      const clock = new InstantClock(start);
      await seedDemo(storage, clock);
      const lifecycle = countingLifecycle();
      const scheduler = new LifecycleScheduler({ storage, clock, lifecycle });
      await scheduler.tick();
      await scheduler.tick();
      const organizations = await storage.transaction((tx) => tx.find('organizations', {}));
      const todays = organizations.map((organization) => `${organization.id} ${localDate(new Date(start), organization.time_zone)}`);
      assert.deepEqual(lifecycle.runs.sort(), todays.sort());
      assert.ok(lifecycle.runs.includes('demo 2026-02-28') && lifecycle.runs.includes('demo-jpy 2026-03-01'), 'New York and Tokyo on their own dates');
    } finally {
      await storage.close();
    }
  });

  it('catches up the days missed while down, in order; a failed day is tried again before later ones', async () => {
    const storage = await open();
    try {
      const clock = new InstantClock(start);
      await seedDemo(storage, clock);
      const lifecycle = countingLifecycle();
      const scheduler = new LifecycleScheduler({ storage, clock, lifecycle });
      await scheduler.tick();
      lifecycle.runs.length = 0;
      clock.advanceDays(3);
      lifecycle.failing.add('demo 2026-03-02');
      const ticks = await scheduler.tick();
      const demo = ticks.find((tick) => tick.organization_id === 'demo')!;
      assert.deepEqual(demo.ran, ['2026-03-01']);
      assert.equal(demo.failed?.day, '2026-03-02');
      assert.deepEqual(lifecycle.runs.filter((run) => run.startsWith('demo-jpy')), ['demo-jpy 2026-03-02', 'demo-jpy 2026-03-03', 'demo-jpy 2026-03-04']);
      lifecycle.failing.clear();
      lifecycle.runs.length = 0;
      await scheduler.tick();
      assert.deepEqual(lifecycle.runs, ['demo 2026-03-02', 'demo 2026-03-03'], 'the failed day, then the one that waited for it');
    } finally {
      await storage.close();
    }
  });

  it('two server processes ticking at once never run a day twice, nor one organization’s days side by side', async () => {
    const first = await open();
    const second = await openSecond();
    try {
      const clock = new InstantClock(start);
      await seedDemo(first, clock);
      const lifecycle = countingLifecycle();
      await new LifecycleScheduler({ storage: first, clock, lifecycle }).tick();
      clock.advanceDays(5);
      lifecycle.runs.length = 0;
      const perOrganization = new Map<string, number>();
      const counting = {
        async runDay(organizationId: string, day: string) {
          const now = (perOrganization.get(organizationId) ?? 0) + 1;
          perOrganization.set(organizationId, now);
          try {
            assert.equal(now, 1, `${organizationId}'s lifecycle ran twice at once`);
            await lifecycle.runDay(organizationId, day);
          } finally {
            perOrganization.set(organizationId, now - 1);
          }
        },
      };
      const a2 = new LifecycleScheduler({ storage: first, clock, lifecycle: counting });
      const b2 = new LifecycleScheduler({ storage: second, clock, lifecycle: counting });
      for (let round = 0; round < 3; round += 1) await Promise.all([a2.tick(), b2.tick(), a2.tick(), b2.tick()]);
      // Every seeded organization (the demo has several), each from the day after its own first
      // today (New York's was still February 28th) through the fifth.
      const organizations = await first.transaction((tx) => tx.find('organizations', {}));
      const expected = organizations.flatMap((organization) => {
        const firstToday = localDate(new Date(start), organization.time_zone);
        const days = [];
        for (let i = 1; i <= 5; i += 1) days.push(`${organization.id} ${localDate(new Date(Date.parse(`${firstToday}T12:00:00Z`) + i * 86_400_000), 'UTC')}`);
        return days;
      });
      assert.ok(expected.includes('demo 2026-03-01') && expected.includes('demo-jpy 2026-03-06'));
      assert.deepEqual([...lifecycle.runs].sort(), expected.sort(), 'every missed day once');
    } finally {
      await first.close();
      if (second !== first) await second.close();
    }
  });

  it('a day run by hand is run under the organization’s claim, and does not move the schedule', async () => {
    const storage = await open();
    try {
      const clock = new InstantClock(start);
      await seedDemo(storage, clock);
      const lifecycle = countingLifecycle();
      const scheduler = new LifecycleScheduler({ storage, clock, lifecycle });
      const ahead = await scheduler.runDay('demo-jpy', '2026-04-01');
      assert.deepEqual(ahead.ran, ['2026-04-01']);
      await scheduler.tick();
      assert.ok(lifecycle.runs.includes('demo-jpy 2026-03-01'), 'today still runs');
      await assert.rejects(scheduler.runDay('demo', '2026-3-1'), /Not a date/);
      const claim = await storage.claim('lifecycle|demo');
      try {
        assert.equal((await scheduler.runDay('demo', '2026-03-01')).busy, true);
      } finally {
        await claim!.release();
      }
    } finally {
      await storage.close();
    }
  });
}

describe('the lifecycle scheduler on PGlite', () => {
  // One PGlite database is one process's: the "second process" is a second scheduler on it.
  let shared: SqlStorage | undefined;
  schedulerSuite(
    async () => (shared = await openPgliteStorage()),
    async () => shared!,
  );
});

describePostgres('the lifecycle scheduler on PostgreSQL', (url) => {
  schedulerSuite(
    () => openPostgresStorage({ url, schema: freshSchema(), poolSize: 3 }),
    () => openPostgresStorage({ url, schema: schemaOfLast(), poolSize: 3 }),
  );
});
