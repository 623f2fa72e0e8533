// Renewals: a membership extended by one term, by the member (POST /me/memberships/{id}/renew:
// a signup for that membership, paid or free once, needing no second approval; a newer renewal
// replaces an unpaid one, so two open checkouts cannot extend it twice) or automatically (the
// lifecycle's off-session charge, lifecycle.ts). Either way a renewal sells the plan as it
// stands when renewed: its price, term and grace together (and its name and permissions); plan
// edits never change a membership until then. A group's payer renews the whole group for the one
// group price; a group member's place is renewed with it, never charged on its own.
import type { MembershipRenewParams, MembershipType } from '@memberkit/sdk';
import { CalculatorError, calculateExpiry, type Expiry } from '@memberkit/sdk/calculators';
import type { MembershipRecord, SignupRecord } from '../ports/records.js';
import { closeSignup, stillUnfinished } from './checkout.js';
import type { DomainContext } from './context.js';
import { usableDiscount } from './discounts.js';
import { typeOr404 } from './membership-types.js';
import { Problem, validationFailed } from './problems.js';
import { quoteOrProblem, signupQuoteFields } from './quotes.js';
import { resolveAutoRenewOr } from './auto-renew.js';
import { createSignupRecord, requestLocale } from './signup-records.js';
import { termEntry } from './memberships.js';
import { soldTerm, termSnapshot, type TermSnapshot } from './terms.js';

/** What a renewal sells: the type as it stands now, or (the type is gone) what the membership was sold. */
export interface RenewalPlan extends TermSnapshot {
  membership_name: string;
  permissions: string[];
}

export function renewalPlan(membership: MembershipRecord, type: MembershipType | undefined): RenewalPlan {
  if (!type) {
    const { duration, duration_interval_type, cycle, grace_days } = membership;
    return { duration, duration_interval_type, cycle, grace_days, membership_name: membership.membership_name, permissions: [...membership.permissions] };
  }
  return { ...termSnapshot(type), membership_name: type.membership_name, permissions: [...type.permissions] };
}

const sameTerm = (a: TermSnapshot, b: TermSnapshot): boolean =>
  a.duration === b.duration && a.duration_interval_type === b.duration_interval_type && JSON.stringify(a.cycle) === JSON.stringify(b.cycle);

/**
 * The dates of renewing `membership` on `today` with `plan` (calculateExpiry: a renewal, or a
 * reinstatement after the grace). With the term it was sold, one more term from the anchor; with
 * a term edited since, one new term from the old expiry (counting the new term from the old
 * anchor would sell a year as seven months, or a month as none). The grace left to renew in is
 * the one the membership was sold with. Throws `renewal_not_open` as the calculator does.
 */
export function renewalDates(today: string, membership: MembershipRecord, plan: RenewalPlan): Expiry {
  const edited = !sameTerm(soldTerm(membership) as TermSnapshot, plan);
  const anchor = edited && membership.expires_on !== null ? membership.expires_on : membership.anchor_on;
  return calculateExpiry(plan, {
    purchased_on: today,
    current: { anchor_on: anchor, expires_on: membership.expires_on, grace_days: membership.grace_days },
  });
}

/** A group's places renewed with its payer's membership: those still held (not cancelled or terminated). */
export async function groupPlaces(ctx: DomainContext, payer: MembershipRecord): Promise<MembershipRecord[]> {
  if (payer.group_of !== null) return [];
  const places = await ctx.tx.find('memberships', { organization_id: ctx.organization.id, group_of: payer.id, state: 'confirmed' });
  return places.filter((place) => place.cancelled_on === null);
}

export interface RenewalPayment {
  /** What the payer paid for the renewal (the whole group's, for a group). */
  amount: number;
  currency: string;
  /** The processor's payment reference, or null (free). */
  reference: string | null;
  /** The payer's auto_renew after the renewal. */
  auto_renew: boolean;
}

/**
 * Renews `membership` by one term of `plan` (see renewalDates) and, for a group's payer, every
 * place of the group with it: each gets the new term in its history (the payer with the amount
 * paid, the places with 0 and the payer's payment reference), its cancellation, a termination
 * still to come and the renewal progress cleared. Answers the payer's membership as renewed.
 */
export async function applyRenewal(
  ctx: DomainContext,
  membership: MembershipRecord,
  plan: RenewalPlan,
  payment: RenewalPayment,
): Promise<MembershipRecord> {
  const org = ctx.organization.id;
  let renewed = membership;
  for (const held of [membership, ...(await groupPlaces(ctx, membership))]) {
    const dates = renewalDates(ctx.today, held, plan);
    const payer = held.id === membership.id;
    const amount = payer ? payment.amount : 0;
    const waiting = held.renewal?.pending;
    // A charge still waiting for the member's authentication must not renew it a second time.
    if (waiting && waiting.reference !== payment.reference) ctx.afterCommit(() => ctx.payments.cancelCharge(org, waiting.reference));
    // A renewal's term starts where the last one ended; a reinstatement's on the day it is bought.
    const termStarts = dates.kind === 'renewal' && held.expires_on !== null ? held.expires_on : dates.starts_on;
    const patch: Partial<MembershipRecord> = {
      kind: dates.kind,
      // The membership began when it began: only a reinstatement starts it again.
      starts_on: dates.kind === 'reinstated' ? dates.starts_on : held.starts_on,
      expires_on: dates.expires_on,
      anchor_on: dates.anchor_on,
      state: 'confirmed',
      cancelled_on: null,
      terminated_on: null,
      renewal: null,
      duration: plan.duration,
      duration_interval_type: plan.duration_interval_type,
      cycle: plan.cycle,
      grace_days: plan.grace_days,
      membership_name: plan.membership_name,
      permissions: [...plan.permissions],
      price_paid: amount,
      currency: payment.currency,
      terms: [...held.terms, termEntry(ctx, { ...dates, starts_on: termStarts }, amount, payment.currency, payment.reference)],
      ...(payer && { auto_renew: payment.auto_renew }),
    };
    await ctx.tx.update('memberships', { organization_id: org, id: held.id }, patch);
    if (payer) renewed = { ...held, ...patch };
  }
  return renewed;
}

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
  // A membership whose automatic renewal failed for good runs until its paid term ends
  // (terminated_on): until then the member may still renew it by hand.
  const endsLater = membership.state === 'terminated' && membership.terminated_on !== null && membership.terminated_on > ctx.today;
  if (membership.state !== 'confirmed' && !endsLater) {
    throw new Problem(409, 'not_renewable', `A ${membership.state} membership cannot be renewed.`);
  }
  if (membership.group_of !== null) {
    // The place is the group's: its payer renews the group, for the one group price.
    throw new Problem(409, 'renewed_by_group', 'This membership is a place in a group: the group is renewed by the member who paid for it, with every place in it.', {
      extensions: { group_membership_id: membership.group_of },
    });
  }
  const type = await typeOr404(ctx, membership.membership_type_id);
  // The calculator decides renewal or reinstatement, and refuses a cyclical renewal outside its window.
  try {
    renewalDates(ctx.today, membership, renewalPlan(membership, type));
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
    checkout_ui_mode: params.checkout?.ui_mode ?? null,
    locale: requestLocale(params.locale),
  });
  for (const older of replaced) await closeSignup(ctx, older, 'replaced', signup.id);
  return signup;
}
