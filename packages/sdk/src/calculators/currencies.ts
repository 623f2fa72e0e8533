// The currency facts behind `currencyExponent` and `processorMinimum`. Not re-exported from the
// calculators' index (the public answers are those functions); tests read these lists directly.

/** Stripe's zero-decimal currencies: no minor unit (¥500 is 500). */
export const zeroDecimalCurrencies: readonly string[] = 'BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF'.split(' ');

/** Stripe's three-decimal currencies: 1000 minor units per major (1.500 KD is 1500). */
export const threeDecimalCurrencies: readonly string[] = 'BHD JOD KWD OMR TND'.split(' ');

/**
 * Minimum charges in minor units. First Stripe's own table ("0.50 USD or equivalent"); then
 * our floors for the currencies Stripe's table leaves out, about 1 USD at 2025 rates (the
 * market rate where a currency has two), rounded up: twice Stripe's 0.50 USD, so a currency
 * can lose half its value before its floor is too low for the processor.
 */
export const processorFloors: Readonly<Record<string, number>> = {
  USD: 50, AED: 200, AUD: 50, BGN: 100, BRL: 50, CAD: 50, CHF: 50, CZK: 1500, DKK: 250, EUR: 50,
  GBP: 30, HKD: 400, HUF: 17500, INR: 50, JPY: 50, MXN: 1000, MYR: 200, NOK: 300, NZD: 50,
  PLN: 200, RON: 200, SEK: 300, SGD: 50, THB: 1000,
  // Zero-decimal currencies:
  BIF: 3000, CLP: 1000, DJF: 200, GNF: 9000, KMF: 500, KRW: 1500, MGA: 5000, PYG: 8000,
  RWF: 1500, UGX: 4000, VND: 30000, VUV: 150, XAF: 600, XOF: 600, XPF: 120,
  // Three-decimal currencies (1000 minor units per major):
  BHD: 500, JOD: 1000, KWD: 500, OMR: 500, TND: 3000,
};

/**
 * Two-decimal currencies worth less than 0.10 USD (2025 rates, market rate where there are
 * two), by their floor in major units: about 1 USD, rounded up to 1, 2 or 5 × 10ⁿ. Every other
 * two-decimal currency is worth at least 0.10 USD, so `defaultFloorMajorUnits` is at least
 * 1 USD for it.
 */
export const weakCurrencyFloors: Readonly<Record<number, string>> = {
  20: 'BOB BWP ERN GHS LSL MDL MVR NAD SCR SZL TJS ZAR',
  50: 'HNL MRU MUR NIO SLE SRD STN TMT TRY TWD UAH UYU ZMW ZWG',
  100: 'AFN ALL BTN DOP EGP GMD KGS MKD MZN PHP RUB',
  200: 'BDT CVE DZD ETB HTG ISK JMD KES NPR RSD',
  500: 'AMD CUP GYD LKR LRD PKR',
  1000: 'AOA CRC KZT SOS VED VES',
  2000: 'ARS IQD NGN',
  5000: 'CDF COP KHR MMK MNT SDG TZS YER',
  10000: 'MWK SSP',
  20000: 'IDR SYP UZS',
  50000: 'LAK SLL',
  100000: 'KPW LBP',
  2000000: 'IRR',
};

/**
 * The floor of any other ISO 4217 code, in major units: 10 (10.00), at least 1 USD for every
 * two-decimal currency not listed above (each is worth at least 0.10 USD). A very strong
 * currency gets a higher floor than it needs (10 KYD is about 12 USD): refusing a tiny total
 * is the cheap mistake, a checkout the processor then refuses the costly one.
 */
export const defaultFloorMajorUnits = 10;
