// The member's draft, kept in sessionStorage (controllers/draft.ts) so a reload resumes where they
// were and reuses the same idempotency key (no second signup): its shape, and the check a stored
// value must pass. Never holds the member token or card data.
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

/**
 * The draft in a stored value (JSON-parsed), or undefined when it is none this version wrote.
 * Fields a later version added take their defaults; a field of the wrong type refuses the draft.
 */
export function parseDraft(value: unknown): Draft | undefined {
  const draft = value && typeof value === 'object' ? { ...emptyDraft(), ...value } : null;
  return draft && isDraft(draft) ? draft : undefined;
}
