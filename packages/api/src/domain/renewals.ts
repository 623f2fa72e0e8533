// Renewals: a member extending a membership they hold (POST /me/memberships/{id}/renew). A
// renewal is a signup for that membership: paid (or free) once, it extends the same membership
// in place from its sold term; needing no second approval. A newer renewal replaces an unpaid one,
// so a membership cannot be extended twice by two open checkouts.
import type { MembershipRenewParams } from '@memberkit/sdk';
import { CalculatorError, calculateExpiry } from '@memberkit/sdk/calculators';
import type { MembershipRecord, SignupRecord } from '../ports/records.js';
import { closeSignup, stillUnfinished } from './checkout.js';
import type { DomainContext } from './context.js';
import { usableDiscount } from './discounts.js';
import { typeOr404 } from './membership-types.js';
import { Problem, validationFailed } from './problems.js';
import { quoteOrProblem, signupQuoteFields } from './quotes.js';
import { createSignupRecord, resolveAutoRenewOr } from './signups.js';
import { soldTerm } from './terms.js';

/** The unpaid renewals of a membership: a newer renewal replaces them. */
export async function unpaidRenewals(ctx: DomainContext, membershipId: string): Promise<SignupRecord[]> {
  const open: SignupRecord['status'][] = ['awaiting_payment', 'pending'];
  const found = await ctx.tx.find('signups', { organization_id: ctx.organization.id, renewal_of: membershipId, status: open });
  return stillUnfinished(ctx, found, open);
}

/**
 * Opens a renewal of `membership` (the caller's own): refused when the membership is not
 * confirmed (409 not_renewable), when a cyclical one is outside its window or a lifetime one is
 * asked (422 renewal_not_open), or when its `auto_renew` choice contradicts the type. Earlier
 * unpaid renewals of it are replaced (their reservations released). What comes next is
 * `advanceSignup`'s (a checkout, or completion for a free one).
 */
export async function openRenewal(ctx: DomainContext, membership: MembershipRecord, params: MembershipRenewParams): Promise<SignupRecord> {
  if (membership.state !== 'confirmed') {
    throw new Problem(409, 'not_renewable', `A ${membership.state} membership cannot be renewed.`);
  }
  const type = await typeOr404(ctx, membership.membership_type_id);
  // The calculator decides renewal or reinstatement, and refuses a cyclical renewal outside its window.
  try {
    calculateExpiry(soldTerm(membership), {
      purchased_on: ctx.today,
      current: { anchor_on: membership.anchor_on, expires_on: membership.expires_on, grace_days: membership.grace_days },
    });
  } catch (error) {
    if (error instanceof CalculatorError && error.code === 'renewal_not_open') {
      throw new Problem(
        422,
        'renewal_not_open',
        membership.expires_on === null
          ? 'A lifetime membership never needs renewing.'
          : `This membership cannot be renewed yet (it runs until ${membership.expires_on}).`,
        { extensions: { expires_on: membership.expires_on } },
      );
    }
    throw error;
  }
  // A choice the type rules out is refused now; the setting itself is resolved when the renewal
  // completes (completeSignup), from the choice and the membership's setting then.
  const choice = resolveAutoRenewOr(type, params.auto_renew);
  if (choice.error) throw validationFailed([choice.error]);
  const replaced = await unpaidRenewals(ctx, membership.id);
  const discount = params.discount_code ? await usableDiscount(ctx, params.discount_code, type, 'discount_code', replaced) : null;
  const quote = quoteOrProblem(ctx.organization, type, { amount: params.amount ?? null, discount }, signupQuoteFields);
  const signup = await createSignupRecord(ctx, {
    id: ctx.ids.next('su', 16),
    member_id: membership.member_id!,
    membership_ids: [membership.id],
    quote,
    discount_code: discount?.code ?? null,
    renewal_of: membership.id,
    auto_renew: params.auto_renew ?? null,
  });
  for (const older of replaced) await closeSignup(ctx, older, 'replaced', signup.id);
  return signup;
}
