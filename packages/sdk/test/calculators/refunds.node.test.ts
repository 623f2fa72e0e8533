import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { refundEndsMembership, refundableAmount } from '../../src/calculators/index.js';

describe('refunds', () => {
  it('what is left to refund is what was paid less every refund, never below 0', () => {
    assert.equal(refundableAmount({ amount_paid: 6000 }), 6000);
    assert.equal(refundableAmount({ amount_paid: 6000, refunds: [{ amount: 1500 }, { amount: 500 }] }), 4000);
    assert.equal(refundableAmount({ amount_paid: 100, refunds: [{ amount: 300 }] }), 0);
  });

  it('a full refund of the current term ends the membership unless staff keep access; a partial one or an earlier term never does', () => {
    const full = { amount_paid: 6000, refunds: [{ amount: 1500 }, { amount: 4500 }] };
    const partial = { amount_paid: 6000, refunds: [{ amount: 1500 }] };
    assert.equal(refundEndsMembership(full, { current: true }), true);
    assert.equal(refundEndsMembership(full, { current: true, keep_access: true }), false);
    assert.equal(refundEndsMembership(full, { current: false }), false);
    assert.equal(refundEndsMembership(partial, { current: true }), false);
    assert.equal(refundEndsMembership({ amount_paid: 0 }, { current: true }), false, 'a free term has nothing to give back');
  });
});
