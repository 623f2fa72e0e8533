/**
 * Currency codes on input: ISO 4217, accepted in any case (`eur`, `Eur`) and always answered in
 * upper case. A code the runtime does not know as a currency (`XYZ`) is refused rather than
 * stored, since prices in it could never be formatted or charged.
 */

let known: ReadonlySet<string> | null | undefined;

function knownCurrencies(): ReadonlySet<string> | null {
  if (known === undefined) {
    const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
    known = typeof supported === 'function' ? new Set(supported('currency')) : null;
  }
  return known;
}

/** The upper-case code, or null when `input` is not a known ISO 4217 code in any case. */
export function normalizeCurrencyCode(input: unknown): string | null {
  if (typeof input !== 'string' || !/^\s*[A-Za-z]{3}\s*$/.test(input)) return null;
  const code = input.trim().toUpperCase();
  // Without Intl.supportedValuesOf (old runtimes) every three-letter code is taken.
  const list = knownCurrencies();
  return list === null || list.has(code) ? code : null;
}
