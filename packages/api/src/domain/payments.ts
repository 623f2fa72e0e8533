// Payments: settling a checkout the member completed at the processor. Whoever asks (a payment
// webhook, the stand-in's confirm, a signup poll), the API reads the session again through the
// Payments port rather than trusting the caller, completes the signup if it still may, and only
// then captures the authorized payment: a completion refused (the holder got the membership
// meanwhile, a renewal window closed) lets the authorization go and charges nothing. A settled
// checkout answers the same payment again.
import { formatMoney } from '@memberkit/sdk/calculators';
import type { CheckoutRecord, PaymentRecord, SignupRecord } from '../ports/records.js';
import { closeSignup, closedProblem, findCheckout, isDue } from './checkout.js';
import type { DomainContext } from './context.js';
import { emitPaymentSucceeded } from './webhooks.js';
import { membershipMessageData } from './messages.js';
import type { Problem } from './problems.js';
import { completeSignup, findSignup } from './signups.js';

/** Where a checkout stands once settled: paid (once), still open, or closed unpaid (with the problem to answer). */
export type CheckoutSettlement =
  | { status: 'paid'; signup_id: string; payment_id: string }
  | { status: 'open'; signup_id: string }
  | { status: 'closed'; signup_id: string; problem: Problem };

/** Settles `checkout` (see the file's comment). */
export async function settleCheckout(ctx: DomainContext, checkout: CheckoutRecord): Promise<CheckoutSettlement> {
  const org = ctx.organization.id;
  const signup = (await findSignup(ctx, checkout.signup_id))!;
  const closed = async (problem?: Problem): Promise<CheckoutSettlement> => {
    const now = (await findCheckout(ctx, checkout.id))!;
    return { status: 'closed', signup_id: signup.id, problem: problem ?? closedProblem(ctx, now, await findSignup(ctx, signup.id)) };
  };
  if (checkout.status === 'complete') return { status: 'paid', signup_id: signup.id, payment_id: checkout.payment_id! };
  const state = await ctx.payments.retrieveCheckout(org, checkout.id);
  if (checkout.status === 'expired') {
    // Closed here already: an authorization the member made meanwhile is let go, not charged.
    if (state.payment?.status === 'authorized') await ctx.payments.expireCheckout(org, checkout.id);
    return closed();
  }
  if (state.status === 'complete' && state.payment && state.payment.status !== 'released') {
    if (signup.status !== 'awaiting_payment') {
      await closeSignup(ctx, signup, 'refused');
      return closed();
    }
    const authorized = state.payment;
    const refusal = await completeSignup(ctx, signup, {
      reference: authorized.reference,
      payment_method: authorized.payment_method,
      customer: authorized.customer,
    });
    if (refusal) return closed(refusal);
    // Captured last: when the capture fails nothing above commits, and the next settle tries again.
    const payment = state.payment.status === 'captured' ? state.payment : await ctx.payments.capturePayment(org, checkout.id);
    const record: PaymentRecord = {
      organization_id: org,
      id: ctx.ids.next('py'),
      signup_id: signup.id,
      checkout_id: checkout.id,
      membership_id: null,
      amount: payment.amount,
      currency: payment.currency,
      reference: payment.reference,
      card_last4: payment.card_last4,
      created_at: ctx.timestamp(),
    };
    await ctx.tx.insert('payments', record);
    await ctx.tx.update('checkouts', { organization_id: org, id: checkout.id }, { status: 'complete', payment_id: record.id });
    // A checkout of 0 only saved the card (a free first term): nothing was paid to receipt.
    if (record.amount > 0) {
      await sendReceipt(ctx, signup, record);
      await emitPaymentSucceeded(ctx, record, signup.membership_ids[0]!);
    }
    return { status: 'paid', signup_id: signup.id, payment_id: record.id };
  }
  if (state.status === 'expired' || state.payment?.status === 'released') {
    // Closed at the processor (its own expiry), or an authorization let go by a settle whose
    // transaction did not commit: the signup can no longer be paid with this checkout.
    await closeSignup(ctx, signup, state.status === 'expired' ? 'expired' : 'refused');
    return closed();
  }
  if (isDue(checkout, ctx.now)) {
    await closeSignup(ctx, signup, 'expired');
    return closed();
  }
  return { status: 'open', signup_id: signup.id };
}

/**
 * formatMoney, remembered: an organization's receipts repeat a few amounts (its plans' prices),
 * and building an Intl.NumberFormat costs more than the rest of a receipt.
 */
const amounts = new Map<string, string>();
function amountText(minor: number, currency: string, locale: string): string {
  const key = `${minor}|${currency}|${locale}`;
  let text = amounts.get(key);
  if (text === undefined) {
    if (amounts.size >= 512) amounts.clear();
    amounts.set(key, (text = formatMoney(minor, currency, locale)));
  }
  return text;
}

/** The payer's receipt, in the outbox. */
async function sendReceipt(ctx: DomainContext, signup: SignupRecord, payment: PaymentRecord): Promise<void> {
  const org = ctx.organization;
  const member = await ctx.tx.findOne('members', { organization_id: org.id, id: signup.member_id });
  const membership = await ctx.tx.findOne('memberships', { organization_id: org.id, id: signup.membership_ids[0]! });
  if (!member || !membership) return;
  const amount = amountText(payment.amount, payment.currency, org.locale);
  const what = signup.renewal_of ? `the renewal of your ${membership.membership_name} membership` : `your ${membership.membership_name} membership`;
  await ctx.send({
    kind: 'receipt',
    to: member.email,
    subject: `Your receipt from ${org.name}`,
    text: `Thank you for your payment of ${amount} for ${what} at ${org.name}.\n\nPayment ${payment.id}${payment.card_last4 ? `, card ending ${payment.card_last4}` : ''}.`,
    html: null,
    data: {
      ...membershipMessageData(member, membership),
      payment_id: payment.id,
      signup_id: signup.id,
      amount: payment.amount,
      currency: payment.currency,
      card_last4: payment.card_last4,
      paid_on: ctx.today,
      renewal: signup.renewal_of !== null,
    },
  });
}
