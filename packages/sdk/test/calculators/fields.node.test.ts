import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeEmail, validateFields, type FieldRules, type FieldValue } from '../../src/calculators/index.js';

/** The error code for one field and one value, or undefined when valid. */
const check = (field: Omit<FieldRules, 'key'>, value: FieldValue) =>
  validateFields([{ key: 'f', ...field }], { f: value }).f?.code;

describe('custom fields: required values', () => {
  it('a required empty, missing or whitespace-only value is required', () => {
    for (const value of [undefined, null, '', '   \t']) assert.equal(check({ type: 'text', required: true }, value), 'required');
  });

  it('an optional empty value is valid whatever its bounds', () => {
    assert.equal(check({ type: 'text', min_length: 3 }, ''), undefined);
    assert.equal(check({ type: 'email' }, '  '), undefined);
    assert.equal(check({ type: 'number', min: 5 }, null), undefined);
    assert.equal(check({ type: 'select', options: [{ value: 'a' }] }, undefined), undefined);
  });

  it('a required consent must be true; a required checkbox must be ticked; optional ones may be false', () => {
    assert.equal(check({ type: 'consent', required: true }, false), 'required');
    assert.equal(check({ type: 'consent', required: true }, undefined), 'required');
    assert.equal(check({ type: 'consent', required: true }, true), undefined);
    assert.equal(check({ type: 'checkbox', required: true }, false), 'required');
    assert.equal(check({ type: 'checkbox' }, false), undefined);
  });

  it('a required multiselect needs at least one option', () => {
    assert.equal(check({ type: 'multiselect', required: true, options: [{ value: 'a' }] }, []), 'required');
  });
});

describe('custom fields: text lengths and patterns', () => {
  it('min_length 3 / max_length 5 on "ab" → too_short, "abcdef" → too_long, "abc" ok (lengths after trimming)', () => {
    const field = { type: 'text', min_length: 3, max_length: 5 } as const;
    assert.equal(check(field, 'ab'), 'too_short');
    assert.equal(check(field, ' ab  '), 'too_short');
    assert.equal(check(field, 'abcdef'), 'too_long');
    assert.equal(check(field, 'abc'), undefined);
  });

  it('length counts characters, not UTF-16 units: "😀😀" is 2', () => {
    assert.equal(check({ type: 'textarea', max_length: 2 }, '😀😀'), undefined);
  });

  it('the pattern must match the whole value: [A-Z]{2}\\d{3} accepts AB123, refuses AB1234 and xAB123', () => {
    const field = { type: 'text', pattern: '[A-Z]{2}\\d{3}' } as const;
    assert.equal(check(field, 'AB123'), undefined);
    assert.equal(check(field, 'AB1234'), 'pattern_mismatch');
    assert.equal(check(field, 'xAB123'), 'pattern_mismatch');
  });

  it('alternatives are anchored as a whole: a|b refuses "ab"', () => {
    assert.equal(check({ type: 'text', pattern: 'a|b' }, 'ab'), 'pattern_mismatch');
  });

  it('an invalid pattern from the API is ignored rather than throwing', () => {
    assert.equal(check({ type: 'text', pattern: '([a-z' }, 'anything'), undefined);
  });

  it('pattern applies to tel too: \\+?[0-9 ]{6,} refuses "call me"', () => {
    assert.equal(check({ type: 'tel', pattern: '\\+?[0-9 ]{6,}' }, 'call me'), 'pattern_mismatch');
    assert.equal(check({ type: 'tel', pattern: '\\+?[0-9 ]{6,}' }, '+41 79 123 45 67'), undefined);
  });
});

describe('custom fields: email and url', () => {
  it('emails: alice@example.org ok; "alice", "alice@", "a@b", "a b@c.org", "a@b..org" → invalid_email', () => {
    assert.equal(check({ type: 'email' }, ' Alice@Example.org '), undefined);
    for (const bad of ['alice', 'alice@', 'a@b', 'a b@c.org', 'a@b..org', '@example.org']) {
      assert.equal(check({ type: 'email' }, bad), 'invalid_email', bad);
    }
  });

  it('urls must be http(s) with a host: https://example.org ok; ftp:, javascript:, "example.org" → invalid_url', () => {
    assert.equal(check({ type: 'url' }, 'https://example.org/join?x=1'), undefined);
    assert.equal(check({ type: 'url' }, 'http://localhost:4400'), undefined);
    for (const bad of ['ftp://example.org', 'javascript:alert(1)', 'example.org', 'https://', 'https://exa mple.org']) {
      assert.equal(check({ type: 'url' }, bad), 'invalid_url', bad);
    }
  });

  it('normalizeEmail trims and lower-cases: "  Alice@Example.ORG " → alice@example.org', () => {
    assert.equal(normalizeEmail('  Alice@Example.ORG '), 'alice@example.org');
  });
});

describe('custom fields: numbers and dates with min and max', () => {
  it('number min 1 max 10: "0" too_small, "11" too_large, "10" and "1.5" ok, "abc" / "1e3" / "1,5" invalid_number', () => {
    const field = { type: 'number', min: 1, max: 10 } as const;
    assert.equal(check(field, '0'), 'too_small');
    assert.equal(check(field, '11'), 'too_large');
    assert.equal(check(field, '10'), undefined);
    assert.equal(check(field, '1.5'), undefined);
    for (const bad of ['abc', '1e3', '1,5', '--1', '0x10']) assert.equal(check(field, bad), 'invalid_number', bad);
  });

  it('negative numbers and numbers given as numbers work', () => {
    assert.equal(check({ type: 'number', min: -5 }, '-6'), 'too_small');
    assert.equal(check({ type: 'number', max: 3 }, 4), 'too_large');
  });

  it('date between 1900-01-01 and 2010-12-31: 2011-01-01 too_large, 1899-12-31 too_small, 2023-02-29 invalid_date', () => {
    const field = { type: 'date', min: '1900-01-01', max: '2010-12-31' } as const;
    assert.equal(check(field, '2011-01-01'), 'too_large');
    assert.equal(check(field, '1899-12-31'), 'too_small');
    assert.equal(check(field, '2010-12-31'), undefined);
    assert.equal(check(field, '2023-02-29'), 'invalid_date');
    assert.equal(check(field, '31/12/2000'), 'invalid_date');
  });
});

describe('custom fields: select and multiselect take only listed options', () => {
  const options = [{ value: 'student', label: 'Student' }, { value: 'adult', label: 'Adult' }];

  it('select: "adult" ok, "senior" invalid_option', () => {
    assert.equal(check({ type: 'select', options }, 'adult'), undefined);
    assert.equal(check({ type: 'select', options }, 'senior'), 'invalid_option');
  });

  it('multiselect: ["adult", "student"] ok, ["adult", "senior"] invalid_option', () => {
    assert.equal(check({ type: 'multiselect', options }, ['adult', 'student']), undefined);
    assert.equal(check({ type: 'multiselect', options }, ['adult', 'senior']), 'invalid_option');
  });
});

describe('validateFields returns errors per field key, empty when all is valid', () => {
  const fields: FieldRules[] = [
    { key: 'nickname', type: 'text', required: false, max_length: 20 },
    { key: 'birthday', type: 'date', required: true },
    { key: 'newsletter', type: 'checkbox' },
    { key: 'terms', type: 'consent', required: true },
  ];

  it('a good form → {}', () => {
    assert.deepEqual(validateFields(fields, { nickname: 'Al', birthday: '1990-05-17', newsletter: false, terms: true }), {});
  });

  it('a bad form → one code per failing key', () => {
    assert.deepEqual(validateFields(fields, { nickname: 'x'.repeat(21), birthday: '', terms: false }), {
      nickname: { code: 'too_long' },
      birthday: { code: 'required' },
      terms: { code: 'required' },
    });
  });
});

describe('custom fields: a value of the wrong JSON type is refused, even on an optional field', () => {
  const fields = [
    { key: 'newsletter', type: 'checkbox' as const },
    { key: 'nickname', type: 'text' as const },
    { key: 'age', type: 'number' as const },
    { key: 'interests', type: 'multiselect' as const, options: [{ value: 'a' }, { value: 'b' }] },
  ];
  it('a checkbox given "banana", a text given an array, a number given true, a multiselect given [1] → invalid_type', () => {
    assert.deepEqual(validateFields(fields, { newsletter: 'banana', nickname: ['a'], age: true, interests: [1] as never }), {
      newsletter: { code: 'invalid_type' },
      nickname: { code: 'invalid_type' },
      age: { code: 'invalid_type' },
      interests: { code: 'invalid_type' },
    });
  });
  it('the types the form holds pass: boolean, string, a number as number or string, string[]', () => {
    assert.deepEqual(validateFields(fields, { newsletter: false, nickname: 'Ada', age: 42, interests: ['a'] }), {});
    assert.deepEqual(validateFields(fields, { age: '42' }), {});
  });
});

describe('custom fields: only the values object’s own properties count', () => {
  const keys = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'];

  it('optional fields keyed constructor, toString, valueOf, hasOwnProperty with no value are valid (not invalid_type)', () => {
    assert.deepEqual(validateFields(keys.map((key) => ({ key, type: 'text' as const })), {}), {});
  });

  it('the same fields when required are missing: required', () => {
    const errors = validateFields(keys.map((key) => ({ key, type: 'text' as const, required: true })), {});
    assert.deepEqual(errors, Object.fromEntries(keys.map((key) => [key, { code: 'required' }])));
  });

  it('a required field keyed __proto__ with no value reports its error under that key', () => {
    const errors = validateFields([{ key: '__proto__', type: 'text', required: true }], {});
    assert.deepEqual(Object.keys(errors), ['__proto__']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(errors, '__proto__')?.value, { code: 'required' });
  });

  it('own values with those keys are read as usual', () => {
    assert.deepEqual(validateFields([{ key: 'constructor', type: 'text', min_length: 3 }], { constructor: 'ab' }), {
      constructor: { code: 'too_short' },
    });
  });
});
