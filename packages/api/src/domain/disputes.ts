// Disputes (chargebacks) from the processor (`charge.dispute.created`): the cardholder's bank
// disputes a term's payment. The SDK's disputeOutcome says what that does to the membership:
// the disputed card is never charged again (automatic renewal off, the saved card forgotten, a
// renewal charge waiting for authentication cancelled), the membership runs on, and the
// organization is told (`membership.disputed`) so that staff decide the rest.
import { disputeOutcome } from '@memberkit/sdk/calculators';
import type { MembershipRecord, MembershipTermRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { emitMembershipEvent } from './memberships.js';
import { Problem } from './problems.js';
import { termOfPayment } from './refunds.js';

/** What settling a dispute did (see `settleDispute`). */
export interface DisputeSettlement {
  membership_id: string;
  /** False: the dispute was recorded already (a notice delivered again), nothing changed. */
  recorded: boolean;
}

/**
 * Settles dispute `id` with the processor's word on it (read again through the Payments port):
 * recorded once (by the processor's dispute id) on the term whose payment it disputes, and the
 * dispute rule applied. Throws a 404 Problem when its payment is not one the API recorded.
 */
export async function settleDispute(ctx: DomainContext, id: string): Promise<DisputeSettlement> {
  const dispute = await ctx.payments.retrieveDispute(ctx.organization.id, id);
  const found = await termOfPayment(ctx, dispute.reference);
  if (!found) throw new Problem(404, 'not_found', `No payment "${dispute.reference}" in "${ctx.organization.id}".`);
  const { membership, index } = found;
  const term = membership.terms[index]!;
  if (term.disputes?.some((known) => known.id === dispute.id)) return { membership_id: membership.id, recorded: false };
  const outcome = disputeOutcome(dispute);
  const entry = { id: dispute.id, amount: dispute.amount, reason: dispute.reason, status: dispute.status, disputed_at: ctx.timestamp() };
  const disputed: MembershipTermRecord = { ...term, disputes: [...(term.disputes ?? []), entry] };
  const waiting = outcome.forgets_card ? (membership.renewal?.pending ?? null) : null;
  const patch: Partial<MembershipRecord> = {
    terms: membership.terms.map((each, at) => (at === index ? disputed : each)),
    ...(outcome.stops_auto_renew && { auto_renew: false }),
    ...(outcome.forgets_card && { payment_method: null }),
    ...(waiting && membership.renewal && { renewal: { ...membership.renewal, pending: null } }),
  };
  await ctx.tx.update('memberships', { organization_id: ctx.organization.id, id: membership.id }, patch);
  if (waiting) ctx.afterCommit(() => ctx.payments.cancelCharge(ctx.organization.id, waiting.reference));
  const updated = { ...membership, ...patch };
  await emitMembershipEvent(ctx, 'membership.disputed', updated, {
    dispute: { id: entry.id, amount: entry.amount, currency: dispute.currency, reason: entry.reason, funds_withdrawn: outcome.funds_withdrawn, term_starts_on: term.starts_on },
  });
  return { membership_id: membership.id, recorded: true };
}
