// What the element's controllers see of it: the state, the draft and the few moves they make
// (go, save, edit, emit, fail), never its private fields. The element hands each controller one
// object of this shape; the controllers after the plans live in the steps chunk (../steps.ts).
import type { ReactiveControllerHost } from 'lit';
import type { Member, MembershipType, SignupClient, SignupConfig, SignupCreateParams } from '@memberkit/sdk';
import type { MembershipSignupEventDetails } from '../../events.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import type { Draft } from '../draft.js';
import type { RetryAction, State } from '../machine.js';
import type { StripeLoader } from '../payment.js';

/** The element's public properties the controllers read (the element's own declarations say more). */
export interface SignupElement extends ReactiveControllerHost, HTMLElement {
  stripeLoader: StripeLoader | undefined;
  hostedPageOpener: (url: string) => void;
  checkout: SignupCreateParams['checkout'];
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface SignupHost {
  /** The element: controllers add themselves to it and ask it to update; the payment form mounts
   * in its light DOM, and pointer presses are heard on it. */
  readonly element: SignupElement;
  readonly state: State;
  readonly draft: Draft;
  readonly config: SignupConfig | undefined;
  readonly t: Catalogue;
  readonly locale: string;
  /** Today in the organization's time zone. */
  readonly today: string;
  /** The invitation code (attribute, or the page URL's with read-url-params). */
  readonly invitation: string | undefined;
  /** Whether a member may be signed in (a token, a page that can fetch one, or the widget's own sign-in). */
  signedIn(): boolean;
  /** The member signed in now (in the widget) is the one signing up: the details are theirs. */
  adoptMember(member: Member): void;
  /** The chosen membership type, if any. */
  type(): MembershipType | undefined;
  client(): SignupClient;
  /** Aborts when the element leaves the page or loads again. */
  signal(): AbortSignal;
  go(next: State): void;
  /** Changes the draft (kept in sessionStorage). */
  save(patch: Partial<Draft>): void;
  /** Changes what would be sent: a new attempt (a new idempotency key). */
  edit(patch: Partial<Draft>): void;
  emit<K extends keyof MembershipSignupEventDetails>(name: K, detail: MembershipSignupEventDetails[K]): boolean;
  /** Turns a failure into a state the member can act on (`retry` null: shown where it happened). */
  fail(error: unknown, retry: RetryAction | null): void;
  /** Loads the configuration again and resumes the draft. */
  load(): void;
  /** The member acted: the focus may follow the step. */
  interacted(): void;
  /** The element is rendering (a blur then comes from a field the render removes). */
  readonly rendering: boolean;
  /** The invitation code the member typed (kept in memory only). */
  setInvitation(code: string): void;
  /** The problems' summary takes the focus once it renders. */
  focusSummary(): void;
}
