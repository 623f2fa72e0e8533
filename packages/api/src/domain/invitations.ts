// Invitations to invite-only types: single use, optionally bound to one email, with an expiry.
// Whether one admits a person is the SDK's `checkInvitation`.
import type { Invitation, InvitationCreateParams, MembershipType } from '@memberkit/sdk';
import { checkInvitation, compareDates, normalizeEmail, type InvitationRefusal } from '@memberkit/sdk/calculators';
import type { InvitationRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { findType } from './membership-types.js';
import { Problem, fieldError, notFound, validationFailed, type FieldError } from './problems.js';

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
  // A revoked invitation is, to the person holding it, one that is not valid.
  if (invitation?.revoked_at != null) throw invitationProblem('invalid', field);
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

/** The wire's invitation, with its status on the organization's today. */
export function invitationView(ctx: Pick<DomainContext, 'today'>, record: InvitationRecord): Invitation {
  const status: Invitation['status'] =
    record.revoked_at !== null ? 'revoked'
    : record.redeemed_at !== null ? 'redeemed'
    : record.used_by_member_id !== null ? 'held'
    : record.expires_on !== null && compareDates(ctx.today, record.expires_on) > 0 ? 'expired'
    : 'open';
  return {
    id: record.id,
    code: record.code,
    membership_type_id: record.membership_type_id,
    email: record.email,
    expires_on: record.expires_on,
    status,
    used_by_member_id: record.used_by_member_id,
    redeemed_at: record.redeemed_at,
    revoked_at: record.revoked_at,
    created_at: record.created_at,
  };
}

/** A new invitation (every wrong field at once); its code is unguessable unless staff chose one. */
export async function createInvitation(ctx: DomainContext, params: InvitationCreateParams): Promise<InvitationRecord> {
  const errors: FieldError[] = [];
  const type = await findType(ctx, params.membership_type_id);
  if (!type || type.archived_at !== null) errors.push(fieldError('membership_type_id', 'unknown', 'Membership type', `There is no membership type "${params.membership_type_id}".`));
  const email = params.email ? normalizeEmail(params.email) : null;
  if (params.expires_on != null && compareDates(params.expires_on, ctx.today) < 0) errors.push(fieldError('expires_on', 'in_the_past', 'Expires on', 'The last day is already past.'));
  const code = params.code?.trim() ?? ctx.ids.next('INV', 8).toUpperCase().replace('_', '-');
  if (!/^[A-Za-z0-9_-]{4,64}$/.test(code)) errors.push(fieldError('code', 'pattern_mismatch', 'Code', 'A code is letters, digits, - and _.'));
  else if (await findInvitation(ctx, code)) errors.push(fieldError('code', 'taken', 'Code', `An invitation "${code}" exists already (codes ignore case).`));
  if (errors.length > 0) throw validationFailed(errors);
  const record: InvitationRecord = {
    organization_id: ctx.organization.id,
    id: ctx.ids.next('inv'),
    code,
    code_key: code.toUpperCase(),
    membership_type_id: params.membership_type_id,
    email,
    expires_on: params.expires_on ?? null,
    used_by_member_id: null,
    redeemed_at: null,
    revoked_at: null,
    created_at: ctx.timestamp(),
  };
  await ctx.tx.insert('invitations', record);
  return record;
}

/** No signup may use it from now on; revoking twice answers it as it is. */
export async function revokeInvitation(ctx: DomainContext, id: string): Promise<InvitationRecord> {
  const record = await ctx.tx.findOne('invitations', { organization_id: ctx.organization.id, id });
  if (!record) throw notFound('invitation', id);
  if (record.revoked_at !== null) return record;
  const patch = { revoked_at: ctx.timestamp() };
  await ctx.tx.update('invitations', { organization_id: ctx.organization.id, id }, patch);
  return { ...record, ...patch };
}
