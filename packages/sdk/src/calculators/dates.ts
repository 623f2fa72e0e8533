/**
 * Calendar dates as `YYYY-MM-DD` strings. Arithmetic runs on integer day numbers (days since
 * 1970-01-01 in the proleptic Gregorian calendar), never on `Date` objects, so there is no time
 * zone and no clock involved. Years 0001–9999 only: that is what the four-digit format holds.
 */
import { CalculatorError } from './errors.js';

/** A calendar date, `YYYY-MM-DD`. */
export type DateString = string;

const invalidDate = (date: unknown): never => {
  throw new CalculatorError('invalid_date', date);
};

export const isLeapYear = (year: number): boolean =>
  year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : 30 + ((month + (month >> 3)) & 1);

/** `[year, month, day]` of a valid date; throws `invalid_date` otherwise. */
export const dateParts = (date: DateString): [number, number, number] => {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  const [y, m, d] = match ? [+match[1]!, +match[2]!, +match[3]!] : [0, 0, 0];
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) invalidDate(date);
  return [y, m, d];
};

/** True for a strict `YYYY-MM-DD` string naming a day that exists (no 2023-02-29). */
export const isValidDate = (date: unknown): date is DateString => {
  try {
    dateParts(date as string);
    return true;
  } catch {
    return false;
  }
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Formats a year, month and day, refusing years the four-digit format cannot hold. */
export const formatDate = (y: number, m: number, d: number): DateString => {
  if (!(y >= 1 && y <= 9999)) invalidDate(`${y}-${m}-${d}`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
};

// Day numbers through UTC milliseconds: exact (UTC has no daylight saving) and small. setUTCFullYear
// rather than Date.UTC, which would read years 1–99 as 1901–1999.
const DAY = 864e5;

/** Days since 1970-01-01 (negative before). */
export const toDayNumber = (date: DateString): number => {
  const [y, m, d] = dateParts(date);
  return new Date(0).setUTCFullYear(y, m - 1, d) / DAY;
};

export const fromDayNumber = (days: number): DateString => {
  const date = new Date(days * DAY);
  return formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
};

export const addDays = (date: DateString, days: number): DateString =>
  fromDayNumber(toDayNumber(date) + days);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: DateString, to: DateString): number =>
  toDayNumber(to) - toDayNumber(from);

/** -1, 0 or 1, for sorting. Both dates are validated. */
export const compareDates = (a: DateString, b: DateString): -1 | 0 | 1 => {
  dateParts(a);
  dateParts(b);
  // Fixed-width ISO dates sort as strings.
  return a < b ? -1 : a > b ? 1 : 0;
};

/**
 * `months` calendar months after `date`, clamped to the last day of a short month
 * (2025-01-31 + 1 month = 2025-02-28).
 */
export const addMonths = (date: DateString, months: number): DateString => {
  const [y, m, d] = dateParts(date);
  const total = y * 12 + m - 1 + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return formatDate(year, month, Math.min(d, daysInMonth(year, month)));
};

/**
 * The calendar date of an instant in an IANA time zone ("today" for an organization is
 * `localDate(new Date(), organization.time_zone)`; the clock stays with the caller).
 */
export const localDate = (instant: Date | string | number, timeZone: string): DateString => {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(
      new Date(instant),
    );
  } catch {
    // An invalid instant is a RangeError from formatToParts, an unknown zone one from the constructor.
    throw Number.isNaN(+new Date(instant)) ? new CalculatorError('invalid_date', instant) : new CalculatorError('invalid_time_zone', timeZone);
  }
  const part = (type: string) => +parts.find((p) => p.type === type)!.value;
  return formatDate(part('year'), part('month'), part('day'));
};
