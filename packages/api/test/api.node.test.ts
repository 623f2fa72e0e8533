// What createMembershipApi promises its hosts beyond the HTTP contract: work that a SQL storage
// runs again writes the same rows and opens one processor session; a 5xx is never stored, so a
// retry with the key does the work; a completion refused at payment releases the authorization
// (nothing charged); secret keys are compared by hash; the outbox is delivered after the commit,
// and what the Mailer refused is retried.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { memorySuiteHost } from '../src/testing/index.js';
import { createMembershipApi } from '../src/api.js';
import { sha256Hex } from '../src/random.js';
import type { Mailer, OutboundMessage } from '../src/ports/mailer.js';
import type { Payments } from '../src/ports/payments.js';
import type { Storage, Transaction } from '../src/ports/storage.js';

const base = 'https://api.memberkit.test/v1/organizations/demo';
const signupBody = (email: string, type = 'monthly') =>
  JSON.stringify({ membership_type_id: type, member: { email, first_name: 'Pat', last_name: 'Member' }, fields: {} });
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** A storage that runs every transaction's work twice, as a SQL storage does after a serialization failure: the first run is undone. */
function retryingStorage(inner: Storage): Storage & { reruns: number } {
  const again = new Error('serialization failure (simulated)');
  const storage = {
    reruns: 0,
    async transaction<T>(work: (tx: Transaction) => Promise<T>, options?: { readOnly?: boolean }): Promise<T> {
      await inner
        .transaction(async (tx) => {
          await work(tx);
          throw again;
        }, options)
        .catch((error: unknown) => {
          if (error !== again) throw error;
        });
      storage.reruns += 1;
      return inner.transaction(work, options);
    },
    claim: (key: string) => inner.claim(key),
    close: () => inner.close(),
  };
  return storage;
}

describe('createMembershipApi', () => {
  it('work run again by the storage writes the same signup and opens one processor session, with the same ids', async () => {
    const host = memorySuiteHost();
    await host.reset();
    const storage = retryingStorage(host.storage);
    const api = createMembershipApi({ ...host, storage, basePath: '/v1' });
    const response = await api.handle(post('/signups', signupBody('twice@example.org'), { 'idempotency-key': 'rerun-1' }));
    assert.equal(response.status, 201);
    const signup = await response.json();
    assert.ok(storage.reruns > 0);
    const signups = host.storage.rows('signups', { organization_id: 'demo' });
    assert.deepEqual(signups.map((s) => s.id), [signup.id]);
    assert.equal(host.storage.rows('members', { email: 'twice@example.org' }).length, 1);
    assert.equal(host.payments.snapshot().length, 1, 'the second run got the session the first one opened (same idempotency key)');
    assert.equal(host.storage.rows('checkouts')[0]!.id, host.payments.snapshot()[0]!.id);
    // Settled through the same storage: one payment, one receipt.
    assert.deepEqual(await host.pay(signup.next_action), { paid: true });
    assert.equal(host.storage.rows('payments').length, 1);
    assert.equal(host.mailer.messages('twice@example.org').length, 1);
  });

  it('a 5xx is not stored: the retry with the same key does the work (here the processor failed once)', async () => {
    const host = memorySuiteHost();
    await host.reset();
    let failures = 1;
    const payments: Payments = {
      ...host.payments,
      createCheckout: async (request) => {
        if (failures-- > 0) throw new Error('processor unavailable');
        return host.payments.createCheckout(request);
      },
      retrieveCheckout: (...args) => host.payments.retrieveCheckout(...args),
      capturePayment: (...args) => host.payments.capturePayment(...args),
      expireCheckout: (...args) => host.payments.expireCheckout(...args),
      chargeOffSession: (...args) => host.payments.chargeOffSession(...args),
      retrieveCharge: (...args) => host.payments.retrieveCharge(...args),
      cancelCharge: (...args) => host.payments.cancelCharge(...args),
      createCardUpdateSession: (...args) => host.payments.createCardUpdateSession(...args),
      refund: (...args) => host.payments.refund(...args),
      retrieveRefunds: (...args) => host.payments.retrieveRefunds(...args),
      retrieveDispute: (...args) => host.payments.retrieveDispute(...args),
    };
    const api = createMembershipApi({ ...host, payments, basePath: '/v1', onError: () => {} });
    const send = () => api.handle(post('/signups', signupBody('flaky@example.org'), { 'idempotency-key': 'flaky-1' }));
    const first = await send();
    assert.equal(first.status, 500);
    assert.equal((await first.json()).code, 'internal_error');
    assert.deepEqual(host.storage.rows('members', { email: 'flaky@example.org' }), [], 'nothing of the failed attempt is left');
    assert.deepEqual(host.storage.rows('idempotency_keys'), []);
    const retry = await send();
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), null, 'done now, not replayed');
    assert.equal(host.storage.rows('signups').length, 1);
  });

  it('a completion refused at payment releases the authorization: the processor charged nothing, no payment is recorded', async () => {
    const host = memorySuiteHost();
    await host.reset();
    const created = await (await host.api.handle(post('/signups', signupBody('refused@example.org'), { 'idempotency-key': 'refused-1' }))).json();
    const memberId = created.member.id;
    const assigned = await host.api.handle(
      post('/memberships', JSON.stringify({ membership_type_id: 'monthly', member_id: memberId }), {
        authorization: 'Bearer sk_test_sandbox',
        'idempotency-key': 'assign-1',
      }),
    );
    assert.equal(assigned.status, 201);
    assert.deepEqual(await host.pay(created.next_action), { paid: false, status: 409, code: 'already_member' });
    const [session] = host.payments.snapshot();
    assert.deepEqual([session!.status, session!.payment?.status], ['complete', 'released']);
    assert.deepEqual(host.storage.rows('payments'), []);
    assert.deepEqual(host.mailer.messages(), [], 'no receipt');
    const again = await host.api.settleCheckout('demo', session!.id);
    assert.equal(again.status, 'closed');
  });

  it('secret keys are stored as SHA-256 hashes; every hash of an organization is accepted (rotation), its key in clear never', async () => {
    const host = memorySuiteHost();
    await host.reset();
    const demo = host.storage.rows('organizations', { id: 'demo' })[0]!;
    assert.deepEqual(demo.secret_key_hashes, [await sha256Hex('sk_test_sandbox')]);
    assert.ok(!JSON.stringify(host.storage.snapshot()).includes('sk_test_sandbox'));
    const members = (key: string) => host.api.handle(new Request(`${base}/members`, { headers: { authorization: `Bearer ${key}` } }));
    assert.equal((await members('sk_test_rotated')).status, 401);
    const rotated = await sha256Hex('sk_test_rotated');
    host.storage.runSync((tx) => tx.update('organizations', { id: 'demo' }, { secret_key_hashes: [demo.secret_key_hashes[0]!, rotated] }));
    assert.equal((await members('sk_test_rotated')).status, 200);
    assert.equal((await members('sk_test_sandbox')).status, 200);
  });

  it('the outbox is handed to the Mailer after the commit; a message it refused stays unsent until deliverOutbox', async () => {
    const host = memorySuiteHost();
    await host.reset();
    const sent: OutboundMessage[] = [];
    let down = true;
    const mailer: Mailer = {
      async send(message) {
        if (down) throw new Error('SMTP down');
        sent.push(message);
      },
    };
    const errors: string[] = [];
    const api = createMembershipApi({ ...host, mailer, basePath: '/v1', onError: (_error, during) => errors.push(during) });
    const created = await (await api.handle(post('/signups', signupBody('mail@example.org'), { 'idempotency-key': 'mail-1' }))).json();
    const secret = created.next_action.client_secret as string;
    host.payments.confirm(secret, { number: '4242424242424242', exp_month: 12, exp_year: 2031, cvc: '123' });
    const settled = await api.settleCheckout('demo', host.payments.sessionBySecret(secret)!.id);
    assert.equal(settled.status, 'paid');
    const [receipt] = host.storage.rows('outbox');
    assert.deepEqual([receipt!.kind, receipt!.to, receipt!.sent_at, receipt!.attempts], ['receipt', 'mail@example.org', null, 1]);
    assert.match(receipt!.text, /\$9\.00 for your Monthly membership at Riverside Makers Club/);
    assert.deepEqual(errors, [`sending message ${receipt!.id}`]);
    down = false;
    assert.equal(await api.deliverOutbox(), 1);
    assert.deepEqual(sent.map((m) => [m.id, m.kind, m.to]), [[receipt!.id, 'receipt', 'mail@example.org']]);
    assert.equal(host.storage.rows('outbox')[0]!.attempts, 2);
    assert.notEqual(host.storage.rows('outbox')[0]!.sent_at, null);
    assert.equal(await api.deliverOutbox(), 0, 'nothing left to send');
  });
});

describe('createMembershipApi’s options', () => {
  it('a missing port, or one without a method the API calls, is a clear error at creation', () => {
    const host = memorySuiteHost();
    const { storage, payments, mailer, clock, memberTokens } = host;
    const ports = { storage, payments, mailer, clock, memberTokens };
    assert.throws(() => createMembershipApi({ ...ports, mailer: undefined as unknown as Mailer }), /the mailer port is missing/);
    const noCapture = { createCheckout: payments.createCheckout.bind(payments), retrieveCheckout: payments.retrieveCheckout.bind(payments), expireCheckout: payments.expireCheckout.bind(payments) };
    assert.throws(() => createMembershipApi({ ...ports, payments: noCapture as unknown as Payments }), /the payments port lacks capturePayment/);
    assert.ok(createMembershipApi(ports).handle);
  });
});

describe('an organization that asks members to sign in before signing up', () => {
  it('answers an anonymous signup 401 sign_in_required and takes the member’s own with their token', async () => {
    const host = memorySuiteHost();
    await host.reset();
    host.storage.runSync((tx) => tx.update('organizations', { id: 'demo' }, { signup_requires_sign_in: true }));
    const anonymous = await host.api.handle(post('/signups', signupBody('anon@example.org'), { 'idempotency-key': 'anon-1' }));
    assert.equal(anonymous.status, 401);
    assert.equal((await anonymous.json()).code, 'sign_in_required');
    assert.equal(host.storage.rows('members', { email: 'anon@example.org' }).length, 0, 'nobody was created');
    const token = await host.memberToken('demo', 'signed-in@example.org');
    const own = await host.api.handle(post('/signups', signupBody('signed-in@example.org'), { 'idempotency-key': 'own-1', authorization: `Bearer ${token}` }));
    assert.equal(own.status, 201);
  });
});

describe('createMembershipApi: the processor’s own refunds and disputes (settleRefunds, settleDispute) on the memory processor', () => {
  /** A paid monthly membership on a fresh memory host. */
  async function paid() {
    const host = memorySuiteHost();
    await host.reset();
    const created = await (await host.api.handle(post('/signups', signupBody('settle@example.org'), { 'idempotency-key': 'settle-1' }))).json();
    assert.deepEqual(await host.pay(created.next_action), { paid: true });
    const membership = host.storage.rows('memberships', { id: host.storage.rows('signups', { id: created.id })[0]!.membership_ids[0]! })[0]!;
    const term = membership.terms.at(-1)!;
    return { host, id: membership.id, reference: term.payment_reference!, paid: term.amount_paid, row: () => host.storage.rows('memberships', { id: membership.id })[0]! };
  }

  it('refunds made at the processor add up on the term, each once; the one giving back the rest ends the membership', async () => {
    const { host, id, reference, paid: amount, row } = await paid();
    const first = host.payments.refundElsewhere('demo', reference, 100);
    assert.deepEqual(await host.api.settleRefunds('demo', reference), { membership_id: id, recorded: [first.id], state: 'confirmed' });
    assert.deepEqual(await host.api.settleRefunds('demo', reference), { membership_id: id, recorded: [], state: 'confirmed' }, 'settled again: nothing more');
    const rest = host.payments.refundElsewhere('demo', reference);
    assert.deepEqual(await host.api.settleRefunds('demo', reference), { membership_id: id, recorded: [rest.id], state: 'terminated' });
    assert.deepEqual(row().terms.at(-1)!.refunds!.map((refund) => refund.amount), [100, amount - 100]);
    await assert.rejects(host.api.settleRefunds('demo', 'pi_unknown'), (error: { status?: number }) => error.status === 404);
  });

  it('a staff refund retried after a crash between the processor’s refund and the commit refunds once, though the processor’s notice recorded it meanwhile', async () => {
    const { host, id, reference, paid: amount, row } = await paid();
    // The processor refunds, then the work dies before its commit (the answer never stored).
    let crash = true;
    const payments = new Proxy(host.payments, {
      get(target, name) {
        if (name === 'refund') {
          return async (request: Parameters<Payments['refund']>[0]) => {
            const made = await target.refund(request);
            if (crash) {
              crash = false;
              throw new Error('the server died here (simulated)');
            }
            return made;
          };
        }
        const value = Reflect.get(target, name) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const api = createMembershipApi({ ...host, payments, basePath: '/v1', onError: () => {} });
    const refund = () =>
      api.handle(post(`/memberships/${id}/refunds`, JSON.stringify({ amount: 300, reason: 'Moved away' }), { authorization: 'Bearer sk_test_sandbox', 'idempotency-key': 'staff-refund-1' }));
    assert.equal((await refund()).status, 500);
    assert.equal(row().terms.at(-1)!.refunds, undefined, 'nothing recorded by the request that died');
    const [made] = (await host.payments.retrieveRefunds('demo', reference)).refunds;
    // The processor's notice of it (charge.refunded) comes before staff retry.
    assert.deepEqual(await host.api.settleRefunds('demo', reference), { membership_id: id, recorded: [made!.id], state: 'confirmed' });
    const retried = await refund();
    assert.equal(retried.status, 200, await retried.clone().text());
    const processor = await host.payments.retrieveRefunds('demo', reference);
    assert.deepEqual([processor.amount_refunded, processor.refunds.length], [300, 1], 'refunded once at the processor');
    assert.deepEqual(row().terms.at(-1)!.refunds!.map((each) => [each.id, each.amount, each.reason]), [[made!.id, 300, 'Moved away']]);
    assert.equal(row().state, 'confirmed');
    assert.ok(amount > 300);
    // Another staff request (another key) is another refund.
    const again = await api.handle(post(`/memberships/${id}/refunds`, JSON.stringify({ amount: 100 }), { authorization: 'Bearer sk_test_sandbox', 'idempotency-key': 'staff-refund-2' }));
    assert.equal(again.status, 200);
    assert.deepEqual(row().terms.at(-1)!.refunds!.map((each) => each.amount), [300, 100]);
  });

  it('a dispute stops charging the card and keeps the membership, recorded once', async () => {
    const { host, id, reference, paid: amount, row } = await paid();
    assert.equal(row().auto_renew, true);
    const dispute = host.payments.disputeElsewhere('demo', reference, { status: 'warning_needs_response', reason: 'general' });
    assert.deepEqual(await host.api.settleDispute('demo', dispute.id), { membership_id: id, recorded: true, closed: null });
    assert.deepEqual(await host.api.settleDispute('demo', dispute.id), { membership_id: id, recorded: false, closed: null });
    const after = row();
    assert.deepEqual([after.state, after.auto_renew, after.payment_method], ['confirmed', false, null]);
    assert.deepEqual(after.terms.at(-1)!.disputes!.map((each) => [each.id, each.amount, each.reason, each.status]), [[dispute.id, amount, 'general', 'warning_needs_response']], 'an inquiry: nothing withdrawn yet');
    const staff = await (await host.api.handle(new Request(`${base}/memberships/${id}`, { headers: { authorization: 'Bearer sk_test_sandbox' } }))).json();
    assert.deepEqual(
      staff.terms.at(-1).disputes.map((each: Record<string, unknown>) => [each.id, each.status, each.funds_withdrawn, each.result, each.closed_at]),
      [[dispute.id, 'warning_needs_response', false, null, null]],
      'staff see it, with the SDK’s funds_withdrawn and result',
    );
    const token = await host.memberToken('demo', 'settle@example.org');
    const me = await (await host.api.handle(new Request(`${base}/me`, { headers: { authorization: `Bearer ${token}` } }))).json();
    const own = me.memberships.find((each: { id: string }) => each.id === id);
    assert.ok(own.terms.length > 0);
    assert.equal(own.terms.at(-1).disputes, undefined, 'the member’s own answer (what the element reads) leaves it out');
  });

  it('a dispute closed: its result recorded once, whether the API heard of it open first or only closed; the card stays forgotten', async () => {
    const { host, id, reference, row } = await paid();
    const dispute = host.payments.disputeElsewhere('demo', reference);
    assert.deepEqual(await host.api.settleDispute('demo', dispute.id), { membership_id: id, recorded: true, closed: null });
    host.payments.closeDisputeElsewhere('demo', dispute.id, 'won');
    assert.deepEqual(await host.api.settleDispute('demo', dispute.id), { membership_id: id, recorded: false, closed: 'won' });
    assert.deepEqual(await host.api.settleDispute('demo', dispute.id), { membership_id: id, recorded: false, closed: null }, 'closed once');
    const [entry] = row().terms.at(-1)!.disputes!;
    assert.deepEqual([entry!.status, typeof entry!.closed_at], ['won', 'string']);
    assert.deepEqual([row().state, row().auto_renew, row().payment_method], ['confirmed', false, null], 'won: still not charged again');

    const other = await paid();
    const lost = other.host.payments.disputeElsewhere('demo', other.reference);
    other.host.payments.closeDisputeElsewhere('demo', lost.id, 'lost');
    assert.deepEqual(await other.host.api.settleDispute('demo', lost.id), { membership_id: other.id, recorded: true, closed: 'lost' }, 'heard of only once closed: recorded and closed at once');
    assert.deepEqual(other.row().terms.at(-1)!.disputes!.map((each) => each.status), ['lost']);
    assert.deepEqual([other.row().state, other.row().auto_renew], ['confirmed', false], 'lost: the membership runs on (staff decide)');
  });

  it('a refund of a payment under a chargeback, open or lost, is refused with payment_disputed (Stripe would refuse it); an inquiry or a won chargeback can be refunded', async () => {
    const refund = (host: Awaited<ReturnType<typeof paid>>['host'], id: string, key: string) =>
      host.api.handle(post(`/memberships/${id}/refunds`, JSON.stringify({ amount: 100 }), { authorization: 'Bearer sk_test_sandbox', 'idempotency-key': key }));
    const charged = await paid();
    const chargeback = charged.host.payments.disputeElsewhere('demo', charged.reference);
    await charged.host.api.settleDispute('demo', chargeback.id);
    const open = await refund(charged.host, charged.id, 'refund-open');
    assert.equal(open.status, 409);
    assert.equal((await open.json()).code, 'payment_disputed');
    assert.equal((await charged.host.payments.retrieveRefunds('demo', charged.reference)).refunds.length, 0, 'nothing asked of the processor');
    charged.host.payments.closeDisputeElsewhere('demo', chargeback.id, 'lost');
    await charged.host.api.settleDispute('demo', chargeback.id);
    assert.equal((await refund(charged.host, charged.id, 'refund-lost')).status, 409, 'lost: still refused');

    const won = await paid();
    const kept = won.host.payments.disputeElsewhere('demo', won.reference);
    won.host.payments.closeDisputeElsewhere('demo', kept.id, 'won');
    await won.host.api.settleDispute('demo', kept.id);
    assert.equal((await refund(won.host, won.id, 'refund-won')).status, 200, 'won: the organization may still give money back');

    const asked = await paid();
    const inquiry = asked.host.payments.disputeElsewhere('demo', asked.reference, { status: 'warning_needs_response', reason: 'general' });
    await asked.host.api.settleDispute('demo', inquiry.id);
    assert.equal((await refund(asked.host, asked.id, 'refund-inquiry')).status, 200, 'an inquiry: a refund is the usual answer');
  });
});
