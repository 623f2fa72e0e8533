import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CalculatorError,
  checkDiscount,
  PricingError,
  quotePrice,
  type DiscountTerms,
  type PricedType,
} from '../../src/calculators/index.js';

const code = (c: string) => (error: unknown) => error instanceof CalculatorError && error.code === c;
const pricing = (c: string, limit?: number) => (error: unknown) =>
  error instanceof PricingError && error.code === c && (limit === undefined || error.limit === limit);

const fixed = (value: number, currency = 'USD'): PricedType => ({ id: 'annual', price: { value, currency, type: 'fixed' } });
const supporter: PricedType = {
  id: 'supporter',
  price: { value: 1500, currency: 'USD', type: 'donation', maximum: 100000, presets: [2500, 5000, 10000] },
};
const percent = (percent_off: number): DiscountTerms => ({ code: 'P', percent_off, amount_off: null, currency: null });
const amountOff = (amount_off: number, currency = 'USD'): DiscountTerms => ({ code: 'A', percent_off: null, amount_off, currency });

describe('prices rule 1: fixed prices and donations', () => {
  it('fixed 6000 USD → subtotal 6000, total 6000, requires payment', () => {
    assert.deepEqual(quotePrice(fixed(6000)), { currency: 'USD', subtotal: 6000, discount_amount: 0, total: 6000, requires_payment: true });
  });

  it('a fixed price ignores any amount sent with it', () => {
    assert.equal(quotePrice(fixed(6000), { amount: 10 }).total, 6000);
  });

  it('donation of 5000 within 1500…100000 → 5000; the bounds themselves are allowed', () => {
    assert.equal(quotePrice(supporter, { amount: 5000 }).total, 5000);
    assert.equal(quotePrice(supporter, { amount: 1500 }).total, 1500);
    assert.equal(quotePrice(supporter, { amount: 100000 }).total, 100000);
  });

  it('an empty amount uses the first preset (2500), else the minimum', () => {
    assert.equal(quotePrice(supporter, {}).total, 2500);
    assert.equal(quotePrice(supporter, { amount: null }).total, 2500);
    assert.equal(quotePrice({ price: { ...supporter.price, presets: [] } }).total, 1500);
    assert.equal(quotePrice({ price: { ...supporter.price, presets: null } }).total, 1500);
  });

  it('the empty amount takes the first preset inside the bounds: presets [500, 2000] with minimum 1500 → 2000', () => {
    assert.equal(quotePrice({ price: { ...supporter.price, presets: [500, 2000] } }).total, 2000);
  });

  it('no preset inside the bounds → the minimum: presets [500] with minimum 1500 → 1500, not 500; [200000] over a 100000 ceiling → 1500', () => {
    assert.equal(quotePrice({ price: { ...supporter.price, presets: [500] } }).total, 1500);
    assert.equal(quotePrice({ price: { ...supporter.price, presets: [200000] } }).total, 1500);
    assert.equal(quotePrice({ price: { ...supporter.price, maximum: null, presets: [200000] } }).total, 200000);
  });

  it('1499 → amount_below_minimum (limit 1500), 100001 → amount_above_maximum (limit 100000), 2500.5 → amount_not_integer', () => {
    assert.throws(() => quotePrice(supporter, { amount: 1499 }), pricing('amount_below_minimum', 1500));
    assert.throws(() => quotePrice(supporter, { amount: 100001 }), pricing('amount_above_maximum', 100000));
    assert.throws(() => quotePrice(supporter, { amount: 2500.5 }), pricing('amount_not_integer'));
    assert.throws(() => quotePrice(supporter, { amount: Number.NaN }), pricing('amount_not_integer'));
  });

  it('a donation without maximum has no ceiling', () => {
    assert.equal(quotePrice({ price: { value: 100, currency: 'USD', type: 'donation' } }, { amount: 10_000_000 }).total, 10_000_000);
  });

  it('PricingError is a CalculatorError and an Error', () => {
    assert.throws(() => quotePrice(supporter, { amount: 1 }), (e: unknown) => e instanceof CalculatorError && e instanceof Error);
  });
});

describe('prices rule 2: one discount, percent half up on minor units or amount_off in the same currency', () => {
  it('20 % of 599 = 119.8 → 120; total 479', () => {
    assert.deepEqual(quotePrice(fixed(599), { discount: percent(20) }), {
      currency: 'USD', subtotal: 599, discount_amount: 120, total: 479, requires_payment: true,
    });
  });

  it('half up: 50 % of 999 = 499.5 → 500; 10 % of 995 = 99.5 → 100; 10 % of 994 = 99.4 → 99', () => {
    assert.equal(quotePrice(fixed(999), { discount: percent(50) }).discount_amount, 500);
    assert.equal(quotePrice(fixed(995), { discount: percent(10) }).discount_amount, 100);
    assert.equal(quotePrice(fixed(994), { discount: percent(10) }).discount_amount, 99);
  });

  it('fractional percents stay exact: 12.5 % of 6000 = 750; 33.33 % of 6000 = 1999.8 → 2000', () => {
    assert.equal(quotePrice(fixed(6000), { discount: percent(12.5) }).discount_amount, 750);
    assert.equal(quotePrice(fixed(6000), { discount: percent(33.33) }).discount_amount, 2000);
  });

  it('zero-decimal: 20 % of ¥1999 = 399.8 → 400, total ¥1599', () => {
    const quote = quotePrice(fixed(1999, 'JPY'), { discount: percent(20) });
    assert.deepEqual([quote.currency, quote.discount_amount, quote.total], ['JPY', 400, 1599]);
  });

  it('amount_off 1000 USD on 6000 USD → 5000; the currency matches whatever its case', () => {
    assert.equal(quotePrice(fixed(6000), { discount: amountOff(1000) }).total, 5000);
    assert.equal(quotePrice(fixed(6000), { discount: amountOff(1000, 'usd') }).total, 5000);
  });

  it('amount_off in EUR on a USD price → discount_currency_mismatch', () => {
    assert.throws(() => quotePrice(fixed(6000), { discount: amountOff(1000, 'EUR') }), pricing('discount_currency_mismatch'));
  });

  it('the total never goes below 0: 1000 off 900 → discount 900, total 0, no payment', () => {
    assert.deepEqual(quotePrice(fixed(900), { discount: amountOff(1000) }), {
      currency: 'USD', subtotal: 900, discount_amount: 900, total: 0, requires_payment: false,
    });
  });

  it('100 % off → total 0, no payment', () => {
    assert.equal(quotePrice(fixed(6000), { discount: percent(100) }).requires_payment, false);
  });

  it('discounts do not apply to donations: discount_not_applicable', () => {
    assert.throws(() => quotePrice(supporter, { amount: 5000, discount: percent(20) }), pricing('discount_not_applicable'));
  });

  it('a discount limited to other types → discount_not_applicable; to this type or to none → applies', () => {
    const onlyMonthly = { ...percent(20), membership_type_ids: ['monthly'] };
    assert.throws(() => quotePrice(fixed(6000), { discount: onlyMonthly }), pricing('discount_not_applicable'));
    assert.equal(quotePrice(fixed(6000), { discount: { ...percent(20), membership_type_ids: ['annual'] } }).total, 4800);
    assert.equal(quotePrice(fixed(6000), { discount: { ...percent(20), membership_type_ids: [] } }).total, 4800);
  });

  it('a malformed discount (percent 0 or 150, negative amount, neither) throws invalid_discount', () => {
    for (const bad of [percent(0), percent(150), amountOff(-5), amountOff(1.5), { code: 'X' }]) {
      assert.throws(() => quotePrice(fixed(6000), { discount: bad }), code('invalid_discount'));
    }
  });
});

describe('prices rule 2: a discount is either percent_off or amount_off, never both', () => {
  it('percent_off 20 with amount_off 500 USD → conflicting_discount (not silently 20 %)', () => {
    const both: DiscountTerms = { code: 'BOTH', percent_off: 20, amount_off: 500, currency: 'USD' };
    assert.throws(() => quotePrice(fixed(6000), { discount: both }), pricing('conflicting_discount'));
  });

  it('one of them null is the usual discount', () => {
    assert.equal(quotePrice(fixed(6000), { discount: percent(20) }).total, 4800);
    assert.equal(quotePrice(fixed(6000), { discount: amountOff(500) }).total, 5500);
  });
});

describe('prices rule 3: a group pays one price, up to group_size_max people', () => {
  const family: PricedType = { ...fixed(12000), registration_type: 'group', group_size_max: 5 };

  it('a family of 5 pays 12000 once', () => {
    assert.equal(quotePrice(family, { group_size: 5 }).total, 12000);
  });

  it('6 people → group_too_large (limit 5); an individual type takes 1', () => {
    assert.throws(() => quotePrice(family, { group_size: 6 }), pricing('group_too_large', 5));
    assert.throws(() => quotePrice(fixed(6000), { group_size: 2 }), pricing('group_too_large', 1));
    assert.equal(quotePrice(fixed(6000), { group_size: 1 }).total, 6000);
  });

  it('a group_size that is not a whole number ≥ 1 (0, −1, 2.5, NaN) → invalid_group_size', () => {
    for (const group_size of [0, -1, 2.5, Number.NaN]) {
      assert.throws(() => quotePrice(family, { group_size }), pricing('invalid_group_size'), String(group_size));
    }
  });
});

describe('prices rule 4: a total of 0 needs no payment; above 0 it must reach the processor minimum', () => {
  it('a free type (fixed 0) → total 0, requires_payment false', () => {
    assert.deepEqual(quotePrice(fixed(0)), { currency: 'USD', subtotal: 0, discount_amount: 0, total: 0, requires_payment: false });
  });

  it('49 cents USD → below_processor_minimum (limit 50); 50 cents is fine', () => {
    assert.throws(() => quotePrice(fixed(49)), pricing('below_processor_minimum', 50));
    assert.equal(quotePrice(fixed(50)).total, 50);
  });

  it('a discount that leaves 0 < total < minimum is refused: 90 % of 400 = 40 → below_processor_minimum', () => {
    assert.throws(() => quotePrice(fixed(400), { discount: percent(90) }), pricing('below_processor_minimum', 50));
  });

  it('GBP 0.29 refused, 0.30 accepted; ¥49 refused, ¥50 accepted', () => {
    assert.throws(() => quotePrice(fixed(29, 'GBP')), pricing('below_processor_minimum', 30));
    assert.equal(quotePrice(fixed(30, 'GBP')).total, 30);
    assert.throws(() => quotePrice(fixed(49, 'JPY')), pricing('below_processor_minimum', 50));
    assert.equal(quotePrice(fixed(50, 'JPY')).total, 50);
  });

  it('₩50 (about 0.04 USD) is refused: KRW’s floor is ₩1500; 50 VND likewise (floor 30000)', () => {
    assert.throws(() => quotePrice(fixed(50, 'KRW')), pricing('below_processor_minimum', 1500));
    assert.equal(quotePrice(fixed(1500, 'KRW')).total, 1500);
    assert.throws(() => quotePrice(fixed(50, 'VND')), pricing('below_processor_minimum', 30000));
  });

  it('a currency outside Stripe’s table is priced, not refused: R500 (ZAR) and ₱250 (PHP) quote; R10 is under ZAR’s floor of R20', () => {
    assert.equal(quotePrice(fixed(50000, 'ZAR')).total, 50000);
    assert.equal(quotePrice(fixed(25000, 'PHP')).total, 25000);
    assert.throws(() => quotePrice(fixed(1000, 'ZAR')), pricing('below_processor_minimum', 2000));
    assert.equal(quotePrice(fixed(0, 'ZAR')).requires_payment, false);
  });
});

describe('discount limits: types, date window, redemptions (checkDiscount)', () => {
  const spring: DiscountTerms = {
    code: 'SPRING',
    percent_off: 20,
    membership_type_ids: ['annual'],
    valid_from: '2025-03-01',
    valid_until: '2025-05-31',
    max_redemptions: 100,
    times_redeemed: 99,
  };
  const on = (date: string, membership_type_id = 'annual') => checkDiscount(spring, { membership_type_id, on: date });

  it('valid inside the window, both ends inclusive: 2025-03-01 and 2025-05-31', () => {
    assert.deepEqual(on('2025-03-01'), { ok: true });
    assert.deepEqual(on('2025-05-31'), { ok: true });
  });

  it('2025-06-01 → expired; 2025-02-28 → not_yet_valid', () => {
    assert.deepEqual(on('2025-06-01'), { ok: false, reason: 'expired' });
    assert.deepEqual(on('2025-02-28'), { ok: false, reason: 'not_yet_valid' });
  });

  it('100 of 100 redeemed → used_up', () => {
    assert.deepEqual(checkDiscount({ ...spring, times_redeemed: 100 }, { membership_type_id: 'annual', on: '2025-04-01' }), {
      ok: false,
      reason: 'used_up',
    });
  });

  it('another type → not_for_this_type', () => {
    assert.deepEqual(on('2025-04-01', 'monthly'), { ok: false, reason: 'not_for_this_type' });
  });

  it('the reason no other plan could fix comes first: expired before not_for_this_type', () => {
    assert.deepEqual(on('2025-07-01', 'monthly'), { ok: false, reason: 'expired' });
  });

  it('no limits at all → ok for any type on any day', () => {
    assert.deepEqual(checkDiscount({ code: 'WELCOME20', percent_off: 20 }, { membership_type_id: 'x', on: '2030-01-01' }), { ok: true });
    assert.deepEqual(
      checkDiscount({ code: 'W', percent_off: 20, membership_type_ids: null, valid_from: null, valid_until: null, max_redemptions: null, times_redeemed: 7 }, { membership_type_id: 'x', on: '2030-01-01' }),
      { ok: true },
    );
  });
});
