/** When auto-renewal charges a membership, when it tries again, and when members are reminded. */
import { addDays, compareDates, daysBetween, type DateString } from './dates.js';
import { calculateExpiry } from './expiry.js';
import { quotePrice, type PricedType, type Quote } from './pricing.js';
import type { MembershipState, ReceivedMembershipStatus } from './status.js';
import type { Cycle, DurationIntervalType, TermRules } from './term.js';

/** Days before `expires_on` that the renewal charge is attempted. */
export const RENEWAL_LEAD_DAYS = 7;

/** Charges attempted for one renewal: after the last one fails, the membership is terminated. */
export const RENEWAL_ATTEMPTS = 3;

/** Days between two attempts, at most (fewer when the term leaves less room; at least 1). */
export const RENEWAL_RETRY_INTERVAL_DAYS = 3;

/** What the attempt day reads of the membership's term (the type's, or as sold). */
export interface RenewalTerm {
  cycle?: Cycle | null | undefined;
  duration?: number | null | undefined;
  duration_interval_type?: DurationIntervalType | undefined;
}

/**
 * What the attempt date depends on: stored facts only, never the day it is asked, so a runner
 * that charges "when `renewalAttemptOn(m) === today`" gets the same date before, on and after
 * that day. A stored record gives its `state`; a wire `Membership` its `status`, of which only
 * the values that no date can change are read (`pending`, `declined`, `terminated`,
 * `cancelled`: a membership is cancelled or terminated by date only with a `cancelled_on`).
 */
export type RenewableMembership = ({ state: MembershipState } | { status: ReceivedMembershipStatus }) & {
  /** The attempt is never before the membership starts (absent: not checked). */
  starts_on?: DateString | null | undefined;
  expires_on: DateString | null;
  /** The grace the membership was sold with: retries may run into it. */
  grace_days?: number | null | undefined;
  /** false: the member turned auto-renewal off, so there is no attempt. */
  auto_renew?: boolean | null | undefined;
  /** A cancelled membership is not charged again. */
  cancelled_on?: DateString | null | undefined;
};

/** Statuses that say the membership was never confirmed or has ended for good, whatever the day. */
const notRenewed = new Set<string>(['pending', 'declined', 'terminated', 'cancelled']);

/** A term of a week or shorter (day and week terms of at most 7 days). */
const isShortTerm = (term: RenewalTerm): boolean =>
  (term.duration_interval_type === 'day' || term.duration_interval_type === 'week') &&
  term.duration != null &&
  (term.duration_interval_type === 'week' ? 7 : 1) * term.duration <= RENEWAL_LEAD_DAYS;

/** The attempt day's rule, for a membership that lapses on `expires` (see renewalAttemptOn). */
const attemptDay = (expires: DateString, starts: DateString | null | undefined, term: RenewalTerm): DateString => {
  const lead = isShortTerm(term) ? 1 : Math.min(RENEWAL_LEAD_DAYS, term.cycle ? term.cycle.buffer_days : RENEWAL_LEAD_DAYS);
  const day = addDays(expires, -lead);
  return starts != null && compareDates(day, starts) < 0 ? starts : day;
};

/**
 * The day the renewal charge is attempted: 7 days before `expires_on`; for a term of a week or
 * shorter, the term's last day (the day before `expires_on`: a week-long lead would fall before
 * the term began); for a cyclical type not before its buffer window opens (`buffer_days` before
 * the lapse date); and never before the membership starts (`starts_on`).
 *
 * null when there is nothing to renew: lifetime, auto-renewal off, a `cancelled_on`, or a
 * membership that is not confirmed (pending, declined) or was terminated. Otherwise the date,
 * even once it has passed: whether the membership is still `active` on that day (with buffer 0
 * and grace 0 it is already `expired` on its own attempt day) is not this function's question.
 *
 * A cyclical type with buffer 0 has no window before the lapse date, yet `recurring: true` must
 * always renew: the attempt is on `expires_on` itself. `calculateExpiry` renews on that day
 * while grace lasts (grace ≥ 1), to the next cycle date; with grace 0 it is a reinstatement with
 * the same next cycle date, starting on the lapse day, so the member is covered without a gap.
 */
export const renewalAttemptOn = (membership: RenewableMembership, type: RenewalTerm): DateString | null => {
  const { expires_on: expires } = membership;
  if (expires == null || membership.auto_renew === false || membership.cancelled_on != null) return null;
  if ('state' in membership ? membership.state !== 'confirmed' : notRenewed.has(membership.status)) return null;
  return attemptDay(expires, membership.starts_on, type);
};

/**
 * The days of the renewal's charge attempts (RENEWAL_ATTEMPTS of them, the first on
 * `renewalAttemptOn`), or null when there is no attempt. Retries come every
 * RENEWAL_RETRY_INTERVAL_DAYS days, closer together when the days left before the grace ends
 * are fewer, but at least a day apart: an annual membership expiring 2026-01-01 is charged on
 * 2025-12-25, 12-28 and 12-31, all inside its paid term; a weekly one on its last day and the
 * two days after (in its grace, or lapsed: a charge that succeeds then reinstates it).
 */
export const renewalAttemptDays = (membership: RenewableMembership, type: RenewalTerm): DateString[] | null => {
  const first = renewalAttemptOn(membership, type);
  if (first === null) return null;
  // The last day the membership can still be renewed rather than reinstated (its term's last day
  // without grace).
  const lastDay = addDays(membership.expires_on!, Math.max(membership.grace_days ?? 0, 0) - 1);
  const room = daysBetween(first, lastDay);
  const interval = Math.max(1, Math.min(RENEWAL_RETRY_INTERVAL_DAYS, Math.floor(room / (RENEWAL_ATTEMPTS - 1))));
  return Array.from({ length: RENEWAL_ATTEMPTS }, (_, n) => addDays(first, n * interval));
};

/**
 * The days a member who renews by hand is reminded (auto-renewal off, or no saved card to
 * charge): on the attempt day and again on the term's last day, the day before `expires_on`
 * (once when those are the same day). Empty when there is nothing to renew: lifetime,
 * cancelled, not confirmed, terminated.
 */
export const renewalReminderDays = (membership: RenewableMembership, type: RenewalTerm): DateString[] => {
  const first = renewalAttemptOn({ ...membership, auto_renew: true }, type);
  if (first === null) return [];
  const last = addDays(membership.expires_on!, -1);
  return compareDates(last, first) > 0 ? [first, last] : [first];
};

/**
 * What a renewal charges (automatic, or a member renewing with no amount of their own): the
 * plan's price as it stands when renewed, never the price first paid; for a group, the one
 * group price. A donation renews at the member's last amount (`previous_amount`), kept within
 * the plan's bounds now. Throws as `quotePrice` does (a total under the processor's minimum).
 */
export const renewalQuote = (type: PricedType, previous_amount: number): Quote => {
  const { price } = type;
  if (price.type !== 'donation') return quotePrice(type);
  const ceiling = price.maximum ?? Number.MAX_SAFE_INTEGER;
  return quotePrice(type, { amount: Math.min(Math.max(previous_amount, price.value), ceiling) });
};

/** What a new membership's first automatic renewal is: the day it renews, and its price. */
export interface FirstRenewal {
  /** The day the renewed term starts (the new membership's `expires_on`); the charge is attempted up to RENEWAL_LEAD_DAYS before (`renewalAttemptOn`). */
  on: DateString;
  /** What is charged for it (`renewalQuote`): the plan's price, whatever the first term cost. */
  quote: Quote;
}

/**
 * When and for how much a membership bought on `purchased_on` first renews automatically, told
 * before the member signs up (a first term of 0, a full discount, still renews at the price).
 * `auto_renew` is the new membership's setting (`resolveAutoRenew`); `amount` a donation's
 * amount, which renews as it was given. null when it does not renew automatically or never
 * lapses (lifetime). Throws as `calculateExpiry` and `renewalQuote` do.
 */
export const firstRenewal = (
  type: TermRules & PricedType,
  { purchased_on, auto_renew, amount }: { purchased_on: DateString; auto_renew: boolean; amount?: number | null | undefined },
): FirstRenewal | null => {
  const on = calculateExpiry(type, { purchased_on }).expires_on;
  return auto_renew && on ? { on, quote: renewalQuote(type, amount ?? type.price.value) } : null;
};
