import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  addMonths,
  CalculatorError,
  compareDates,
  daysBetween,
  daysInMonth,
  isValidDate,
  localDate,
} from '../../src/calculators/index.js';

const code = (c: string) => (error: unknown) => error instanceof CalculatorError && error.code === c;

describe('calendar dates are YYYY-MM-DD strings with no time zone', () => {
  it('isValidDate accepts real days only: 2024-02-29 yes, 2023-02-29 / 2025-04-31 / 2025-13-01 no', () => {
    assert.equal(isValidDate('2024-02-29'), true);
    assert.equal(isValidDate('2000-02-29'), true);
    for (const bad of ['2023-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00']) {
      assert.equal(isValidDate(bad), false, bad);
    }
  });

  it('isValidDate is strict about the shape: no 2025-1-5, no times, no spaces, no non-strings', () => {
    for (const bad of ['2025-1-5', '2025-01-05T00:00', ' 2025-01-05', '2025/01/05', '+2025-01-0', '0000-01-01', 20250105, null]) {
      assert.equal(isValidDate(bad), false, String(bad));
    }
  });

  it('daysInMonth knows leap years: Feb 2024 29, Feb 1900 28, Feb 2000 29, April 30, July 31, August 31', () => {
    assert.deepEqual([daysInMonth(2024, 2), daysInMonth(1900, 2), daysInMonth(2000, 2)], [29, 28, 29]);
    assert.deepEqual([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m)), [31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });

  it('addDays crosses months, years and leap days: 2024-02-28 + 1 = 02-29, 2024-12-31 + 1 = 2025-01-01', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2024-02-28', 2), '2024-03-01');
    assert.equal(addDays('2024-12-31', 1), '2025-01-01');
    assert.equal(addDays('2025-03-01', -1), '2025-02-28');
    assert.equal(addDays('1970-01-01', -1), '1969-12-31');
    assert.equal(addDays('2020-06-20', 365), '2021-06-20');
  });

  it('daysBetween counts whole days, negative backwards: 2024-01-01 → 2025-01-01 is 366', () => {
    assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
    assert.equal(daysBetween('2025-01-01', '2024-01-01'), -366);
    assert.equal(daysBetween('2023-08-15', '2023-09-01'), 17);
  });

  it('compareDates orders dates and validates both', () => {
    assert.equal(compareDates('2025-01-02', '2025-01-10'), -1);
    assert.equal(compareDates('2025-01-10', '2025-01-10'), 0);
    assert.equal(compareDates('2026-01-01', '2025-12-31'), 1);
    assert.throws(() => compareDates('2025-02-30', '2025-01-01'), code('invalid_date'));
  });

  it('addMonths clamps to the month end: 2025-01-31 + 1 = 02-28, 2024-01-31 + 1 = 02-29, 2025-03-31 − 1 = 02-28', () => {
    assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2025-03-31', -1), '2025-02-28');
    assert.equal(addMonths('2025-11-15', 2), '2026-01-15');
  });

  it('fractional day or month counts throw invalid_count', () => {
    assert.throws(() => addDays('2025-01-01', 1.5), code('invalid_count'));
    assert.throws(() => addMonths('2025-01-01', Number.NaN), code('invalid_count'));
  });

  it('invalid dates and years beyond 9999 throw invalid_date', () => {
    assert.throws(() => addDays('2025-02-30', 1), code('invalid_date'));
    assert.throws(() => addDays('9999-12-31', 1), code('invalid_date'));
    assert.throws(() => addDays('0001-01-01', -1), code('invalid_date'));
  });
});

describe('"today" is the organization’s calendar date: localDate(instant, time zone)', () => {
  it('2026-01-01T03:00Z is 2025-12-31 in New York and 2026-01-01 in Tokyo', () => {
    assert.equal(localDate('2026-01-01T03:00:00Z', 'America/New_York'), '2025-12-31');
    assert.equal(localDate(new Date('2026-01-01T03:00:00Z'), 'Asia/Tokyo'), '2026-01-01');
    assert.equal(localDate(Date.UTC(2024, 1, 29, 12), 'UTC'), '2024-02-29');
  });

  it('crosses the date line: 2025-06-30T11:00Z is 2025-07-01 in Kiritimati (UTC+14)', () => {
    assert.equal(localDate('2025-06-30T11:00:00Z', 'Pacific/Kiritimati'), '2025-07-01');
  });

  it('an unknown time zone throws invalid_time_zone, an invalid instant invalid_date', () => {
    assert.throws(() => localDate('2025-01-01T00:00:00Z', 'Mars/Olympus'), code('invalid_time_zone'));
    assert.throws(() => localDate('not a time', 'UTC'), code('invalid_date'));
  });
});
