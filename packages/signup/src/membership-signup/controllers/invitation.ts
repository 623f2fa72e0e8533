// Invitation-only plans, in the steps chunk: the code asked of the API with the person's email
// before the review (GET /signup-config?membership_type=&invitation=&email=), so an invitation
// for another address is said on the details step, and every refusal in words.
import { APIError, type Member, type MembershipType, type SignupClient } from '@memberkit/sdk';
import { ids } from '../ids.js';
import type { Catalogue, InvitationWords } from '../../i18n/catalogue.js';

/** English, here rather than in the first chunk's catalogue; the other languages carry their own. */
const english: InvitationWords = {
  code: 'Invitation code',
  allPlans: 'See all plans',
  refused: {
    required: 'Enter the invitation code you received.',
    invalid: 'This invitation code is not valid for this membership.',
    expired: 'This invitation has expired.',
    used: 'This invitation has already been used.',
    email_mismatch: 'This invitation was sent to another email address.',
    unexplained: 'This invitation cannot be used for this membership.',
  },
};

export const invitationWords = (t: Catalogue): InvitationWords => t.invitation ?? english;

/** A refusal reason in words (own keys only: a reason from the API is untrusted), else that it cannot be used here. */
export function invitationText(t: Catalogue, reason: string): string {
  const { refused } = invitationWords(t);
  return Object.hasOwn(refused, reason) ? refused[reason as keyof typeof refused] : refused.unexplained;
}

/**
 * The details step's Continue on an invite-only plan: the invitation asked about now, with this
 * email, so one for another address (or expired, used) is said on its field, not after the last
 * click. The error by input id (the email's for another address, when the member types it), or
 * null when the API admits them.
 */
export async function invitationProblem(
  client: SignupClient,
  type: MembershipType,
  code: string | undefined,
  member: Member | null | undefined,
  email: string,
  t: Catalogue,
  signal: AbortSignal,
): Promise<Record<string, string> | null> {
  code = code?.trim();
  const reason = code ? await invitationRefusal(client, type, code, (member?.email ?? email).trim(), signal) : 'required';
  return reason ? { [reason === 'email_mismatch' && !member ? ids.email : ids.invitation]: invitationText(t, reason) } : null;
}

/**
 * Why the API refuses `code` for `type` and `email` (its `invitation_required` reason), or null
 * when it admits them or could not be asked (a network fault: the signup is checked again).
 */
export async function invitationRefusal(
  client: SignupClient,
  type: MembershipType,
  code: string,
  email: string,
  signal: AbortSignal,
): Promise<string | null> {
  try {
    await client.signupConfig.retrieve({ membership_type: type.id, invitation: code, email }, { signal });
    return null;
  } catch (error) {
    return error instanceof APIError && error.code === 'invitation_required' ? String(error.errors[0]?.code) : null;
  }
}
