// Display helpers: dates and terms in the member's locale. Every rule (expiry, money) comes from
// the SDK's calculators; this file only turns their answers into words.
import { calculateExpiry, formatMoney, localDate, memberChoosesAutoRenew, type MembershipType } from '@memberkit/sdk';
import type { PlansWords } from '../i18n/catalogue.js';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date (`YYYY-MM-DD`) in words for `locale` ("September 1, 2024"), with no UTC drift. */
export function formatDate(date: string, locale: string): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

/**
 * Builds `locale`'s date format in a later task. The first Intl.DateTimeFormat of a page loads the
 * engine's date data (≈ 60 ms in Chromium): start a request first, then call this, and the data
 * loads while the request travels instead of before it leaves.
 */
export function prewarmDates(locale: string): void {
  setTimeout(() => formatDate('2000-01-01', locale));
}

/** Today in the organization's time zone (falls back to UTC for an unknown zone). */
export function todayIn(timeZone: string): string {
  try {
    return localDate(new Date(), timeZone);
  } catch {
    return localDate(new Date(), 'UTC');
  }
}

/** The expiry of a purchase today, or undefined when the type's term rules are invalid. */
export function expiryOf(type: MembershipType, today: string): string | null | undefined {
  try {
    return calculateExpiry(type, { purchased_on: today }).expires_on;
  } catch {
    return undefined;
  }
}

/** "Annual", "Every 3 months", "Lifetime", or "Until September 1, 2024" for cyclical types. */
export function termText(type: MembershipType, t: PlansWords, locale: string, today: string): string {
  if (type.duration_interval_type === 'lifetime' || type.duration == null) return t.lifetime;
  if (type.cycle) {
    const expires = expiryOf(type, today);
    if (expires) return t.until(formatDate(expires, locale));
  }
  return t.term(type.duration, type.duration_interval_type);
}

/** "Your membership runs until …" / "never expires" for a purchase today. */
export function expiryText(type: MembershipType, t: PlansWords, locale: string, today: string): string {
  const expires = expiryOf(type, today);
  if (expires === undefined) return '';
  return expires === null ? t.neverExpires : t.runsUntil(formatDate(expires, locale));
}

/** The price a plan card leads with, with its term: "$60 / year", "$18 / 3 months", "From $15 /
 * year" for a donation, "$500" for a lifetime, "Free"; a whole amount without ".00". */
export function priceText(type: MembershipType, t: PlansWords, locale: string): string {
  const { price, duration } = type;
  if (price.value === 0 && price.type !== 'donation') return t.free;
  let amount = formatMoney(price.value, price.currency, locale, true);
  if (duration != null && type.duration_interval_type !== 'lifetime') amount = t.per(amount, duration, type.duration_interval_type);
  return price.type === 'donation' ? t.fromAmount(amount) : amount;
}

/** Whether the type renews: automatically, never, or the member chooses. */
export function renewalText(type: MembershipType, t: PlansWords): string {
  if (type.duration_interval_type === 'lifetime') return '';
  if (memberChoosesAutoRenew(type)) return t.memberChooses;
  return type.recurring ? t.renewsAutomatically : t.noAutoRenewal;
}
