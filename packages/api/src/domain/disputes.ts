// Disputes (chargebacks) from the processor (`charge.dispute.created`, `charge.dispute.closed`): the cardholder's bank
// disputes a term's payment. The SDK's disputeOutcome says what that does to the membership:
// the disputed card is never charged again (automatic renewal off, the saved card forgotten, a
// renewal charge waiting for authentication cancelled), the membership runs on, and the
// organization is told (`membership.disputed`) so that staff decide the rest. Once the dispute
// closes, won or lost, it is recorded so and the organization told (`membership.dispute_closed`).
import { disputeOutcome, type DisputeOutcome, type DisputeResult } from '@memberkit/sdk/calculators';
import type { PaymentDispute } from '../ports/payments.js';
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
  /** Its result when it closed now (`membership.dispute_closed` sent), else null. */
  closed: DisputeResult | null;
}

type TermDisputeRecord = NonNullable<MembershipTermRecord['disputes']>[number];

/**
 * Settles dispute `id` with the processor's word on it (read again through the Payments port),
 * whichever of its notices came (`charge.dispute.created`, `charge.dispute.closed`, in any order):
 * recorded once (by the processor's dispute id) on the term whose payment it disputes, and the
 * dispute rule applied; once closed, its status and `closed_at` recorded and the organization
 * told its result, once. Throws a 404 Problem when its payment is not one the API recorded.
 */
export async function settleDispute(ctx: DomainContext, id: string): Promise<DisputeSettlement> {
  const dispute = await ctx.payments.retrieveDispute(ctx.organization.id, id);
  const found = await termOfPayment(ctx, dispute.reference);
  if (!found) throw new Problem(404, 'not_found', `No payment "${dispute.reference}" in "${ctx.organization.id}".`);
  const { index } = found;
  let { membership } = found;
  const outcome = disputeOutcome(dispute);
  const known = membership.terms[index]!.disputes?.find((each) => each.id === dispute.id);
  const recorded = !known;
  if (!known) membership = await recordDispute(ctx, membership, index, dispute, outcome);
  const entry = membership.terms[index]!.disputes!.find((each) => each.id === dispute.id)!;
  const closes = outcome.result !== null && entry.closed_at === undefined;
  if (!closes && entry.status === dispute.status) return { membership_id: membership.id, recorded, closed: null };
  // Its status as the processor has it now; closed once (a later notice changes nothing more).
  const updated: TermDisputeRecord = { ...entry, status: dispute.status, ...(closes && { closed_at: ctx.timestamp() }) };
  membership = await updateDispute(ctx, membership, index, updated);
  if (!closes) return { membership_id: membership.id, recorded, closed: null };
  const term = membership.terms[index]!;
  await emitMembershipEvent(ctx, 'membership.dispute_closed', membership, {
    dispute: { id: entry.id, amount: entry.amount, currency: dispute.currency, reason: entry.reason, status: dispute.status, result: outcome.result!, term_starts_on: term.starts_on },
  });
  return { membership_id: membership.id, recorded, closed: outcome.result };
}

/** Records a dispute new to the API on term `index` and applies the dispute rule (`membership.disputed`). */
async function recordDispute(ctx: DomainContext, membership: MembershipRecord, index: number, dispute: PaymentDispute, outcome: DisputeOutcome): Promise<MembershipRecord> {
  const term = membership.terms[index]!;
  const entry: TermDisputeRecord = { id: dispute.id, amount: dispute.amount, reason: dispute.reason, status: dispute.status, disputed_at: ctx.timestamp() };
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
  return updated;
}

async function updateDispute(ctx: DomainContext, membership: MembershipRecord, index: number, entry: TermDisputeRecord): Promise<MembershipRecord> {
  const term = membership.terms[index]!;
  const changed: MembershipTermRecord = { ...term, disputes: term.disputes!.map((each) => (each.id === entry.id ? entry : each)) };
  const patch: Partial<MembershipRecord> = { terms: membership.terms.map((each, at) => (at === index ? changed : each)) };
  await ctx.tx.update('memberships', { organization_id: ctx.organization.id, id: membership.id }, patch);
  return { ...membership, ...patch };
}
