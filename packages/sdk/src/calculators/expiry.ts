/** When a purchase (new, renewal or reinstatement) starts and lapses. */
import { addMonths, dateParts, daysBetween, formatDate, toDayNumber, type DateString } from './dates.js';
import { CalculatorError } from './errors.js';
import { addCheckedTerm, checkTermRules, termAfter, type Cycle, type TermRules } from './term.js';

/** The membership being renewed: its anchor (first start) and current lapse date. */
export interface CurrentTerm {
  anchor_on: DateString;
  expires_on: DateString | null;
  /** The grace snapshotted on the membership; the type's `grace_days` when absent. */
  grace_days?: number | null | undefined;
}

export interface ExpiryInput {
  purchased_on: DateString;
  current?: CurrentTerm | null | undefined;
}

export interface Expiry {
  kind: 'new' | 'renewal' | 'reinstated';
  starts_on: DateString;
  /** The lapse date (inactive from this day on); null for lifetime. */
  expires_on: DateString | null;
  anchor_on: DateString;
}

/** The first cycle date strictly after `on`. */
const nextCycleDate = (on: DateString, cycle: Cycle): DateString => {
  const [y, m] = dateParts(on);
  if (cycle.month == null) {
    const candidate = formatDate(y, m, cycle.day);
    return candidate > on ? candidate : addMonths(candidate, 1);
  }
  const candidate = formatDate(y, cycle.month, cycle.day);
  return candidate > on ? candidate : formatDate(y + 1, cycle.month, cycle.day);
};

/**
 * A new cyclical term bought on `on`: the next cycle date, or the one after when the next is
 * `buffer_days` or fewer days away (nobody pays a full price for a few days).
 */
const cyclicalExpiry = (on: DateString, cycle: Cycle): DateString => {
  const next = nextCycleDate(on, cycle);
  return daysBetween(on, next) <= cycle.buffer_days ? nextCycleDate(next, cycle) : next;
};

/** A term starting on the purchase date, which becomes the anchor. */
const fresh = (type: TermRules, on: DateString, kind: Expiry['kind']): Expiry => ({
  kind,
  starts_on: on,
  expires_on: type.duration_interval_type === 'lifetime' ? null : type.cycle ? cyclicalExpiry(on, type.cycle) : addCheckedTerm(on, type, 1),
  anchor_on: on,
});

/**
 * Dates of a purchase of `type` on `purchased_on`. Without `current` it is a new membership.
 * With `current` (the member's membership of this type):
 * - before its lapse or inside its grace, a renewal: one more term counted from the anchor
 *   (`starts_on` stays the anchor, so the membership runs without a gap). Precisely: the first
 *   term boundary from the anchor strictly after both the old expiry and the purchase date, so
 *   a renewal late in a grace longer than one term (weekly, grace 14) still ends after the day
 *   it was bought (month ends clamp from the anchor, as in `addTerm`);
 * - after the grace, a reinstatement: a new term from the purchase date, which becomes the anchor;
 * - cyclical types renew only inside the buffer window before the lapse date (or in grace), to
 *   the next cycle date; earlier throws `renewal_not_open`, as does renewing a lifetime
 *   membership, which never lapses.
 * Invalid types throw the `CalculatorError` of `checkTermRules`.
 */
export const calculateExpiry = (type: TermRules, { purchased_on: on, current }: ExpiryInput): Expiry => {
  checkTermRules(type);
  const onDay = toDayNumber(on);
  const { cycle } = type;
  if (!current) return fresh(type, on, 'new');

  const { anchor_on: anchor, expires_on: expires } = current;
  dateParts(anchor);
  if (expires == null) throw new CalculatorError('renewal_not_open');
  const grace = current.grace_days ?? type.grace_days ?? 0;
  const daysLeft = toDayNumber(expires) - onDay;
  // Grace runs expires_on ≤ d < expires_on + grace; from then on the membership has ended.
  if (daysLeft <= -grace) return fresh(type, on, 'reinstated');
  if (type.duration_interval_type === 'lifetime') return { kind: 'renewal', starts_on: anchor, expires_on: null, anchor_on: anchor };

  let expiresOn: DateString;
  if (cycle) {
    if (daysLeft > cycle.buffer_days) {
      throw new CalculatorError('renewal_not_open', on);
    }
    // In a grace longer than a period, renew into the period that contains the purchase.
    expiresOn = nextCycleDate(expires, cycle);
    while (expiresOn <= on) expiresOn = nextCycleDate(expiresOn, cycle);
  } else {
    // The first boundary from the anchor after the old expiry, or after the purchase when a
    // grace longer than one term has already passed that boundary: the member never pays for
    // a term that is over on the day they pay.
    expiresOn = termAfter(anchor, expires > on ? expires : on, type);
  }
  return { kind: 'renewal', starts_on: anchor, expires_on: expiresOn, anchor_on: anchor };
};
