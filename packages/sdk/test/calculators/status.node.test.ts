import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  calculateExpiry,
  grantsAccess,
  isRunning,
  memberStatus,
  membershipStatus,
  renewalAttemptDays,
  renewalAttemptOn,
  renewalReminderDays,
  type MembershipDates,
} from '../../src/calculators/index.js';

const paid: MembershipDates = {
  state: 'confirmed',
  starts_on: '2025-01-01',
  expires_on: '2026-01-01',
  grace_days: 14,
  cancelled_on: null,
};

describe('status on a date: derived from state and dates', () => {
  it('pending and declined whatever the dates', () => {
    assert.equal(membershipStatus({ ...paid, state: 'pending' }, '2025-06-01'), 'pending');
    assert.equal(membershipStatus({ ...paid, state: 'declined' }, '2025-06-01'), 'declined');
  });

  it('future before starts_on: 2024-12-31', () => {
    assert.equal(membershipStatus(paid, '2024-12-31'), 'future');
  });

  it('active from starts_on 2025-01-01 to the day before expires_on, 2025-12-31', () => {
    assert.equal(membershipStatus(paid, '2025-01-01'), 'active');
    assert.equal(membershipStatus(paid, '2025-12-31'), 'active');
  });

  it('grace from the lapse day 2026-01-01 for 14 days, to 2026-01-14', () => {
    assert.equal(membershipStatus(paid, '2026-01-01'), 'grace');
    assert.equal(membershipStatus(paid, '2026-01-14'), 'grace');
  });

  it('expired from 2026-01-15; with grace 0 from the lapse day itself', () => {
    assert.equal(membershipStatus(paid, '2026-01-15'), 'expired');
    assert.equal(membershipStatus({ ...paid, grace_days: 0 }, '2026-01-01'), 'expired');
    assert.equal(membershipStatus({ ...paid, grace_days: undefined }, '2026-01-01'), 'expired');
  });

  it('lifetime (expires_on null) is active forever', () => {
    assert.equal(membershipStatus({ ...paid, expires_on: null }, '2999-12-31'), 'active');
  });

  it('cancelled 2025-03-01: still active on 02-28, cancelled from 03-01 inside its paid term', () => {
    const cancelled = { ...paid, cancelled_on: '2025-03-01' };
    assert.equal(membershipStatus(cancelled, '2025-02-28'), 'active');
    assert.equal(membershipStatus(cancelled, '2025-03-01'), 'cancelled');
    assert.equal(membershipStatus(cancelled, '2025-12-31'), 'cancelled');
  });

  it('cancelled: cancelled (never grace) until its term and grace are both over, terminated from 2026-01-15', () => {
    const cancelled = { ...paid, cancelled_on: '2025-03-01' };
    assert.equal(membershipStatus(cancelled, '2026-01-01'), 'cancelled');
    assert.equal(membershipStatus(cancelled, '2026-01-14'), 'cancelled');
    assert.equal(grantsAccess(membershipStatus(cancelled, '2026-01-14')), true, 'access kept through the grace');
    assert.equal(membershipStatus(cancelled, '2026-01-15'), 'terminated');
    assert.equal(membershipStatus({ ...cancelled, grace_days: 0 }, '2026-01-01'), 'terminated');
  });

  it('a terminated state (an admin) is terminated even inside the term', () => {
    assert.equal(membershipStatus({ ...paid, state: 'terminated' }, '2025-06-01'), 'terminated');
    assert.equal(membershipStatus({ ...paid, state: 'terminated', terminated_on: null }, '2025-06-01'), 'terminated');
  });

  it('terminated from 2026-01-01 (renewal failed): reads by its dates before, terminated from then, never grace', () => {
    const failed = { ...paid, state: 'terminated' as const, terminated_on: '2026-01-01' };
    assert.equal(membershipStatus(failed, '2025-12-31'), 'active');
    assert.equal(membershipStatus(failed, '2026-01-01'), 'terminated');
    assert.equal(membershipStatus(failed, '2026-01-05'), 'terminated');
  });

  it('a cancelled membership that has not started yet is future', () => {
    assert.equal(membershipStatus({ ...paid, cancelled_on: '2024-12-01' }, '2024-12-15'), 'future');
  });
});

describe('access: active, grace and cancelled grant the type’s permissions', () => {
  it('grants for active, grace, cancelled; not for pending, declined, future, expired, terminated', () => {
    const all = ['pending', 'declined', 'future', 'active', 'grace', 'expired', 'cancelled', 'terminated'] as const;
    assert.deepEqual(all.filter(grantsAccess), ['active', 'grace', 'cancelled']);
  });
});

describe('auto-renewal: the charge is attempted 7 days before expires_on', () => {
  const annualType = { cycle: null };
  const running = { status: 'active' as const, expires_on: '2026-01-01' };

  it('expiring 2026-01-01 → attempt 2025-12-25', () => {
    assert.equal(renewalAttemptOn({ ...running, auto_renew: true }, annualType), '2025-12-25');
  });

  it('cyclical: not before the window opens (buffer 5 → 5 days before), buffer 30 → still 7 days before', () => {
    const cyc = (buffer_days: number) => ({ cycle: { day: 1, month: 9, buffer_days } });
    assert.equal(renewalAttemptOn({ ...running, expires_on: '2025-09-01' }, cyc(5)), '2025-08-27');
    assert.equal(renewalAttemptOn({ ...running, expires_on: '2025-09-01' }, cyc(30)), '2025-08-25');
  });

  it('never before the membership starts: a year bought 2025-12-28 to start, lapsing 2026-01-01 → 2025-12-28', () => {
    assert.equal(renewalAttemptOn({ ...running, starts_on: '2025-12-28' }, annualType), '2025-12-28');
    assert.equal(renewalAttemptOn({ ...running, starts_on: '2025-01-01' }, annualType), '2025-12-25');
  });

  it('a term of a week or shorter: the term’s last day (a 1-day term bought 2020-06-20 → 2020-06-20, not 06-14)', () => {
    const days = (duration: number) => ({ cycle: null, duration, duration_interval_type: 'day' as const });
    const oneDay = { status: 'active' as const, starts_on: '2020-06-20', expires_on: '2020-06-21' };
    assert.equal(renewalAttemptOn(oneDay, days(1)), '2020-06-20');
    assert.equal(renewalAttemptOn({ ...oneDay, starts_on: undefined }, days(1)), '2020-06-20', 'the rule, not the start, decides');
    const week = { status: 'active' as const, starts_on: '2020-06-01', expires_on: '2020-06-08' };
    assert.equal(renewalAttemptOn(week, { cycle: null, duration: 1, duration_interval_type: 'week' }), '2020-06-07');
    assert.equal(renewalAttemptOn(week, days(7)), '2020-06-07');
    // A renewed weekly membership keeps its anchor as starts_on: the attempt is still the current term's last day.
    assert.equal(renewalAttemptOn({ ...week, expires_on: '2020-07-06' }, days(7)), '2020-07-05');
    // Longer than a week: 7 days before.
    assert.equal(renewalAttemptOn({ ...week, expires_on: '2020-06-09' }, days(8)), '2020-06-02');
    assert.equal(renewalAttemptOn({ ...week, expires_on: '2020-06-15' }, { cycle: null, duration: 2, duration_interval_type: 'week' }), '2020-06-08');
  });

  it('nothing to attempt (null) for lifetime, auto-renewal off, or a cancelled membership', () => {
    assert.equal(renewalAttemptOn({ ...running, expires_on: null }, annualType), null);
    assert.equal(renewalAttemptOn({ ...running, auto_renew: false }, annualType), null);
    assert.equal(renewalAttemptOn({ ...running, cancelled_on: '2025-05-01' }, annualType), null);
  });

  it('never confirmed or ended for good: pending, declined, terminated (state or status), cancelled → null', () => {
    for (const state of ['pending', 'declined', 'terminated'] as const) {
      assert.equal(renewalAttemptOn({ state, expires_on: '2026-01-01', auto_renew: true }, annualType), null, state);
    }
    for (const status of ['pending', 'declined', 'cancelled', 'terminated'] as const) {
      assert.equal(renewalAttemptOn({ ...running, status, auto_renew: true }, annualType), null, status);
    }
  });

  it('future, grace and expired memberships keep their date: the answer does not depend on the day it is asked', () => {
    for (const status of ['future', 'active', 'grace', 'expired'] as const) {
      assert.equal(renewalAttemptOn({ ...running, status }, annualType), '2025-12-25', status);
    }
  });

  it('with the status calculator, asked on every day from 2025-12-01 to 2026-02-01: always 2025-12-25', () => {
    const record: MembershipDates = { state: 'confirmed', starts_on: '2025-01-01', expires_on: '2026-01-01', grace_days: 14 };
    for (let day = '2025-12-01'; day <= '2026-02-01'; day = addDays(day, 1)) {
      assert.equal(renewalAttemptOn({ ...record, status: membershipStatus(record, day), auto_renew: true }, annualType), '2025-12-25', day);
    }
  });

  it('cyclical, buffer 0, grace 0: asked on its own attempt day 2025-09-01 (status expired that day), the answer is that day', () => {
    const type = { cycle: { day: 1, month: 9, buffer_days: 0 } };
    const record: MembershipDates = { state: 'confirmed', starts_on: '2024-09-01', expires_on: '2025-09-01', grace_days: 0 };
    const attemptDay = renewalAttemptOn({ ...record, auto_renew: true }, type)!;
    assert.equal(attemptDay, '2025-09-01');
    const status = membershipStatus(record, attemptDay);
    assert.equal(status, 'expired');
    // What a runner does on that day with the wire object the API answers then.
    assert.equal(renewalAttemptOn({ status, expires_on: record.expires_on, auto_renew: true, cancelled_on: null }, type), attemptDay);
  });

  it('cyclical, buffer 0 (no window before the lapse): the attempt is on the lapse day 2025-09-01 itself', () => {
    const type = { duration: 1, duration_interval_type: 'year' as const, cycle: { day: 1, month: 9, buffer_days: 0 }, grace_days: 10 };
    const current = { anchor_on: '2024-09-01', expires_on: '2025-09-01' };
    const on = renewalAttemptOn({ ...running, expires_on: current.expires_on }, type);
    assert.equal(on, '2025-09-01');
    // With grace, calculateExpiry accepts that day as a renewal to the next cycle date…
    assert.deepEqual(calculateExpiry(type, { purchased_on: on!, current }), {
      kind: 'renewal',
      starts_on: '2024-09-01',
      expires_on: '2026-09-01',
      anchor_on: '2024-09-01',
    });
    // …and with grace 0 it is a reinstatement to the same date, starting that day: no gap.
    assert.deepEqual(calculateExpiry({ ...type, grace_days: 0 }, { purchased_on: on!, current }), {
      kind: 'reinstated',
      starts_on: '2025-09-01',
      expires_on: '2026-09-01',
      anchor_on: '2025-09-01',
    });
  });
});

describe('running memberships and the member status', () => {
  it('a running membership grants access now or will (future); pending, expired and terminated are not running', () => {
    const running = (['future', 'active', 'grace', 'cancelled'] as const).map(isRunning);
    assert.deepEqual(running, [true, true, true, true]);
    assert.deepEqual((['pending', 'declined', 'expired', 'terminated'] as const).map(isRunning), [false, false, false, false]);
  });
  it('member status: active when one grants access, else pending, else inactive with past ones, else prospective', () => {
    assert.equal(memberStatus(['expired', 'grace']), 'active');
    assert.equal(memberStatus(['expired', 'pending']), 'pending');
    assert.equal(memberStatus(['expired', 'terminated']), 'inactive');
    assert.equal(memberStatus([]), 'prospective');
  });
});

describe('the renewal attempt schedule: three attempts, every 3 days at most', () => {
  const annual = { cycle: null, duration: 1, duration_interval_type: 'year' as const };

  it('annual expiring 2026-01-01: 2025-12-25, 12-28, 12-31, all inside the paid term (with or without grace)', () => {
    const m = { state: 'confirmed' as const, starts_on: '2025-01-01', expires_on: '2026-01-01', auto_renew: true };
    assert.deepEqual(renewalAttemptDays({ ...m, grace_days: 0 }, annual), ['2025-12-25', '2025-12-28', '2025-12-31']);
    assert.deepEqual(renewalAttemptDays({ ...m, grace_days: 30 }, annual), ['2025-12-25', '2025-12-28', '2025-12-31']);
  });

  it('weekly: its last day and the two days after (one day apart)', () => {
    const m = { state: 'confirmed' as const, starts_on: '2020-06-01', expires_on: '2020-06-08', grace_days: 0 };
    assert.deepEqual(renewalAttemptDays(m, { cycle: null, duration: 1, duration_interval_type: 'week' }), ['2020-06-07', '2020-06-08', '2020-06-09']);
  });

  it('cyclical with a 6-day window and no grace: closer together (2 days apart), the last on the term’s last day or before', () => {
    const m = { state: 'confirmed' as const, starts_on: '2024-09-01', expires_on: '2025-09-01', grace_days: 0 };
    assert.deepEqual(renewalAttemptDays(m, { cycle: { day: 1, month: 9, buffer_days: 6 } }), ['2025-08-26', '2025-08-28', '2025-08-30']);
    assert.deepEqual(renewalAttemptDays(m, { cycle: { day: 1, month: 9, buffer_days: 4 } }), ['2025-08-28', '2025-08-29', '2025-08-30']);
  });

  it('none when nothing is attempted (auto-renewal off, cancelled, lifetime)', () => {
    const m = { state: 'confirmed' as const, starts_on: '2025-01-01', expires_on: '2026-01-01' };
    assert.equal(renewalAttemptDays({ ...m, auto_renew: false }, annual), null);
    assert.equal(renewalAttemptDays({ ...m, cancelled_on: '2025-06-01' }, annual), null);
    assert.equal(renewalAttemptDays({ ...m, expires_on: null }, annual), null);
  });
});

describe('renewal reminders for members who renew by hand', () => {
  const annual = { cycle: null, duration: 1, duration_interval_type: 'year' as const };
  const m = { state: 'confirmed' as const, starts_on: '2025-01-01', expires_on: '2026-01-01' };

  it('on the attempt day and the term’s last day, with auto-renewal off too', () => {
    assert.deepEqual(renewalReminderDays({ ...m, auto_renew: false }, annual), ['2025-12-25', '2025-12-31']);
    assert.deepEqual(renewalReminderDays({ ...m, auto_renew: true }, annual), ['2025-12-25', '2025-12-31']);
  });

  it('once for a term of a week or shorter (the attempt day is its last day); never for a cancelled one', () => {
    const day = { state: 'confirmed' as const, starts_on: '2020-06-20', expires_on: '2020-06-21' };
    assert.deepEqual(renewalReminderDays(day, { cycle: null, duration: 1, duration_interval_type: 'day' }), ['2020-06-20']);
    assert.deepEqual(renewalReminderDays({ ...m, cancelled_on: '2025-02-01' }, annual), []);
  });
});
