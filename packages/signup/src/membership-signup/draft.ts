// The member's draft in sessionStorage, so a reload resumes where they were and reuses the same
// idempotency key (no second signup). Never holds the member token or card data; keyed by
// organization and element id so two widgets on one page keep their own drafts.
import { DiscountSchema, type Discount, type FieldValues } from '@memberkit/sdk';
import { numberedSteps } from './machine.js';

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
  /** That signup is over (completed, or an application sent): the draft keeps nothing else, and
   * a reload shows its confirmation again (without telling the host page a second time). */
  finished: boolean;
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
    finished: false,
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

const isString = (value: unknown): value is string => typeof value === 'string';
const isAnswer = (value: unknown) => isString(value) || typeof value === 'boolean' || (Array.isArray(value) && value.every(isString));

/**
 * Whether a stored value is a draft this version wrote: the page, an extension or an older widget
 * may have left anything under the key, and a draft of the wrong shape would throw at every
 * render ("Try again" would not leave it). Each field has its empty draft's type (null ones: null
 * or a string, the discount: null or a Discount), and the answers and people their shapes.
 */
function isDraft(draft: Record<string, unknown>): draft is Record<string, unknown> & Draft {
  const empty = emptyDraft() as unknown as Record<string, unknown>;
  const { fields, groupMembers, discount } = draft as unknown as Draft;
  return (
    draft.v === 1 &&
    // The steps a draft resumes at are the numbered ones.
    (numberedSteps as readonly unknown[]).includes(draft.step) &&
    Object.keys(empty).every((key) =>
      empty[key] === null ? draft[key] === null || isString(draft[key]) || key === 'discount' : typeof draft[key] === typeof empty[key] && draft[key] !== null,
    ) &&
    Object.values(fields).every(isAnswer) &&
    Array.isArray(groupMembers) &&
    groupMembers.every((person) => person && [person.email, person.first_name, person.last_name].every(isString)) &&
    (discount === null || DiscountSchema.safeParse(discount).success)
  );
}

/** The draft under `key`; one of the wrong shape is dropped (removed, and undefined returned). */
export function readDraft(key: string): Draft | undefined {
  let value: Partial<Draft> | null = null;
  try {
    value = JSON.parse(storage()?.getItem(key) ?? 'null') as Partial<Draft> | null;
  } catch {
    // not JSON: dropped below
  }
  // Fields a later version added take their defaults; a field of the wrong type drops the draft.
  const draft = value && typeof value === 'object' ? { ...emptyDraft(), ...value } : null;
  if (draft && isDraft(draft)) return draft;
  if (value !== null) clearDraft(key);
  return undefined;
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
