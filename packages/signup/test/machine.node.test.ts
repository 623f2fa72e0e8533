// The element's state machine: the moves the member's path allows, and the ones it never makes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError, type Signup } from '@memberkit/sdk';
import { canMove, numberedSteps, routeFailure, routeRetry, routeSignup } from '../src/membership-signup/machine.js';

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

// The routing decisions, as the element and its controllers carry them out.
const signup = (status: Signup['status'], next_action: Signup['next_action']) => ({ id: 'su_1', status, next_action }) as Signup;
const hosted = { type: 'payment', provider: 'stripe', ui_mode: 'hosted_page', url: 'https://pay.example/x' } as const;
const embedded = { type: 'payment', provider: 'stripe', ui_mode: 'embedded_page', client_secret: 'cs_1' } as const;

describe('routing', () => {
  it('finishes a completed signup, one awaiting approval, or one whose next action is approval', () => {
    assert.equal(routeSignup(signup('completed', { type: 'none' })), null);
    assert.equal(routeSignup(signup('awaiting_approval', { type: 'none' })), null);
    assert.equal(routeSignup(signup('pending', { type: 'approval' } as Signup['next_action'])), null);
  });

  it('shows a failed signup declined, even with its payment action, and polls one the server is finishing', () => {
    assert.equal(routeSignup(signup('failed', embedded)), 'declined');
    assert.equal(routeSignup(signup('pending', { type: 'none' })), 'confirming');
  });

  it('opens a hosted page, or mounts an embedded checkout', () => {
    assert.equal(routeSignup(signup('pending', hosted)), 'hosted');
    assert.equal(routeSignup(signup('pending', embedded)), 'loading');
  });

  it('drops aborts, and names network, timeout and schema failures with their retry', () => {
    assert.equal(routeFailure(new APIUserAbortError(), 'review', 'submit'), null);
    assert.equal(routeFailure(new DOMException('gone', 'AbortError'), 'loading', 'load'), null);
    assert.deepEqual(routeFailure(new APIConnectionError('down'), 'review', 'submit'), { kind: 'network', code: 'network', retry: 'submit' });
    assert.deepEqual(routeFailure(new APITimeoutError('slow'), 'loading', 'load'), { kind: 'network', code: 'timeout', retry: 'load' });
    assert.deepEqual(routeFailure(new Error('?'), 'loading', 'load'), { kind: 'api', code: 'unknown', retry: 'load' });
  });

  const apiError = (status: number, code: string, errors: { field: string; code: string }[] = []) =>
    new APIError(status, { type: 'about:blank', title: code, status, code, errors } as never, undefined, new Headers());

  it('on the review, offers the renewal to a purchaser who holds the type, and sends input errors back to the details', () => {
    assert.equal(routeFailure(apiError(409, 'already_member'), 'review', 'submit')?.review, 'renewal');
    assert.equal(routeFailure(apiError(409, 'already_member', [{ field: 'group_members.0.email', code: 'already_member' }]), 'review', 'submit')?.review, 'details');
    assert.equal(routeFailure(apiError(422, 'validation_failed'), 'review', 'submit')?.review, 'details');
    assert.equal(routeFailure(apiError(409, 'already_member'), 'renewal', 'renew')?.review, undefined);
    assert.equal(routeFailure(apiError(401, 'sign_in_required'), 'review', 'submit')?.review, 'signin', 'the organization asks for a member first');
  });

  it('names an unknown organization a configuration error, and starts a new attempt for a reused key', () => {
    assert.equal(routeFailure(apiError(404, 'not_found'), 'loading', 'load')?.kind, 'configuration');
    assert.equal(routeFailure(apiError(404, 'not_found'), 'review', 'submit')?.kind, 'api');
    assert.equal(routeFailure(apiError(422, 'idempotency_key_reused'), 'payment', 'poll')?.retry, 'restart');
  });

  it('retries a declined payment as a new attempt, an unavailable one with the same checkout, and errors by their retry', () => {
    assert.equal(routeRetry({ step: 'payment', signup: signup('failed', embedded), phase: 'declined' }, true, false), 'new-attempt');
    assert.equal(routeRetry({ step: 'payment', signup: signup('pending', embedded), phase: 'unavailable' }, true, false), 'mount');
    assert.equal(routeRetry({ step: 'payment', signup: signup('pending', hosted), phase: 'unavailable' }, true, false), 'hosted');
    assert.equal(routeRetry({ step: 'payment', signup: signup('pending', hosted), phase: 'hosted' }, true, false), null);
    assert.equal(routeRetry({ step: 'error', kind: 'network', code: 'network', retry: 'submit' }, true, false), 'submit');
    assert.equal(routeRetry({ step: 'error', kind: 'network', code: 'network', retry: 'submit' }, false, false), 'load');
    assert.equal(routeRetry({ step: 'error', kind: 'network', code: 'network', retry: 'renew' }, true, true), 'renew');
    assert.equal(routeRetry({ step: 'error', kind: 'network', code: 'network', retry: 'renew' }, true, false), 'offer-renewal');
    assert.equal(routeRetry({ step: 'error', kind: 'network', code: 'network', retry: 'poll' }, true, false), 'load');
    assert.equal(routeRetry({ step: 'plans' }, true, false), null);
  });
});
