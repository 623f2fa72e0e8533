// The built-in inputs' ids, in a module of their own: the element (first chunk) names them, and
// the form's functions (./form.ts, with the steps chunk) share them without coming along.
import type { GroupMemberDraft } from './draft.js';

/** ids of the built-in inputs (custom fields get `mk-field-<index>`); the built-in ones share
 * their draft keys' names (email, firstName, lastName, amount). */
export const ids = {
  email: 'mk-email',
  firstName: 'mk-first-name',
  lastName: 'mk-last-name',
  amount: 'mk-amount',
  discount: 'mk-discount',
  invitation: 'mk-invitation',
  field: (index: number) => `mk-field-${index}`,
  group: (index: number, key: keyof GroupMemberDraft) => `mk-group-${index}-${key}`,
};
