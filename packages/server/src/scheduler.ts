// The lifecycle on a schedule: every few minutes, for each organization, the days from the one
// after the last it finished up to its today (in its own time zone) are run in order through the
// API's runDay, so that days missed while every server was down are caught up. Several server
// processes on one database never run an organization's lifecycle at once: each takes the
// organization's claim (an advisory lock on PostgreSQL) and reads again, holding it, which days
// are done. A day is recorded as done only once runDay returned; one that failed is tried again
// at the next tick, and later days wait for it (renewals and terminations happen in order).
import type { Clock } from '@memberkit/api';
import { addDays } from '@memberkit/sdk/calculators';
import type { Logger } from 'pino';
import type { SqlStorage } from './storage/sql-storage.js';

/** What the scheduler runs: the API's lifecycle for one organization's day. */
export interface LifecycleRunner {
  runDay(organizationId: string, day: string): Promise<unknown>;
}

export interface LifecycleSchedulerOptions {
  storage: SqlStorage;
  clock: Clock;
  lifecycle: LifecycleRunner;
  logger?: Logger;
  /** Between ticks, in ms (default five minutes). */
  intervalMs?: number;
  /** Days caught up at most per organization and tick (default 62: two months down). */
  maxCatchUpDays?: number;
}

/** What one organization's tick did. */
export interface OrganizationTick {
  organization_id: string;
  /** The days run, in order. */
  ran: string[];
  /** Another process holds the organization's lifecycle right now. */
  busy: boolean;
  /** The day that failed (later days wait), with the error. */
  failed?: { day: string; error: unknown };
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

export class LifecycleScheduler {
  readonly #storage: SqlStorage;
  readonly #clock: Clock;
  readonly #lifecycle: LifecycleRunner;
  readonly #logger: Logger | undefined;
  readonly #intervalMs: number;
  readonly #maxCatchUpDays: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = false;

  constructor(options: LifecycleSchedulerOptions) {
    this.#storage = options.storage;
    this.#clock = options.clock;
    this.#lifecycle = options.lifecycle;
    this.#logger = options.logger;
    this.#intervalMs = options.intervalMs ?? 5 * 60_000;
    this.#maxCatchUpDays = options.maxCatchUpDays ?? 62;
  }

  /** Ticks now, then every interval, until stop(). */
  start(): void {
    this.#stopped = false;
    const loop = async () => {
      this.#running = this.tick().catch((error) => this.#logger?.error({ err: error }, 'lifecycle tick failed'));
      await this.#running;
      if (!this.#stopped) {
        this.#timer = setTimeout(loop, this.#intervalMs);
        this.#timer.unref();
      }
    };
    void loop();
  }

  /** Stops ticking; resolves once a tick in progress has finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** Runs every organization's due days (see the file's comment). */
  async tick(): Promise<OrganizationTick[]> {
    const organizations = await this.#storage.transaction((tx) => tx.find('organizations', {}), { readOnly: true });
    const ticks: OrganizationTick[] = [];
    for (const organization of organizations) {
      if (this.#stopped) break;
      const today = this.#clock.today(organization.time_zone);
      ticks.push(await this.#catchUp(organization.id, today));
    }
    return ticks;
  }

  /** Runs one organization's day by hand (`memberkit-server run-lifecycle --date`), under its claim. */
  async runDay(organizationId: string, day: string): Promise<OrganizationTick> {
    if (!dayPattern.test(day)) throw new Error(`Not a date (YYYY-MM-DD): "${day}"`);
    return this.#underClaim(organizationId, async (tick) => {
      await this.#run(organizationId, day, 'by hand', tick);
    });
  }

  async #catchUp(organizationId: string, today: string): Promise<OrganizationTick> {
    return this.#underClaim(organizationId, async (tick) => {
      const last = await this.#lastFinished(organizationId);
      // An organization never run starts today: the lifecycle looks at today's state, and the
      // days before it existed (or before the scheduler did) have nothing to catch up.
      let day = last === null ? today : addDays(last, 1);
      const earliest = addDays(today, -(this.#maxCatchUpDays - 1));
      if (day < earliest) {
        this.#logger?.warn({ organization_id: organizationId, from: day, to: earliest }, 'lifecycle: more days missed than are caught up; the oldest are skipped');
        day = earliest;
      }
      for (; day <= today; day = addDays(day, 1)) {
        if (!(await this.#run(organizationId, day, 'scheduled', tick))) break;
      }
    });
  }

  async #underClaim(organizationId: string, work: (tick: OrganizationTick) => Promise<void>): Promise<OrganizationTick> {
    const tick: OrganizationTick = { organization_id: organizationId, ran: [], busy: false };
    const claim = await this.#storage.claim(`lifecycle|${organizationId}`);
    if (!claim) return { ...tick, busy: true };
    try {
      await work(tick);
    } finally {
      await claim.release();
    }
    return tick;
  }

  /** Runs `day` unless it is done; records it; false when it failed. */
  async #run(organizationId: string, day: string, how: 'scheduled' | 'by hand', tick: OrganizationTick): Promise<boolean> {
    if (how === 'scheduled' && (await this.#finished(organizationId, day))) return true;
    try {
      const report = await this.#lifecycle.runDay(organizationId, day);
      // A day whose memberships met errors (the processor down) is run again: runDay repeats
      // nothing it finished (its charges carry idempotency keys).
      const errors = (report as { errors?: { error: unknown }[] } | undefined)?.errors ?? [];
      if (errors.length > 0) throw new AggregateError(errors.map((entry) => entry.error), `${errors.length} membership(s) failed on ${day}`);
    } catch (error) {
      tick.failed = { day, error };
      this.#logger?.error({ err: error, organization_id: organizationId, day }, 'lifecycle: the day failed; it is tried again at the next tick');
      return false;
    }
    await this.#storage.db
      .insertInto('server_lifecycle_days')
      .values({ organization_id: organizationId, day, finished_at: Date.now(), how })
      .onConflict((conflict) => conflict.columns(['organization_id', 'day']).doUpdateSet({ finished_at: Date.now(), how }))
      .execute();
    tick.ran.push(day);
    this.#logger?.info({ organization_id: organizationId, day, how }, 'lifecycle: day finished');
    return true;
  }

  async #finished(organizationId: string, day: string): Promise<boolean> {
    const row = await this.#storage.db
      .selectFrom('server_lifecycle_days')
      .select('day')
      .where('organization_id', '=', organizationId)
      .where('day', '=', day)
      .executeTakeFirst();
    return row !== undefined;
  }

  async #lastFinished(organizationId: string): Promise<string | null> {
    const row = await this.#storage.db
      .selectFrom('server_lifecycle_days')
      .select((eb) => eb.fn.max('day').as('day'))
      .where('organization_id', '=', organizationId)
      // A day run by hand (maybe ahead of today) does not move the schedule.
      .where('how', '=', 'scheduled')
      .executeTakeFirst();
    return (row?.day as string | null | undefined) ?? null;
  }
}
