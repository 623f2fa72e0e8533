/** What is refunded so far of a term's payment, and what may still be. */
export interface TermRefunds {
  /** What the term's holder paid, in the currency's minor unit. */
  amount_paid: number;
  refunds?: readonly { amount: number }[] | undefined;
}

/** The part of a term's payment not refunded yet (never below 0). */
export function refundableAmount(term: TermRefunds): number {
  const refunded = (term.refunds ?? []).reduce((sum, refund) => sum + refund.amount, 0);
  return Math.max(0, term.amount_paid - refunded);
}

/**
 * The refund rule: giving back all of the current term's payment gives back the term, so the
 * membership ends now (state `terminated`, from today), unless staff chose to keep the member's
 * access (a goodwill refund). A partial refund keeps the membership as it is. A refund of an
 * earlier term (not the current one) never changes the membership.
 */
export function refundEndsMembership(term: TermRefunds, options: { current: boolean; keep_access?: boolean | null | undefined }): boolean {
  return options.current && options.keep_access !== true && term.amount_paid > 0 && refundableAmount(term) === 0;
}
