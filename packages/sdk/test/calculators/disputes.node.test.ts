import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disputeBlocksRefund, disputeOutcome, disputeResult, disputeWithdrawsFunds } from '../../src/calculators/index.js';

describe('disputes', () => {
  it('a chargeback open or lost stops a refund; an inquiry, open or closed, and a won chargeback do not', () => {
    const blocks = (status: string) => disputeBlocksRefund({ status });
    assert.deepEqual(['needs_response', 'under_review', 'lost'].map(blocks), [true, true, true]);
    assert.deepEqual(['warning_needs_response', 'warning_under_review', 'warning_closed', 'won', 'prevented'].map(blocks), [false, false, false, false, false]);
  });

  it('a chargeback has taken the money back; an inquiry (Stripe’s warning_… statuses) has not yet', () => {
    for (const status of ['needs_response', 'under_review', 'won', 'lost']) assert.equal(disputeWithdrawsFunds({ status }), true, status);
    for (const status of ['warning_needs_response', 'warning_under_review', 'warning_closed']) assert.equal(disputeWithdrawsFunds({ status }), false, status);
  });

  it('any dispute stops automatic renewal and forgets the card, and never ends the membership by itself', () => {
    assert.deepEqual(disputeOutcome({ status: 'needs_response' }), { stops_auto_renew: true, forgets_card: true, ends_membership: false, funds_withdrawn: true, result: null });
    assert.deepEqual(disputeOutcome({ status: 'warning_needs_response' }), { stops_auto_renew: true, forgets_card: true, ends_membership: false, funds_withdrawn: false, result: null });
  });

  it('a closed dispute is won (the organization keeps the money) or lost; an open one has no result; closing gives back neither the card nor auto-renewal, nor ends the membership', () => {
    for (const status of ['won', 'warning_closed', 'prevented']) assert.equal(disputeResult({ status }), 'won', status);
    assert.equal(disputeResult({ status: 'lost' }), 'lost');
    for (const status of ['needs_response', 'under_review', 'warning_needs_response', 'warning_under_review']) assert.equal(disputeResult({ status }), null, status);
    for (const status of ['won', 'lost']) {
      assert.deepEqual(disputeOutcome({ status }), { stops_auto_renew: true, forgets_card: true, ends_membership: false, funds_withdrawn: true, result: status });
    }
  });
});
