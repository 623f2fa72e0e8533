// Applications: signups for a type that `requires_approval`. An admin approves one (payment is
// asked next, with a checkout that does not expire) or closes it (declined or cancelled): its
// signup fails, its memberships are declined, its checkout closes and its reservations are
// released, so the person can sign up again.
import type { Json, MembershipRecord, SignupRecord } from '../ports/records.js';
import { closeSignup, openCheckout, signupNeedsCheckout } from './checkout.js';
import type { DomainContext } from './context.js';
import { sendMembershipMessage } from './messages.js';
import { applicationStatus, emitMembershipEvent } from './memberships.js';
import { Problem } from './problems.js';
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
