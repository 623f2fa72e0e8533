// A membership's life on the sandbox clock: advanceTo runs every day it crosses (api.runDay), so
// automatic renewals, their retries, terminations and reminders happen on their days, with the
// emails in the outbox and the charges at the payment stand-in.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { setupSandboxServer } from '@memberkit/sandbox/node';
import type { Membership } from '@memberkit/sdk';
import { TODAY, clientFor, clientSecretOf, freshEmail, payWithCard, rejection, signupParams } from '../helpers.js';

const server = setupSandboxServer({ today: TODAY, validateResponses: true });
const sandbox = server.sandbox;

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(() => sandbox.reset());
afterEach(() => server.resetHandlers());
afterEach(() => assert.deepEqual(sandbox.responseErrors.map((e) => e.message), []));

/** What staff see of a membership (GET /memberships/{id} with the secret key). */
async function staffView(id: string): Promise<Membership> {
  const response = await fetch(`${sandbox.baseUrl}/organizations/demo/memberships/${id}`, { headers: { authorization: 'Bearer sk_test_sandbox' } });
  assert.equal(response.status, 200);
  return (await response.json()) as Membership;
}

/** A paid signup of `type` by a new member, paid with `card`; answers the member's email and the membership's id. */
async function paidSignup(type: string, card = '4242424242424242', extra: Record<string, unknown> = {}) {
  const email = freshEmail(type);
  const signup = await clientFor(sandbox).signups.create(signupParams({ membership_type_id: type, member: { email, first_name: 'Pat', last_name: 'Payer' }, ...extra }));
  const paid = await payWithCard(sandbox, clientSecretOf(signup), card);
  assert.equal(paid.status, 200, await paid.clone().text());
  return { email, id: signup.membership.id };
}

const kinds = (email: string) => sandbox.outbox(email).map((message) => message.kind);
const charges = () => sandbox.payments.charges();

describe('automatic renewal on the attempt day', () => {
  it('a monthly membership bought 2026-03-01 (expires 04-01) is charged on 03-25 for one more month, with a receipt', async () => {
    const { email, id } = await paidSignup('monthly');
    const bought = await staffView(id);
    assert.equal(bought.expires_on, '2026-04-01');
    assert.deepEqual(bought.renewal, {
      attempts: 0, last_attempt_on: null, last_failure_code: null, last_failure_message: null,
      next_attempt_on: '2026-03-25', has_payment_method: true, awaiting_authentication: false,
    });
    await sandbox.advanceTo('2026-03-24');
    assert.equal(charges().length, 0, 'nothing before the attempt day');
    await sandbox.advanceTo('2026-03-25');
    const renewed = await staffView(id);
    assert.deepEqual([renewed.kind, renewed.status, renewed.starts_on, renewed.expires_on], ['renewal', 'active', '2026-03-01', '2026-05-01']);
    assert.deepEqual(charges().map((c) => [c.amount, c.currency, c.outcome.status]), [[900, 'USD', 'succeeded']]);
    assert.deepEqual(renewed.terms!.map((t) => [t.kind, t.starts_on, t.expires_on, t.amount_paid, t.payment_reference !== null]), [
      ['new', '2026-03-01', '2026-04-01', 900, true],
      ['renewal', '2026-04-01', '2026-05-01', 900, true],
    ]);
    assert.equal(renewed.terms![1]!.payment_reference, charges()[0]!.reference);
    const receipt = sandbox.outbox(email).filter((m) => m.kind === 'receipt').at(-1)!;
    assert.equal(receipt.data.renewal, true);
    assert.equal(receipt.data.amount, 900);
    assert.equal(receipt.data.expires_on, '2026-05-01');
    assert.equal(renewed.renewal!.next_attempt_on, '2026-04-24', 'the next term’s attempt');
  });

  it('the organization is told: membership.renewed (automatic, with its amount) and payment.succeeded (the charge), once, however often the day runs', async () => {
    const { id } = await paidSignup('monthly');
    const endpointId = `we_renewed_${id}`;
    const delivered: { type: string; data: Record<string, unknown> }[] = [];
    server.use(
      http.post('https://hooks.example.test/renewed', async ({ request }) => {
        delivered.push((await request.json()) as never);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    sandbox.storage.runSync((tx) =>
      tx.insert('webhook_endpoints', { organization_id: 'demo', id: endpointId, url: 'https://hooks.example.test/renewed', events: ['membership.renewed', 'payment.succeeded'], secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0', description: null, created_at: new Date().toISOString() }),
    );
    await sandbox.advanceTo('2026-03-25');
    assert.equal((await sandbox.api.runDay('demo', '2026-03-25')).renewed.length, 0, 'the day again renews nothing');
    await sandbox.advanceTo('2026-03-27');
    const told = sandbox.storage.rows('webhook_deliveries', { endpoint_id: endpointId }).map((row) => JSON.parse(row.payload) as { type: string; data: Record<string, unknown> });
    assert.deepEqual(told.map((event) => event.type).sort(), ['membership.renewed', 'payment.succeeded']);
    const renewed = told.find((event) => event.type === 'membership.renewed')!.data;
    assert.deepEqual([renewed.id, renewed.automatic, renewed.amount, renewed.expires_on], [id, true, 900, '2026-05-01']);
    const payment = told.find((event) => event.type === 'payment.succeeded')!.data;
    assert.deepEqual([payment.membership_id, payment.signup_id, payment.amount, payment.currency, payment.reference], [id, null, 900, 'USD', charges()[0]!.reference]);
    // Sent after the commit, without holding the day's answer.
    for (const end = Date.now() + 5000; delivered.length < 2 && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(delivered.map((event) => event.type).sort(), ['membership.renewed', 'payment.succeeded'], 'each delivered once');
  });

  it('running a day again changes nothing: no second charge, no second receipt', async () => {
    const { email, id } = await paidSignup('monthly');
    await sandbox.advanceTo('2026-03-25');
    const once = await staffView(id);
    const messages = sandbox.outbox(email).length;
    const again = await sandbox.api.runDay('demo', '2026-03-25');
    assert.deepEqual([again.renewed, again.failed], [[], []]);
    assert.deepEqual(await staffView(id), once);
    assert.equal(charges().length, 1);
    assert.equal(sandbox.outbox(email).length, messages);
  });

  it('a day that has not come is refused', async () => {
    await assert.rejects(sandbox.api.runDay('demo', '2026-03-02'), /has not come yet/);
  });
});

describe('failed renewals: three attempts, then terminated', () => {
  it('a card that now declines is tried on 03-25, 03-28 and 03-31, then the membership ends with its paid term on 04-01; member and organization are told', async () => {
    sandbox.storage.runSync((tx) => tx.update('organizations', { id: 'demo' }, { notification_email: 'office@example.org' }));
    const { email, id } = await paidSignup('monthly', '4000000000000341');
    await sandbox.advanceTo('2026-03-25');
    let view = await staffView(id);
    assert.equal(view.status, 'active');
    assert.deepEqual(view.renewal, {
      attempts: 1, last_attempt_on: '2026-03-25', last_failure_code: 'generic_decline', last_failure_message: 'Your card was declined.',
      next_attempt_on: '2026-03-28', has_payment_method: true, awaiting_authentication: false,
    });
    const first = sandbox.outbox(email).filter((m) => m.kind === 'renewal_failed');
    assert.deepEqual(first.map((m) => [m.data.attempt, m.data.next_attempt_on]), [[1, '2026-03-28']]);

    await sandbox.advanceTo('2026-03-30');
    assert.equal((await staffView(id)).renewal!.attempts, 2);
    await sandbox.advanceTo('2026-03-31');
    view = await staffView(id);
    assert.equal(view.renewal!.attempts, 3);
    assert.equal(view.status, 'active', 'the member keeps the term they paid for');
    assert.equal(view.terminated_on, '2026-04-01');
    assert.equal(view.auto_renew, false);
    assert.equal(charges().length, 3, 'one charge per attempt');
    assert.deepEqual(sandbox.outbox(email).filter((m) => m.kind === 'renewal_failed').map((m) => [m.data.attempt, m.data.next_attempt_on]), [
      [1, '2026-03-28'],
      [2, '2026-03-31'],
      [3, null],
    ]);
    const staff = sandbox.outbox('office@example.org');
    assert.deepEqual(staff.map((m) => [m.kind, m.data.membership_id, m.data.ended_on, m.data.failure_code]), [
      ['staff_membership_terminated', id, '2026-04-01', 'generic_decline'],
    ]);
    assert.ok(!kinds(email).includes('membership_terminated'), 'not ended yet');

    await sandbox.advanceTo('2026-04-01');
    view = await staffView(id);
    assert.equal(view.status, 'terminated', 'never grace');
    assert.deepEqual(sandbox.outbox(email).filter((m) => m.kind === 'membership_terminated').map((m) => m.data.ended_on), ['2026-04-01']);
    await sandbox.advanceTo('2026-04-10');
    assert.equal(charges().length, 3, 'no attempt after termination');
    assert.equal(sandbox.outbox(email).filter((m) => m.kind === 'membership_terminated').length, 1);
  });

  it('the organization’s endpoint is told membership.terminated once, reason renewal_failed, ending with the paid term', async () => {
    const endpointId = 'we_terminated';
    server.use(http.post('https://hooks.example.test/terminated', () => new HttpResponse(null, { status: 204 })));
    sandbox.storage.runSync((tx) =>
      tx.insert('webhook_endpoints', { organization_id: 'demo', id: endpointId, url: 'https://hooks.example.test/terminated', events: ['membership.terminated'], secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0', description: null, created_at: new Date().toISOString() }),
    );
    const { id } = await paidSignup('monthly', '4000000000000341');
    await sandbox.advanceTo('2026-04-10');
    const told = sandbox.storage.rows('webhook_deliveries', { endpoint_id: endpointId })
      .map((row) => JSON.parse(row.payload) as { type: string; data: { id: string; reason: string; ended_on: string } })
      .filter((event) => event.data.id === id);
    assert.deepEqual(told.map((event) => [event.type, event.data.reason, event.data.ended_on]), [['membership.terminated', 'renewal_failed', '2026-04-01']]);
    // Its delivery is sent after the day's commit, without holding the answer.
    for (const end = Date.now() + 5000; sandbox.storage.rows('webhook_deliveries', { endpoint_id: endpointId }).some((row) => row.status === 'pending') && Date.now() < end; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it('after the third failure the member may still renew by hand before the paid term ends: the termination is lifted', async () => {
    const { email, id } = await paidSignup('monthly', '4000000000000341');
    await sandbox.advanceTo('2026-03-31');
    assert.equal((await staffView(id)).terminated_on, '2026-04-01');
    const member = clientFor(sandbox, { token: sandbox.issueMemberToken('demo', email) });
    const renewal = await member.me.memberships.renew(id, { auto_renew: true });
    assert.equal((await payWithCard(sandbox, clientSecretOf(renewal))).status, 200);
    const renewed = await staffView(id);
    assert.deepEqual([renewed.status, renewed.terminated_on, renewed.expires_on, renewed.auto_renew], ['active', null, '2026-05-01', true]);
    assert.deepEqual([renewed.renewal!.attempts, renewed.renewal!.next_attempt_on], [0, '2026-04-24'], 'the new card renews the next term');
    await sandbox.advanceTo('2026-04-24');
    assert.equal((await staffView(id)).expires_on, '2026-06-01');
    assert.ok(!kinds(email).includes('membership_terminated'));
  });

  it('insufficient funds later (the saved card changed to 4000000000009995): the failure reason staff see is insufficient_funds', async () => {
    const { id } = await paidSignup('monthly');
    const method = sandbox.storage.rows('memberships', { id })[0]!.payment_method!;
    sandbox.payments.changeSavedCard(method, '4000000000009995');
    await sandbox.advanceTo('2026-03-25');
    const view = await staffView(id);
    assert.deepEqual([view.renewal!.attempts, view.renewal!.last_failure_code], [1, 'insufficient_funds']);
  });

  it('a bank asking for authentication (4000002760003184): the member gets the URL; once they authenticate, the next day renews it', async () => {
    const { email, id } = await paidSignup('monthly', '4000002760003184');
    await sandbox.advanceTo('2026-03-25');
    const view = await staffView(id);
    assert.deepEqual([view.renewal!.last_failure_code, view.renewal!.awaiting_authentication], ['authentication_required', true]);
    const mail = sandbox.outbox(email).filter((m) => m.kind === 'renewal_failed').at(-1)!;
    const pending = charges()[0]!;
    assert.equal(new URL(String(mail.data.pay_url)).searchParams.get('payment_intent'), pending.reference);
    sandbox.payments.authenticateCharge(pending.reference);
    await sandbox.advanceTo('2026-03-26');
    const renewed = await staffView(id);
    assert.deepEqual([renewed.expires_on, renewed.renewal!.attempts], ['2026-05-01', 0]);
    assert.equal(charges().length, 1, 'the authenticated charge paid it: no second one');
    assert.equal(renewed.terms!.at(-1)!.payment_reference, pending.reference);
  });

  it('the member replaces their card through the SDK (me.memberships.createCardUpdateSession): the next renewal charges the new one', async () => {
    const { email, id } = await paidSignup('monthly');
    const member = clientFor(sandbox, { token: sandbox.issueMemberToken('demo', email) });
    const session = await member.me.memberships.createCardUpdateSession(id, { returnUrl: 'http://localhost:4400/account' });
    assert.equal(session.membership_id, id);
    assert.equal(sandbox.payments.updateCard(session.id, { number: '4000000000000341', exp_month: 12, exp_year: 2031, cvc: '123' }), null);
    await sandbox.advanceTo('2026-03-25');
    assert.equal((await staffView(id)).renewal!.last_failure_code, 'generic_decline', 'the new card was charged');
    const refused = await rejection(member.me.memberships.createCardUpdateSession(id, { returnUrl: 'https://evil.example/' }));
    assert.equal(refused.code, 'validation_failed');
  });

  it('the member cancels while the charge waits for their bank: the charge is closed at the processor and authenticating later pays nothing', async () => {
    const { email, id } = await paidSignup('monthly', '4000002760003184');
    await sandbox.advanceTo('2026-03-25');
    const member = clientFor(sandbox, { token: sandbox.issueMemberToken('demo', email) });
    const cancelled = await member.me.memberships.cancel(id);
    assert.equal(cancelled.renewal!.awaiting_authentication, false);
    const charge = charges()[0]!;
    assert.deepEqual([charge.outcome.status, charge.outcome.status === 'declined' && charge.outcome.decline_code], ['declined', 'canceled']);
    await sandbox.advanceTo('2026-03-28');
    assert.deepEqual([(await staffView(id)).expires_on, charges().length], ['2026-04-01', 1]);
  });
});

describe('reminders for members who renew by hand', () => {
  it('auto-renewal off (Quarterly bought 2026-03-01, expires 06-01): reminded on 05-25 and 05-31, once each; never charged', async () => {
    const { email, id } = await paidSignup('flexible', '4242424242424242', { auto_renew: false });
    assert.equal(sandbox.storage.rows('memberships', { id })[0]!.payment_method, null, 'no card saved when it does not renew by itself');
    await sandbox.advanceTo('2026-05-31');
    await sandbox.api.runDay('demo', '2026-05-31');
    const reminders = sandbox.outbox(email).filter((m) => m.kind === 'renewal_reminder');
    assert.deepEqual(reminders.map((m) => [m.data.renews_on, m.data.amount]), [['2026-06-01', 1800], ['2026-06-01', 1800]]);
    assert.equal(reminders[0]!.data.renew_path, `/organizations/demo/me/memberships/${id}/renew`);
    assert.equal(charges().length, 0);
    await sandbox.advanceTo('2026-06-01');
    assert.equal((await staffView(id)).status, 'grace');
  });

  it('auto-renewal on but no card on file: asked to update the card on the attempt day and the last day', async () => {
    const { email, id } = await paidSignup('monthly');
    sandbox.storage.runSync((tx) => tx.update('memberships', { id }, { payment_method: null, payment_customer: null }));
    await sandbox.advanceTo('2026-03-31');
    assert.equal(sandbox.outbox(email).filter((m) => m.kind === 'card_update_needed').length, 2);
    assert.equal(charges().length, 0);
  });
});

describe('expiry without renewal', () => {
  it('not renewed through its term and grace: membership.expired once, on the first day after the grace, not before', async () => {
    const { id } = await paidSignup('flexible', '4242424242424242', { auto_renew: false });
    const endpointId = `we_expiry_${id}`;
    // The organization's endpoint, answered here: what the sandbox's delivery really sent.
    const delivered: { id: string | null; signature: string | null; body: { id: string; type: string; data: { id: string } } }[] = [];
    server.use(
      http.post('https://hooks.example.test/expired', async ({ request }) => {
        delivered.push({ id: request.headers.get('webhook-id'), signature: request.headers.get('webhook-signature'), body: await request.json() as never });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    sandbox.storage.runSync((tx) =>
      tx.insert('webhook_endpoints', { organization_id: 'demo', id: endpointId, url: 'https://hooks.example.test/expired', events: ['membership.expired'], secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0', description: null, created_at: new Date().toISOString() }),
    );
    const bought = await staffView(id);
    const expiredOn = new Date(Date.parse(`${bought.expires_on}T00:00:00Z`) + bought.grace_days! * 86_400_000).toISOString().slice(0, 10);
    const told = () => sandbox.storage.rows('webhook_deliveries', { endpoint_id: endpointId }).filter((row) => JSON.parse(row.payload).data.id === id);
    const lastGraceDay = new Date(Date.parse(`${expiredOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await sandbox.advanceTo(lastGraceDay);
    assert.equal((await staffView(id)).status, bought.grace_days! > 0 ? 'grace' : 'active');
    assert.equal(told().length, 0, 'not expired yet');
    await sandbox.advanceTo(expiredOn);
    assert.equal((await staffView(id)).status, 'expired');
    const [event] = told();
    assert.equal(event?.type, 'membership.expired');
    const payload = JSON.parse(event!.payload);
    assert.deepEqual([payload.data.status, payload.data.ended_on], ['expired', expiredOn]);
    assert.equal((await sandbox.api.runDay('demo', expiredOn)).expired.length, 0, 'running the day again tells nothing more');
    await sandbox.advanceTo(new Date(Date.parse(`${expiredOn}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10));
    assert.equal(told().length, 1);
    const received = delivered.filter((d) => d.body.data.id === id);
    assert.deepEqual(received.map((d) => [d.body.type, d.id]), [['membership.expired', event!.event_id]], 'delivered to the endpoint once, under its event id');
    assert.match(received[0]!.signature ?? '', /^v1,[A-Za-z0-9+/]+=*$/);
  });
});

describe('cancelled memberships', () => {
  it('cancelled: no charge, cancelled (access kept) through term and grace (7 days), terminated from 04-08', async () => {
    const { email, id } = await paidSignup('monthly');
    const member = clientFor(sandbox, { token: sandbox.issueMemberToken('demo', email) });
    await member.me.memberships.cancel(id);
    await sandbox.advanceTo('2026-04-07');
    assert.equal(charges().length, 0);
    assert.equal((await staffView(id)).status, 'cancelled');
    await sandbox.advanceTo('2026-04-08');
    assert.equal((await staffView(id)).status, 'terminated');
  });
});

describe('renewing what was sold', () => {
  it('a family group renews for the one group price: every place extended, the places charged nothing', async () => {
    const email = freshEmail('family');
    const partner = freshEmail('partner');
    const child = freshEmail('child');
    sandbox.store.membershipType('demo', 'family')!.recurring = null; // the household chooses
    const signup = await clientFor(sandbox).signups.create(signupParams({
      membership_type_id: 'family',
      member: { email, first_name: 'Pat', last_name: 'Payer' },
      group_members: [{ email: partner, first_name: 'Sam', last_name: 'Payer' }, { email: child, first_name: 'Kim', last_name: 'Payer' }],
      fields: { household_name: 'The Payers' },
      auto_renew: true,
    }));
    assert.equal((await payWithCard(sandbox, clientSecretOf(signup))).status, 200);
    const places = sandbox.storage.rows('memberships', { group_of: signup.membership.id });
    assert.equal(places.length, 2);
    await sandbox.advanceTo('2027-02-22');
    assert.deepEqual(charges().map((c) => c.amount), [9000], 'one group price');
    for (const id of [signup.membership.id, ...places.map((p) => p.id)]) {
      const view = await staffView(id);
      assert.equal(view.expires_on, '2028-03-01', id);
      assert.equal(view.terms!.at(-1)!.amount_paid, id === signup.membership.id ? 9000 : 0);
    }
    // A place is not renewed (nor charged) on its own.
    const own = clientFor(sandbox, { token: sandbox.issueMemberToken('demo', partner) });
    await assert.rejects(own.me.memberships.renew(places[0]!.id), (error: { code?: string }) => error.code === 'renewed_by_group');
  });

  it('a plan edited after the sale: the renewal charges the new price and sells the new term and grace', async () => {
    const { id } = await paidSignup('monthly');
    const monthly = sandbox.store.membershipType('demo', 'monthly')!;
    monthly.price = { ...monthly.price, value: 1200 };
    monthly.duration = 2;
    monthly.grace_days = 3;
    assert.deepEqual([(await staffView(id)).expires_on, (await staffView(id)).grace_days], ['2026-04-01', 7], 'the edit changes nothing sold');
    await sandbox.advanceTo('2026-03-25');
    const renewed = await staffView(id);
    assert.deepEqual(charges().map((c) => c.amount), [1200]);
    assert.deepEqual([renewed.expires_on, renewed.grace_days, renewed.price_paid], ['2026-06-01', 3, 1200]);
  });
});
