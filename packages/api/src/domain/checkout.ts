// Checkouts: the processor session a signup pays with, as the API records it. Opening one asks
// the Payments port for a session; closing one unpaid (replaced, expired, refused, declined)
// fails its signup and tells the processor after the commit. Unpaid checkouts expire by their
// `expires_at` wherever they are read or counted (`expireIfDue`), not by a sweep.
// Settling a paid one is payments.ts's.
import { needsCheckout } from '@memberkit/sdk/calculators';
import type { CheckoutClosedReason, CheckoutRecord, SignupRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { Problem } from './problems.js';

/**
 * Whether `signup` pays at a checkout (the SDK's needsCheckout): a total to pay, or a first term
 * of 0 on a membership renewing automatically at a price, whose checkout saves the card.
 */
export async function signupNeedsCheckout(ctx: Pick<DomainContext, 'tx' | 'organization'>, signup: SignupRecord): Promise<boolean> {
  if (signup.quote.requires_payment) return true;
  const membership = await ctx.tx.findOne('memberships', { organization_id: ctx.organization.id, id: signup.membership_ids[0]! });
  if (!membership) return false;
  const type = await ctx.tx.findOne('membership_types', { organization_id: ctx.organization.id, id: membership.membership_type_id });
  return needsCheckout(signup.quote, { auto_renew: membership.auto_renew, renewal_price: type?.price.value ?? 0 });
}

export function findCheckout(ctx: Pick<DomainContext, 'tx' | 'organization'>, id: string): Promise<CheckoutRecord | undefined> {
  return ctx.tx.findOne('checkouts', { organization_id: ctx.organization.id, id });
}

/**
 * Opens the processor's checkout session for a signup that must be paid: it expires after the
 * checkout lifetime, or never (`expires: false`: an approved application's checkout, like an
 * invoice, stays payable until an admin closes the application; a new session would only
 * invalidate the secret the member already holds). The signup then awaits payment, on the page its
 * request asked for (kept with it: an application's checkout opens when staff approve it).
 */
export async function openCheckout(ctx: DomainContext, signup: SignupRecord, { expires = true }: { expires?: boolean } = {}): Promise<SignupRecord> {
  const { tx, organization } = ctx;
  const member = (await tx.findOne('members', { organization_id: organization.id, id: signup.member_id }))!;
  const membership = (await tx.findOne('memberships', { organization_id: organization.id, id: signup.membership_ids[0]! }))!;
  const name = [member.first_name, member.last_name].filter(Boolean).join(' ');
  const expires_at = expires ? ctx.now + ctx.checkout.lifetimeMs : null;
  const session = await ctx.payments.createCheckout({
    organization_id: organization.id,
    signup_id: signup.id,
    amount: signup.quote.total,
    currency: signup.quote.currency,
    description: membership.membership_name,
    seller_name: organization.name,
    customer: { member_id: member.id, email: member.email, name: name || null },
    // The member's language, not the organization's: unsaid, the processor picks (its `auto`).
    locale: signup.locale,
    ui_mode: ctx.checkout.uiMode(organization, signup.checkout_ui_mode),
    return_url: null,
    // A renewal saves the card when the member chose automatic renewal with it.
    save_payment_method: signup.auto_renew ?? membership.auto_renew,
    expires_at,
    payment_account: organization.payment_account ?? null,
    // The signup's id exists before any run of this transaction: a run again gets the same session.
    idempotency_key: `checkout:${signup.id}`,
  });
  await tx.insert('checkouts', {
    organization_id: organization.id,
    id: session.id,
    signup_id: signup.id,
    ui_mode: session.ui_mode,
    client_secret: session.client_secret,
    url: session.url,
    amount: signup.quote.total,
    currency: signup.quote.currency,
    status: 'open',
    closed_reason: null,
    expires_at,
    payment_id: null,
    created_at: ctx.timestamp(),
  });
  const patch = { checkout_id: session.id, status: 'awaiting_payment' as const };
  await tx.update('signups', { organization_id: organization.id, id: signup.id }, patch);
  return { ...signup, ...patch };
}

/**
 * Closes an unfinished signup: it fails, its pending memberships are declined, and its checkout
 * (if open) closes for `reason`, at the processor too once this commits, so paying it charges
 * nothing. A discount or invitation it reserved is free again (reservations count unfinished
 * signups only).
 */
export async function closeSignup(
  ctx: DomainContext,
  signup: SignupRecord,
  reason: CheckoutClosedReason,
  replacedBy: string | null = null,
): Promise<SignupRecord> {
  const { tx, organization } = ctx;
  const org = organization.id;
  const patch = { status: 'failed' as const, replaced_by: replacedBy };
  await tx.update('signups', { organization_id: org, id: signup.id }, patch);
  await tx.update('memberships', { organization_id: org, id: signup.membership_ids, state: 'pending' }, { state: 'declined' });
  if (signup.checkout_id) {
    const closed = await tx.update(
      'checkouts',
      { organization_id: org, id: signup.checkout_id, status: 'open' },
      { status: 'expired', closed_reason: reason },
    );
    const checkoutId = signup.checkout_id;
    // The processor's session closes too (an authorization made on it is let go).
    if (closed > 0) ctx.afterCommit(() => ctx.payments.expireCheckout(org, checkoutId));
  }
  return { ...signup, ...patch };
}

/** Whether an open checkout is past its expiry on the API's clock. */
export const isDue = (checkout: CheckoutRecord, now: number): boolean =>
  checkout.status === 'open' && checkout.expires_at !== null && checkout.expires_at <= now;

/**
 * The signup as it stands now: one awaiting payment whose checkout is past its expiry fails
 * (closed `expired`), as an abandoned Stripe session does. Every read or count of unfinished
 * signups goes through this, so nothing needs a sweep of all checkouts.
 */
export async function expireIfDue(ctx: DomainContext, signup: SignupRecord): Promise<SignupRecord> {
  if (signup.status !== 'awaiting_payment' || !signup.checkout_id) return signup;
  const checkout = await findCheckout(ctx, signup.checkout_id);
  if (!checkout || !isDue(checkout, ctx.now)) return signup;
  return closeSignup(ctx, signup, 'expired');
}

/** `expireIfDue` for each; answers those that are still unfinished with `statuses`. */
export async function stillUnfinished(
  ctx: DomainContext,
  signups: readonly SignupRecord[],
  statuses: readonly SignupRecord['status'][],
): Promise<SignupRecord[]> {
  const fresh: SignupRecord[] = [];
  for (const signup of signups) {
    const now = await expireIfDue(ctx, signup);
    if (statuses.includes(now.status)) fresh.push(now);
  }
  return fresh;
}

/** Why a closed checkout cannot be paid, and what the person can do now (409 checkout_closed). */
export function closedProblem(ctx: Pick<DomainContext, 'checkout'>, checkout: CheckoutRecord, signup: SignupRecord | undefined): Problem {
  const reason = checkout.closed_reason;
  const replacedBy = signup?.replaced_by ?? null;
  const hours = Math.round(ctx.checkout.lifetimeMs / 3_600_000);
  const detail = (() => {
    switch (reason) {
      case 'replaced':
        return `This checkout was closed: a newer signup (${replacedBy}) replaced this one. Nothing was charged.`;
      case 'expired':
        return `This checkout expired: it was left unpaid for ${hours} hours. Nothing was charged; sign up again.`;
      case 'declined':
        return 'This checkout was closed: the organization closed the application. Nothing was charged.';
      case 'refused':
      case null:
        return 'This checkout was closed and can no longer be paid. Nothing was charged.';
    }
  })();
  return new Problem(409, 'checkout_closed', detail, {
    extensions: { signup_id: checkout.signup_id, closed_reason: reason, replaced_by: replacedBy },
  });
}
