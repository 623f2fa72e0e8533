// Memberships: one member's (or company's) holding of one type, its dates from the SDK's
// calculators, its status derived for the day asked. The one-membership rule, the previous term a
// reinstatement counts from, and cancelling live here.
import type { AdminMembership, Membership, MembershipRenewal, MembershipType, WebhookEventType } from '@memberkit/sdk';
import {
  blockingMembershipUnder,
  calculateExpiry,
  disputeResult,
  disputeWithdrawsFunds,
  isRunning,
  membershipStatus,
  renewalAttemptDays,
  type ApplicationStatus,
} from '@memberkit/sdk/calculators';
import type { Json, MembershipRecord, MembershipTermRecord, SignupRecord } from '../ports/records.js';
import type { Where } from '../ports/storage.js';
import { expireIfDue } from './checkout.js';
import type { DomainContext } from './context.js';
import { Problem, fieldError } from './problems.js';
import { emitEvent } from './webhooks.js';
import { soldTerm, termSnapshot } from './terms.js';

/** `viaCompany`: listed for a member who inherits it from their company (see `membershipsOfMember`). */
export function membershipView(record: MembershipRecord, today: string, viaCompany = false): Membership {
  return {
    id: record.id,
    member_id: record.member_id,
    company_id: record.company_id,
    membership_type_id: record.membership_type_id,
    membership_name: record.membership_name,
    kind: record.kind,
    status: membershipStatus(record, today),
    starts_on: record.starts_on,
    expires_on: record.expires_on,
    anchor_on: record.anchor_on,
    grace_days: record.grace_days,
    auto_renew: record.auto_renew,
    cancelled_on: record.cancelled_on,
    price_paid: record.price_paid,
    currency: record.currency,
    permissions: [...record.permissions],
    created_at: record.created_at,
    via_company: viaCompany,
    terminated_on: record.state === 'terminated' ? record.terminated_on : null,
    group_membership_id: record.group_of,
    // A term's disputes are staff's (adminMembershipView): the member's own answers, which the
    // signup element validates with MembershipSchema, leave them out.
    terms: record.terms.map(({ disputes: _disputes, ...term }) => term),
    renewal: renewalView(record),
  };
}

/** Where the current term's automatic renewal stands, for staff and the member (no card details). */
function renewalView(record: MembershipRecord): MembershipRenewal {
  const progress = record.renewal && record.renewal.expires_on === record.expires_on ? record.renewal : null;
  const attempts = progress?.attempts ?? 0;
  const chargeable = record.auto_renew && record.payment_method !== null && record.group_of === null;
  const days = chargeable ? renewalAttemptDays(record, soldTerm(record)) : null;
  return {
    attempts,
    last_attempt_on: progress?.last_attempt_on ?? null,
    last_failure_code: progress?.last_failure?.code ?? null,
    last_failure_message: progress?.last_failure?.message ?? null,
    next_attempt_on: days?.[attempts] ?? null,
    has_payment_method: record.payment_method !== null,
    awaiting_authentication: progress?.pending != null,
  };
}

/** A membership as a member has it: their own, or their company's (`via_company`). */
export interface MemberMembership {
  /** The membership's id (what pages are cursored by). */
  id: string;
  record: MembershipRecord;
  viaCompany: boolean;
}

/**
 * The memberships a member has: their own, then, while they are linked to a company, the
 * company's (inherited: gone as soon as they are unlinked, since nothing is copied).
 */
export async function membershipsOfMember(
  ctx: DomainContext,
  member: { id: string; company_id: string | null },
): Promise<MemberMembership[]> {
  const own = (await loadMemberships(ctx, { member_id: member.id })).map((record) => ({ id: record.id, record, viaCompany: false }));
  if (member.company_id === null) return own;
  const company = await loadMemberships(ctx, { company_id: member.company_id, member_id: null });
  return [...own, ...company.map((record) => ({ id: record.id, record, viaCompany: true }))];
}

export const memberMembershipView = (held: MemberMembership, today: string): Membership =>
  membershipView(held.record, today, held.viaCompany);

/**
 * A membership as the admin endpoints (and the organization's webhook events) answer it: each
 * term with its payment's disputes, their `funds_withdrawn` and `result` from the SDK's rules.
 */
export function adminMembershipView(record: MembershipRecord, today: string, viaCompany = false): AdminMembership {
  return {
    ...membershipView(record, today, viaCompany),
    terms: record.terms.map(({ disputes, ...term }) => ({
      ...term,
      ...(disputes && {
        disputes: disputes.map((dispute) => ({
          id: dispute.id,
          amount: dispute.amount,
          reason: dispute.reason,
          status: dispute.status,
          funds_withdrawn: disputeWithdrawsFunds(dispute),
          result: disputeResult(dispute),
          disputed_at: dispute.disputed_at,
          closed_at: dispute.closed_at ?? null,
        })),
      }),
    })),
  };
}

export const adminMemberMembershipView = (held: MemberMembership, today: string): AdminMembership =>
  adminMembershipView(held.record, today, held.viaCompany);

/**
 * The memberships matching `where`, as they stand now: a pending one whose signup's checkout
 * expired unpaid reads declined (the expiry is written here, where it is read).
 */
export async function loadMemberships(ctx: DomainContext, where: Where<MembershipRecord>): Promise<MembershipRecord[]> {
  const rows = await ctx.tx.find('memberships', { ...where, organization_id: ctx.organization.id });
  const signupIds = [...new Set(rows.filter((m) => m.state === 'pending' && m.signup_id).map((m) => m.signup_id!))];
  if (signupIds.length === 0) return rows;
  const signups = await ctx.tx.find('signups', { organization_id: ctx.organization.id, id: signupIds, status: 'awaiting_payment' });
  let expired = false;
  for (const signup of signups) expired = (await expireIfDue(ctx, signup)).status !== signup.status || expired;
  return expired ? ctx.tx.find('memberships', { ...where, organization_id: ctx.organization.id }) : rows;
}

/**
 * Where a signup stands as an application: `awaiting_approval`, or `approved` (by an admin) and
 * waiting for payment; null for anything else (an unpaid checkout, a finished signup).
 */
export function applicationStatus(signup: SignupRecord | undefined): ApplicationStatus | null {
  if (signup?.status === 'awaiting_approval') return 'awaiting_approval';
  if (signup?.status === 'awaiting_payment' && signup.approved_at) return 'approved';
  return null;
}

export type Holder = { member_id: string } | { company_id: string };

/** The filter for a holder's memberships: a member's own, or a company's (held by no member). */
const ofHolder = (holder: Holder): Where<MembershipRecord> =>
  'member_id' in holder ? { member_id: holder.member_id } : { company_id: holder.company_id, member_id: null };

/**
 * The holder's membership that rules out a new one of `typeId` under the organization's
 * membership policy (the SDK's `blockingMembershipUnder`): running, or applied for. An unpaid
 * checkout does not block: completion checks again, and the member's own new signup replaces
 * it. The memberships of `exceptSignupId` (the signup being completed) are not counted.
 */
export async function blockingMembership(
  ctx: DomainContext,
  holder: Holder,
  typeId: string,
  exceptSignupId: string | null = null,
): Promise<MembershipRecord | undefined> {
  const policy = ctx.organization.membership_policy;
  const held = (await ctx.tx.find('memberships', {
    organization_id: ctx.organization.id,
    ...(policy === 'one_per_organization' ? {} : { membership_type_id: typeId }),
    ...ofHolder(holder),
  })).filter((membership) => exceptSignupId === null || membership.signup_id !== exceptSignupId);
  const read = [];
  for (const membership of held) {
    const signup = membership.state === 'pending' && membership.signup_id
      ? await ctx.tx.findOne('signups', { organization_id: ctx.organization.id, id: membership.signup_id })
      : undefined;
    read.push({ ...membership, application: applicationStatus(signup) });
  }
  // Nothing held blocks nothing, whatever the default type is: it is read only when it matters.
  const defaultType = policy === 'one_per_organization' && held.length > 0
    ? await ctx.tx.findOne('membership_types', { organization_id: ctx.organization.id, is_default: true })
    : undefined;
  const blocking = blockingMembershipUnder(policy, read, typeId, ctx.today, defaultType?.id ?? null);
  return blocking && held.find((membership) => membership.id === blocking.id);
}

/**
 * The 409 for a blocking membership: `already_member` with the renewal path for a running one,
 * `application_pending` (no renewal: there is nothing to renew yet) for an application.
 */
export async function alreadyMember(
  ctx: DomainContext,
  membership: MembershipRecord,
  field: string,
  who: string,
  requestedTypeId: string = membership.membership_type_id,
): Promise<Problem> {
  const signup = membership.signup_id
    ? await ctx.tx.findOne('signups', { organization_id: ctx.organization.id, id: membership.signup_id })
    : undefined;
  const application = membership.state === 'pending' ? applicationStatus(signup) : null;
  if (application) {
    const approved = application === 'approved';
    // What the person can do: pay the approved application's checkout (it does not expire), or
    // have the organization close the application (decline or cancel) before signing up anew.
    const message = approved
      ? `${who} has an approved application for this membership (${membership.id}) waiting for payment: pay it with that application's checkout, or ask the organization to close the application to sign up again.`
      : `${who} has applied for this membership already (${membership.id}); the application is waiting for the organization's approval.`;
    return new Problem(409, 'application_pending', message, {
      errors: [fieldError(field, 'application_pending', field, message)],
      extensions: {
        membership_id: membership.id,
        membership_type_id: membership.membership_type_id,
        application_status: approved ? 'awaiting_payment' : 'awaiting_approval',
      },
    });
  }
  const renewPath = `/organizations/${ctx.organization.id}/me/memberships/${membership.id}/renew`;
  // Under one_per_organization the held membership may be of another type: it is named, so the
  // widget can offer its renewal (staff change a member's type).
  const message = membership.membership_type_id === requestedTypeId
    ? `${who} already holds a membership of this type (${membership.id}); renew it instead.`
    : `${who} already holds a membership (${membership.membership_name}, ${membership.id}), and this organization allows one at a time; renew it instead, or ask the organization to change it.`;
  return new Problem(409, 'already_member', message, {
    errors: [fieldError(field, 'already_member', field, message)],
    // The client offers a renewal: POST …/me/memberships/{membership_id}/renew with a member token.
    extensions: {
      membership_id: membership.id,
      membership_type_id: membership.membership_type_id,
      expires_on: membership.expires_on,
      renew_path: renewPath,
    },
    headers: { Link: `<${renewPath}>; rel="renew"` },
  });
}

/**
 * The holder's latest earlier membership of the same type, as calculateExpiry's `current`: a
 * member whose membership has ended is reinstated (the calculator decides), not signed up anew.
 */
export async function previousTerm(
  ctx: DomainContext,
  membership: Pick<MembershipRecord, 'id' | 'member_id' | 'company_id' | 'membership_type_id'>,
): Promise<{ anchor_on: string; expires_on: string | null; grace_days: number } | null> {
  const holder: Holder = membership.member_id !== null ? { member_id: membership.member_id } : { company_id: membership.company_id! };
  const earlier = (await ctx.tx.find('memberships', {
    organization_id: ctx.organization.id,
    membership_type_id: membership.membership_type_id,
    state: 'confirmed',
    ...ofHolder(holder),
  }))
    .filter((m) => m.id !== membership.id)
    .sort((a, b) => ((a.expires_on ?? '9999') < (b.expires_on ?? '9999') ? 1 : -1))[0];
  return earlier ? { anchor_on: earlier.anchor_on, expires_on: earlier.expires_on, grace_days: earlier.grace_days } : null;
}

export interface NewMembership {
  holder: { member_id: string | null; company_id: string | null };
  type: MembershipType;
  state: 'pending' | 'confirmed';
  auto_renew: boolean;
  price_paid: number;
  /** The day it is bought (pending ones: the dates a purchase that day would get). */
  purchased_on: string;
  signup_id: string | null;
  /** A group member's place: the payer's membership (default null). */
  group_of?: string | null;
  /** The holder was created in this transaction: there is no earlier membership to reinstate. */
  newHolder?: boolean;
}

/**
 * Stores a new membership of `type` with the term the type has now (`termSnapshot`) and the dates
 * `calculateExpiry` gives for `purchased_on` (a reinstatement when the holder's earlier one has
 * ended). A pending membership's dates are computed again when its signup completes.
 */
export async function createMembership(ctx: DomainContext, init: NewMembership): Promise<MembershipRecord> {
  const { type } = init;
  const draft: MembershipRecord = {
    organization_id: ctx.organization.id,
    id: ctx.ids.next('ms'),
    member_id: init.holder.member_id,
    company_id: init.holder.company_id,
    membership_type_id: type.id,
    membership_name: type.membership_name,
    kind: 'new',
    state: init.state,
    starts_on: init.purchased_on,
    expires_on: null,
    anchor_on: init.purchased_on,
    ...termSnapshot(type),
    auto_renew: init.auto_renew,
    cancelled_on: null,
    cancel_reason: null,
    price_paid: init.price_paid,
    currency: type.price.currency,
    permissions: [...type.permissions],
    created_at: ctx.timestamp(),
    signup_id: init.signup_id,
    group_of: init.group_of ?? null,
    payment_customer: null,
    payment_method: null,
    terminated_on: null,
    renewal: null,
    terms: [],
  };
  const current = init.newHolder ? null : await previousTerm(ctx, draft);
  const dates = calculateExpiry(soldTerm(draft), { purchased_on: init.purchased_on, current });
  const record: MembershipRecord = { ...draft, ...dates };
  // A pending membership's term is written when its signup completes; one confirmed now (staff) has it now.
  if (init.state === 'confirmed') record.terms = [termEntry(ctx, dates, init.price_paid, record.currency, null)];
  await ctx.tx.insert('memberships', record, { fresh: true });
  return record;
}

/** One term of the membership's history, paid (or granted) now. */
export function termEntry(
  ctx: Pick<DomainContext, 'timestamp'>,
  dates: Pick<MembershipTermRecord, 'kind' | 'starts_on' | 'expires_on'>,
  amount: number,
  currency: string,
  reference: string | null,
): MembershipTermRecord {
  return {
    kind: dates.kind,
    starts_on: dates.starts_on,
    expires_on: dates.expires_on,
    amount_paid: amount,
    currency,
    paid_at: ctx.timestamp(),
    payment_reference: reference,
  };
}

/**
 * Cancels a membership today (member or admin): it keeps its permissions until its term and
 * grace end (membershipStatus says `cancelled`, later `terminated`) and stops auto-renewing.
 * Cancelling twice answers the same membership; one that is not running cannot be cancelled.
 */
export async function cancelMembership(ctx: DomainContext, membership: MembershipRecord, reason: string | null = null): Promise<MembershipRecord> {
  if (membership.cancelled_on !== null) return membership;
  const status = membershipStatus(membership, ctx.today);
  if (!isRunning(status)) {
    throw new Problem(409, 'not_cancellable', `A ${status} membership cannot be cancelled.`, {
      extensions: { membership_status: status },
    });
  }
  // A renewal charge still waiting for the member's authentication is closed at the processor,
  // so a cancelled membership is not charged by a bank page the member opens later.
  const waiting = membership.renewal?.pending ?? null;
  const patch: Partial<MembershipRecord> = {
    cancelled_on: ctx.today,
    auto_renew: false,
    cancel_reason: reason?.trim() || null,
    ...(waiting && membership.renewal ? { renewal: { ...membership.renewal, pending: null } } : {}),
  };
  await ctx.tx.update('memberships', { organization_id: ctx.organization.id, id: membership.id }, patch);
  if (waiting) ctx.afterCommit(() => ctx.payments.cancelCharge(ctx.organization.id, waiting.reference));
  // The member's reason is for the organization (no answer shows it): the event carries it.
  await emitMembershipEvent(ctx, 'membership.cancelled', { ...membership, ...patch }, { cancel_reason: patch.cancel_reason ?? null });
  return { ...membership, ...patch };
}

/** A membership event's data: the membership as the admin endpoints answer it (events are the organization's). */
export async function emitMembershipEvent(ctx: DomainContext, type: WebhookEventType, membership: MembershipRecord, extra: Record<string, Json> = {}): Promise<void> {
  await emitEvent(ctx, type, { ...(adminMembershipView(membership, ctx.today) as unknown as Record<string, Json>), ...extra });
}
