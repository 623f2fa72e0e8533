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

const invalidCount = (n: unknown): never => {
  throw new CalculatorError('invalid_count', n);
};

export const isLeapYear = (year: number): boolean =>
  year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : 30 + ((month + (month >> 3)) & 1);

// Reads ASCII digits without a regex or substrings: this is the hot path of every calculator.
const digits = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let c; from < to; from++) n = (c = s.charCodeAt(from) - 48) >= 0 && c <= 9 ? n * 10 + c : NaN;
  return n;
};

/** `[year, month, day]` of a valid date; throws `invalid_date` otherwise. */
export const dateParts = (date: DateString): [number, number, number] => {
  if (typeof date != 'string') invalidDate(date);
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  // Each check is false for NaN, so a non-digit anywhere fails it.
  if (!(date.length === 10 && date[4] === '-' && date[7] === '-' && y > 0 && m > 0 && m < 13 && d > 0 && d <= daysInMonth(y, m))) {
    invalidDate(date);
  }
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

const twoDigits = (n: number): string => (n < 10 ? '0' : '') + n;

/** Formats a year, month and day, refusing years the four-digit format cannot hold. */
export const formatDate = (y: number, m: number, d: number): DateString => {
  if (!(y >= 1 && y <= 9999)) invalidDate(`${y}-${m}-${d}`);
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${twoDigits(m)}-${twoDigits(d)}`;
};

// Howard Hinnant's days_from_civil / civil_from_days: exact integer arithmetic over the whole
// Gregorian range, and several times faster than going through Date.
const { floor } = Math;

/** Days since 1970-01-01 (negative before). */
export const toDayNumber = (date: DateString): number => {
  let [y, m, d] = dateParts(date);
  if (m < 3) y--;
  const era = floor(y / 400);
  const yoe = y - era * 400;
  return era * 146097 + yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + floor((153 * ((m + 9) % 12) + 2) / 5) + d - 719469;
};

export const fromDayNumber = (days: number): DateString => {
  const z = days + 719468;
  const era = floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365);
  const doy = doe - yoe * 365 - floor(yoe / 4) + floor(yoe / 100);
  const mp = floor((5 * doy + 2) / 153);
  const m = ((mp + 2) % 12) + 1;
  return formatDate(yoe + era * 400 + (m < 3 ? 1 : 0), m, doy - floor((153 * mp + 2) / 5) + 1);
};

/** Throws `invalid_count` for a count of days or months that is not a whole number. */
const whole = (n: number): number => (Number.isSafeInteger(n) ? n : invalidCount(n));

export const addDays = (date: DateString, days: number): DateString =>
  fromDayNumber(toDayNumber(date) + whole(days));

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
  const total = y * 12 + m - 1 + whole(months);
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
