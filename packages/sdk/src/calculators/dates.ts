/**
 * Calendar dates as `YYYY-MM-DD` strings. Arithmetic runs on integer day numbers (days since
 * 1970-01-01 in the proleptic Gregorian calendar), never on `Date` objects, so there is no time
 * zone and no clock involved. Years 0001–9999 only: that is what the four-digit format holds.
 */
import { CalculatorError } from './errors.js';

/** A calendar date, `YYYY-MM-DD`. */
export type DateString = string;

const invalidDate = (date: unknown): never => {
  throw new CalculatorError('invalid_date', `Not a YYYY-MM-DD date: ${String(date)}`);
};

export const isLeapYear = (year: number): boolean =>
  year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : 30 + ((month + (month >> 3)) & 1);

// Read two/four ASCII digits without a regex or substring: this sits in the hot path.
const digits = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
};

/** `[year, month, day]` of a valid date; throws `invalid_date` otherwise. */
export const dateParts = (date: DateString): [number, number, number] => {
  if (typeof date !== 'string' || date.length !== 10 || date[4] !== '-' || date[7] !== '-') {
    return invalidDate(date);
  }
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
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
  if (y < 1 || y > 9999) invalidDate(`${y}-${m}-${d}`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
};

// Howard Hinnant's days_from_civil / civil_from_days: exact for the whole Gregorian range.
const dayNumberOf = (y: number, m: number, d: number): number => {
  if (m <= 2) y--;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
};

/** Days since 1970-01-01 (negative before). */
export const toDayNumber = (date: DateString): number => dayNumberOf(...dateParts(date));

export const fromDayNumber = (days: number): DateString => {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return formatDate(yoe + era * 400 + (m <= 2 ? 1 : 0), m, doy - Math.floor((153 * mp + 2) / 5) + 1);
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

const localDateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of an instant in an IANA time zone ("today" for an organization is
 * `localDate(new Date(), organization.time_zone)`; the clock stays with the caller).
 */
export const localDate = (instant: Date | string | number, timeZone: string): DateString => {
  let format = localDateFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    } catch {
      throw new CalculatorError('invalid_time_zone', `Unknown time zone: ${timeZone}`);
    }
    localDateFormats.set(timeZone, format);
  }
  const when = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(when.getTime())) invalidDate(instant);
  const parts: Record<string, number> = {};
  for (const { type, value } of format.formatToParts(when)) parts[type] = +value;
  return formatDate(parts.year!, parts.month!, parts.day!);
};
