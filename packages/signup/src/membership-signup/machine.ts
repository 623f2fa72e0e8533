// The element's states as one explicit machine: what the member sees is always exactly one of
// these, and `canMove` says which moves are legal (anything else is a bug, caught in tests).
import type { Membership, Signup } from '@memberkit/sdk';

/** How a failure is shown: configuration (fix the embed), network (retry, draft kept),
 * response (the API answered something the schema refuses), api (a friendly message per code). */
export type ErrorKind = 'configuration' | 'network' | 'response' | 'api';

/** Where the payment step is: Stripe loading, the checkout mounted, waiting for the signup to be
 * confirmed, declined (the signup failed: try again is a new attempt from the review), unavailable
 * (Stripe.js failed or the hosted page could not open: the same signup again), hosted. */
export type PaymentPhase = 'loading' | 'ready' | 'confirming' | 'declined' | 'unavailable' | 'hosted';

/** What "Try again" does on an error: load again, send the same attempt (same key) again, poll,
 * renew (same key), or start over (a new draft). */
export type RetryAction = 'load' | 'submit' | 'poll' | 'renew' | 'restart';

export type State =
  | { step: 'loading' }
  | { step: 'plans' }
  | { step: 'details' }
  | { step: 'review' }
  | { step: 'payment'; signup: Signup; phase: PaymentPhase }
  | { step: 'approval'; signup: Signup }
  | { step: 'renewal'; membership: Membership | null; renewsUntil: string | null | undefined }
  | { step: 'done'; signup: Signup }
  /** Signing in: from the plans ("Already a member?"), or first (`required`: the organization asks for it, or a signup was refused without it). */
  | { step: 'signin'; required?: true }
  /** `code` is worded at render time, in the language the member has by then. */
  | { step: 'error'; kind: ErrorKind; code: string; retry: RetryAction | null };

export type Step = State['step'];

const moves: Record<Step, readonly Step[]> = {
  loading: ['plans', 'details', 'review', 'payment', 'approval', 'done', 'error', 'signin'],
  plans: ['details', 'loading', 'error', 'signin'],
  details: ['plans', 'review', 'loading', 'error'],
  review: ['plans', 'details', 'payment', 'approval', 'done', 'renewal', 'error', 'loading', 'signin'],
  // approval: a type reviewed after payment (the API says awaiting_approval once paid)
  // review: a failed signup's "Try again" (a new attempt)
  payment: ['payment', 'review', 'approval', 'done', 'error', 'loading'],
  approval: ['loading', 'plans'],
  renewal: ['details', 'payment', 'approval', 'done', 'error', 'loading', 'plans'],
  done: ['loading', 'plans'],
  signin: ['plans', 'loading', 'error'],
  error: ['loading', 'plans', 'details', 'review', 'payment', 'renewal', 'done', 'error', 'signin'],
};

/** Whether the machine may move from `from` to `to`. */
export function canMove(from: Step, to: Step): boolean {
  return moves[from].includes(to);
}

/** The numbered steps of the path ("Step 2 of 4"). */
export const numberedSteps: readonly Step[] = ['plans', 'details', 'review', 'payment'];
