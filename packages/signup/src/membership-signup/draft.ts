// The member's draft in sessionStorage, so a reload resumes where they were and reuses the same
// idempotency key (no second signup). Never holds the member token or card data; keyed by
// organization and element id so two widgets on one page keep their own drafts.
import type { Discount, FieldValues } from '@memberkit/sdk';

/** The steps a reload can resume at (later steps resume from the signup itself). */
export type DraftStep = 'plans' | 'details' | 'review' | 'payment';

export interface GroupMemberDraft {
  email: string;
  first_name: string;
  last_name: string;
}

export interface Draft {
  v: 1;
  step: DraftStep;
  membershipTypeId: string | null;
  email: string;
  firstName: string;
  lastName: string;
  fields: FieldValues;
  amount: string;
  autoRenew: boolean;
  groupMembers: GroupMemberDraft[];
  discountCode: string;
  /** The discount the API accepted for `discountCode`: the signup sends the code only then, so a
   * resumed draft rebuilds the same request (and price) before any re-check answers. */
  discount: Discount | null;
  /** One per attempt: created at the first submit, reused on retry and after reload. */
  idempotencyKey: string | null;
  /** The renewal's own key (another endpoint), reused when a renewal is tried again. */
  renewalKey: string | null;
  /** The signup created by that attempt (payment in progress). */
  signupId: string | null;
}

export function emptyDraft(): Draft {
  return {
    v: 1,
    step: 'plans',
    membershipTypeId: null,
    email: '',
    firstName: '',
    lastName: '',
    fields: {},
    amount: '',
    autoRenew: false,
    groupMembers: [],
    discountCode: '',
    discount: null,
    idempotencyKey: null,
    renewalKey: null,
    signupId: null,
  };
}

export function draftKey(organization: string, elementId: string): string {
  return `memberkit:signup:${organization}${elementId ? `#${elementId}` : ''}`;
}

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // blocked storage (sandboxed frames, privacy modes): drafts are in memory only
  }
}

export function readDraft(key: string): Draft | undefined {
  try {
    const value = JSON.parse(storage()?.getItem(key) ?? 'null') as Partial<Draft> | null;
    return value && value.v === 1 ? { ...emptyDraft(), ...value } : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(key: string, draft: Draft): void {
  try {
    storage()?.setItem(key, JSON.stringify(draft));
  } catch {
    // Quota or blocked storage: the draft stays in memory.
  }
}

export function clearDraft(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // ignore
  }
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
