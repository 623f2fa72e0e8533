// Contract tests for the rules that keep records honest under retries and races: one running
// membership per member and type, unguessable signup ids, no profile edits by strangers,
// discount limits, and memberships keeping the term they were sold with.
import { after, afterEach, before, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { setupSandboxServer } from '@memberkit/sandbox/node';
import { TODAY, adminFor, clientFor, clientSecretOf, freshEmail, payWithCard, rejection, signupParams } from '../helpers.js';

const server = setupSandboxServer({ today: TODAY, validateResponses: true });
const sandbox = server.sandbox;
const client = () => clientFor(sandbox);

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(() => sandbox.reset());
afterEach(() => assert.deepEqual(sandbox.responseErrors.map((e) => e.message), []));

/** An admin action on an application (sandbox extension): approve, decline; or the contract's cancel. */
const adminAction = (action: 'approve' | 'decline' | 'cancel') => (membershipId: string) =>
  fetch(`${sandbox.baseUrl}/organizations/demo/memberships/${membershipId}/${action}`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_sandbox' },
  });
const approve = adminAction('approve');

const runningOf = (memberId: string, typeId: string) =>
  Object.values(sandbox.store.state.memberships).filter(
    (m) => m.member_id === memberId && m.membership_type_id === typeId && m.state === 'confirmed',
  );

describe('one membership per member and type, even when unpaid checkouts pile up', () => {
  it('the member’s own new signup (with their token) replaces their unpaid one: the old checkout is closed (409, nothing charged)', async () => {
    const member = { email: freshEmail(), first_name: 'Twice', last_name: 'Payer' };
    const own = clientFor(sandbox, { token: sandbox.issueMemberToken('demo', member.email) });
    const first = await own.signups.create(signupParams({ membership_type_id: 'monthly', member }));
    const second = await own.signups.create(signupParams({ membership_type_id: 'monthly', member }));
    assert.equal(second.status, 'awaiting_payment');

    const refused = await payWithCard(sandbox, clientSecretOf(first));
    assert.equal(refused.status, 409);
    const problem = await refused.json();
    assert.equal(problem.code, 'checkout_closed');
    assert.match(problem.detail, /replaced/);
    assert.equal(sandbox.store.payments().length, 0, 'nothing charged');
    assert.equal((await client().signups.retrieve(first.id)).status, 'failed');

    assert.equal((await payWithCard(sandbox, clientSecretOf(second))).status, 200);
    assert.equal(sandbox.store.payments().length, 1);
    assert.equal(runningOf(second.member.id, 'monthly').length, 1);
  });

  it('an anonymous signup with someone’s email closes nothing of theirs; the second payment is refused at completion', async () => {
    const victim = { email: freshEmail('victim'), first_name: 'Vic', last_name: 'Tim' };
    const theirs = await client().signups.create(signupParams({ membership_type_id: 'monthly', member: victim }));
    const stranger = await client().signups.create(
      signupParams({ membership_type_id: 'monthly', member: { ...victim, email: victim.email.toUpperCase(), first_name: 'X' } }),
    );
    assert.equal((await client().signups.retrieve(theirs.id)).status, 'awaiting_payment');
    assert.equal((await payWithCard(sandbox, clientSecretOf(theirs))).status, 200, 'the victim can still pay');
    const refused = await payWithCard(sandbox, clientSecretOf(stranger));
    assert.equal(refused.status, 409);
    assert.equal((await refused.json()).code, 'already_member');
    assert.equal(sandbox.store.payments().length, 1, 'one payment, one membership');
    assert.equal(runningOf(theirs.member.id, 'monthly').length, 1);
  });

  it('an approved application is never thrown away: a new signup of that person, with or without their token, is refused', async () => {
    const email = freshEmail('applicant');
    const application = signupParams({
      membership_type_id: 'committee',
      member: { email, first_name: 'App', last_name: 'Licant' },
      fields: { motivation: 'I would like to help run the club.' },
    });
    const applied = await client().signups.create(application);
    assert.equal((await approve(applied.membership.id)).status, 200);
    const own = clientFor(sandbox, { token: sandbox.issueMemberToken('demo', email) });
    for (const caller of [client(), own]) {
      const refused = await rejection(caller.signups.create(application));
      assert.deepEqual([refused.status, refused.code], [409, 'application_pending']);
      assert.match(refused.message, /approved application .* waiting for payment: pay it .*, or ask the organization to close the application/);
    }
    const approved = await client().signups.retrieve(applied.id);
    assert.deepEqual([approved.status, approved.membership.status], ['awaiting_payment', 'pending']);
    assert.equal((await payWithCard(sandbox, clientSecretOf(approved))).status, 200);
    assert.equal((await client().signups.retrieve(applied.id)).membership.status, 'active');
  });

  it('completion re-checks: a membership that appeared meanwhile makes the payment 409 already_member, charging nothing', async () => {
    const signup = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
    // Staff assign the same type while the checkout is open.
    await adminFor(sandbox).memberships.create({ membership_type_id: 'monthly', member_id: signup.member.id });
    const refused = await payWithCard(sandbox, clientSecretOf(signup));
    assert.equal(refused.status, 409);
    assert.equal((await refused.json()).code, 'already_member');
    assert.equal(sandbox.store.payments().length, 0);
    assert.equal(runningOf(signup.member.id, 'monthly').length, 1);
    assert.equal((await client().signups.retrieve(signup.id)).status, 'failed');
  });
});

describe('an approved application that is never paid can be closed by an admin', () => {
  for (const action of ['decline', 'cancel'] as const) {
    it(`${action}: the signup fails, its checkout closes (409, nothing charged), its reservation is released, and the person can sign up again`, async () => {
      const welcome = sandbox.store.discount('demo', 'WELCOME20')!;
      sandbox.insert('discounts', { ...welcome, id: 'dc_once', code: 'ONCE', code_key: 'ONCE', max_redemptions: 1, times_redeemed: 0 });
      const member = { email: freshEmail('applicant'), first_name: 'App', last_name: 'Licant' };
      const application = signupParams({
        membership_type_id: 'committee',
        member,
        fields: { motivation: 'I would like to help.' },
        discount_code: 'ONCE',
      });
      const applied = await client().signups.create(application);
      assert.equal((await approve(applied.membership.id)).status, 200);
      const approved = await client().signups.retrieve(applied.id);

      const closed = await adminAction(action)(applied.membership.id);
      assert.equal(closed.status, 200);
      assert.equal((await closed.json()).status, 'declined');
      const after = await client().signups.retrieve(applied.id);
      assert.deepEqual([after.status, after.membership.status], ['failed', 'declined']);

      const refused = await payWithCard(sandbox, clientSecretOf(approved));
      assert.equal(refused.status, 409);
      const problem = await refused.json();
      assert.deepEqual([problem.code, problem.closed_reason], ['checkout_closed', 'declined']);
      assert.match(problem.detail, /organization closed the application/);
      assert.equal(sandbox.store.payments().length, 0);

      const again = await client().signups.create(application);
      assert.deepEqual([again.status, again.quote.discount_amount], ['awaiting_approval', 400]);
    });
  }

  it('what is not an open application cannot be declined: 409 not_an_application', async () => {
    const refused = await adminAction('decline')('ms_alice_annual');
    assert.equal(refused.status, 409);
    assert.equal((await refused.json()).code, 'not_an_application');
  });
});

describe('signup ids cannot be guessed', () => {
  it('two signups get unrelated random ids (≥ 20 random characters); an unknown id is 404', async () => {
    const a = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
    const b = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
    const randomPart = (id: string) => id.replace(/^su_/, '');
    for (const id of [a.id, b.id]) assert.match(randomPart(id), /^[0-9a-f]{20,}$/);
    // Nothing shared beyond what chance allows: not a counter, not a common stem.
    const common = [...randomPart(a.id)].findIndex((char, i) => char !== randomPart(b.id)[i]);
    assert.ok(common < 8, `${a.id} and ${b.id} share a ${common}-character prefix`);
    // The checkout session (and its client secret) is as unguessable.
    const sessionId = sandbox.store.state.signups[a.id]!.checkout_id!;
    assert.match(sessionId, /^cs_test_[0-9a-f]{20,}$/);
    const unknown = await fetch(`${sandbox.baseUrl}/organizations/demo/signups/su_00002`);
    assert.equal(unknown.status, 404);
  });
});

describe('a signup changes a member’s profile only with their consent', () => {
  const alice = { email: 'alice@example.org', first_name: 'Mallory', last_name: 'Intruder' };
  const aliceFields = () => structuredClone(sandbox.store.state.members['mem_alice']!.fields);

  it('an anonymous signup with alice’s email changes none of her fields, before or after it is paid', async () => {
    // Alice holds annual and takes a second type: the organization allows one membership per type.
    sandbox.store.organization('demo')!.membership_policy = 'one_per_type';
    const before = aliceFields();
    const signup = await client().signups.create(
      signupParams({ membership_type_id: 'monthly', member: alice, fields: { phone: '+1 555 0100' } }),
    );
    assert.deepEqual(aliceFields(), before);
    assert.equal((await payWithCard(sandbox, clientSecretOf(signup))).status, 200);
    assert.deepEqual(aliceFields(), before);
    assert.equal(sandbox.store.state.members['mem_alice']!.first_name, 'Alice');
  });

  it('alice’s own signup (with her token) updates her fields when it completes, not before', async () => {
    // Alice holds annual and takes a second type: the organization allows one membership per type.
    sandbox.store.organization('demo')!.membership_policy = 'one_per_type';
    const token = sandbox.issueMemberToken('demo', 'alice@example.org');
    const signup = await clientFor(sandbox, { token }).signups.create(
      signupParams({ membership_type_id: 'monthly', member: { ...alice, first_name: 'Alice' }, fields: { phone: '+1 555 0100' } }),
    );
    assert.equal(aliceFields().phone, undefined);
    await payWithCard(sandbox, clientSecretOf(signup));
    assert.equal(aliceFields().phone, '+1 555 0100');
    assert.equal(aliceFields().display_name, 'Alice A', 'other answers are kept');
  });

  it('a new member gets their answers when the signup completes, also after a retry', async () => {
    const member = { email: freshEmail(), first_name: 'New', last_name: 'Comer' };
    await client().signups.create(signupParams({ membership_type_id: 'monthly', member, fields: { phone: '+1 555 0101' } }));
    const retry = await client().signups.create(signupParams({ membership_type_id: 'monthly', member, fields: { phone: '+1 555 0102' } }));
    assert.deepEqual(sandbox.store.state.members[retry.member.id]!.fields, {});
    await payWithCard(sandbox, clientSecretOf(retry));
    assert.deepEqual(sandbox.store.state.members[retry.member.id]!.fields, { phone: '+1 555 0102' });
  });
});

describe('a discount’s redemption limit counts unfinished signups', () => {
  const addOnceCode = () => {
    const welcome = sandbox.store.discount('demo', 'WELCOME20')!;
    sandbox.insert('discounts', { ...welcome, id: 'dc_once', code: 'ONCE', code_key: 'ONCE', max_redemptions: 1, times_redeemed: 0 });
  };
  const usedUp = async (promise: Promise<unknown>) => {
    const error = await rejection(promise);
    assert.equal(error.code, 'invalid_discount');
    assert.deepEqual(error.errors.map((e: any) => e.code), ['used_up']);
  };

  it('max 1: a second unpaid signup is refused; replacing the first frees the code; paying redeems it', async () => {
    addOnceCode();
    const first = { email: freshEmail(), first_name: 'First', last_name: 'Buyer' };
    const own = clientFor(sandbox, { token: sandbox.issueMemberToken('demo', first.email) });
    await own.signups.create(signupParams({ membership_type_id: 'monthly', member: first, discount_code: 'ONCE' }));
    await usedUp(client().signups.create(signupParams({ membership_type_id: 'monthly', discount_code: 'ONCE' })));
    await usedUp(client().discounts.validate({ code: 'ONCE', membership_type_id: 'monthly' }));
    // The same member retrying keeps the code (the retry replaces their own reservation).
    await own.signups.create(signupParams({ membership_type_id: 'monthly', member: first, discount_code: 'ONCE' }));
    // Retrying without the code voids the reservation: someone else may use it now.
    await own.signups.create(signupParams({ membership_type_id: 'monthly', member: first }));
    const second = await client().signups.create(signupParams({ membership_type_id: 'monthly', discount_code: 'ONCE' }));
    assert.equal(second.quote.discount_amount, 180);
    await payWithCard(sandbox, clientSecretOf(second));
    assert.equal(sandbox.store.discount('demo', 'ONCE')!.times_redeemed, 1);
    await usedUp(client().signups.create(signupParams({ membership_type_id: 'monthly', discount_code: 'ONCE' })));
  });

  it('a checkout left unpaid for 24 h (sandbox clock) expires: the signup fails and its reservation is released', async () => {
    addOnceCode();
    const held = await client().signups.create(signupParams({ membership_type_id: 'monthly', discount_code: 'ONCE' }));
    await usedUp(client().discounts.validate({ code: 'ONCE', membership_type_id: 'monthly' }));
    sandbox.setToday('2026-03-02'); // 24 hours later on the sandbox clock
    const validated = await client().discounts.validate({ code: 'ONCE', membership_type_id: 'monthly' });
    assert.equal(validated.code, 'ONCE');
    const expired = await client().signups.retrieve(held.id);
    assert.deepEqual([expired.status, expired.membership.status], ['failed', 'declined']);
    const refused = await payWithCard(sandbox, clientSecretOf(held));
    assert.equal(refused.status, 409);
    const problem = await refused.json();
    assert.equal(problem.code, 'checkout_closed');
    assert.match(problem.detail, /expired/);
    assert.equal(sandbox.store.payments().length, 0);
  });

  describe('on the sandbox clock, which runs on from the real clock without jumps (real time mocked)', () => {
    // 23:59 on 2026-03-01 in the demo organization's time zone (America/New_York, EST).
    const minuteBeforeMidnight = Date.parse('2026-03-02T04:59:00Z');
    const minutes = (n: number) => n * 60_000;
    beforeEach(() => {
      mock.timers.enable({ apis: ['Date'], now: minuteBeforeMidnight });
      sandbox.reset(); // the fixed today is set now, at the mocked instant
    });
    afterEach(() => mock.timers.reset());

    it('a checkout opened at 23:59 is still open and payable 23 h 58 min later, past a real midnight', async () => {
      const signup = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
      mock.timers.tick(minutes(2));
      assert.equal((await client().signups.retrieve(signup.id)).status, 'awaiting_payment');
      mock.timers.tick(minutes(23 * 60 + 56));
      assert.equal((await client().signups.retrieve(signup.id)).status, 'awaiting_payment');
      assert.equal((await payWithCard(sandbox, clientSecretOf(signup))).status, 200);
    });

    it('a checkout opened at 23:59 expires 24 h later, although the real date changed in between', async () => {
      const signup = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
      mock.timers.tick(minutes(24 * 60));
      assert.equal((await client().signups.retrieve(signup.id)).status, 'failed');
      const problem = await (await payWithCard(sandbox, clientSecretOf(signup))).json();
      assert.deepEqual([problem.code, problem.closed_reason], ['checkout_closed', 'expired']);
    });

    it('setToday one day later is 24 h later, also when a real midnight passed since the checkout opened', async () => {
      const signup = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
      mock.timers.tick(minutes(2));
      sandbox.setToday('2026-03-02');
      assert.equal((await client().signups.retrieve(signup.id)).status, 'failed');
    });
  });

  it('an approved application’s checkout does not expire: two days later the secret the member holds still pays it', async () => {
    const applied = await client().signups.create(
      signupParams({ membership_type_id: 'committee', fields: { motivation: 'I would like to help.' } }),
    );
    assert.equal((await approve(applied.membership.id)).status, 200);
    const approved = await client().signups.retrieve(applied.id);
    sandbox.setToday('2026-03-03');
    const later = await client().signups.retrieve(applied.id);
    assert.equal(later.status, 'awaiting_payment');
    assert.equal(clientSecretOf(later), clientSecretOf(approved), 'the same checkout, not a re-issued one');
    assert.equal((await payWithCard(sandbox, clientSecretOf(approved))).status, 200);
    assert.equal((await client().signups.retrieve(applied.id)).membership.status, 'active');
  });

  it('discounts/validate answers what POST /signups would, for the same caller', async () => {
    addOnceCode();
    const person = { email: freshEmail(), first_name: 'Same', last_name: 'Caller' };
    const own = clientFor(sandbox, { token: sandbox.issueMemberToken('demo', person.email) });
    await own.signups.create(signupParams({ membership_type_id: 'monthly', member: person, discount_code: 'ONCE' }));
    // The member: the redemption their own unpaid signup holds does not count for them.
    assert.equal((await own.discounts.validate({ code: 'ONCE', membership_type_id: 'monthly' })).code, 'ONCE');
    const retry = await own.signups.create(signupParams({ membership_type_id: 'monthly', member: person, discount_code: 'ONCE' }));
    assert.equal(retry.quote.discount_amount, 180);
    // Anyone else: used up, at validate (an anonymous caller names no member) and at signup.
    await usedUp(client().discounts.validate({ code: 'ONCE', membership_type_id: 'monthly' }));
    await usedUp(client().signups.create(signupParams({ membership_type_id: 'monthly', discount_code: 'ONCE' })));
  });

  it('a visitor without a token who resubmits keeps their own limited code: the first checkout stays open, one redemption in all', async () => {
    addOnceCode();
    const visitor = { email: freshEmail('visitor'), first_name: 'Vis', last_name: 'Itor' };
    const first = await client().signups.create(signupParams({ membership_type_id: 'monthly', member: visitor, discount_code: 'ONCE' }));
    // Back to fix a field: a new attempt (a new Idempotency-Key), still anonymous.
    const second = await client().signups.create(
      signupParams({ membership_type_id: 'monthly', member: { ...visitor, last_name: 'Itor-Fixed' }, discount_code: 'ONCE' }),
    );
    assert.equal(second.quote.discount_amount, 180);
    assert.equal((await client().signups.retrieve(first.id)).status, 'awaiting_payment', 'nothing of theirs was closed by an anonymous call');
    assert.equal((await payWithCard(sandbox, clientSecretOf(second))).status, 200);
    const refused = await payWithCard(sandbox, clientSecretOf(first));
    assert.equal((await refused.json()).code, 'already_member');
    assert.equal(sandbox.store.discount('demo', 'ONCE')!.times_redeemed, 1);
    assert.equal(sandbox.store.payments().length, 1);
  });

  it('a failed signup (declined application) releases its reservation', async () => {
    addOnceCode();
    const applied = await client().signups.create(
      signupParams({ membership_type_id: 'committee', fields: { motivation: 'I would like to help.' }, discount_code: 'ONCE' }),
    );
    await usedUp(client().signups.create(signupParams({ membership_type_id: 'monthly', discount_code: 'ONCE' })));
    assert.equal((await adminAction('decline')(applied.membership.id)).status, 200);
    const later = await client().signups.create(signupParams({ membership_type_id: 'monthly', discount_code: 'ONCE' }));
    assert.equal(later.quote.discount_amount, 180);
  });
});

describe('a membership keeps the term it was sold with until it is renewed', () => {
  it('after the type’s duration is edited, alice’s annual membership is unchanged; renewing it sells the new three-year term from its old expiry', async () => {
    const annual = sandbox.store.membershipType('demo', 'annual')!;
    annual.duration = 3; // staff now sell three-year terms
    const alice = clientFor(sandbox, { token: sandbox.issueMemberToken('demo', 'alice@example.org') });
    const before = (await alice.me.retrieve()).memberships.find((m) => m.id === 'ms_alice_annual')!;
    assert.deepEqual([before.anchor_on, before.expires_on], ['2025-11-01', '2026-11-01'], 'an edit changes nothing sold');
    const signup = await alice.me.memberships.renew('ms_alice_annual');
    await payWithCard(sandbox, clientSecretOf(signup));
    const renewed = (await alice.me.retrieve()).memberships.find((m) => m.id === 'ms_alice_annual')!;
    assert.deepEqual([renewed.kind, renewed.starts_on, renewed.anchor_on, renewed.expires_on], ['renewal', '2025-11-01', '2026-11-01', '2029-11-01']);
  });

  it('a signup sold before the edit is completed with the term it was sold with', async () => {
    const signup = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
    sandbox.store.membershipType('demo', 'monthly')!.duration_interval_type = 'year';
    await payWithCard(sandbox, clientSecretOf(signup));
    const paid = await client().signups.retrieve(signup.id);
    assert.deepEqual([paid.membership.starts_on, paid.membership.expires_on], [TODAY, '2026-04-01']);
  });
});
