// What the render helpers get from the element: the data of the current step and the handlers.
// The views are pure functions of this object (no access to the element's internals).
import { html } from 'lit';
import type { MembershipType, Quote, SignupConfig } from '@memberkit/sdk';
import type { Catalogue, PlansWords } from '../../i18n/catalogue.js';
import type { Draft, GroupMemberDraft } from '../draft.js';
import type { Problem } from '../form.js';
import type { DiscountRefusal } from '../../events.js';

export interface DiscountView {
  /** failed: the check itself failed (network, server): the member may try again. */
  status: 'idle' | 'checking' | 'applied' | 'refused' | 'failed';
  code: string;
  reason: DiscountRefusal | null;
}

/** What the plans get: the first chunk renders them alone, with only the plans' words. */
export interface PlansView {
  t: PlansWords;
  locale: string;
  today: string;
  config: SignupConfig;
  /** The page linked to a plan that is not offered (unknown or retired): the plans say so. */
  linkUnavailable: boolean;
  /** The membership types the signed-in member holds (undefined before the configuration). */
  held: readonly string[] | undefined;
  /** Opens the sign-in ("Already a member?"); undefined when signed in, or when it cannot be offered. */
  signIn: (() => void) | undefined;
  choosePlan(type: MembershipType): void;
}

/** What the details and the review get (the steps chunk): the whole catalogue. */
export interface View extends PlansView {
  t: Catalogue;
  type: MembershipType | undefined;
  draft: Draft;
  /** Field errors to show now (touched fields, or all after a failed submit), by input id. */
  errors: Record<string, string>;
  /** Errors for the summary after a failed submit: [input id, label, message]. */
  summary: Problem[];
  quote: Quote | undefined;
  /** Why the current amount/discount cannot be quoted (already a message). */
  priceError: string | undefined;
  discount: DiscountView;
  inFlight: boolean;
  /** The invitation code in use (typed, or the page's), for an invite-only plan's field. */
  invitation: string;
  setInvitation(code: string): void;
  setValue(key: keyof Draft, value: unknown): void;
  setField(key: string, value: string | string[] | boolean): void;
  touch(id: string): void;
  setGroupMember(index: number, key: keyof GroupMemberDraft, value: string): void;
  addGroupMember(): void;
  removeGroupMember(index: number): void;
  applyDiscount(): void;
  removeDiscount(): void;
  focusInput(id: string): void;
  back(): void;
  /** The review's "Edit": back to the step that holds a section. */
  edit(step: 'plans' | 'details'): void;
  toReview(event: Event): void;
  submit(): void;
}

/** ids of the built-in inputs (their home is the form module). */
export { ids } from '../ids.js';

/** A step's heading (its own module: the first chunk's error screen needs it, not the rest of these). */
export { heading } from './heading.js';

/** `aria-describedby` from the ids that exist (undefined when none). */
export function describedBy(...idList: (string | false | undefined)[]): string | undefined {
  const list = idList.filter(Boolean).join(' ');
  return list || undefined;
}

/** Where a sentence puts its value (a private-use character no catalogue holds). */
const SLOT = '\uE000';

/**
 * A sentence of ours with a value from the API (a plan or organization name, an email) in a
 * <bdi>: right-to-left overrides or other bidi controls in the value then reorder the value only,
 * never the sentence's own words; the text reads the same.
 */
export function isolated(say: (value: string) => string, value: string) {
  const [before, after = ''] = say(SLOT).split(SLOT);
  return html`${before}<bdi>${value}</bdi>${after}`;
}
