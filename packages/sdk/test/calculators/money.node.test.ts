import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CalculatorError,
  currencyExponent,
  parseMoneyInput,
  toDecimalString,
  formatMoney,
  normalizeCurrencyCode,
  processorMinimum,
  toMinorUnits,
} from '../../src/calculators/index.js';
import {
  defaultFloorMajorUnits,
  processorFloors,
  threeDecimalCurrencies,
  weakCurrencyFloors,
  zeroDecimalCurrencies,
} from '../../src/calculators/currencies.js';

const code = (c: string) => (error: unknown) => error instanceof CalculatorError && error.code === c;

describe('prices rule 5: zero-decimal and three-decimal currencies', () => {
  it('USD and EUR have 2 decimals; JPY, KRW, VND, CLP 0; KWD, BHD, JOD, OMR, TND 3 (any case)', () => {
    assert.deepEqual(['USD', 'eur'].map(currencyExponent), [2, 2]);
    assert.deepEqual(['JPY', 'KRW', 'VND', 'CLP', 'xof'].map(currencyExponent), [0, 0, 0, 0, 0]);
    assert.deepEqual(['KWD', 'BHD', 'JOD', 'OMR', 'tnd'].map(currencyExponent), [3, 3, 3, 3, 3]);
  });

  it('a code that is not three letters throws invalid_currency', () => {
    for (const bad of ['US', 'USDX', '12A', '', 'J Y']) assert.throws(() => currencyExponent(bad), code('invalid_currency'));
  });

  it('toMinorUnits: 12.50 USD = 1250, 1000 JPY = 1000, 1.000 KWD = 1000, 1.5 KWD = 1500', () => {
    assert.equal(toMinorUnits('12.50', 'USD'), 1250);
    assert.equal(toMinorUnits('12.5', 'USD'), 1250);
    assert.equal(toMinorUnits('12', 'USD'), 1200);
    assert.equal(toMinorUnits(' 0.07 ', 'USD'), 7);
    assert.equal(toMinorUnits('.5', 'EUR'), 50);
    assert.equal(toMinorUnits('1000', 'JPY'), 1000);
    assert.equal(toMinorUnits('1.000', 'KWD'), 1000);
    assert.equal(toMinorUnits('1.5', 'KWD'), 1500);
    assert.equal(toMinorUnits(60, 'USD'), 6000);
  });

  it('more decimals than the currency has throws too_many_decimals: 12.505 USD, 5.0 JPY, 1.0005 KWD', () => {
    assert.throws(() => toMinorUnits('12.505', 'USD'), code('too_many_decimals'));
    assert.throws(() => toMinorUnits('5.0', 'JPY'), code('too_many_decimals'));
    assert.throws(() => toMinorUnits('1.0005', 'KWD'), code('too_many_decimals'));
  });

  it('junk throws invalid_amount: empty, sign, exponent, separators, letters, a lone dot', () => {
    for (const bad of ['', ' ', '-5', '+5', '1e3', '1,000', '12.50 USD', 'abc', '.', '1.2.3', 'Infinity']) {
      assert.throws(() => toMinorUnits(bad, 'USD'), code('invalid_amount'), bad);
    }
    assert.throws(() => toMinorUnits('99999999999999999999', 'USD'), code('invalid_amount'));
  });

  it('formatMoney shows the currency’s own decimals: $5.99, ¥500, KWD 1.500, 60,00 € in German', () => {
    assert.equal(formatMoney(599, 'USD', 'en-US'), '$5.99');
    assert.equal(formatMoney(6000, 'USD', 'en-US'), '$60.00');
    assert.equal(formatMoney(500, 'JPY', 'en-US'), '¥500');
    assert.equal(formatMoney(1500, 'KWD', 'en-US'), 'KWD\u00a01.500');
    assert.equal(formatMoney(6000, 'EUR', 'de-DE'), '60,00\u00a0€');
  });
});

describe('formatMoney short: a price on a plan card', () => {
  it('drops the decimals of a whole amount only: $60, $9.50, ¥500, KWD 1.500, 60 € in German', () => {
    assert.equal(formatMoney(6000, 'USD', 'en-US', true), '$60');
    assert.equal(formatMoney(950, 'USD', 'en-US', true), '$9.50');
    assert.equal(formatMoney(500, 'JPY', 'en-US', true), '¥500');
    assert.equal(formatMoney(1500, 'KWD', 'en-US', true), 'KWD\u00a01.500');
    assert.equal(formatMoney(1000, 'KWD', 'en-US', true), 'KWD\u00a01');
    assert.equal(formatMoney(6000, 'EUR', 'de-DE', true), '60\u00a0€');
  });
});

describe('prices rule 4: the processor’s minimum charge (Stripe’s table, minor units)', () => {
  it('0.50 USD/EUR/CAD/AUD = 50, 0.30 GBP = 30, 50 JPY = 50, 175.00 HUF = 17500', () => {
    assert.deepEqual(['USD', 'EUR', 'CAD', 'AUD', 'GBP', 'JPY', 'HUF', 'usd'].map(processorMinimum), [50, 50, 50, 50, 30, 50, 17500, 50]);
  });

  it('zero-decimal currencies outside Stripe’s table get floors of about 1 USD, never 50: KRW 1500, VND 30000, CLP 1000, XOF 600', () => {
    assert.deepEqual(['KRW', 'VND', 'CLP', 'XOF', 'xaf'].map(processorMinimum), [1500, 30000, 1000, 600, 600]);
  });

  it('three-decimal currencies too: KWD 0.500, BHD 0.500, OMR 0.500, JOD 1.000, TND 3.000 (not 0.500 TND, about 0.17 USD)', () => {
    assert.deepEqual(['KWD', 'BHD', 'OMR', 'JOD', 'TND'].map(processorMinimum), [500, 500, 500, 1000, 3000]);
  });

  it('every zero- and three-decimal currency the SDK knows (its own lists) has a floor of its own, not the default', () => {
    const special = [...zeroDecimalCurrencies, ...threeDecimalCurrencies];
    assert.ok(special.length >= 21);
    for (const code of special) {
      assert.notEqual(currencyExponent(code), 2, code);
      assert.ok(Object.hasOwn(processorFloors, code), `${code} has no floor in processorFloors`);
      assert.equal(processorMinimum(code), processorFloors[code], code);
    }
  });

  it('two-decimal currencies worth under 0.10 USD get about 1 USD: ZAR 20.00, PHP 100.00, IDR 20,000.00, LBP 100,000.00', () => {
    assert.deepEqual(['ZAR', 'PHP', 'IDR', 'lbp'].map(processorMinimum), [2000, 10000, 2000000, 10000000]);
    for (const [major, codes] of Object.entries(weakCurrencyFloors)) {
      for (const code of codes.split(' ')) {
        assert.equal(currencyExponent(code), 2, code);
        assert.ok(!Object.hasOwn(processorFloors, code), `${code} is listed twice`);
        assert.equal(processorMinimum(code), Number(major) * 100, code);
      }
    }
  });

  it('any other three-letter code gets the default of 10.00 (PEN, ILS, and codes no table names); only a non-code is refused', () => {
    assert.equal(defaultFloorMajorUnits, 10);
    assert.deepEqual(['PEN', 'ILS', 'CNY', 'XTS', 'pen'].map(processorMinimum), [1000, 1000, 1000, 1000, 1000]);
    for (const bad of ['US', 'USDX', 'U5D', '', '€']) assert.throws(() => processorMinimum(bad), code('invalid_currency'), bad);
  });
});

describe('money as a member types it: parseMoneyInput and toDecimalString', () => {
  it('"1,000.50" USD in English → 100050; "1.000,50" in German → 100050; "1 000,50" in French → 100050', () => {
    assert.equal(parseMoneyInput('1,000.50', 'USD', 'en'), 100050);
    assert.equal(parseMoneyInput('1.000,50', 'EUR', 'de'), 100050);
    assert.equal(parseMoneyInput('1\u202f000,50', 'EUR', 'fr'), 100050);
  });
  it('full-width digits ("１５．５０", "￥５００") and Arabic-Indic ones ("١٥٫٥٠", "١٬٠٠٠") read as typed', () => {
    assert.equal(parseMoneyInput('１５．５０', 'USD', 'en'), 1550);
    assert.equal(parseMoneyInput('￥５００', 'JPY', 'ja'), 500);
    assert.equal(parseMoneyInput('١٥٫٥٠', 'USD', 'ar'), 1550);
    assert.equal(parseMoneyInput('١٬٠٠٠', 'USD', 'ar'), 100000);
    assert.throws(() => parseMoneyInput('－５', 'USD', 'en'), (error: { code?: string }) => error.code === 'invalid_amount');
  });
  it('a lone separator: "1,000" in English is a thousand, "12,50" is 12.50, "12.5" is 12.50', () => {
    assert.equal(parseMoneyInput('1,000', 'USD', 'en'), 100000);
    assert.equal(parseMoneyInput('12,50', 'USD', 'en'), 1250);
    assert.equal(parseMoneyInput('12.5', 'USD', 'en'), 1250);
  });
  it('currency symbols and spaces are ignored: "$ 15" → 1500, "¥1,000" JPY → 1000', () => {
    assert.equal(parseMoneyInput('$ 15', 'USD', 'en'), 1500);
    assert.equal(parseMoneyInput('¥1,000', 'JPY', 'ja'), 1000);
  });
  it('junk and too many decimals are refused with their codes', () => {
    assert.throws(() => parseMoneyInput('abc', 'USD', 'en'), { code: 'invalid_amount' });
    assert.throws(() => parseMoneyInput('1.234', 'USD', 'en'), { code: 'too_many_decimals' });
  });
  it('a sign is refused, never dropped: "-5", "+5", "$-5", "−5" (minus sign) → invalid_amount', () => {
    for (const text of ['-5', '+5', '$-5', '\u22125', '5-']) assert.throws(() => parseMoneyInput(text, 'USD', 'en'), code('invalid_amount'), text);
  });
  it('separators must group real thousands: "12.34.56" and "1,00.5" are refused; "1,000,000.25" and "1.000.000" read', () => {
    assert.throws(() => parseMoneyInput('12.34.56', 'USD', 'en'), code('invalid_amount'));
    assert.throws(() => parseMoneyInput('1,00.5', 'USD', 'en'), code('invalid_amount'));
    assert.throws(() => parseMoneyInput('1.000,000.5', 'USD', 'en'), code('invalid_amount'));
    assert.equal(parseMoneyInput('1,000,000.25', 'USD', 'en'), 100000025);
    assert.equal(parseMoneyInput('1.000.000', 'EUR', 'de'), 100000000);
  });
  it('a malformed locale is a CalculatorError invalid_locale, not a bare RangeError', () => {
    assert.throws(() => parseMoneyInput('1,000', 'USD', 'xx_bad'), code('invalid_locale'));
    assert.throws(() => formatMoney(100, 'USD', 'xx_bad'), code('invalid_locale'));
  });
  it('toDecimalString: 1500 USD → "15.00", 5 USD → "0.05", 500 JPY → "500", 1500 KWD → "1.500"', () => {
    assert.deepEqual(
      [toDecimalString(1500, 'USD'), toDecimalString(5, 'USD'), toDecimalString(500, 'JPY'), toDecimalString(1500, 'KWD')],
      ['15.00', '0.05', '500', '1.500'],
    );
  });
});

describe('currency codes on input: any case, answered upper case, unknown ones refused', () => {
  it('normalizes eur, Eur and " jpy " to EUR and JPY', () => {
    assert.deepEqual(['eur', 'Eur', ' jpy ', 'KWD'].map(normalizeCurrencyCode), ['EUR', 'EUR', 'JPY', 'KWD']);
  });
  it('refuses what is not a known three-letter code', () => {
    assert.deepEqual(['XYZ', 'euro', 'E1R', '', 42, null].map(normalizeCurrencyCode), [null, null, null, null, null, null]);
  });
});
