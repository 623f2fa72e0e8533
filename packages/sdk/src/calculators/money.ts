/** Money as an integer of the currency's minor unit, as on the wire and at Stripe. */
import {
  defaultFloorMajorUnits,
  processorFloors,
  threeDecimalCurrencies,
  weakCurrencyFloors,
  zeroDecimalCurrencies,
} from './currencies.js';
import { CalculatorError } from './errors.js';

const currencyCode = (currency: string): string => {
  const code = typeof currency === 'string' ? currency.toUpperCase() : '';
  if (!/^[A-Z]{3}$/.test(code)) throw new CalculatorError('invalid_currency', currency);
  return code;
};

/** Decimal places of the currency's minor unit: 0 (JPY), 2 (USD) or 3 (KWD); Stripe's lists, every other currency has 2. */
export const currencyExponent = (currency: string): 0 | 2 | 3 => {
  const code = currencyCode(currency);
  return zeroDecimalCurrencies.includes(code) ? 0 : threeDecimalCurrencies.includes(code) ? 3 : 2;
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
 * with the currency's own number of decimals, so ¥500 and 1.500 KD read as charged. `short`
 * drops the decimals of a whole amount ("$60", not "$60.00": a price on a plan card); an amount
 * with cents keeps them all ("$9.50"). A malformed locale throws `invalid_locale`.
 */
export const formatMoney = (minor: number, currency: string, locale?: string | string[], short?: boolean): string => {
  const exponent = currencyExponent(currency);
  const digits = short && minor % 10 ** exponent === 0 ? 0 : exponent;
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** exponent);
};

// Every listed floor in minor units: Stripe's table and ours, then the weak two-decimal
// currencies' (major units × 100).
const floors: Record<string, number> = { ...processorFloors };
for (const [major, codes] of Object.entries(weakCurrencyFloors)) {
  for (const code of codes.split(' ')) floors[code] = Number(major) * 100;
}

/**
 * The smallest total the payment processor accepts, in minor units, so a signup below it is
 * refused with a clear message rather than at the processor. Policy:
 * - Stripe's table where it has one (0.50 USD = 50, 0.30 GBP = 30, ¥50, 175.00 HUF, …);
 * - for the zero- and three-decimal currencies it leaves out, our floors of about 1 USD
 *   (KRW 1500, VND 30000, CLP 1000, KWD 0.500, …);
 * - for two-decimal currencies worth less than 0.10 USD, floors of about 1 USD too
 *   (ZAR 20.00, PHP 100.00, IDR 20,000.00, …);
 * - for any other three-letter code, 10 major units (10.00): at least 1 USD for every
 *   two-decimal currency left, since each is worth at least 0.10 USD.
 * About 1 USD is twice Stripe's 0.50 USD "or equivalent", so a currency can lose half its value
 * (against 2025 rates) before its floor is too low; the processor still has the last word.
 * Only a code that is not three letters is refused (`invalid_currency`).
 */
export const processorMinimum = (currency: string): number => {
  const code = currencyCode(currency);
  return floors[code] ?? defaultFloorMajorUnits * 10 ** currencyExponent(code);
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
  // Full-width digits and marks (an East Asian keyboard: "１５．００") are the ASCII ones
  // (NFKC), and so are Arabic-Indic digits and separators ("١٥٫٥٠").
  const typed = typeof text === 'string' ? text.normalize('NFKC') : '-';
  if (/[-+\u2212]/.test(typed)) throw invalid();
  const cleaned = typed
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x660))
    .replace(/\u066b/g, '.')
    .replace(/\u066c/g, ',')
    .replace(/[\s\u00a0\u202f']/g, '').replace(/^[^\d.,]+|[^\d.,]+$/g, '');
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
