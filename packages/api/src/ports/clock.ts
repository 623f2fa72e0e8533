// The Clock port: the API's "now" and each organization's "today". Implementations: the system
// clock (memory/clock.ts: systemClock), and the sandbox's settable clock.

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** The calendar date (`YYYY-MM-DD`) in `timeZone` (IANA) at `now()`. */
  today(timeZone: string): string;
}
