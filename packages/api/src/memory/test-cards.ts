// Stripe's documented test card numbers, what each does at a checkout and off session, and the
// checks a card form makes before charging one: the rules of both payment stand-ins (the
// sandbox's MemoryPayments and the server's Stripe stand-in service), kept here once.
import { compareDates } from '@memberkit/sdk/calculators';

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
  ({ outcome: 'succeeded' } | { outcome: 'declined'; decline_code: string; message: string }) & {
    off_session?: OffSessionOutcome;
    /** At a checkout (on session) the bank asks the member to authenticate before `outcome` happens. */
    on_session?: 'requires_action';
  }
> = {
  '4242424242424242': { outcome: 'succeeded' },
  // Saved fine, every later charge declined ("decline after attaching").
  '4000000000000341': { outcome: 'succeeded', off_session: { outcome: 'declined', decline_code: 'generic_decline', message: 'Your card was declined.' } },
  // Stripe: "authenticate unless set up". On session (a checkout) the member always authenticates;
  // once the card is set up for later use with that authentication (saved at the checkout, as
  // memberkit saves every card it charges again), off-session charges go through without them.
  '4000002500003155': { outcome: 'succeeded', on_session: 'requires_action' },
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

/**
 * What a checkout answers when the member fails (or abandons) the bank's authentication: the
 * session stays open for another card, as Stripe's Checkout does (its PaymentIntent's
 * `last_payment_error.code`, and the message its page shows).
 */
export const authenticationFailure = {
  code: 'payment_intent_authentication_failure',
  message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
} as const;

/** A card as the member typed it: digits with spaces or dashes, month and year as numbers or digits. */
export interface TestCard {
  number: unknown;
  exp_month: unknown;
  exp_year: unknown;
  cvc: unknown;
}

/** Why the stand-in refused a card: Stripe's decline code, its message, and the form field at fault. */
export interface CardDecline {
  decline_code: string;
  message: string;
  field: 'number' | 'expiry' | 'cvc';
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A whole number sent as a number or as digits (`"04"`, `2034`); null when missing or not one. */
function wholeNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  if (typeof value === 'string' && /^\d{1,4}$/.test(value.trim())) return Number(value.trim());
  return null;
}

const decline = (decline_code: string, message: string, field: CardDecline['field'] = 'number'): CardDecline => ({
  decline_code,
  message,
  field,
});


/** A card that passed the form's checks: its digits, last four and test behaviour. */
export interface CheckedCard {
  number: string;
  last4: string;
  behaviour: (typeof testCards)[string];
}

/**
 * Checks a card as Stripe's form does (complete and Luhn-valid number, an expiry not past on
 * `today`, a CVC of the right length) and looks it up among the test cards: the card, or the
 * decline the form shows. A number that is not a test card is declined, as in Stripe's test mode.
 */
export function checkTestCard(card: TestCard, today: string): CheckedCard | CardDecline {
  const number = String(card.number ?? '').replace(/[\s-]/g, '');
  const expMonth = wholeNumber(card.exp_month);
  const expYear = wholeNumber(card.exp_year);
  const cvc = String(card.cvc ?? '').trim();
  if (!/^\d{12,19}$/.test(number)) return decline('incomplete_number', 'Your card number is incomplete.');
  if (!luhn(number)) return decline('incorrect_number', 'Your card number is incorrect.');
  // A missing month or year (`1234` typed without a slash, an empty field) is incomplete, not
  // the year 2000 that Number('') would make of it.
  if (expMonth === null || expYear === null) return decline('incomplete_expiry', "Your card's expiration date is incomplete.", 'expiry');
  if (expMonth < 1 || expMonth > 12) return decline('invalid_expiry_month', "Your card's expiration month is invalid.", 'expiry');
  const year = expYear < 100 ? 2000 + expYear : expYear;
  // A card is valid through the last day of its expiry month.
  const lastValid = `${String(year).padStart(4, '0')}-${String(expMonth).padStart(2, '0')}-01`;
  if (compareDates(lastValid, `${today.slice(0, 7)}-01`) < 0) {
    return decline('invalid_expiry_year', "Your card's expiration date is in the past.", 'expiry');
  }
  const amex = number.startsWith('34') || number.startsWith('37');
  if (!(amex ? /^\d{4}$/ : /^\d{3}$/).test(cvc)) return decline('incomplete_cvc', "Your card's security code is incomplete.", 'cvc');
  const known = testCards[number];
  if (!known) return decline('card_declined', 'Your card was declined. Your request was in test mode, but used a non test card.');
  if (known.outcome === 'declined') return decline(known.decline_code, known.message);
  return { number, last4: number.slice(-4), behaviour: known };
}
