// The lifecycle: what a day brings to an organization's memberships, run once per day
// (`runDay`: the sandbox for every day its clock crosses, the server on a schedule, catching up
// missed days in order). Running a day again changes nothing: each membership's renewal progress
// (`renewal`) records the attempts made and the reminders sent for its current term, and every
// charge carries an idempotency key of membership, term and attempt.
//
// On a membership's attempt days (the SDK's renewalAttemptDays) one that renews automatically
// with a saved card is charged off-session for the plan as it stands (renewalQuote); success
// renews it (and its group) and writes a receipt; a failure is recorded (attempts, the last
// failure's code and message) and the member told when the next attempt is; after the last
// failure the membership is terminated from the end of its paid term (terminated_on), the
// member and the organization told. A charge the bank wants authenticated counts as failed, and
// the member gets its URL: completing it there renews the membership on the next day run.
// Members with no saved card (or auto-renewal off) are reminded on the SDK's
// renewalReminderDays instead. Statuses that dates give (expired, grace, cancelled → terminated)
// are never written: only a termination, which no date can tell.
import {
  PricingError,
  RENEWAL_ATTEMPTS,
  addDays,
  compareDates,
  membershipStatus,
  renewalAttemptDays,
  renewalQuote,
  renewalReminderDays,
} from '@memberkit/sdk/calculators';
import type { OffSessionCharge } from '../ports/payments.js';
import type { Json, MemberRecord, MembershipRecord, PaymentRecord, RenewalProgressRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { emitPaymentSucceeded } from './webhooks.js';
import { findType } from './membership-types.js';
import { membershipMessageData, sendMembershipMessage } from './messages.js';
import { companyAddressee } from './companies.js';
import { emitMembershipEvent } from './memberships.js';
import { applyRenewal, renewalPlan } from './renewals.js';
import { soldTerm } from './terms.js';
import { memberPageLink } from './sign-in.js';

/** What a day did to one membership (runDay's report). */
export type DayOutcome = 'renewed' | 'failed' | 'terminated' | 'expired' | 'reminded' | 'waiting' | 'nothing';

/**
 * The memberships a day may concern: confirmed, ending some day, not cancelled, not a group's
 * place (the payer's renewal carries it); or terminated from a day still to come (the member is
 * told on that day).
 */
export const concernsLifecycle = (membership: MembershipRecord): boolean =>
  membership.expires_on !== null &&
  membership.group_of === null &&
  ((membership.state === 'confirmed' && membership.cancelled_on === null) || (membership.state === 'terminated' && membership.terminated_on !== null));

const freshProgress = (expiresOn: string): RenewalProgressRecord => ({
  expires_on: expiresOn,
  attempts: 0,
  last_attempt_on: null,
  last_failure: null,
  pending: null,
  reminded_on: [],
});

/** The membership's progress for its current term (an earlier term's no longer counts). */
const progressOf = (membership: MembershipRecord): RenewalProgressRecord =>
  membership.renewal && membership.renewal.expires_on === membership.expires_on ? structuredClone(membership.renewal) : freshProgress(membership.expires_on!);

const renewPath = (ctx: DomainContext, membership: MembershipRecord) =>
  `/organizations/${ctx.organization.id}/me/memberships/${membership.id}/renew`;

/** Runs day `ctx.today` for one membership (read again in this transaction). */
export async function lifecycleStep(ctx: DomainContext, membershipId: string): Promise<DayOutcome> {
  const org = ctx.organization.id;
  const membership = await ctx.tx.findOne('memberships', { organization_id: org, id: membershipId });
  if (!membership || !concernsLifecycle(membership)) return 'nothing';
  // A company's membership is the company's: its renewal messages go to the company's contact.
  const member = membership.member_id
    ? await ctx.tx.findOne('members', { organization_id: org, id: membership.member_id })
    : membership.company_id
      ? await companyAddressee(ctx, membership.company_id)
      : undefined;
  const term = soldTerm(membership);
  const progress = progressOf(membership);
  const save = (patch: Partial<RenewalProgressRecord>) =>
    ctx.tx.update('memberships', { organization_id: org, id: membership.id }, { renewal: { ...progress, ...patch } });

  if (membership.state === 'terminated') {
    // Its renewal failed for good before the paid term ended: the member hears the day it ends.
    if (membership.terminated_on !== ctx.today || !membership.renewal || membership.renewal.reminded_on.includes(ctx.today)) return 'nothing';
    if (member) await sendMembershipMessage(ctx, 'membership_terminated', member, membership, { ended_on: ctx.today, reason: 'renewal_failed' });
    await emitMembershipEvent(ctx, 'membership.terminated', membership, { ended_on: ctx.today, reason: 'renewal_failed' });
    await ctx.tx.update('memberships', { organization_id: org, id: membership.id }, {
      renewal: { ...membership.renewal, reminded_on: [...membership.renewal.reminded_on, ctx.today] },
    });
    return 'terminated';
  }

  // The first day after its term and grace, not renewed: the organization hears it expired
  // (membership.expired), once: the day is marked in the term's progress like a reminder's.
  if (
    ctx.today === addDays(membership.expires_on!, membership.grace_days ?? 0) &&
    membershipStatus(membership, ctx.today) === 'expired' &&
    !progress.reminded_on.includes(ctx.today)
  ) {
    await emitMembershipEvent(ctx, 'membership.expired', membership, { ended_on: ctx.today });
    await save({ reminded_on: [...progress.reminded_on, ctx.today] });
    return 'expired';
  }

  const chargeable = membership.auto_renew && membership.payment_method !== null && membership.payment_customer !== null;
  if (!chargeable) {
    if (!renewalReminderDays(membership, term).includes(ctx.today) || progress.reminded_on.includes(ctx.today)) return 'nothing';
    if (member) await remind(ctx, member, membership);
    await save({ reminded_on: [...progress.reminded_on, ctx.today] });
    return 'reminded';
  }

  // A charge that waited for the member's authentication may have been completed since.
  if (progress.pending) {
    const now = await ctx.payments.retrieveCharge(org, progress.pending.reference);
    if (now.status === 'succeeded') return renew(ctx, membership, member, now);
    if (now.status === 'declined') progress.pending = null;
  }
  const days = renewalAttemptDays(membership, term) ?? [];
  const due = days.filter((day) => compareDates(day, ctx.today) <= 0).length;
  if (progress.attempts >= due || progress.last_attempt_on === ctx.today) {
    if (JSON.stringify(progress) !== JSON.stringify(progressOf(membership))) await save({});
    return progress.pending ? 'waiting' : 'nothing';
  }
  const attempt = progress.attempts + 1;
  const type = await findType(ctx, membership.membership_type_id);
  let charge: OffSessionCharge;
  try {
    const quote = renewalQuote(type ?? { price: { value: membership.price_paid, currency: membership.currency, type: 'fixed' } }, membership.price_paid);
    if (!quote.requires_payment) return renew(ctx, membership, member, null);
    charge = progress.pending
      ? // Still waiting for the member: a second charge could be paid twice; the attempt fails again.
        { status: 'requires_action', ...progress.pending }
      : await ctx.payments.chargeOffSession({
          organization_id: org,
          membership_id: membership.id,
          customer: membership.payment_customer!,
          payment_method: membership.payment_method!,
          amount: quote.total,
          currency: quote.currency,
          description: `${type?.membership_name ?? membership.membership_name} renewal`,
          seller_name: ctx.organization.name,
          payment_account: ctx.organization.payment_account ?? null,
          idempotency_key: `renewal:${membership.id}:${membership.expires_on}:${attempt}`,
        });
    if (charge.status === 'succeeded') return renew(ctx, membership, member, charge);
  } catch (error) {
    if (!(error instanceof PricingError)) throw error;
    charge = { status: 'declined', reference: null, decline_code: error.code, message: 'The renewal price cannot be charged.' };
  }
  const failure =
    charge.status === 'declined'
      ? { code: charge.decline_code, message: charge.message }
      : { code: 'authentication_required', message: 'Your bank asks you to confirm this payment.' };
  const pending = charge.status === 'requires_action' ? { reference: charge.reference, url: charge.url } : null;
  const amount = type ? safeAmount(type, membership) : membership.price_paid;
  if (attempt >= RENEWAL_ATTEMPTS) {
    // Terminated when the term paid for ends (or today, when that has passed): the member keeps what they paid for.
    const endsOn = compareDates(membership.expires_on!, ctx.today) > 0 ? membership.expires_on! : ctx.today;
    const endsNow = endsOn === ctx.today;
    await ctx.tx.update('memberships', { organization_id: org, id: membership.id }, {
      state: 'terminated',
      terminated_on: endsOn,
      auto_renew: false,
      renewal: {
        ...progress,
        attempts: attempt,
        last_attempt_on: ctx.today,
        last_failure: failure,
        pending: null,
        reminded_on: endsNow ? [...progress.reminded_on, ctx.today] : progress.reminded_on,
      },
    });
    if (pending) ctx.afterCommit(() => ctx.payments.cancelCharge(org, pending.reference));
    if (member) {
      await sendMembershipMessage(ctx, 'renewal_failed', member, membership, {
        amount,
        currency: membership.currency,
        attempt,
        next_attempt_on: null,
        // Until ends_on the member may renew by hand: on the organization's page, signed in.
        pay_url: await memberPageLink(ctx, member),
        failure_code: failure.code,
        // Until then the member may still renew by hand.
        ends_on: endsOn,
      });
      if (endsNow) await sendMembershipMessage(ctx, 'membership_terminated', member, membership, { ended_on: endsOn, reason: 'renewal_failed' });
    }
    if (endsNow) {
      const ended = { ...membership, state: 'terminated' as const, terminated_on: endsOn, auto_renew: false };
      await emitMembershipEvent(ctx, 'membership.terminated', ended, { ended_on: endsOn, reason: 'renewal_failed' });
    }
    await tellOrganization(ctx, member, membership, endsOn, failure);
    return 'terminated';
  }
  await save({ attempts: attempt, last_attempt_on: ctx.today, last_failure: failure, pending });
  if (member) {
    await sendMembershipMessage(ctx, 'renewal_failed', member, membership, {
      amount,
      currency: membership.currency,
      attempt,
      next_attempt_on: days[attempt] ?? null,
      // Authenticating the charge pays it; else the member renews by hand (a card saved anew)
      // on the organization's page, signed in by the link; no page: they sign in there.
      pay_url: pending?.url ?? (await memberPageLink(ctx, member)),
      failure_code: failure.code,
    });
  }
  return 'failed';
}

/** The renewal's amount for a message (the quote, or the last price when the plan cannot be quoted). */
function safeAmount(type: Parameters<typeof renewalQuote>[0], membership: MembershipRecord): number {
  try {
    return renewalQuote(type, membership.price_paid).total;
  } catch {
    return membership.price_paid;
  }
}

/** Renews with a charge that succeeded (or none: the plan is free now), records the payment and writes the receipt. */
async function renew(
  ctx: DomainContext,
  membership: MembershipRecord,
  member: MemberRecord | undefined,
  charge: Extract<OffSessionCharge, { status: 'succeeded' }> | null,
): Promise<DayOutcome> {
  const org = ctx.organization.id;
  const type = await findType(ctx, membership.membership_type_id);
  const renewed = await applyRenewal(ctx, membership, renewalPlan(membership, type), {
    amount: charge?.amount ?? 0,
    currency: charge?.currency ?? type?.price.currency ?? membership.currency,
    reference: charge?.reference ?? null,
    auto_renew: membership.auto_renew,
  });
  await emitMembershipEvent(ctx, 'membership.renewed', renewed, { automatic: true, amount: charge?.amount ?? 0 });
  if (!charge) return 'renewed';
  const payment: PaymentRecord = {
    organization_id: org,
    id: ctx.ids.next('py'),
    signup_id: null,
    checkout_id: null,
    membership_id: membership.id,
    amount: charge.amount,
    currency: charge.currency,
    reference: charge.reference,
    card_last4: charge.card_last4,
    created_at: ctx.timestamp(),
  };
  await ctx.tx.insert('payments', payment);
  await emitPaymentSucceeded(ctx, payment, membership.id);
  if (member) {
    await ctx.send({
      kind: 'receipt',
      to: member.email,
      subject: `Your receipt from ${ctx.organization.name}`,
      text:
        `Your ${renewed.membership_name} membership at ${ctx.organization.name} was renewed${renewed.expires_on ? ` until ${renewed.expires_on}` : ''}.` +
        `\n\nPayment ${payment.id}${payment.card_last4 ? `, card ending ${payment.card_last4}` : ''}.`,
      html: null,
      data: {
        ...membershipMessageData(member, renewed),
        payment_id: payment.id,
        signup_id: null,
        amount: payment.amount,
        currency: payment.currency,
        card_last4: payment.card_last4,
        paid_on: ctx.today,
        renewal: true,
        automatic: true,
      },
    });
  }
  return 'renewed';
}

/** A member with no card to charge (or auto-renewal off) is asked to renew by hand. */
async function remind(ctx: DomainContext, member: MemberRecord, membership: MembershipRecord): Promise<void> {
  const type = await findType(ctx, membership.membership_type_id);
  const amount = type ? safeAmount(type, membership) : membership.price_paid;
  const data: Record<string, Json> = {
    renews_on: membership.expires_on,
    last_day: addDays(membership.expires_on!, -1),
    amount,
    currency: type?.price.currency ?? membership.currency,
    renew_path: renewPath(ctx, membership),
    auto_renew: membership.auto_renew,
  };
  // Auto-renewal is on but no card was saved (an imported or seeded member): updating the card
  // makes it renew; with auto-renewal off, the member renews by hand.
  if (membership.auto_renew) await sendMembershipMessage(ctx, 'card_update_needed', member, membership, { ...data, card_last4: null, update_url: await memberPageLink(ctx, member) });
  else await sendMembershipMessage(ctx, 'renewal_reminder', member, membership, data);
}

/** The organization hears of a membership terminated after its renewal failed (its notification email). */
async function tellOrganization(
  ctx: DomainContext,
  member: MemberRecord | undefined,
  membership: MembershipRecord,
  endsOn: string,
  failure: { code: string; message: string },
): Promise<void> {
  const to = ctx.organization.notification_email;
  if (!to) return;
  const who = member ? [member.first_name, member.last_name].filter(Boolean).join(' ') || member.email : (membership.company_id ?? membership.id);
  await ctx.send({
    kind: 'staff_membership_terminated',
    to,
    subject: `Membership ended: ${who} (${membership.membership_name})`,
    text: `The ${membership.membership_name} membership of ${who} ends on ${endsOn}: its renewal failed ${RENEWAL_ATTEMPTS} times (last: ${failure.message}).`,
    html: null,
    data: {
      // Staff are greeted, not the member.
      ...membershipMessageData({ first_name: null }, membership),
      member_id: membership.member_id,
      member_email: member?.email ?? null,
      member_name: who,
      ended_on: endsOn,
      attempts: RENEWAL_ATTEMPTS,
      failure_code: failure.code,
      failure_message: failure.message,
    },
  });
}
