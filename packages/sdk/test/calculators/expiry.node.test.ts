import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CalculatorError, calculateExpiry, type TermRules } from '../../src/calculators/index.js';

const code = (c: string) => (error: unknown) => error instanceof CalculatorError && error.code === c;
const annual: TermRules = { duration: 1, duration_interval_type: 'year', cycle: null, grace_days: 30 };
const monthly: TermRules = { duration: 1, duration_interval_type: 'month', cycle: null, grace_days: 0 };
const lifetime: TermRules = { duration: null, duration_interval_type: 'lifetime', cycle: null, grace_days: 0 };
const schoolYear: TermRules = {
  duration: 1,
  duration_interval_type: 'year',
  cycle: { day: 1, month: 9, buffer_days: 30 },
  grace_days: 14,
};
const monthlyCycle = (day: number, buffer_days: number): TermRules => ({
  duration: 1,
  duration_interval_type: 'month',
  cycle: { day, month: null, buffer_days },
  grace_days: 0,
});

describe('terms rule 1: a new membership starts on the purchase date and expires one term later', () => {
  it('annual bought 2020-06-20 → starts 2020-06-20, expires 2021-06-20, anchored on the purchase', () => {
    assert.deepEqual(calculateExpiry(annual, { purchased_on: '2020-06-20' }), {
      kind: 'new',
      starts_on: '2020-06-20',
      expires_on: '2021-06-20',
      anchor_on: '2020-06-20',
    });
  });

  it('monthly bought 2025-01-31 expires 2025-02-28', () => {
    assert.equal(calculateExpiry(monthly, { purchased_on: '2025-01-31' }).expires_on, '2025-02-28');
  });
});

describe('terms rule 3: renewing before the lapse or in grace extends from the anchor', () => {
  const current = { anchor_on: '2020-06-20', expires_on: '2021-06-20' };

  it('annual bought 2020-06-20, extended once on 2021-06-01 → runs two years: 2022-06-20', () => {
    assert.deepEqual(calculateExpiry(annual, { purchased_on: '2021-06-01', current }), {
      kind: 'renewal',
      starts_on: '2020-06-20',
      expires_on: '2022-06-20',
      anchor_on: '2020-06-20',
    });
  });

  it('renewing 2020-07-01, long before the lapse, still adds exactly one term: 2022-06-20', () => {
    assert.equal(calculateExpiry(annual, { purchased_on: '2020-07-01', current }).expires_on, '2022-06-20');
  });

  it('in grace (30 days): on the lapse day 2021-06-20 and on 2021-07-19 it is a renewal to 2022-06-20', () => {
    for (const purchased_on of ['2021-06-20', '2021-07-19']) {
      const expiry = calculateExpiry(annual, { purchased_on, current });
      assert.deepEqual([expiry.kind, expiry.expires_on], ['renewal', '2022-06-20'], purchased_on);
    }
  });

  it('monthly from 2025-01-31 renewed on 2025-02-20 (expiring 02-28) → 03-31, not 03-28', () => {
    const expiry = calculateExpiry(monthly, { purchased_on: '2025-02-20', current: { anchor_on: '2025-01-31', expires_on: '2025-02-28' } });
    assert.equal(expiry.expires_on, '2025-03-31');
  });

  it('yearly from 2024-02-29 renewed in its third year (expiring 2027-02-28) → 2028-02-29', () => {
    const yearly = { ...annual, grace_days: 0 };
    const expiry = calculateExpiry(yearly, { purchased_on: '2027-02-01', current: { anchor_on: '2024-02-29', expires_on: '2027-02-28' } });
    assert.equal(expiry.expires_on, '2028-02-29');
  });

  it('the membership’s own snapshotted grace_days wins over the type’s', () => {
    const noGrace = { ...current, grace_days: 0 };
    assert.equal(calculateExpiry(annual, { purchased_on: '2021-06-25', current: noGrace }).kind, 'reinstated');
  });
});

describe('terms rule 3: a renewal in a grace longer than one term ends after the purchase date', () => {
  // The first term boundary from the anchor after both the old expiry and the purchase: the
  // member never pays on a day when the renewed term is already over.
  const renewal = (type: TermRules, anchor_on: string, expires_on: string, purchased_on: string) =>
    calculateExpiry(type, { purchased_on, current: { anchor_on, expires_on } });

  it('weekly from 2025-02-22, grace 14, expiring 2025-03-01, renewed 2025-03-10 → 2025-03-15, not 03-08', () => {
    const weekly: TermRules = { duration: 1, duration_interval_type: 'week', cycle: null, grace_days: 14 };
    assert.deepEqual(renewal(weekly, '2025-02-22', '2025-03-01', '2025-03-10'), {
      kind: 'renewal',
      starts_on: '2025-02-22',
      expires_on: '2025-03-15',
      anchor_on: '2025-02-22',
    });
  });

  it('monthly from 2025-02-01, grace 60, expiring 2025-03-01, renewed 2025-04-15 → 2025-05-01, not 04-01', () => {
    assert.equal(renewal({ ...monthly, grace_days: 60 }, '2025-02-01', '2025-03-01', '2025-04-15').expires_on, '2025-05-01');
  });

  it('30-day term from 2025-01-30, grace 45, expiring 2025-03-01, renewed 2025-04-10 → 2025-04-30, not 03-31', () => {
    const days30: TermRules = { duration: 30, duration_interval_type: 'day', cycle: null, grace_days: 45 };
    assert.equal(renewal(days30, '2025-01-30', '2025-03-01', '2025-04-10').expires_on, '2025-04-30');
  });

  it('renewed exactly on a boundary inside the grace (2025-04-01) → the next one, 2025-05-01 (strictly after)', () => {
    assert.equal(renewal({ ...monthly, grace_days: 60 }, '2025-02-01', '2025-03-01', '2025-04-01').expires_on, '2025-05-01');
  });

  it('month ends still clamp from the anchor: monthly from 2025-01-31, expiring 02-28, renewed 2025-04-15 → 04-30, not 04-28', () => {
    assert.equal(renewal({ ...monthly, grace_days: 60 }, '2025-01-31', '2025-02-28', '2025-04-15').expires_on, '2025-04-30');
  });
});

describe('terms rule 3: renewing after the grace period is a reinstatement from the renewal date', () => {
  const current = { anchor_on: '2020-06-20', expires_on: '2021-06-20' };

  it('grace 30 ends 2021-07-20: bought that day → reinstated 2021-07-20 … 2022-07-20, new anchor', () => {
    assert.deepEqual(calculateExpiry(annual, { purchased_on: '2021-07-20', current }), {
      kind: 'reinstated',
      starts_on: '2021-07-20',
      expires_on: '2022-07-20',
      anchor_on: '2021-07-20',
    });
  });

  it('with grace 0 the lapse day itself is already a reinstatement', () => {
    const expiry = calculateExpiry(monthly, { purchased_on: '2025-03-31', current: { anchor_on: '2025-01-31', expires_on: '2025-03-31' } });
    assert.deepEqual([expiry.kind, expiry.expires_on], ['reinstated', '2025-04-30']);
  });
});

describe('terms rule 4: lifetime types never expire', () => {
  it('bought 2025-05-05 → expires_on null', () => {
    assert.deepEqual(calculateExpiry(lifetime, { purchased_on: '2025-05-05' }), {
      kind: 'new',
      starts_on: '2025-05-05',
      expires_on: null,
      anchor_on: '2025-05-05',
    });
  });

  it('renewing a lifetime membership is refused: renewal_not_open', () => {
    assert.throws(
      () => calculateExpiry(lifetime, { purchased_on: '2030-01-01', current: { anchor_on: '2025-05-05', expires_on: null } }),
      code('renewal_not_open'),
    );
  });
});

describe('cyclical types: expiry is the first cycle date after the purchase, skipping ahead within the buffer', () => {
  it('yearly, September 1, buffer 30: bought 2023-06-10 → 2023-09-01', () => {
    assert.deepEqual(calculateExpiry(schoolYear, { purchased_on: '2023-06-10' }), {
      kind: 'new',
      starts_on: '2023-06-10',
      expires_on: '2023-09-01',
      anchor_on: '2023-06-10',
    });
  });

  it('bought 2023-08-15 (17 days before) → 2024-09-01', () => {
    assert.equal(calculateExpiry(schoolYear, { purchased_on: '2023-08-15' }).expires_on, '2024-09-01');
  });

  it('bought 2023-09-01 → 2024-09-01 (strictly after the purchase)', () => {
    assert.equal(calculateExpiry(schoolYear, { purchased_on: '2023-09-01' }).expires_on, '2024-09-01');
  });

  it('the buffer is inclusive: 30 days before (2023-08-02) skips, 31 days before (2023-08-01) does not', () => {
    assert.equal(calculateExpiry(schoolYear, { purchased_on: '2023-08-02' }).expires_on, '2024-09-01');
    assert.equal(calculateExpiry(schoolYear, { purchased_on: '2023-08-01' }).expires_on, '2023-09-01');
  });

  it('with buffer 0 nobody skips ahead: bought 2023-08-31 → 2023-09-01', () => {
    const noBuffer = { ...schoolYear, cycle: { day: 1, month: 9, buffer_days: 0 } };
    assert.equal(calculateExpiry(noBuffer, { purchased_on: '2023-08-31' }).expires_on, '2023-09-01');
  });

  it('monthly on the 15th, buffer 5: 2025-01-09 → 01-15; 2025-01-10 → 02-15; 2025-12-20 → 2026-01-15', () => {
    const cycle = monthlyCycle(15, 5);
    assert.equal(calculateExpiry(cycle, { purchased_on: '2025-01-09' }).expires_on, '2025-01-15');
    assert.equal(calculateExpiry(cycle, { purchased_on: '2025-01-10' }).expires_on, '2025-02-15');
    assert.equal(calculateExpiry(cycle, { purchased_on: '2025-12-20' }).expires_on, '2026-01-15');
  });

  it('yearly on February 28 works in leap years: bought 2024-02-28 → 2025-02-28, 2024-02-29 → 2025-02-28', () => {
    const feb = { ...schoolYear, cycle: { day: 28, month: 2, buffer_days: 0 } };
    assert.equal(calculateExpiry(feb, { purchased_on: '2024-02-28' }).expires_on, '2025-02-28');
    assert.equal(calculateExpiry(feb, { purchased_on: '2024-02-29' }).expires_on, '2025-02-28');
  });
});

describe('cyclical types: renewal only inside the buffer window, to the next cycle date', () => {
  const current = { anchor_on: '2023-06-10', expires_on: '2023-09-01' };

  it('renewing 2023-08-15 (inside the 30-day window) → 2024-09-01, anchor kept', () => {
    assert.deepEqual(calculateExpiry(schoolYear, { purchased_on: '2023-08-15', current }), {
      kind: 'renewal',
      starts_on: '2023-06-10',
      expires_on: '2024-09-01',
      anchor_on: '2023-06-10',
    });
  });

  it('the window opens exactly 30 days before: 2023-08-02 renews, 2023-08-01 throws renewal_not_open', () => {
    assert.equal(calculateExpiry(schoolYear, { purchased_on: '2023-08-02', current }).expires_on, '2024-09-01');
    assert.throws(() => calculateExpiry(schoolYear, { purchased_on: '2023-08-01', current }), code('renewal_not_open'));
  });

  it('no buying periods ahead: renewing 2023-06-20 throws renewal_not_open', () => {
    assert.throws(() => calculateExpiry(schoolYear, { purchased_on: '2023-06-20', current }), code('renewal_not_open'));
  });

  it('in grace (14 days) it still renews to 2024-09-01; after grace (2023-09-15) it is reinstated like a new purchase', () => {
    assert.equal(calculateExpiry(schoolYear, { purchased_on: '2023-09-10', current }).kind, 'renewal');
    const late = calculateExpiry(schoolYear, { purchased_on: '2023-09-15', current });
    assert.deepEqual([late.kind, late.starts_on, late.expires_on, late.anchor_on], ['reinstated', '2023-09-15', '2024-09-01', '2023-09-15']);
  });

  it('a grace longer than a period renews into the period containing the purchase', () => {
    const type = { ...monthlyCycle(1, 10), grace_days: 60 };
    const expiry = calculateExpiry(type, { purchased_on: '2025-04-15', current: { anchor_on: '2025-01-20', expires_on: '2025-03-01' } });
    assert.deepEqual([expiry.kind, expiry.expires_on], ['renewal', '2025-05-01']);
  });
});

describe('invalid types throw a specific CalculatorError', () => {
  const cyclical = (patch: Partial<TermRules>, cycle: Partial<NonNullable<TermRules['cycle']>> = {}): TermRules => ({
    ...schoolYear,
    ...patch,
    cycle: { ...schoolYear.cycle!, ...cycle },
  });
  const cases: [string, TermRules, string][] = [
    ['duration 0', { ...annual, duration: 0 }, 'invalid_duration'],
    ['duration 1.5', { ...monthly, duration: 1.5 }, 'invalid_duration'],
    ['unknown interval', { ...annual, duration_interval_type: 'decade' as 'year' }, 'invalid_interval'],
    ['negative grace', { ...annual, grace_days: -1 }, 'invalid_grace_days'],
    ['cycle day 29 on a monthly type', monthlyCycle(29, 0), 'invalid_cycle_day'],
    ['cycle day 0', monthlyCycle(0, 0), 'invalid_cycle_day'],
    ['February 29 on a yearly type', cyclical({}, { day: 29, month: 2 }), 'invalid_cycle_day'],
    ['September 31', cyclical({}, { day: 31, month: 9 }), 'invalid_cycle_day'],
    ['month 13', cyclical({}, { month: 13 }), 'invalid_cycle_month'],
    ['yearly without a month', cyclical({}, { month: null }), 'invalid_cycle_month'],
    ['monthly with a month', { ...monthlyCycle(1, 0), cycle: { day: 1, month: 3, buffer_days: 0 } }, 'invalid_cycle_month'],
    ['buffer 21 on a monthly type', monthlyCycle(1, 21), 'invalid_buffer_days'],
    ['buffer 181 on a yearly type', cyclical({}, { buffer_days: 181 }), 'invalid_buffer_days'],
    ['negative buffer', cyclical({}, { buffer_days: -1 }), 'invalid_buffer_days'],
    ['cycle on a weekly type', cyclical({ duration_interval_type: 'week' }), 'invalid_cycle_interval'],
    ['cycle on a 2-year type', cyclical({ duration: 2 }), 'invalid_cycle_interval'],
    ['cycle on a lifetime type', cyclical({ duration: null, duration_interval_type: 'lifetime' }), 'invalid_cycle_interval'],
  ];
  for (const [name, type, expected] of cases) {
    it(`${name} → ${expected}`, () => {
      assert.throws(() => calculateExpiry(type, { purchased_on: '2025-01-01' }), code(expected));
    });
  }

  it('limits are inclusive: monthly day 28 buffer 20 and yearly Feb 28 buffer 180 are valid', () => {
    assert.equal(calculateExpiry(monthlyCycle(28, 20), { purchased_on: '2025-01-07' }).expires_on, '2025-01-28');
    assert.equal(calculateExpiry(monthlyCycle(28, 20), { purchased_on: '2025-01-08' }).expires_on, '2025-02-28');
    assert.ok(calculateExpiry(cyclical({}, { day: 28, month: 2, buffer_days: 180 }), { purchased_on: '2025-01-01' }));
  });

  it('a purchase date that does not exist throws invalid_date', () => {
    assert.throws(() => calculateExpiry(annual, { purchased_on: '2025-02-29' }), code('invalid_date'));
  });
});
