/**
 * The membership domain's rules as pure functions: no I/O, no clock ("today" is a parameter),
 * no dependencies, so the widget, the sandbox API and SDK users compute the same answers.
 * @module @memberkit/sdk/calculators
 */
export * from './errors.js';
export {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  daysInMonth,
  isLeapYear,
  isValidDate,
  localDate,
  type DateString,
} from './dates.js';
export {
  addTerm,
  checkTermRules,
  type Cycle,
  type DurationIntervalType,
  type Term,
  type TermRules,
} from './term.js';
export * from './expiry.js';
export * from './status.js';
export * from './renewal.js';
export * from './auto-renew.js';
export * from './one-membership.js';
export * from './default-type.js';
export * from './type-archiving.js';
export * from './permissions.js';
export * from './money.js';
export * from './currency-code.js';
export * from './discounts.js';
export * from './invitations.js';
export * from './pricing.js';
export * from './fields.js';
export * from './people.js';
export * from './url.js';
export * from './patterns.js';
export * from './membership-type.js';
export * from './field-values.js';
export * from './refunds.js';
export * from './disputes.js';
