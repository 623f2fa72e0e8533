import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firstRenewal } from '../../src/calculators/index.js';

const monthly = {
  id: 'monthly',
  price: { value: 900, currency: 'USD', type: 'fixed' as const },
  duration: 1,
  duration_interval_type: 'month' as const,
  cycle: null,
};

describe('firstRenewal: when and for how much a new membership first renews automatically', () => {
  it('a monthly plan bought 2026-12-04 renews at its price on 2027-01-04, the day it would lapse', () => {
    assert.deepEqual(firstRenewal(monthly, { purchased_on: '2026-12-04', auto_renew: true }), {
      on: '2027-01-04',
      quote: { currency: 'USD', subtotal: 900, discount_amount: 0, total: 900, requires_payment: true },
    });
  });

  it('a cyclical plan renews on its next cycle date (or the one after, inside its buffer)', () => {
    const season = { ...monthly, duration_interval_type: 'year' as const, cycle: { day: 1, month: 9, buffer_days: 3 } };
    assert.equal(firstRenewal(season, { purchased_on: '2026-12-04', auto_renew: true })?.on, '2027-09-01');
    assert.equal(firstRenewal(season, { purchased_on: '2027-08-30', auto_renew: true })?.on, '2028-09-01');
  });

  it('a donation renews at the amount given, within the bounds of the plan now', () => {
    const donation = { ...monthly, price: { value: 1500, currency: 'USD', type: 'donation' as const, maximum: 5000 } };
    assert.equal(firstRenewal(donation, { purchased_on: '2026-12-04', auto_renew: true, amount: 2500 })?.quote.total, 2500);
    assert.equal(firstRenewal(donation, { purchased_on: '2026-12-04', auto_renew: true, amount: 9000 })?.quote.total, 5000);
  });

  it('null without auto-renewal, and for a lifetime membership (it never lapses)', () => {
    assert.equal(firstRenewal(monthly, { purchased_on: '2026-12-04', auto_renew: false }), null);
    assert.equal(firstRenewal({ ...monthly, duration: null, duration_interval_type: 'lifetime' }, { purchased_on: '2026-12-04', auto_renew: true }), null);
  });
});
