/** Whether an invitation admits someone to an invite-only type. */
import { compareDates, type DateString } from './dates.js';

export interface InvitationTerms {
  membership_type_id: string;
  /** Bound to one normalized email, or null: anyone with the code. */
  email?: string | null | undefined;
  /** Last day it can be used (inclusive), or null. */
  expires_on?: DateString | null | undefined;
  /** The member who already used it (single use), or null. */
  used_by_member_id?: string | null | undefined;
}

export type InvitationRefusal = 'invalid' | 'expired' | 'email_mismatch' | 'used';

export type InvitationCheck = { ok: true } | { ok: false; reason: InvitationRefusal };

/**
 * Whether `invitation` admits the person signing up (`email` normalized, null while not known)
 * to `membership_type_id` on day `on`. Single use: once a member has used it, only that member
 * may use it again (to finish or retry their own signup). A missing invitation is `invalid`.
 */
export const checkInvitation = (
  invitation: InvitationTerms | null | undefined,
  { membership_type_id: typeId, email, member_id: memberId, on }: {
    membership_type_id: string;
    email: string | null;
    member_id?: string | null | undefined;
    on: DateString;
  },
): InvitationCheck => {
  const refuse = (reason: InvitationRefusal): InvitationCheck => ({ ok: false, reason });
  if (!invitation || invitation.membership_type_id !== typeId) return refuse('invalid');
  if (invitation.expires_on != null && compareDates(on, invitation.expires_on) > 0) return refuse('expired');
  if (invitation.email != null && email != null && invitation.email !== email) return refuse('email_mismatch');
  const usedBy = invitation.used_by_member_id;
  if (usedBy != null && usedBy !== memberId) return refuse('used');
  return { ok: true };
};
