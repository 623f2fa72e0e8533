// Contract tests, member endpoints (member token): /me, renew, cancel.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthenticationError, NotFoundError, PermissionDeniedError, UnprocessableEntityError, ConflictError } from '@memberkit/sdk';
import { setupSandboxServer } from '@memberkit/sandbox/node';
import { TODAY, clientFor, clientSecretOf, payWithCard, rejection, signupParams } from '../helpers.js';

const server = setupSandboxServer({ today: TODAY, validateResponses: true });
const sandbox = server.sandbox;

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(() => sandbox.reset());
afterEach(() => assert.deepEqual(sandbox.responseErrors.map((e) => e.message), []));

const asMember = (email: string) => clientFor(sandbox, { token: sandbox.issueMemberToken('demo', email) });

describe('GET /me', () => {
  it('answers the member, their memberships with statuses and effective permissions', async () => {
    const me = await asMember('alice@example.org').me.retrieve();
    assert.equal(me.member.id, 'mem_alice');
    assert.equal(me.member.status, 'active');
    assert.deepEqual(me.memberships.map((m) => [m.id, m.status]), [['ms_alice_annual', 'active']]);
    assert.deepEqual(me.permissions, ['member-area', 'workshop']);
  });

  it('includes the membership and permissions inherited from the member’s company (via_company), and counts it in their status', async () => {
    const me = await asMember('bob@example.org').me.retrieve();
    assert.deepEqual(me.memberships.map((m) => [m.id, m.company_id, m.status, m.via_company]), [['ms_acme', 'co_acme', 'active', true]]);
    assert.equal(me.member.status, 'active');
    assert.deepEqual(me.permissions, ['job-board', 'member-area']);
  });

  it('a token for a new email makes a prospective member', async () => {
    const me = await asMember('newcomer@example.org').me.retrieve();
    assert.equal(me.member.status, 'prospective');
    assert.deepEqual(me.memberships, []);
  });

  it('needs a valid member token: none or expired → 401, a secret key → 403', async () => {
    const none = await rejection(clientFor(sandbox).me.retrieve());
    assert.ok(none instanceof AuthenticationError);
    assert.equal(none.code, 'unauthorized');
    const expiredToken = sandbox.issueMemberToken('demo', 'alice@example.org', { expiresIn: -1 });
    assert.ok((await rejection(clientFor(sandbox, { token: expiredToken }).me.retrieve())) instanceof AuthenticationError);
    const otherOrg = sandbox.issueMemberToken('demo-jpy', 'alice@example.org');
    assert.ok((await rejection(clientFor(sandbox, { token: otherOrg }).me.retrieve())) instanceof AuthenticationError);
    const admin = await rejection(clientFor(sandbox, { secretKey: 'sk_test_sandbox' }).me.retrieve());
    assert.ok(admin instanceof PermissionDeniedError);
    assert.equal(admin.code, 'forbidden');
  });

  it('a token function is asked again after a 401 (fresh token)', async () => {
    let calls = 0;
    const client = clientFor(sandbox);
    const refreshing = (await import('@memberkit/sdk')).createClient({
      baseUrl: sandbox.baseUrl,
      organization: 'demo',
      token: () => (++calls === 1 ? 'mt_test_stale' : sandbox.issueMemberToken('demo', 'alice@example.org')),
    });
    assert.equal((await refreshing.me.retrieve()).member.id, 'mem_alice');
    assert.equal(calls, 2);
    assert.ok(client);
  });
});

describe('POST /me/memberships/{id}/renew', () => {
  it('before the lapse: a renewal extends one more term from the anchor (2025-11-01 → 2027-11-01)', async () => {
    const alice = asMember('alice@example.org');
    const signup = await alice.me.memberships.renew('ms_alice_annual');
    assert.equal(signup.status, 'awaiting_payment');
    assert.equal(signup.quote.total, 6000);
    assert.equal(signup.membership.id, 'ms_alice_annual');
    await payWithCard(sandbox, clientSecretOf(signup));
    const renewed = (await alice.me.retrieve()).memberships.find((m) => m.id === 'ms_alice_annual')!;
    assert.deepEqual([renewed.kind, renewed.starts_on, renewed.anchor_on, renewed.expires_on], ['renewal', '2025-11-01', '2025-11-01', '2027-11-01']);
  });

  it('in grace it is still a renewal; after grace a reinstatement from the renewal date', async () => {
    sandbox.setToday('2026-11-20');
    const inGrace = asMember('alice@example.org');
    const graceSignup = await inGrace.me.memberships.renew('ms_alice_annual');
    await payWithCard(sandbox, clientSecretOf(graceSignup));
    assert.equal((await inGrace.signups.retrieve(graceSignup.id)).membership.expires_on, '2027-11-01');

    sandbox.reset();
    sandbox.setToday('2026-12-15'); // alice's membership (2025-11-01 → 2026-11-01, grace 30 days) has ended
    const late = asMember('alice@example.org');
    const lateSignup = await late.me.memberships.renew('ms_alice_annual');
    await payWithCard(sandbox, clientSecretOf(lateSignup));
    const reinstated = (await late.signups.retrieve(lateSignup.id)).membership;
    assert.deepEqual([reinstated.kind, reinstated.starts_on, reinstated.expires_on, reinstated.status], ['reinstated', '2026-12-15', '2027-12-15', 'active']);
  });

  it('a free renewal completes at once; renewing a cancelled membership resumes it', async () => {
    const email = 'free.renewer@example.org';
    const signup = await clientFor(sandbox).signups.create(signupParams({ member: { email, first_name: 'F', last_name: 'R' } }));
    const member = asMember(email);
    await member.me.memberships.cancel(signup.membership.id);
    const renewal = await member.me.memberships.renew(signup.membership.id);
    assert.equal(renewal.status, 'completed');
    assert.deepEqual([renewal.membership.expires_on, renewal.membership.cancelled_on, renewal.membership.status], ['2028-03-01', null, 'active']);
  });

  it('a cyclical renewal only inside its window: 422 renewal_not_open before it', async () => {
    const email = 'cyclist@example.org';
    const signup = await clientFor(sandbox).signups.create(signupParams({ membership_type_id: 'school-year', member: { email, first_name: 'C', last_name: 'Y' } }));
    await payWithCard(sandbox, clientSecretOf(signup));
    const early = await rejection(asMember(email).me.memberships.renew(signup.membership.id));
    assert.ok(early instanceof UnprocessableEntityError);
    assert.equal(early.code, 'renewal_not_open');
    sandbox.setToday('2026-08-10');
    const inWindow = await asMember(email).me.memberships.renew(signup.membership.id);
    await payWithCard(sandbox, clientSecretOf(inWindow));
    assert.equal((await asMember(email).signups.retrieve(inWindow.id)).membership.expires_on, '2027-09-01');
  });

  it('a lifetime membership is never renewed; someone else’s membership is 404', async () => {
    const email = 'forever@example.org';
    const signup = await clientFor(sandbox).signups.create(signupParams({ membership_type_id: 'lifetime', member: { email, first_name: 'L', last_name: 'T' } }));
    await payWithCard(sandbox, clientSecretOf(signup));
    assert.equal((await rejection(asMember(email).me.memberships.renew(signup.membership.id))).code, 'renewal_not_open');
    assert.ok((await rejection(asMember('bob@example.org').me.memberships.renew('ms_alice_annual'))) instanceof NotFoundError);
  });

  it('applies a discount to the renewal and refuses an unusable one', async () => {
    const alice = asMember('alice@example.org');
    const signup = await alice.me.memberships.renew('ms_alice_annual', { discount_code: 'ANNUALONLY' });
    assert.deepEqual(signup.quote, { currency: 'USD', subtotal: 6000, discount_amount: 1500, total: 4500 });
    assert.equal((await rejection(alice.me.memberships.renew('ms_alice_annual', { discount_code: 'LAUNCH' }))).code, 'invalid_discount');
  });

  it('is idempotent: the same key answers the same renewal', async () => {
    const alice = asMember('alice@example.org');
    const first = await alice.me.memberships.renew('ms_alice_annual', { idempotencyKey: 'renew-1' });
    const again = await alice.me.memberships.renew('ms_alice_annual', { idempotencyKey: 'renew-1' });
    assert.equal(again.id, first.id);
  });

  it('a newer renewal replaces an unpaid one: the older checkout is closed, so the membership is extended and paid once', async () => {
    const alice = asMember('alice@example.org');
    const first = await alice.me.memberships.renew('ms_alice_annual');
    const second = await alice.me.memberships.renew('ms_alice_annual');
    const refused = await payWithCard(sandbox, clientSecretOf(first));
    assert.equal(refused.status, 409);
    assert.equal((await refused.json()).code, 'checkout_closed');
    assert.equal((await alice.signups.retrieve(first.id)).status, 'failed');
    assert.equal((await payWithCard(sandbox, clientSecretOf(second))).status, 200);
    const renewed = (await alice.me.retrieve()).memberships.find((m) => m.id === 'ms_alice_annual')!;
    assert.equal(renewed.expires_on, '2027-11-01', 'one term more, not two');
    assert.equal(sandbox.store.payments('demo').length, 1);
  });

  it('a replaced renewal releases the discount redemption it reserved', async () => {
    const welcome = sandbox.store.discount('demo', 'WELCOME20')!;
    sandbox.insert('discounts', { ...welcome, id: 'dc_once', code: 'ONCE', code_key: 'ONCE', max_redemptions: 1, times_redeemed: 0 });
    const alice = asMember('alice@example.org');
    await alice.me.memberships.renew('ms_alice_annual', { discount_code: 'ONCE' });
    const anyone = clientFor(sandbox);
    assert.equal((await rejection(anyone.discounts.validate({ code: 'ONCE', membership_type_id: 'monthly' }))).code, 'invalid_discount');
    // Alice's newer renewal (without the code) replaces the one that held it.
    await alice.me.memberships.renew('ms_alice_annual');
    assert.equal((await anyone.discounts.validate({ code: 'ONCE', membership_type_id: 'monthly' })).code, 'ONCE');
  });

  it('the member’s auto_renew choice takes effect when the renewal is paid, not when it is opened', async () => {
    // Alice holds annual and takes a second type: the organization allows one membership per type.
    sandbox.store.organization('demo')!.membership_policy = 'one_per_type';
    const admin = clientFor(sandbox, { secretKey: 'sk_test_sandbox' });
    const flexible = await admin.memberships.create({ membership_type_id: 'flexible', member_id: 'mem_alice', auto_renew: false });
    const alice = asMember('alice@example.org');
    const autoRenew = async () => (await alice.me.retrieve()).memberships.find((m) => m.id === flexible.id)!.auto_renew;
    const renewal = await alice.me.memberships.renew(flexible.id, { auto_renew: true });
    assert.equal(await autoRenew(), false, 'unpaid: unchanged');
    await payWithCard(sandbox, clientSecretOf(renewal));
    assert.equal(await autoRenew(), true);
  });

  it('without a choice, a renewal keeps the setting the membership has when it is paid: a cancel made meanwhile stays off', async () => {
    // Alice holds annual and takes a second type: the organization allows one membership per type.
    sandbox.store.organization('demo')!.membership_policy = 'one_per_type';
    const admin = clientFor(sandbox, { secretKey: 'sk_test_sandbox' });
    const flexible = await admin.memberships.create({ membership_type_id: 'flexible', member_id: 'mem_alice', auto_renew: true });
    const alice = asMember('alice@example.org');
    const renewal = await alice.me.memberships.renew(flexible.id);
    assert.equal((await alice.me.memberships.cancel(flexible.id)).auto_renew, false);
    assert.equal((await payWithCard(sandbox, clientSecretOf(renewal))).status, 200);
    const renewed = (await alice.me.retrieve()).memberships.find((m) => m.id === flexible.id)!;
    assert.deepEqual([renewed.status, renewed.cancelled_on, renewed.auto_renew], ['active', null, false]);
  });

  it('a renewal asking for an auto_renew its type rules out is a field error, as on signups', async () => {
    const alice = asMember('alice@example.org');
    const error = await rejection(alice.me.memberships.renew('ms_alice_annual', { auto_renew: true }));
    assert.ok(error instanceof UnprocessableEntityError);
    assert.deepEqual(error.errors.map((e: any) => `${e.field}:${e.code}`), ['auto_renew:invalid_option']);
    assert.equal(Object.values(sandbox.store.state.signups).length, 0, 'no renewal opened');
  });

  it('a renewal that is no longer possible when paid is refused and closed (nothing charged)', async () => {
    const email = 'late.cyclist@example.org';
    const signup = await clientFor(sandbox).signups.create(signupParams({ membership_type_id: 'school-year', member: { email, first_name: 'C', last_name: 'Y' } }));
    await payWithCard(sandbox, clientSecretOf(signup));
    sandbox.setToday('2026-08-10');
    const renewal = await asMember(email).me.memberships.renew(signup.membership.id);
    sandbox.setToday('2026-06-01'); // back before the renewal window
    const refused = await payWithCard(sandbox, clientSecretOf(renewal));
    assert.equal(refused.status, 409);
    assert.equal((await refused.json()).code, 'renewal_not_open');
    assert.equal((await asMember(email).signups.retrieve(renewal.id)).status, 'failed');
    assert.equal(sandbox.store.payments('demo').length, 1, 'only the first purchase');
  });

  it('a pending membership cannot be renewed: 409 not_renewable', async () => {
    const email = 'pending.one@example.org';
    const signup = await clientFor(sandbox).signups.create(signupParams({ membership_type_id: 'monthly', member: { email, first_name: 'P', last_name: 'O' } }));
    const error = await rejection(asMember(email).me.memberships.renew(signup.membership.id));
    assert.ok(error instanceof ConflictError);
    assert.equal(error.code, 'not_renewable');
  });
});

describe('POST /me/memberships/{id}/cancel', () => {
  it('cancels: status cancelled, permissions kept until the term ends, then terminated', async () => {
    const alice = asMember('alice@example.org');
    const cancelled = await alice.me.memberships.cancel('ms_alice_annual');
    assert.deepEqual([cancelled.status, cancelled.cancelled_on, cancelled.auto_renew], ['cancelled', TODAY, false]);
    assert.deepEqual((await alice.me.retrieve()).permissions, ['member-area', 'workshop']);
    const again = await alice.me.memberships.cancel('ms_alice_annual');
    assert.equal(again.cancelled_on, TODAY);
    sandbox.setToday('2026-12-01');
    const later = await alice.me.retrieve();
    assert.equal(later.memberships[0]!.status, 'terminated');
    assert.deepEqual(later.permissions, []);
  });

  it('an expired or unknown membership cannot be cancelled', async () => {
    const carol = asMember('carol@example.org');
    const error = await rejection(carol.me.memberships.cancel('ms_carol_monthly'));
    assert.ok(error instanceof ConflictError);
    assert.equal(error.code, 'not_cancellable');
    assert.ok((await rejection(carol.me.memberships.cancel('ms_nope'))) instanceof NotFoundError);
  });
});
