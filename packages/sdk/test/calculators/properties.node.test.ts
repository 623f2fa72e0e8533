import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import {
  addTerm,
  CalculatorError,
  calculateExpiry,
  membershipStatus,
  PricingError,
  quotePrice,
  type Cycle,
  type Expiry,
  type ExpiryInput,
  type Term,
  type TermRules,
} from '../../src/calculators/index.js';
import { OracleError, oracleAddTerm, oracleCalculateExpiry } from './oracle.js';

const runs = { numRuns: 1500 };

// Dates from 1600 to 2400 (four century years, two of them leap), biased to month ends and
// February, where clamping happens.
const date = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1600, max: 2400 }), fc.constantFrom(1900, 2000, 2024, 2100, 2400)),
    month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(2)),
    fromEnd: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 30 })),
  })
  .map(({ year, month, fromEnd }) => {
    const last = Temporal.PlainYearMonth.from({ year, month }).daysInMonth;
    return Temporal.PlainDate.from({ year, month, day: Math.max(1, last - fromEnd) }).toString();
  });

const term: fc.Arbitrary<Term> = fc.oneof(
  fc.record({ duration: fc.integer({ min: 1, max: 400 }), duration_interval_type: fc.constant('day' as const) }),
  fc.record({ duration: fc.integer({ min: 1, max: 60 }), duration_interval_type: fc.constant('week' as const) }),
  fc.record({ duration: fc.integer({ min: 1, max: 36 }), duration_interval_type: fc.constant('month' as const) }),
  fc.record({ duration: fc.integer({ min: 1, max: 5 }), duration_interval_type: fc.constant('year' as const) }),
);

const longestDay = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const cyclicalType: fc.Arbitrary<TermRules> = fc.oneof(
  fc
    .record({ day: fc.integer({ min: 1, max: 28 }), buffer_days: fc.integer({ min: 0, max: 20 }), grace_days: fc.integer({ min: 0, max: 60 }) })
    .map(({ grace_days, ...cycle }) => ({
      duration: 1,
      duration_interval_type: 'month' as const,
      cycle: { ...cycle, month: null },
      grace_days,
    })),
  fc
    .record({
      month: fc.integer({ min: 1, max: 12 }),
      dayFromEnd: fc.integer({ min: 0, max: 30 }),
      buffer_days: fc.integer({ min: 0, max: 180 }),
      grace_days: fc.integer({ min: 0, max: 60 }),
    })
    .map(({ month, dayFromEnd, buffer_days, grace_days }) => ({
      duration: 1,
      duration_interval_type: 'year' as const,
      cycle: { month, day: Math.max(1, longestDay[month - 1]! - dayFromEnd), buffer_days },
      grace_days,
    })),
);
const anniversaryType: fc.Arbitrary<TermRules> = fc
  .tuple(term, fc.integer({ min: 0, max: 60 }))
  .map(([t, grace_days]) => ({ ...t, cycle: null, grace_days }));
const lifetimeType: TermRules = { duration: null, duration_interval_type: 'lifetime', cycle: null, grace_days: 0 };

const shift = (on: string, days: number) => Temporal.PlainDate.from(on).add({ days }).toString();

/** An answer or the code of the refusal, so both sides compare with deepEqual. */
const settle = (run: () => Expiry): Expiry | { error: string } => {
  try {
    return run();
  } catch (error) {
    if (error instanceof CalculatorError || error instanceof OracleError) return { error: error.code };
    throw error;
  }
};
const outcome = (type: TermRules, input: ExpiryInput) => settle(() => calculateExpiry(type, input));
const oracle = (type: TermRules, input: ExpiryInput) => settle(() => oracleCalculateExpiry(type, input));

describe('addTerm agrees with the Temporal oracle', () => {
  it('on random anchors (leap years, month ends), terms and counts', () => {
    fc.assert(
      fc.property(date, term, fc.integer({ min: 0, max: 40 }), (anchor, t, count) => {
        assert.equal(addTerm(anchor, t, count), oracleAddTerm(anchor, t, count));
      }),
      runs,
    );
  });

  it('n terms at once equal the anchor’s n-th term, never a chain (no drift to the 28th)', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 24 }), (anchor, n) => {
        const monthly: Term = { duration: 1, duration_interval_type: 'month' };
        const day = Number(anchor.slice(8));
        const result = addTerm(anchor, monthly, n);
        const month = Temporal.PlainDate.from(result);
        assert.equal(month.day, Math.min(day, month.daysInMonth));
      }),
      runs,
    );
  });
});

describe('calculateExpiry agrees with the Temporal oracle', () => {
  it('new purchases of anniversary, lifetime and cyclical types', () => {
    fc.assert(
      fc.property(fc.oneof(anniversaryType, cyclicalType, fc.constant(lifetimeType)), date, (type, purchased_on) => {
        assert.deepEqual(outcome(type, { purchased_on }), oracle(type, { purchased_on }));
      }),
      runs,
    );
  });

  it('renewals and reinstatements of anniversary memberships around their lapse and grace', () => {
    fc.assert(
      fc.property(
        anniversaryType,
        date,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -400, max: 100 }),
        fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
        fc.boolean(),
        (type, anchor, terms, offset, snapshotGrace, aligned) => {
          // Usually the lapse date is a term boundary; sometimes an admin moved it.
          const expires = aligned ? oracleAddTerm(anchor, type, terms) : shift(oracleAddTerm(anchor, type, terms), offset % 17);
          const input: ExpiryInput = {
            purchased_on: shift(expires, offset),
            current: { anchor_on: anchor, expires_on: expires, grace_days: snapshotGrace },
          };
          assert.deepEqual(outcome(type, input), oracle(type, input));
        },
      ),
      runs,
    );
  });

  it('renewals of cyclical memberships inside, before and after the window and grace', () => {
    fc.assert(
      fc.property(cyclicalType, date, fc.integer({ min: -220, max: 120 }), (type, bought, offset) => {
        const expires = calculateExpiry(type, { purchased_on: bought }).expires_on!;
        const input: ExpiryInput = { purchased_on: shift(expires, offset), current: { anchor_on: bought, expires_on: expires } };
        assert.deepEqual(outcome(type, input), oracle(type, input));
      }),
      runs,
    );
  });

  it('a cyclical expiry is always a cycle date more than buffer_days after the purchase', () => {
    fc.assert(
      fc.property(cyclicalType, date, (type, purchased_on) => {
        const cycle = type.cycle as Cycle;
        const expires = Temporal.PlainDate.from(calculateExpiry(type, { purchased_on }).expires_on!);
        assert.equal(expires.day, cycle.day);
        if (cycle.month != null) assert.equal(expires.month, cycle.month);
        assert.ok(Temporal.PlainDate.from(purchased_on).until(expires).days > cycle.buffer_days);
      }),
      runs,
    );
  });
});

describe('status follows the dates of any membership', () => {
  it('future until starts_on, active until expires_on, grace for grace_days, then expired', () => {
    fc.assert(
      fc.property(date, term, fc.integer({ min: 0, max: 60 }), (starts_on, t, grace_days) => {
        const expires_on = addTerm(starts_on, t);
        const status = (on: string) => membershipStatus({ state: 'confirmed', starts_on, expires_on, grace_days }, on);
        assert.equal(status(shift(starts_on, -1)), 'future');
        assert.equal(status(starts_on), 'active');
        assert.equal(status(shift(expires_on, -1)), 'active');
        assert.equal(status(expires_on), grace_days ? 'grace' : 'expired');
        assert.equal(status(shift(expires_on, grace_days)), 'expired');
        if (grace_days) assert.equal(status(shift(expires_on, grace_days - 1)), 'grace');
      }),
      runs,
    );
  });
});

describe('quotes always add up', () => {
  it('0 ≤ discount ≤ subtotal, total = subtotal − discount, percent within half a minor unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.oneof(
          fc.record({ percent_off: fc.integer({ min: 1, max: 10000 }).map((n) => n / 100) }),
          fc.record({ amount_off: fc.integer({ min: 0, max: 10_000_000 }), currency: fc.constant('EUR') }),
        ),
        (value, discount) => {
          let quote;
          try {
            quote = quotePrice({ price: { value, currency: 'EUR', type: 'fixed' } }, { discount });
          } catch (error) {
            // The only refusal possible here: a small total the processor would decline.
            assert.ok(error instanceof PricingError && error.code === 'below_processor_minimum');
            return;
          }
          assert.ok(quote.discount_amount >= 0 && quote.discount_amount <= quote.subtotal);
          assert.equal(quote.total, quote.subtotal - quote.discount_amount);
          assert.equal(quote.requires_payment, quote.total > 0);
          if ('percent_off' in discount && quote.discount_amount < quote.subtotal) {
            assert.ok(Math.abs(quote.discount_amount - (value * discount.percent_off) / 100) <= 0.5 + 1e-9);
          }
        },
      ),
      runs,
    );
  });
});
