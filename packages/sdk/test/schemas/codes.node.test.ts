// The API's closed code lists: what a client keys its messages by. They must hold every reason the
// calculators can give, and stay cheap to import (no zod).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import {
  apiErrorCodes,
  checkDiscount,
  discountRefusals,
  isApiErrorCode,
  isDiscountRefusal,
  type DiscountCheckRefusal,
  type DiscountRefusal,
} from '../../src/index.js';

// Compile-time: every refusal of checkDiscount is one the API may send.
const checkRefusalsAreApiRefusals: DiscountRefusal = '' as DiscountCheckRefusal;
void checkRefusalsAreApiRefusals;

describe('ApiErrorCode and DiscountRefusal: closed lists with runtime values', () => {
  it('lists each code once, in snake_case', () => {
    for (const list of [apiErrorCodes, discountRefusals]) {
      assert.equal(new Set(list).size, list.length);
      for (const code of list) assert.match(code, /^[a-z]+(?:_[a-z0-9]+)*$/);
    }
  });

  it('the contract’s codes are in the list', () => {
    const contract = [
      'validation_failed', 'not_found', 'unauthorized', 'forbidden', 'already_member', 'invitation_required',
      'invalid_discount', 'amount_out_of_range', 'below_processor_minimum', 'idempotency_conflict',
      'idempotency_key_reused', 'rate_limited',
    ];
    assert.deepEqual(contract.filter((code) => !isApiErrorCode(code)), []);
  });

  it('every reason checkDiscount gives is a DiscountRefusal', () => {
    const today = '2026-03-01';
    const seen = new Set<string>();
    const cases = [
      { valid_until: '2026-02-28' },
      { valid_from: '2026-03-02' },
      { max_redemptions: 1, times_redeemed: 1 },
      { membership_type_ids: ['other'] },
    ];
    for (const terms of cases) {
      const check = checkDiscount({ percent_off: 10, ...terms }, { membership_type_id: 'annual', on: today });
      assert.equal(check.ok, false);
      if (!check.ok) seen.add(check.reason);
    }
    assert.deepEqual([...seen].filter((reason) => !isDiscountRefusal(reason)), []);
    assert.equal(seen.size, 4);
  });

  it('the guards refuse what is not in the lists (other strings, other types, inherited names)', () => {
    for (const value of ['conflict', 'NOT_FOUND', '', 'toString', 404, null, undefined, ['not_found']]) {
      assert.equal(isApiErrorCode(value), false, String(value));
      assert.equal(isDiscountRefusal(value), false, String(value));
    }
  });

  it('importing the lists from the package root brings no zod and no schemas', async () => {
    const result = await build({
      stdin: {
        contents: "export { apiErrorCodes, discountRefusals, isApiErrorCode } from '@memberkit/sdk';",
        resolveDir: fileURLToPath(new URL('../../../..', import.meta.url)),
        loader: 'js',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      conditions: ['source'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([file]) => file);
    assert.deepEqual(inputs.filter((file) => !file.endsWith('packages/sdk/src/schemas/codes.ts')), []);
  });
});
