/** Money as an integer of the currency's minor unit, as on the wire and at Stripe. */
import { CalculatorError, PricingError } from './errors.js';

// Stripe's zero-decimal and three-decimal currencies; every other currency has 2 decimals.
const zeroDecimal = 'BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF';
const threeDecimal = 'BHD JOD KWD OMR TND';

const currencyCode = (currency: string): string => {
  const code = typeof currency === 'string' ? currency.toUpperCase() : '';
  if (!/^[A-Z]{3}$/.test(code)) throw new CalculatorError('invalid_currency', currency);
  return code;
};

/** Decimal places of the currency's minor unit: 0 (JPY), 2 (USD) or 3 (KWD). */
export const currencyExponent = (currency: string): 0 | 2 | 3 => {
  const code = currencyCode(currency);
  return zeroDecimal.includes(code) ? 0 : threeDecimal.includes(code) ? 3 : 2;
};

/**
 * Minor units of a decimal amount typed by a person: `toMinorUnits('12.50', 'USD')` = 1250,
 * `('500', 'JPY')` = 500, `('1.5', 'KWD')` = 1500. More decimals than the currency has
 * (`'12.505'` USD, `'5.0'` JPY) throw `too_many_decimals`: rounding someone's money silently
 * is worse than asking. Signs, exponents, separators and other junk throw `invalid_amount`.
 */
export const toMinorUnits = (amount: string | number, currency: string): number => {
  const exponent = currencyExponent(currency);
  const match = /^(\d*)(?:\.(\d*))?$/.exec(String(amount).trim());
  if (!match || !/\d/.test(match[0])) throw new CalculatorError('invalid_amount', amount);
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    throw new CalculatorError('too_many_decimals', amount);
  }
  const minor = Number((match[1] || '0') + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) throw new CalculatorError('invalid_amount', amount);
  return minor;
};

/** `Intl.NumberFormat`, with a malformed locale refused as `invalid_locale` rather than a bare RangeError. */
const numberFormat = (locale: string | string[] | undefined, options?: Intl.NumberFormatOptions): Intl.NumberFormat => {
  try {
    return new Intl.NumberFormat(locale, options);
  } catch {
    throw new CalculatorError('invalid_locale', locale);
  }
};

/**
 * A minor-unit amount for display in `locale` (`formatMoney(599, 'USD', 'en-US')` = "$5.99"),
 * always with the currency's own number of decimals, so ¥500 and 1.500 KD read as charged.
 * A malformed locale throws `invalid_locale`.
 */
export const formatMoney = (minor: number, currency: string, locale?: string | string[]): string => {
  const exponent = currencyExponent(currency);
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(minor / 10 ** exponent);
};

// Stripe's minimum charge per currency, in minor units ("0.50 USD or equivalent").
const processorMinimums: Record<string, number> = {
  USD: 50, AED: 200, AUD: 50, BGN: 100, BRL: 50, CAD: 50, CHF: 50, CZK: 1500, DKK: 250, EUR: 50,
  GBP: 30, HKD: 400, HUF: 17500, INR: 50, JPY: 50, MXN: 1000, MYR: 200, NOK: 300, NZD: 50,
  PLN: 200, RON: 200, SEK: 300, SGD: 50, THB: 1000,
  // Not in Stripe's table, which asks for the equivalent of 0.50 USD: our own conservative
  // floors of about 1 USD (2025 rates, rounded up), twice Stripe's, so some depreciation
  // still clears it. Zero-decimal currencies:
  BIF: 3000, CLP: 1000, DJF: 200, GNF: 9000, KMF: 500, KRW: 1500, MGA: 5000, PYG: 8000,
  RWF: 1500, UGX: 4000, VND: 30000, VUV: 150, XAF: 600, XOF: 600, XPF: 120,
  // three-decimal currencies (1000 minor units per major):
  BHD: 500, JOD: 1000, KWD: 500, OMR: 500, TND: 3000,
};

/**
 * The smallest total the payment processor accepts, in minor units: Stripe's table (0.50 USD =
 * 50, 0.30 GBP = 30, ¥50, …), plus conservative floors of about 1 USD that we keep for the
 * zero- and three-decimal currencies Stripe's table leaves out (KRW 1500, VND 30000, CLP 1000,
 * KWD 0.500, …). Any other currency is refused with `PricingError` `unknown_processor_minimum`:
 * its floor depends on an exchange rate a pure function cannot know, and guessing low (the old
 * 50 minor units was ₩50, about 0.04 USD) lets signups through that the processor then refuses.
 */
export const processorMinimum = (currency: string): number => {
  const minimum = processorMinimums[currencyCode(currency)];
  if (minimum === undefined) throw new PricingError('unknown_processor_minimum');
  return minimum;
};

/** `minor` as the plain decimal a member would type (1500 USD → "15.00", 500 JPY → "500"). */
export const toDecimalString = (minor: number, currency: string): string => {
  const exponent = currencyExponent(currency);
  if (!Number.isSafeInteger(minor) || minor < 0) throw new CalculatorError('invalid_amount', minor);
  if (exponent === 0) return String(minor);
  const digits = String(minor).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
};

/**
 * An amount as a member types it, in minor units: "1,000.50" and "1 000,50" and "$15" all read
 * as meant. Spaces and a currency symbol are ignored. With both "," and "." the last one marks
 * the decimals; a lone separator is grouping only when it is `locale`'s grouping separator
 * followed by exactly three digits ("1,000" in English, "1.000" in German), else it marks the
 * decimals ("12,50" is 12.50 everywhere). Grouping must be real groups of three ("1,000,000");
 * anything else ("12.34.56", "1,00.5") and any sign ("-5": an amount is never negative, and
 * dropping the sign would charge 5) throw `invalid_amount`; too many decimals throw
 * `too_many_decimals`, a malformed locale `invalid_locale`.
 */
export const parseMoneyInput = (text: string, currency: string, locale?: string | string[]): number => {
  const invalid = () => new CalculatorError('invalid_amount', text);
  if (typeof text !== 'string' || /[-+\u2212]/.test(text)) throw invalid();
  const cleaned = text.replace(/[\s\u00a0\u202f']/g, '').replace(/^[^\d.,]+|[^\d.,]+$/g, '');
  const separators = cleaned.match(/[.,]/g) ?? [];
  let decimal: string | undefined;
  if (new Set(separators).size === 2) decimal = separators.at(-1);
  else if (separators.length === 1) {
    const group = numberFormat(locale).formatToParts(1000).find((part) => part.type === 'group')?.value;
    const grouping = separators[0] === group && /^\d{1,3}[.,]\d{3}$/.test(cleaned);
    if (!grouping) decimal = separators[0];
  }
  const cut = decimal ? cleaned.lastIndexOf(decimal) : cleaned.length;
  const whole = cleaned.slice(0, cut);
  // What is left of the decimal mark may only group thousands, with one separator kind.
  if (/[.,]/.test(whole) && !/^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$/.test(whole)) throw invalid();
  const digits = whole.replace(/[.,]/g, '');
  return toMinorUnits(decimal ? `${digits}.${cleaned.slice(cut + 1)}` : digits, currency);
};
