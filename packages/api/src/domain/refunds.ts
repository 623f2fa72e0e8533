// Refunds by staff (admin API) and from the processor's dashboard (`charge.refunded`): money given
// back on a membership's term, recorded on that term; the SDK's refundEndsMembership says when
// the membership ends with it.
import { disputeBlocksRefund, refundEndsMembership, refundableAmount } from '@memberkit/sdk/calculators';
import type { MembershipState } from '@memberkit/sdk/calculators';
import type { MembershipRecord, MembershipTermRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { emitMembershipEvent } from './memberships.js';
import { Problem, fieldError } from './problems.js';
import { sha256Hex } from '../random.js';

export interface RefundInput {
  /** null: all that is left on the term. */
  amount: number | null;
  keep_access: boolean;
  reason: string | null;
  /**
   * What identifies the staff request, the same when it is retried (its Idempotency-Key, with
   * its caller): the processor's refund is keyed by it, so a retry refunds once.
   */
  request_key: string;
}

/**
 * Refunds the current term's payment at the processor and records it on the term. A full refund
 * ends the membership today (state `terminated`, auto-renewal off, a waiting renewal charge
 * closed) unless `keep_access`. Refusals: nothing paid on the term (409 `nothing_to_refund`), a
 * chargeback open or lost on it (409 `payment_disputed`, the SDK's disputeBlocksRefund), an
 * amount above what is left (422).
 */
export async function refundMembership(ctx: DomainContext, membership: MembershipRecord, input: RefundInput): Promise<MembershipRecord> {
  const index = membership.terms.length - 1;
  const term = membership.terms[index];
  if (!term || term.payment_reference === null || term.amount_paid === 0) {
    throw new Problem(409, 'nothing_to_refund', `Nothing was paid for the current term of membership ${membership.id}.`);
  }
  if (term.disputes?.some(disputeBlocksRefund)) {
    throw new Problem(409, 'payment_disputed', `The current term's payment of membership ${membership.id} is disputed by the cardholder's bank: the money goes back through the dispute, not a refund.`);
  }
  const left = refundableAmount(term);
  if (left === 0) throw new Problem(409, 'nothing_to_refund', `The current term of membership ${membership.id} is refunded in full already.`);
  const amount = input.amount ?? left;
  if (amount > left) {
    throw new Problem(422, 'validation_failed', `At most ${left} is left to refund on this term.`, {
      errors: [fieldError('amount', 'too_large', 'amount', `At most ${left} is left to refund on this term.`)],
    });
  }
  const refund = await ctx.payments.refund({
    organization_id: ctx.organization.id,
    membership_id: membership.id,
    reference: term.payment_reference,
    amount,
    // One key per staff request, not per refund counted on the term: a request retried after a
    // crash between the processor's refund and the commit must ask for the same refund even when
    // the processor's notice (charge.refunded) recorded it meanwhile, which a count would not
    // (the retry would count one refund more and refund again). Hashed: a key has at most 255
    // characters, and the request's may have as many. The Payments port prefixes the organization.
    idempotency_key: `refund:${membership.id}:${(await sha256Hex(input.request_key)).slice(0, 40)}`,
    keep_access: input.keep_access,
    reason: input.reason?.trim() || null,
  });
  return recordRefund(ctx, membership, index, { id: refund.id, amount: refund.amount, reason: input.reason }, input.keep_access);
}

/**
 * Records a refund made at the processor on term `index` (once: a refund id recorded already
 * changes nothing) and applies the refund rule. Shared by staff refunds and `charge.refunded`.
 */
export async function recordRefund(
  ctx: DomainContext,
  membership: MembershipRecord,
  index: number,
  refund: { id: string; amount: number; reason: string | null },
  keepAccess: boolean,
): Promise<MembershipRecord> {
  const term = membership.terms[index]!;
  if (term.refunds?.some((recorded) => recorded.id === refund.id)) return membership;
  const refunded: MembershipTermRecord = {
    ...term,
    refunds: [...(term.refunds ?? []), { id: refund.id, amount: refund.amount, refunded_at: ctx.timestamp(), reason: refund.reason?.trim() || null }],
  };
  const terms = membership.terms.map((each, at) => (at === index ? refunded : each));
  const ends = membership.state === 'confirmed' && refundEndsMembership(refunded, { current: index === membership.terms.length - 1, keep_access: keepAccess });
  const waiting = ends ? (membership.renewal?.pending ?? null) : null;
  const patch: Partial<MembershipRecord> = ends
    ? {
        terms,
        state: 'terminated',
        terminated_on: ctx.today,
        auto_renew: false,
        ...(waiting && membership.renewal ? { renewal: { ...membership.renewal, pending: null } } : {}),
      }
    : { terms };
  await ctx.tx.update('memberships', { organization_id: ctx.organization.id, id: membership.id }, patch);
  if (waiting) ctx.afterCommit(() => ctx.payments.cancelCharge(ctx.organization.id, waiting.reference));
  const updated = { ...membership, ...patch };
  if (ends) await emitMembershipEvent(ctx, 'membership.terminated', updated, { ended_on: ctx.today, reason: 'refunded' });
  return updated;
}

/** What settling a payment's refunds did (see `settleRefunds`). */
export interface RefundSettlement {
  membership_id: string;
  /** The processor's refunds recorded now, oldest first (none: every one was recorded already). */
  recorded: string[];
  state: MembershipState;
}

/**
 * The membership and term that payment `reference` paid for: a checkout's payment is on its
 * signup's memberships (the payer's, or the one a renewal signup extended), a renewal charge's
 * on the membership it renewed. Null: not a payment the API recorded.
 */
export async function termOfPayment(ctx: DomainContext, reference: string): Promise<{ membership: MembershipRecord; index: number } | null> {
  const org = ctx.organization.id;
  const payment = await ctx.tx.findOne('payments', { organization_id: org, reference });
  if (!payment) return null;
  let candidates: string[] = payment.membership_id ? [payment.membership_id] : [];
  if (payment.signup_id) {
    const signup = await ctx.tx.findOne('signups', { organization_id: org, id: payment.signup_id });
    if (signup) candidates = [...signup.membership_ids, ...(signup.renewal_of ? [signup.renewal_of] : [])];
  }
  for (const id of candidates) {
    const membership = await ctx.tx.findOne('memberships', { organization_id: org, id });
    const index = membership?.terms.findLastIndex((term) => term.payment_reference === reference) ?? -1;
    if (membership && index >= 0) return { membership, index };
  }
  return null;
}

/**
 * Settles payment `reference`'s refunds with the processor's word on them (read again through
 * the Payments port, whatever a notice said): what the processor's refund notice (Stripe's
 * `charge.refunded`, e.g. after a refund in its dashboard) calls. Each refund not recorded on
 * the payment's term yet is recorded, oldest first, under the refund rule: so partial refunds
 * add up, a delivery seen twice or late changes nothing more, and a refund staff made through
 * the API (recorded with the processor's refund id) is not recorded twice. A refund the API made
 * keeps staff's `keep_access` and reason; one made elsewhere never keeps access (the processor's
 * dashboard has no such choice). Throws a 404 Problem for a payment the API did not record.
 */
export async function settleRefunds(ctx: DomainContext, reference: string): Promise<RefundSettlement> {
  const found = await termOfPayment(ctx, reference);
  if (!found) throw new Problem(404, 'not_found', `No payment "${reference}" in "${ctx.organization.id}".`);
  let { membership } = found;
  const state = await ctx.payments.retrieveRefunds(ctx.organization.id, reference);
  const recorded: string[] = [];
  for (const refund of state.refunds) {
    const term = membership.terms[found.index]!;
    if (term.refunds?.some((known) => known.id === refund.id)) continue;
    membership = await recordRefund(ctx, membership, found.index, { id: refund.id, amount: refund.amount, reason: refund.reason }, refund.keep_access ?? false);
    recorded.push(refund.id);
  }
  return { membership_id: membership.id, recorded, state: membership.state };
}
