// Invitations to invite-only types: single use, optionally bound to one email, with an expiry.
// Whether one admits a person is the SDK's `checkInvitation`.
import type { MembershipType } from '@memberkit/sdk';
import { checkInvitation, type InvitationRefusal } from '@memberkit/sdk/calculators';
import type { InvitationRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { Problem, fieldError } from './problems.js';

const invitationMessages: Record<InvitationRefusal | 'required', string> = {
  required: 'This membership is by invitation only: an invitation code is required.',
  invalid: 'This invitation code is not valid for this membership.',
  used: 'This invitation has already been used.',
  expired: 'This invitation has expired.',
  email_mismatch: 'This invitation was sent to another email address.',
};

export function invitationProblem(reason: InvitationRefusal | 'required', field: string, message = invitationMessages[reason]): Problem {
  return new Problem(422, 'invitation_required', message, {
    errors: [fieldError(field, reason, field, message)],
    extensions: { reason },
  });
}

/** The invitation with this code (case-insensitive), if any. */
export function findInvitation(ctx: Pick<DomainContext, 'tx' | 'organization'>, code: string): Promise<InvitationRecord | undefined> {
  return ctx.tx.findOne('invitations', { organization_id: ctx.organization.id, code_key: code.trim().toUpperCase() });
}

/**
 * The invitation admitting `email` (normalized, or null when not known yet) to `type`; single
 * use: once a member holds it, only that member may use it again (to retry an unfinished signup).
 */
export async function usableInvitation(
  ctx: DomainContext,
  code: string | null | undefined,
  type: MembershipType,
  email: string | null,
  memberId: string | null,
  field: string,
): Promise<InvitationRecord> {
  if (!code) throw invitationProblem('required', field);
  const invitation = await findInvitation(ctx, code);
  const check = checkInvitation(invitation, { membership_type_id: type.id, email, member_id: memberId, on: ctx.today });
  if (!check.ok) throw invitationProblem(check.reason, field);
  return invitation!;
}

/** The invitation is this member's from now on (single use); `redeemed`: their signup completed. */
export async function holdInvitation(ctx: DomainContext, invitation: InvitationRecord, memberId: string, { redeemed = false } = {}): Promise<void> {
  await ctx.tx.update(
    'invitations',
    { organization_id: ctx.organization.id, id: invitation.id },
    redeemed ? { used_by_member_id: memberId, redeemed_at: ctx.timestamp() } : { used_by_member_id: memberId },
  );
}
