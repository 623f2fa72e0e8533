// The element's states as one explicit machine: what the member sees is always exactly one of
// these, and `canMove` says which moves are legal (anything else is a bug, caught in tests). The
// routing decisions live here too, as pure functions: what a signup answer (routeSignup), a
// failure (routeFailure) or "Try again" (routeRetry) leads to; the element and its controllers
// carry them out.
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  ResponseValidationError,
  type Membership,
  type Signup,
} from '@memberkit/sdk';

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

/**
 * Where a signup answer leads: its confirmation (null), or the payment step in this phase. Each
 * phase says what the step does next: `confirming` polls the signup (the server is finishing),
 * `hosted` opens the hosted page (see PaymentController.start) and polls, `loading` mounts the
 * embedded checkout, `declined` waits for the member ("Try again" is a new attempt).
 */
export function routeSignup(signup: Signup): PaymentPhase | null {
  const action = signup.next_action;
  if (signup.status === 'completed' || signup.status === 'awaiting_approval' || action.type === 'approval') return null;
  if (signup.status === 'failed') return 'declined';
  // `none` but not completed yet: the server is finishing; poll until it is.
  if (action.type !== 'payment') return 'confirming';
  return action.ui_mode === 'hosted_page' ? 'hosted' : 'loading';
}

/** What a failure leads to: an error state (`kind`, `code`, what "Try again" does), or on the
 * review, the renewal offer (the purchaser holds this type) or the details (the API refused an
 * input: `details` is then tried first, and the error state is the fallback). */
export interface FailureRoute {
  kind: ErrorKind;
  code: string;
  retry: RetryAction | null;
  review?: 'renewal' | 'signin' | 'details';
}

/** Turns any failure on `step` into a route; null for an abort (nothing to show). */
export function routeFailure(error: unknown, step: Step, retry: RetryAction | null): FailureRoute | null {
  if (error instanceof APIUserAbortError || (error instanceof DOMException && error.name === 'AbortError')) return null;
  // A response that fails the schema keeps its retry: after a POST the signup may exist, so
  // "Try again" sends the same attempt (the server answers what it stored), never a new one.
  if (error instanceof ResponseValidationError) return { kind: 'response', code: 'invalid_response', retry };
  if (error instanceof APIConnectionError || error instanceof APITimeoutError) {
    return { kind: 'network', code: error instanceof APITimeoutError ? 'timeout' : 'network', retry };
  }
  if (!(error instanceof APIError)) return { kind: 'api', code: 'unknown', retry };
  const code = error.code ?? `http_${error.status}`;
  // Any refusal after sending keeps the draft and the key ("Try again" or "Back"): only a key the
  // server holds for another request needs a new attempt.
  const route: FailureRoute = { kind: 'api', code, retry: code === 'idempotency_key_reused' ? 'restart' : retry };
  if (step === 'review') {
    // The purchaser holds this type: offer the renewal. A group member holding it is their
    // input's problem (back to the details).
    // Refused without a member signed in, where the organization asks for one (a configuration
    // read before it said so): signing in, then the same review.
    route.review =
      code === 'sign_in_required' ? 'signin' : code === 'already_member' && !error.errors.some(({ field }) => field.startsWith('group_members.')) ? 'renewal' : 'details';
  }
  // The organization is not known to the API: the embed is misconfigured.
  if (code === 'not_found' && step === 'loading') route.kind = 'configuration';
  return route;
}

/** What "Try again" does: a new attempt from the review (a declined payment), the same checkout
 * again (mount, or the hosted page), the same attempt (submit, renew), the renewal offer again
 * (it never showed), or load again (and resume the draft, a payment poll included). */
export type RetryRoute = 'new-attempt' | 'mount' | 'hosted' | 'submit' | 'renew' | 'offer-renewal' | 'load' | null;

export function routeRetry(state: State, chosen: boolean, renewalShown: boolean): RetryRoute {
  if (state.step === 'payment') {
    // A failed signup stays failed (its checkout is closed): the same key would only fetch it again.
    if (state.phase === 'declined') return 'new-attempt';
    // The signup still awaits its payment: the same checkout again.
    if (state.phase === 'unavailable') {
      const action = state.signup.next_action;
      return action.type === 'payment' && action.ui_mode === 'embedded_page' ? 'mount' : 'hosted';
    }
    return null;
  }
  if (state.step !== 'error') return null;
  if (state.retry === 'submit' && chosen) return 'submit';
  if (state.retry === 'renew') return renewalShown ? 'renew' : 'offer-renewal';
  return 'load';
}
