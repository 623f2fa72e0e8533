/** Terms of a membership type: adding them to an anchor date, and checking a type's term rules. */
import { addDays, addMonths, dateParts, fromDayNumber, toDayNumber, type DateString } from './dates.js';
import { CalculatorError, type CalculatorErrorCode } from './errors.js';

export type DurationIntervalType = 'day' | 'week' | 'month' | 'year' | 'lifetime';

/** The length of one term: `duration` × `duration_interval_type` (duration null for lifetime). */
export interface Term {
  duration: number | null;
  duration_interval_type: DurationIntervalType;
}

/** A cyclical type's lapse date: `day` of every month, or `day` of `month` every year. */
export interface Cycle {
  day: number;
  month: number | null;
  buffer_days: number;
}

/** What the term and expiry calculators read of a membership type. */
export interface TermRules extends Term {
  cycle?: Cycle | null | undefined;
  grace_days?: number | null | undefined;
}

const isCount = (n: unknown, min: number): n is number => Number.isSafeInteger(n) && (n as number) >= min;

const fail = (code: CalculatorErrorCode, detail: unknown): never => {
  throw new CalculatorError(code, detail);
};

/** Whole months in one term of a month/year type; 0 for day/week types. */
const termMonths = (term: Term): number =>
  term.duration_interval_type === 'year' ? 12 * term.duration! : term.duration_interval_type === 'month' ? term.duration! : 0;

/** Whole days in one term of a day/week type. */
const termDays = (term: Term): number => (term.duration_interval_type === 'week' ? 7 : 1) * term.duration!;

const checkTerm = (term: Term): void => {
  const interval = term.duration_interval_type;
  if (interval !== 'day' && interval !== 'week' && interval !== 'month' && interval !== 'year') {
    fail('invalid_interval', interval);
  }
  if (!isCount(term.duration, 1)) fail('invalid_duration', term.duration);
};

/**
 * The date `count` terms after `anchorOn`. Month and year terms are computed from the anchor in
 * one step and clamped to the month's end (monthly from 2025-01-31: 02-28, 03-31, 04-30), never
 * chained from the previous expiry, which would drift to the 28th. Day and week terms are exact
 * day counts. Lifetime has no term: this throws `invalid_interval` (use `calculateExpiry`).
 */
export const addTerm = (anchorOn: DateString, term: Term, count = 1): DateString => {
  checkTerm(term);
  if (!isCount(count, 0)) fail('invalid_count', count);
  return addCheckedTerm(anchorOn, term, count);
};

/** `addTerm` for a term already checked. */
export const addCheckedTerm = (anchorOn: DateString, term: Term, count: number): DateString => {
  const months = termMonths(term);
  return months ? addMonths(anchorOn, months * count) : addDays(anchorOn, termDays(term) * count);
};

// February is held to 28 so a yearly cycle date exists every year.
const longestCycleDay = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Throws the specific `CalculatorError` for a type whose term rules cannot be honoured: duration
 * 0, cycle day 29 on a monthly type, a buffer over the limit, a cycle on a 2-month term, etc.
 */
export const checkTermRules = (type: TermRules): void => {
  const { cycle, grace_days: grace } = type;
  if (grace != null && !isCount(grace, 0)) fail('invalid_grace_days', grace);
  if (type.duration_interval_type !== 'lifetime') checkTerm(type);
  if (!cycle) return;
  const yearly = type.duration_interval_type === 'year';
  // Everyone lapsing on one date only works for a single month or year per period.
  if (!(yearly || type.duration_interval_type === 'month') || type.duration !== 1) {
    fail('invalid_cycle_interval', `${type.duration} ${type.duration_interval_type}`);
  }
  if (yearly ? !(isCount(cycle.month, 1) && cycle.month <= 12) : cycle.month != null) {
    fail('invalid_cycle_month', cycle.month);
  }
  if (!isCount(cycle.day, 1) || cycle.day > (yearly ? longestCycleDay[cycle.month! - 1]! : 28)) {
    fail('invalid_cycle_day', cycle.day);
  }
  if (!isCount(cycle.buffer_days, 0) || cycle.buffer_days > (yearly ? 180 : 20)) {
    fail('invalid_buffer_days', cycle.buffer_days);
  }
};

/** The first term boundary counted from `anchorOn` that falls after `on`: a renewal's new expiry. */
export const termAfter = (anchorOn: DateString, on: DateString, term: Term): DateString => {
  const months = termMonths(term);
  if (!months) {
    const anchor = toDayNumber(anchorOn);
    const step = termDays(term);
    return fromDayNumber(anchor + step * Math.max(1, Math.floor((toDayNumber(on) - anchor) / step) + 1));
  }
  const [y, m] = dateParts(anchorOn);
  const [onY, onM] = dateParts(on);
  // Whole terms by calendar month never overshoot; at most two steps reach the boundary after `on`.
  let count = Math.max(1, Math.floor(((onY - y) * 12 + onM - m) / months));
  let next: DateString;
  while ((next = addMonths(anchorOn, count * months)) <= on) count++;
  return next;
};
