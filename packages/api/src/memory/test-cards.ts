// Stripe's documented test card numbers and what the stand-in does with each.

/** Stripe's documented test cards (digits only) and what they do. */
export const testCards: Record<string, { outcome: 'succeeded' } | { outcome: 'declined'; decline_code: string; message: string }> = {
  '4242424242424242': { outcome: 'succeeded' },
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
