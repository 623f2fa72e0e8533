// The Clock port on the system clock, and a settable clock for the sandbox and tests.
import { daysBetween, isValidDate, localDate } from '@memberkit/sdk/calculators';
import type { Clock } from '../ports/clock.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  today: (timeZone) => localDate(new Date(), timeZone),
};

export interface SettableClockOptions {
  /** A fixed `YYYY-MM-DD` today for every time zone (default null: each time zone's real date). */
  today?: string | null;
  /** The time zone a fixed today is read in when the clock moves (default UTC). */
  timeZone?: string;
}

/**
 * A clock whose today can be fixed: the real clock, moved by as many days as the fixed today is
 * from the real date (in `timeZone`) at the moment it was fixed. The offset is frozen then, so
 * the clock runs on without jumps (read against the real date of each call, it would fall back
 * 24 hours at every real midnight); fixing today one day later moves it by exactly 24 hours.
 */
export class SettableClock implements Clock {
  #today: string | null;
  #setAt = Date.now();
  readonly #timeZone: string;
  /** The offset of a fixed today from the real clock (ms), computed once per `setToday`. */
  #offset: number | null = null;

  constructor(options: SettableClockOptions = {}) {
    this.#timeZone = options.timeZone ?? 'UTC';
    this.#today = options.today === undefined || options.today === null ? null : checkDate(options.today);
  }

  /** The fixed today, or null: the real date. */
  get fixedToday(): string | null {
    return this.#today;
  }

  now(): number {
    const real = Date.now();
    if (this.#today === null) return real;
    this.#offset ??= daysBetween(localDate(new Date(this.#setAt), this.#timeZone), this.#today) * 86_400_000;
    return real + this.#offset;
  }

  today(timeZone: string): string {
    return this.#today ?? localDate(new Date(), timeZone);
  }

  /**
   * Fixes today (null: each time zone's real date). Moving a fixed today moves the clock by as
   * many days; `rebase` (a reset) restarts it from the real clock.
   */
  setToday(date: string | null, { rebase = false }: { rebase?: boolean } = {}): void {
    const next = date === null ? null : checkDate(date);
    if (rebase || this.#today === null) this.#setAt = Date.now();
    this.#today = next;
    this.#offset = null;
  }
}

function checkDate(date: string): string {
  if (!isValidDate(date)) throw new Error(`today must be a YYYY-MM-DD date, not ${JSON.stringify(date)}`);
  return date;
}
