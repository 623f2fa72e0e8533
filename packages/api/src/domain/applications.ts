// Applications: signups for a type that `requires_approval`. An admin approves one (payment is
// asked next, with a checkout that does not expire) or closes it (declined or cancelled): its
// signup fails, its memberships are declined, its checkout closes and its reservations are
// released, so the person can sign up again.
import type { MembershipRecord, SignupRecord } from '../ports/records.js';
import { closeSignup, openCheckout } from './checkout.js';
import type { DomainContext } from './context.js';
import { applicationStatus } from './memberships.js';
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
  if (signup.quote.requires_payment) {
    await openCheckout(ctx, approved, { expires: false });
    return null;
  }
  return completeSignup(ctx, approved);
}

/** Closes (declines) the open application `membership` belongs to; false when there is none. */
export async function closeApplication(ctx: DomainContext, membership: MembershipRecord): Promise<boolean> {
  const signup = await openApplication(ctx, membership);
  if (!signup) return false;
  await closeSignup(ctx, signup, 'declined');
  return true;
}
