// The payment stand-in's off-session charges: a card saved at checkout is charged later with the
// member away, as Stripe's test cards are.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryPayments } from '../src/memory/payments.js';
import { SettableClock } from '../src/memory/clock.js';
import type { CheckoutPayment, OffSessionChargeRequest } from '../src/ports/payments.js';

const clock = new SettableClock({ today: '2027-03-01' });

/** A completed checkout paid with `number`, saving the card when `save`; answers its payment. */
async function paidWith(payments: MemoryPayments, number: string, save = true): Promise<CheckoutPayment> {
  const session = await payments.createCheckout({
    organization_id: 'org_a',
    signup_id: 'su_1',
    amount: 5000,
    currency: 'EUR',
    description: 'Annual',
    seller_name: 'Club',
    customer: { member_id: 'mem_1', email: 'a@example.org', name: null },
    locale: 'en',
    ui_mode: 'embedded_page',
    return_url: null,
    save_payment_method: save,
    expires_at: null,
    payment_account: null,
    idempotency_key: `checkout:${number}:${save}`,
  });
  assert.equal(payments.confirm(session.client_secret!, { number, exp_month: 12, exp_year: 2040, cvc: '123' }), null);
  return payments.capturePayment('org_a', session.id);
}

const charge = (payment: CheckoutPayment, attempt = 1): OffSessionChargeRequest => ({
  organization_id: 'org_a',
  membership_id: 'ms_1',
  customer: payment.customer!,
  payment_method: payment.payment_method!,
  amount: 5500,
  currency: 'EUR',
  description: 'Annual renewal',
  seller_name: 'Club',
  payment_account: null,
  idempotency_key: `renewal:ms_1:2028-03-01:${attempt}`,
});

describe('MemoryPayments off-session charges', () => {
  it('charges a saved 4242 card the amount asked, once per idempotency key', async () => {
    const payments = new MemoryPayments({ clock });
    const payment = await paidWith(payments, '4242 4242 4242 4242');
    assert.match(payment.payment_method!, /^pm_test_/);
    const first = await payments.chargeOffSession(charge(payment));
    assert.equal(first.status, 'succeeded');
    assert.deepEqual(first, { status: 'succeeded', reference: first.reference, amount: 5500, currency: 'EUR', card_last4: '4242' });
    assert.deepEqual(await payments.chargeOffSession(charge(payment)), first, 'the same key answers the same charge');
    assert.equal(payments.charges().length, 1);
    const second = await payments.chargeOffSession(charge(payment, 2));
    assert.equal(second.status, 'succeeded');
    assert.notEqual(second.reference, first.reference, 'a new attempt is a new charge');
    assert.equal(payments.charges().length, 2);
    assert.deepEqual(await payments.retrieveCharge('org_a', first.reference), first);
  });

  it('declines a card that saved fine but fails later (4000000000000341), and one changed to insufficient funds', async () => {
    const payments = new MemoryPayments({ clock });
    const payment = await paidWith(payments, '4000000000000341');
    const declined = await payments.chargeOffSession(charge(payment));
    assert.equal(declined.status, 'declined');
    assert.equal(declined.status === 'declined' && declined.decline_code, 'generic_decline');
    payments.changeSavedCard(payment.payment_method!, '4000000000009995');
    const poor = await payments.chargeOffSession(charge(payment, 2));
    assert.equal(poor.status === 'declined' && poor.decline_code, 'insufficient_funds');
  });

  it('asks the member to authenticate (4000002760003184): nothing charged until they do at the URL', async () => {
    const payments = new MemoryPayments({ clock });
    const payment = await paidWith(payments, '4000002760003184');
    const pending = await payments.chargeOffSession(charge(payment));
    assert.equal(pending.status, 'requires_action');
    if (pending.status !== 'requires_action') return;
    assert.equal(new URL(pending.url).searchParams.get('payment_intent'), pending.reference);
    assert.equal((await payments.retrieveCharge('org_a', pending.reference)).status, 'requires_action');
    assert.equal(payments.authenticateCharge(pending.reference).status, 'succeeded');
    assert.equal((await payments.retrieveCharge('org_a', pending.reference)).status, 'succeeded');
    await payments.cancelCharge('org_a', pending.reference);
    assert.equal((await payments.retrieveCharge('org_a', pending.reference)).status, 'succeeded', 'a succeeded charge is not cancelled');
  });

  it('a cancelled charge can no longer be authenticated', async () => {
    const payments = new MemoryPayments({ clock });
    const payment = await paidWith(payments, '4000002760003184');
    const pending = await payments.chargeOffSession(charge(payment));
    await payments.cancelCharge('org_a', pending.reference!);
    assert.equal(payments.authenticateCharge(pending.reference!).status, 'declined');
  });

  it('refuses a method no checkout saved, and another organization reading a charge', async () => {
    const payments = new MemoryPayments({ clock });
    const unsaved = await paidWith(payments, '4242424242424242', false);
    assert.equal(unsaved.payment_method, null, 'a membership that does not renew saves no card');
    const saved = await paidWith(payments, '5555555555554444');
    await assert.rejects(payments.chargeOffSession({ ...charge(saved), customer: 'cus_test_someone_else' }), /no saved payment method/);
    const done = await payments.chargeOffSession(charge(saved));
    await assert.rejects(payments.retrieveCharge('org_b', done.reference!), /no charge/);
  });

  it('keeps charges through a snapshot and restore (the sandbox persists them)', async () => {
    const payments = new MemoryPayments({ clock });
    const payment = await paidWith(payments, '4242424242424242');
    const first = await payments.chargeOffSession(charge(payment));
    const copy = new MemoryPayments({ clock });
    copy.restore(payments.snapshot(), payments.charges());
    assert.deepEqual(await copy.chargeOffSession(charge(payment)), first);
  });
});

describe('MemoryPayments at a checkout: a card whose bank asks for authentication (4000 0025 0000 3155)', () => {
  const open = (payments: MemoryPayments) =>
    payments.createCheckout({
      organization_id: 'org_a', signup_id: 'su_sca', amount: 5000, currency: 'EUR', description: 'Annual', seller_name: 'Club',
      customer: { member_id: 'mem_sca', email: 'sca@example.org', name: null }, locale: 'en', ui_mode: 'embedded_page',
      return_url: null, save_payment_method: true, expires_at: null, payment_account: null, idempotency_key: 'checkout:su_sca',
    });
  const card = { number: '4000 0025 0000 3155', exp_month: 12, exp_year: 2040, cvc: '123' };

  it('waits for the member; failed, the session stays open (payment_intent_authentication_failure); completed, it is paid and saved, and charged off session without them', async () => {
    const payments = new MemoryPayments({ clock });
    const session = await open(payments);
    const secret = session.client_secret!;
    assert.equal(payments.confirm(secret, card), 'requires_action');
    assert.deepEqual(await payments.retrieveCheckout('org_a', session.id), { id: session.id, status: 'open', payment: null }, 'nothing authorized before the member authenticates');
    assert.deepEqual(payments.authenticateCheckout(secret, { fail: true }), {
      decline_code: 'payment_intent_authentication_failure',
      message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
      field: 'number',
    });
    assert.equal((await payments.retrieveCheckout('org_a', session.id)).status, 'open');
    assert.equal(payments.authenticateCheckout(secret)?.decline_code, 'payment_intent_authentication_failure', 'no card is waiting any more');
    assert.equal(payments.confirm(secret, card), 'requires_action');
    assert.equal(payments.authenticateCheckout(secret), null);
    const paid = await payments.retrieveCheckout('org_a', session.id);
    assert.deepEqual([paid.status, paid.payment?.status, paid.payment?.card_last4], ['complete', 'authorized', '3155']);
    const payment = await payments.capturePayment('org_a', session.id);
    assert.equal((await payments.chargeOffSession(charge(payment))).status, 'succeeded', 'set up with authentication, renewals need none');
  });
});
