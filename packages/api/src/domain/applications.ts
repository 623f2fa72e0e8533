// Applications: signups for a type that `requires_approval`. An admin approves one (payment is
// asked next, with a checkout that does not expire) or closes it (declined or cancelled): its
// signup fails, its memberships are declined, its checkout closes and its reservations are
// released, so the person can sign up again.
import type { Application } from '@memberkit/sdk';
import type { Json, MemberRecord, MembershipRecord, SignupRecord } from '../ports/records.js';
import { closeSignup, openCheckout, signupNeedsCheckout } from './checkout.js';
import type { DomainContext } from './context.js';
import { sendMembershipMessage } from './messages.js';
import { applicationStatus, emitMembershipEvent } from './memberships.js';
import { Problem, notFound } from './problems.js';
import { completeSignup, findSignup } from './signups.js';

/** The open application a pending membership belongs to (awaiting approval, or approved and unpaid). */
export async function openApplication(ctx: DomainContext, membership: MembershipRecord): Promise<SignupRecord | undefined> {
  if (membership.state !== 'pending' || !membership.signup_id) return undefined;
  const signup = await findSignup(ctx, membership.signup_id);
  return applicationStatus(signup) ? signup : undefined;
}

/**
 * Approves the application `membership` belongs to; 409 not_awaiting_approval for anything else.
 * A free one completes at once (a refusal comes back as the problem to answer); a paid one gets
 * its checkout, which does not expire: it is paid, or an admin closes the application.
 */
export async function approveApplication(ctx: DomainContext, membership: MembershipRecord): Promise<Problem | null> {
  const signup = await openApplication(ctx, membership);
  if (!signup || applicationStatus(signup) !== 'awaiting_approval') {
    throw new Problem(409, 'not_awaiting_approval', `Membership ${membership.id} is not waiting for approval.`);
  }
  const approved = { ...signup, approved_at: ctx.timestamp() };
  await ctx.tx.update('signups', { organization_id: ctx.organization.id, id: signup.id }, { approved_at: approved.approved_at });
  if (await signupNeedsCheckout(ctx, signup)) {
    const opened = await openCheckout(ctx, approved, { expires: false });
    const checkout = opened.checkout_id ? await ctx.tx.findOne('checkouts', { organization_id: ctx.organization.id, id: opened.checkout_id }) : undefined;
    await tellApplicant(ctx, 'application_approved', approved, {
      requires_payment: signup.quote.total > 0,
      amount: signup.quote.total,
      currency: signup.quote.currency,
      pay_url: checkout?.url ?? null,
    });
    return null;
  }
  const refusal = await completeSignup(ctx, approved);
  if (!refusal) await tellApplicant(ctx, 'application_approved', approved, { requires_payment: false, amount: 0, currency: signup.quote.currency, pay_url: null });
  return refusal;
}

async function tellApplicant(ctx: DomainContext, kind: 'application_approved' | 'application_declined', signup: SignupRecord, extra: Record<string, Json> = {}): Promise<void> {
  const member = await ctx.tx.findOne('members', { organization_id: ctx.organization.id, id: signup.member_id });
  const membership = await ctx.tx.findOne('memberships', { organization_id: ctx.organization.id, id: signup.membership_ids[0]! });
  if (member && membership) await sendMembershipMessage(ctx, kind, member, membership, extra);
  if (membership) await emitMembershipEvent(ctx, kind === 'application_approved' ? 'application.approved' : 'application.declined', membership, { signup_id: signup.id });
}

/**
 * Closes the open application `membership` belongs to; false when there is none. Declined (not
 * cancelled by staff): the applicant is told.
 */
export async function closeApplication(ctx: DomainContext, membership: MembershipRecord, { declined = false } = {}): Promise<boolean> {
  const signup = await openApplication(ctx, membership);
  if (!signup) return false;
  await closeSignup(ctx, signup, 'declined');
  if (declined) await tellApplicant(ctx, 'application_declined', signup);
  return true;
}

/** Where an application stands for staff: open (awaiting approval, approved and unpaid), or finished. */
export function applicationView(signup: SignupRecord, membership: MembershipRecord, member: MemberRecord | undefined): Application {
  const open = applicationStatus(signup);
  return {
    id: signup.id,
    status: open ?? (signup.status === 'completed' ? 'completed' : 'closed'),
    membership_id: signup.membership_ids[0]!,
    membership_ids: [...signup.membership_ids],
    membership_type_id: membership.membership_type_id,
    membership_name: membership.membership_name,
    member: {
      id: signup.member_id,
      email: member?.email ?? '',
      first_name: member?.first_name ?? null,
      last_name: member?.last_name ?? null,
    },
    fields: structuredClone(signup.fields) as Application['fields'],
    amount: signup.quote.total,
    currency: signup.quote.currency,
    created_at: signup.created_at,
    approved_at: signup.approved_at,
  };
}

/** The views of these applications' signups, members and memberships read in two queries. */
export async function applicationViews(ctx: DomainContext, signups: readonly SignupRecord[]): Promise<Application[]> {
  if (signups.length === 0) return [];
  const org = ctx.organization.id;
  const members = await ctx.tx.find('members', { organization_id: org, id: [...new Set(signups.map((s) => s.member_id))] });
  const memberships = await ctx.tx.find('memberships', { organization_id: org, id: signups.map((s) => s.membership_ids[0]!) });
  const memberById = new Map(members.map((m) => [m.id, m]));
  const membershipById = new Map(memberships.map((m) => [m.id, m]));
  return signups.flatMap((s) => {
    const membership = membershipById.get(s.membership_ids[0]!);
    return membership ? [applicationView(s, membership, memberById.get(s.member_id))] : [];
  });
}

/**
 * Signups that are applications: awaiting approval, or approved and waiting for payment (an
 * approved one's checkout never expires). `status` narrows to one of the two. Oldest first.
 */
export async function openApplications(ctx: DomainContext, status?: 'awaiting_approval' | 'approved'): Promise<SignupRecord[]> {
  const org = ctx.organization.id;
  const statuses = status === 'awaiting_approval' ? ['awaiting_approval' as const] : status === 'approved' ? ['awaiting_payment' as const] : ['awaiting_approval' as const, 'awaiting_payment' as const];
  const signups = await ctx.tx.find('signups', { organization_id: org, status: statuses });
  return signups.filter((signup) => applicationStatus(signup) !== null && (status === undefined || applicationStatus(signup) === status));
}

/** An application (its signup) by id; 404 for a signup that never waited for approval. */
export async function applicationOr404(ctx: DomainContext, id: string): Promise<{ signup: SignupRecord; membership: MembershipRecord }> {
  const signup = await findSignup(ctx, id);
  const membership = signup ? await ctx.tx.findOne('memberships', { organization_id: ctx.organization.id, id: signup.membership_ids[0]! }) : undefined;
  const type = membership ? await ctx.tx.findOne('membership_types', { organization_id: ctx.organization.id, id: membership.membership_type_id }) : undefined;
  const wasApplication = signup && (signup.approved_at !== null || signup.status === 'awaiting_approval' || type?.requires_approval === true);
  if (!signup || !membership || !wasApplication || signup.renewal_of !== null) throw notFound('application', id);
  return { signup, membership };
}
