/**
 * A dispute (chargeback) of a term's payment: the cardholder told their bank the charge was
 * wrong. Stripe's statuses: `warning_…` for an inquiry (the bank asks questions, nothing is
 * withdrawn yet), otherwise a chargeback (`needs_response`, `under_review`, `won`, `lost`): the
 * bank has already taken the disputed amount back from the organization.
 */
export interface TermDispute {
  /** The processor's status (Stripe's dispute `status`). */
  status: string;
}

/** Whether the bank has taken the money back already: a chargeback, not an inquiry (`warning_…`). */
export function disputeWithdrawsFunds(dispute: TermDispute): boolean {
  return !dispute.status.startsWith('warning_');
}

/**
 * How a dispute ended, from Stripe's final statuses: `won` (the organization keeps the money:
 * Stripe's `won`, an inquiry closed without a chargeback, `warning_closed`, or a dispute
 * `prevented`), `lost` (the bank gave the money back to the cardholder for good).
 */
export type DisputeResult = 'won' | 'lost';

/** The dispute's result, or null while it is open. */
export function disputeResult(dispute: TermDispute): DisputeResult | null {
  if (dispute.status === 'lost') return 'lost';
  return dispute.status === 'won' || dispute.status === 'warning_closed' || dispute.status === 'prevented' ? 'won' : null;
}

/** What a dispute does to the membership whose term's payment it disputes. */
export interface DisputeOutcome {
  /** Automatic renewal turned off. */
  stops_auto_renew: boolean;
  /**
   * The saved card forgotten (and a renewal charge waiting for authentication cancelled): a
   * renewal needs a card the member gives again, in a renewal checkout.
   */
  forgets_card: boolean;
  /** The membership ends now. */
  ends_membership: boolean;
  /** The bank has taken the money back (a chargeback; false for an inquiry): what the organization is told. */
  funds_withdrawn: boolean;
  /** How it ended (`disputeResult`), null while open: what the organization is told when it closes. */
  result: DisputeResult | null;
}

/**
 * The dispute rule. The disputed card is never charged again, whichever term's payment is
 * disputed and whether the bank has withdrawn the money yet or only inquires: charging a card
 * whose holder disputes a charge invites a second dispute (and the fees and the processor's
 * scrutiny that come with each). So automatic renewal stops and the saved card is forgotten.
 * The membership itself runs on: a dispute may be won (the organization answers it with
 * evidence at the processor), and ending it is the organization's decision, which staff take
 * (cancel or terminate) once told (`membership.disputed`). Unlike a refund, nothing here is
 * money given back by the organization, so the term's refundable amount is unchanged.
 *
 * A dispute that closes changes no more: won, the card is still not charged again (its holder
 * disputed a charge once; a renewal asks them for a card in a renewal checkout) and automatic
 * renewal stays off; lost, the membership still runs on, since ending it for the money lost is
 * the organization's decision, which staff take once told (`membership.dispute_closed`).
 */
export function disputeOutcome(dispute: TermDispute): DisputeOutcome {
  return { stops_auto_renew: true, forgets_card: true, ends_membership: false, funds_withdrawn: disputeWithdrawsFunds(dispute), result: disputeResult(dispute) };
}

/**
 * Whether a dispute stops a refund of the payment: a chargeback still open or lost (the bank holds
 * the money, and Stripe refuses the refund as `charge_disputed`). An inquiry (`warning_…`), where
 * a refund is the usual answer, and a chargeback the organization won leave it refundable.
 */
export function disputeBlocksRefund(dispute: TermDispute): boolean {
  return disputeWithdrawsFunds(dispute) && disputeResult(dispute) !== 'won';
}
