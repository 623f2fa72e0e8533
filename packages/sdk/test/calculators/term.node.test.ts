import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addTerm, CalculatorError, type Term } from '../../src/calculators/index.js';

const code = (c: string) => (error: unknown) => error instanceof CalculatorError && error.code === c;
const yearly: Term = { duration: 1, duration_interval_type: 'year' };
const monthly: Term = { duration: 1, duration_interval_type: 'month' };

describe('terms rule 1: a new membership expires one term after the purchase date', () => {
  it('2020-06-20 + 1 year = 2021-06-20', () => {
    assert.equal(addTerm('2020-06-20', yearly), '2021-06-20');
  });

  it('count 0 is the anchor itself; count 3 of a 2-year term is 6 years on', () => {
    assert.equal(addTerm('2020-06-20', yearly, 0), '2020-06-20');
    assert.equal(addTerm('2020-06-20', { duration: 2, duration_interval_type: 'year' }, 3), '2026-06-20');
  });
});

describe('terms rule 2: months and years clamp to the month end, always from the anchor', () => {
  it('monthly from 2025-01-31: 02-28, 03-31, 04-30, 05-31', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => addTerm('2025-01-31', monthly, n)),
      ['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31'],
    );
  });

  it('yearly from 2024-02-29: 2025-02-28, 2026-02-28, 2027-02-28, 2028-02-29', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => addTerm('2024-02-29', yearly, n)),
      ['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29'],
    );
  });

  it('quarterly (3 months) from 2024-11-30: 2025-02-28, 2025-05-30, 2025-08-30', () => {
    const quarterly: Term = { duration: 3, duration_interval_type: 'month' };
    assert.deepEqual([1, 2, 3].map((n) => addTerm('2024-11-30', quarterly, n)), ['2025-02-28', '2025-05-30', '2025-08-30']);
  });

  it('day and week terms are exact day counts: 30 days from 2024-02-15 = 03-16, 2 weeks from 12-25 = 01-08', () => {
    assert.equal(addTerm('2024-02-15', { duration: 30, duration_interval_type: 'day' }), '2024-03-16');
    assert.equal(addTerm('2024-12-25', { duration: 2, duration_interval_type: 'week' }), '2025-01-08');
    assert.equal(addTerm('2024-12-25', { duration: 1, duration_interval_type: 'week' }, 3), '2025-01-15');
  });
});

describe('addTerm refuses what is not a term', () => {
  it('duration 0, negative, fractional or null throws invalid_duration', () => {
    for (const duration of [0, -1, 1.5, null, Number.NaN]) {
      assert.throws(() => addTerm('2025-01-01', { duration, duration_interval_type: 'month' }), code('invalid_duration'));
    }
  });

  it('lifetime has no term to add: invalid_interval', () => {
    assert.throws(() => addTerm('2025-01-01', { duration: null, duration_interval_type: 'lifetime' }), code('invalid_interval'));
    assert.throws(() => addTerm('2025-01-01', { duration: 1, duration_interval_type: 'fortnight' as 'day' }), code('invalid_interval'));
  });

  it('a negative or fractional count throws invalid_count; a bad anchor invalid_date', () => {
    assert.throws(() => addTerm('2025-01-01', yearly, -1), code('invalid_count'));
    assert.throws(() => addTerm('2025-01-01', yearly, 0.5), code('invalid_count'));
    assert.throws(() => addTerm('2025-02-29', yearly), code('invalid_date'));
  });
});
