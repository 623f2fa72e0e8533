// The stand-in's hidden, sandbox-only endpoints under the base URL (not part of the API contract):
//   GET  {baseUrl}/_sandbox/checkout/{client_secret}          → what is being paid
//   POST {baseUrl}/_sandbox/checkout/{client_secret}/confirm  → pays it with a test card
// Stripe's test cards behave as documented; a session is paid exactly once.
import { CalculatorError, compareDates, formatMoney } from '@memberkit/sdk/calculators';
import { Problem, fieldError } from '../problems.js';
import { reply, type BaseContext, type SandboxRoute } from '../runtime.js';
import { completeSignup, voidSignup } from '../signup-flow.js';
import type { CheckoutClosedReason, CheckoutSessionRecord } from '../store.js';
import { testCards } from './test-cards.js';

export interface CheckoutSummary {
  status: 'open' | 'complete' | 'expired';
  amount: number;
  currency: string;
  amount_display: string;
  organization_name: string;
  membership_name: string;
  signup_id: string;
}

export interface ConfirmResult {
  status: 'complete';
  signup_id: string;
  payment_id: string;
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

function session(context: BaseContext): CheckoutSessionRecord {
  const found = context.store.checkoutSessionBySecret(context.params.secret ?? '');
  if (!found) throw new Problem(404, 'not_found', 'No checkout session with this client secret.');
  return found;
}

function summary(context: BaseContext, record: CheckoutSessionRecord): CheckoutSummary {
  const organization = context.store.organization(record.organization_id)!;
  const signup = context.store.state.signups[record.signup_id]!;
  const membership = context.store.state.memberships[signup.membership_ids[0]!]!;
  return {
    status: record.status,
    amount: record.amount,
    currency: record.currency,
    amount_display: formatMoney(record.amount, record.currency, organization.organization.locale),
    organization_name: organization.organization.name,
    membership_name: membership.membership_name,
    signup_id: record.signup_id,
  };
}

function cardError(code: string, message: string, field = 'number'): Problem {
  return new Problem(402, 'card_declined', message, {
    errors: [fieldError(field, code, field, message)],
    extensions: { decline_code: code },
  });
}

/** Why a closed checkout cannot be paid, and what the person can do now. */
function closedMessage(reason: CheckoutClosedReason | null, replacedBy: string | null): string {
  switch (reason) {
    case 'replaced':
      return `This checkout was closed: a newer signup (${replacedBy}) replaced this one. Nothing was charged.`;
    case 'expired':
      return 'This checkout expired: it was left unpaid for 24 hours. Nothing was charged; sign up again.';
    case 'declined':
      return 'This checkout was closed: the organization closed the application. Nothing was charged.';
    case 'refused':
    case null:
      return 'This checkout was closed and can no longer be paid. Nothing was charged.';
  }
}

function confirm(context: BaseContext) {
  const record = session(context);
  const { store } = context;
  if (record.status === 'complete') {
    // Paid already: answering the same result keeps a double submit from paying twice.
    return reply<ConfirmResult>(200, null, { status: 'complete', signup_id: record.signup_id, payment_id: record.payment_id! });
  }
  if (record.status === 'expired') {
    const replaced = store.state.signups[record.signup_id]?.replaced_by ?? null;
    const reason = record.closed_reason ?? null;
    throw new Problem(409, 'checkout_closed', closedMessage(reason, replaced), {
      extensions: { signup_id: record.signup_id, closed_reason: reason, replaced_by: replaced },
    });
  }
  const body = (context.body ?? {}) as Record<string, unknown>;
  const number = String(body.number ?? '').replace(/[\s-]/g, '');
  const expMonth = wholeNumber(body.exp_month);
  const expYear = wholeNumber(body.exp_year);
  const cvc = String(body.cvc ?? '').trim();
  if (!/^\d{12,19}$/.test(number)) throw cardError('incomplete_number', 'Your card number is incomplete.');
  if (!luhn(number)) throw cardError('incorrect_number', 'Your card number is incorrect.');
  // A missing month or year (`1234` typed without a slash, an empty field) is incomplete, not
  // the year 2000 that Number('') would make of it.
  if (expMonth === null || expYear === null) throw cardError('incomplete_expiry', "Your card's expiration date is incomplete.", 'expiry');
  if (expMonth < 1 || expMonth > 12) {
    throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'expiry');
  }
  const year = expYear < 100 ? 2000 + expYear : expYear;
  const organization = store.organization(record.organization_id)!;
  const today = context.runtime.today(organization);
  // A card is valid through the last day of its expiry month.
  const lastValid = `${String(year).padStart(4, '0')}-${String(expMonth).padStart(2, '0')}-01`;
  if (compareDates(lastValid, `${today.slice(0, 7)}-01`) < 0) {
    throw cardError('invalid_expiry_year', "Your card's expiration date is in the past.", 'expiry');
  }
  const amex = number.startsWith('34') || number.startsWith('37');
  if (!(amex ? /^\d{4}$/ : /^\d{3}$/).test(cvc)) throw cardError('incomplete_cvc', "Your card's security code is incomplete.", 'cvc');

  const card = testCards[number];
  if (!card) {
    record.declines += 1;
    throw cardError('card_declined', 'Your card was declined. Your request was in test mode, but used a non test card.');
  }
  if (card.outcome === 'declined') {
    record.declines += 1;
    throw cardError(card.decline_code, card.message);
  }

  const signup = store.state.signups[record.signup_id]!;
  if (signup.status !== 'awaiting_payment') {
    throw new Problem(409, 'checkout_closed', `This signup is ${signup.status}; it cannot be paid. Nothing was charged.`, {
      extensions: { signup_id: signup.id, closed_reason: 'refused', replaced_by: null },
    });
  }
  try {
    completeSignup(store, signup, today);
  } catch (error) {
    if (error instanceof CalculatorError && error.code === 'renewal_not_open') {
      // Closed for good: this checkout can never be paid, and its reservations are released.
      voidSignup(store, signup, 'refused');
      throw new Problem(409, 'renewal_not_open', 'This renewal is no longer possible; nothing was charged.');
    }
    throw error;
  }
  const paymentId = store.nextId('py');
  store.state.payments[paymentId] = {
    id: paymentId,
    organization_id: record.organization_id,
    signup_id: record.signup_id,
    checkout_session_id: record.id,
    amount: record.amount,
    currency: record.currency,
    card_last4: number.slice(-4),
    created_at: new Date().toISOString(),
  };
  record.status = 'complete';
  record.payment_id = paymentId;
  return reply<ConfirmResult>(200, null, { status: 'complete', signup_id: record.signup_id, payment_id: paymentId });
}

export const checkoutRoutes: SandboxRoute[] = [
  {
    method: 'GET',
    path: '/_sandbox/checkout/:secret',
    handle: (context) => reply<CheckoutSummary>(200, null, summary(context, session(context))),
  },
  { method: 'POST', path: '/_sandbox/checkout/:secret/confirm', handle: confirm },
];
