// The element's state machine: the moves the member's path allows, and the ones it never makes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canMove, numberedSteps } from '../src/membership-signup/machine.js';

describe('state machine', () => {
  it('follows the path loading → plans → details → review → payment → done', () => {
    const path = ['loading', 'plans', 'details', 'review', 'payment', 'done'] as const;
    for (let n = 1; n < path.length; n++) assert.ok(canMove(path[n - 1]!, path[n]!), `${path[n - 1]} → ${path[n]}`);
  });

  it('reaches approval and renewal only from the review (or a resumed load)', () => {
    assert.ok(canMove('review', 'approval'));
    assert.ok(canMove('review', 'renewal'));
    assert.ok(!canMove('plans', 'approval'));
    assert.ok(!canMove('details', 'renewal'));
  });

  it('follows the poll to approval when a paid signup then awaits approval', () => {
    assert.ok(canMove('payment', 'approval'));
  });

  it('returns from a failed payment to the review for a new attempt ("Try again")', () => {
    assert.ok(canMove('payment', 'review'));
  });

  it('returns from a failed renewal to the offer ("Try again"), and from the offer to the details ("Back")', () => {
    assert.ok(canMove('error', 'renewal'));
    assert.ok(canMove('renewal', 'details'));
  });

  it('never pays twice or goes back from a finished signup to the form', () => {
    assert.ok(!canMove('done', 'payment'));
    assert.ok(!canMove('done', 'review'));
    assert.ok(!canMove('approval', 'payment'));
    assert.ok(!canMove('plans', 'payment'));
  });

  it('lets every failure be retried or started over', () => {
    for (const to of ['loading', 'plans', 'review', 'payment'] as const) assert.ok(canMove('error', to));
    for (const from of ['loading', 'plans', 'details', 'review', 'payment'] as const) assert.ok(canMove(from, 'error'));
  });

  it('numbers four steps for "Step n of 4"', () => {
    assert.deepEqual(numberedSteps, ['plans', 'details', 'review', 'payment']);
  });
});
