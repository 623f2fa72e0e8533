// Stripe's documented test card numbers and what the stand-in does with each.

/** What an off-session charge of a saved test card does (Stripe's documented behaviour). */
export type OffSessionOutcome =
  | { outcome: 'succeeded' }
  | { outcome: 'declined'; decline_code: string; message: string }
  /** The bank asks the member to authenticate; once they do, `then` happens. */
  | { outcome: 'requires_action'; then: { outcome: 'succeeded' } | { outcome: 'declined'; decline_code: string; message: string } };

/**
 * Stripe's documented test cards (digits only) and what they do at a checkout, and (`off_session`)
 * when charged later with the member away: by default what they do at a checkout (a card that
 * declines there never gets saved, unless a test puts it on file with `MemoryPayments.changeSavedCard`).
 */
export const testCards: Record<
  string,
  ({ outcome: 'succeeded' } | { outcome: 'declined'; decline_code: string; message: string }) & { off_session?: OffSessionOutcome }
> = {
  '4242424242424242': { outcome: 'succeeded' },
  // Saved fine, every later charge declined ("decline after attaching").
  '4000000000000341': { outcome: 'succeeded', off_session: { outcome: 'declined', decline_code: 'generic_decline', message: 'Your card was declined.' } },
  // Authenticated at checkout once; off-session charges then go through without the member.
  '4000002500003155': { outcome: 'succeeded' },
  // Every charge needs the member's authentication, off-session ones too.
  '4000002760003184': { outcome: 'succeeded', off_session: { outcome: 'requires_action', then: { outcome: 'succeeded' } } },
  '5555555555554444': { outcome: 'succeeded' },
  '4000056655665556': { outcome: 'succeeded' },
  '378282246310005': { outcome: 'succeeded' },
  '4000000000000002': { outcome: 'declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
  '4000000000009995': { outcome: 'declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  '4000000000000069': { outcome: 'declined', decline_code: 'expired_card', message: 'Your card has expired.' },
  '4000000000000127': { outcome: 'declined', decline_code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  '4000000000000119': {
    outcome: 'declined',
    decline_code: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
  },
};

/** What an off-session charge of the test card `number` does (a number Stripe does not know is declined). */
export function offSessionOutcome(number: string): OffSessionOutcome {
  const known = testCards[number];
  if (!known) return { outcome: 'declined', decline_code: 'card_declined', message: 'Your card was declined.' };
  if (known.off_session) return known.off_session;
  return known.outcome === 'declined' ? { outcome: 'declined', decline_code: known.decline_code, message: known.message } : { outcome: 'succeeded' };
}
