// Refunds by staff (admin API) and from the processor's dashboard (`charge.refunded`): money given
// back on a membership's term, recorded on that term; the SDK's refundEndsMembership says when
// the membership ends with it.
import { refundEndsMembership, refundableAmount } from '@memberkit/sdk/calculators';
import type { MembershipRecord, MembershipTermRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { emitMembershipEvent } from './memberships.js';
import { Problem, fieldError } from './problems.js';

export interface RefundInput {
  /** null: all that is left on the term. */
  amount: number | null;
  keep_access: boolean;
  reason: string | null;
}

/**
 * Refunds the current term's payment at the processor and records it on the term. A full refund
 * ends the membership today (state `terminated`, auto-renewal off, a waiting renewal charge
 * closed) unless `keep_access`. Refusals: nothing paid on the term (409 `nothing_to_refund`), an
 * amount above what is left (422).
 */
export async function refundMembership(ctx: DomainContext, membership: MembershipRecord, input: RefundInput): Promise<MembershipRecord> {
  const index = membership.terms.length - 1;
  const term = membership.terms[index];
  if (!term || term.payment_reference === null || term.amount_paid === 0) {
    throw new Problem(409, 'nothing_to_refund', `Nothing was paid for the current term of membership ${membership.id}.`);
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
    // One key per refund of a term: a transaction run again asks for the same refund.
    idempotency_key: `refund:${membership.id}:${term.starts_on}:${(term.refunds?.length ?? 0) + 1}`,
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
