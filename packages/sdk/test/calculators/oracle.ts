/**
 * An independent model of terms and expiry on the Temporal polyfill, for the property tests
 * and the bench. It shares no code with the calculators: dates are Temporal.PlainDate, month
 * clamping is Temporal's `overflow: 'constrain'`, and renewals count terms with Temporal's
 * `until` in the term's unit, corrected by stepping.
 */
import { Temporal } from 'temporal-polyfill';
import type { Expiry, ExpiryInput, Term, TermRules } from '../../src/calculators/index.js';

const { PlainDate } = Temporal;
const units = { day: 'days', week: 'weeks', month: 'months', year: 'years' } as const;

const termsAfter = (anchor: Temporal.PlainDate, term: Term, count: number): Temporal.PlainDate => {
  const unit = units[term.duration_interval_type as keyof typeof units];
  return anchor.add({ [unit]: term.duration! * count }, { overflow: 'constrain' });
};

export const oracleAddTerm = (anchorOn: string, term: Term, count = 1): string =>
  termsAfter(PlainDate.from(anchorOn), term, count).toString();

/** The oracle's refusal: an Error with the same `code` as the calculator's. */
export class OracleError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Same answers as `calculateExpiry` for valid types, and the same refusals, thrown the same way. */
export const oracleCalculateExpiry = (type: TermRules, { purchased_on, current }: ExpiryInput): Expiry => {
  const cmp = PlainDate.compare;
  const bought = PlainDate.from(purchased_on);
  const cycle = type.cycle;
  const nextCycle = (after: Temporal.PlainDate): Temporal.PlainDate => {
    if (!cycle) throw new Error('not cyclical');
    let date =
      cycle.month == null
        ? PlainDate.from({ year: after.year, month: after.month, day: cycle.day })
        : PlainDate.from({ year: after.year, month: cycle.month, day: cycle.day });
    if (cmp(date, after) <= 0) date = date.add(cycle.month == null ? { months: 1 } : { years: 1 });
    return date;
  };
  const fresh = (kind: Expiry['kind']): Expiry => {
    let expires: string | null = null;
    if (type.duration_interval_type !== 'lifetime') {
      if (cycle) {
        let next = nextCycle(bought);
        if (bought.until(next).days <= cycle.buffer_days) next = nextCycle(next);
        expires = next.toString();
      } else {
        expires = termsAfter(bought, type, 1).toString();
      }
    }
    return { kind, starts_on: purchased_on, expires_on: expires, anchor_on: purchased_on };
  };
  if (!current) return fresh('new');
  if (current.expires_on == null) throw new OracleError('renewal_not_open');
  const expires = PlainDate.from(current.expires_on);
  const anchor = PlainDate.from(current.anchor_on);
  const grace = current.grace_days ?? type.grace_days ?? 0;
  if (cmp(bought, expires.add({ days: grace })) >= 0) return fresh('reinstated');
  const renewal = (expiresOn: string | null): Expiry => ({
    kind: 'renewal',
    starts_on: current.anchor_on,
    expires_on: expiresOn,
    anchor_on: current.anchor_on,
  });
  if (type.duration_interval_type === 'lifetime') return renewal(null);
  if (cycle) {
    if (cmp(bought, expires.subtract({ days: cycle.buffer_days })) < 0) throw new OracleError('renewal_not_open');
    let next = nextCycle(expires);
    while (cmp(next, bought) <= 0) next = nextCycle(next);
    return renewal(next.toString());
  }
  // A renewal runs to the first term boundary from the anchor that lies after both the old
  // expiry and the purchase (a grace longer than one term can outlast a boundary). Counted with
  // Temporal's own difference in the term's unit, then corrected by stepping, since clamped
  // month ends make that difference off by one at times.
  const latest = cmp(bought, expires) > 0 ? bought : expires;
  const unit = units[type.duration_interval_type as keyof typeof units];
  const elapsed = anchor.until(latest, { largestUnit: unit })[unit];
  let count = Math.max(1, Math.floor(elapsed / type.duration!));
  while (count > 1 && cmp(termsAfter(anchor, type, count - 1), latest) > 0) count--;
  while (cmp(termsAfter(anchor, type, count), latest) <= 0) count++;
  return renewal(termsAfter(anchor, type, count).toString());
};
