import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PATTERN_INPUT_LIMIT, isSafePattern, unsafePatternReason, validateFields } from '../../src/calculators/index.js';

describe('custom field patterns: refused when they can backtrack without bound', () => {
  it('accepts the patterns organizations use: codes, postcodes, names, phone numbers', () => {
    for (const pattern of [
      '^[A-Za-z0-9 ._-]+$',
      '[A-Z]{2}\\d{6}',
      '\\d{5}(-\\d{4})?',
      '(?:\\+\\d{1,3} )?\\d{3,14}',
      'M-[0-9]+',
      '(red|green|blue)',
      '[(a+)+]+',
      '(?<year>\\d{4})-\\d{2}',
    ]) {
      assert.equal(unsafePatternReason(pattern), undefined, pattern);
    }
  });

  it('refuses nested quantifiers, quantified alternations, backreferences, lookarounds, invalid and over-long patterns', () => {
    const cases: [string, string][] = [
      ['(a+)+$', 'nested_quantifier'],
      ['^(\\w*)*@', 'nested_quantifier'],
      ['((ab)*c)+', 'nested_quantifier'],
      ['(?:x{2,})+', 'nested_quantifier'],
      ['(a|aa)+', 'quantified_alternation'],
      ['(a|b){2,}', 'quantified_alternation'],
      ['(a)\\1', 'backreference'],
      ['(?<n>a)\\k<n>', 'backreference'],
      ['a(?=b)', 'lookaround'],
      ['(?<!x)y', 'lookaround'],
      ['(', 'invalid'],
      ['a'.repeat(501), 'too_long'],
    ];
    for (const [pattern, reason] of cases) assert.equal(unsafePatternReason(pattern), reason, pattern);
    assert.equal(isSafePattern('(a+)+$'), false);
  });

  it('validateFields skips an unsafe pattern instead of freezing: (a+)+b on 28 a’s answers at once', () => {
    const field = { key: 'code', type: 'text' as const, pattern: '(a+)+b' };
    const started = performance.now();
    const errors = validateFields([field], { code: `${'a'.repeat(28)}!` });
    assert.ok(performance.now() - started < 100, `took ${Math.round(performance.now() - started)} ms`);
    assert.deepEqual(errors, {});
  });

  it(`a value over ${PATTERN_INPUT_LIMIT} characters is not run through a pattern: it does not match`, () => {
    const field = { key: 'name', type: 'text' as const, pattern: '[a-z]+' };
    assert.deepEqual(validateFields([field], { name: 'a'.repeat(PATTERN_INPUT_LIMIT) }), {});
    assert.deepEqual(validateFields([field], { name: 'a'.repeat(PATTERN_INPUT_LIMIT + 1) }), { name: { code: 'pattern_mismatch' } });
  });
});
