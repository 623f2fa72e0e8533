// Contract tests, admin endpoints (secret key): members, memberships, companies, permissions.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthenticationError, ConflictError, NotFoundError, PermissionDeniedError, UnprocessableEntityError, createClient } from '@memberkit/sdk';
import { setupSandboxServer } from '@memberkit/sandbox/node';
import { TODAY, adminFor, clientFor, freshEmail, rejection, signupParams } from '../helpers.js';

const server = setupSandboxServer({ today: TODAY, validateResponses: true });
const sandbox = server.sandbox;
const admin = () => adminFor(sandbox);

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(() => sandbox.reset());
afterEach(() => assert.deepEqual(sandbox.responseErrors.map((e) => e.message), []));

describe('admin authentication', () => {
  it('no credentials or a wrong/live key → 401; a member token → 403', async () => {
    const none = await rejection(clientFor(sandbox).members.list());
    assert.ok(none instanceof AuthenticationError);
    assert.equal(none.code, 'unauthorized');
    assert.ok((await rejection(clientFor(sandbox, { secretKey: 'sk_test_wrong' }).members.list())) instanceof AuthenticationError);
    assert.ok((await rejection(clientFor(sandbox, { secretKey: 'sk_live_real' }).members.list())) instanceof AuthenticationError);
    const member = await rejection(clientFor(sandbox, { token: sandbox.issueMemberToken('demo', 'alice@example.org') }).members.list());
    assert.ok(member instanceof PermissionDeniedError);
    assert.equal(member.code, 'forbidden');
  });

  it('the same key works for every demo organization', async () => {
    assert.ok((await adminFor(sandbox, 'demo-kwd').members.list()).data.length === 0);
  });
});

describe('members', () => {
  it('lists page by page and finds one by normalized email', async () => {
    const page = await admin().members.list({ limit: 2 });
    assert.deepEqual([page.data.length, page.has_more], [2, true]);
    const ids: string[] = [];
    for await (const member of admin().members.list({ limit: 1 })) ids.push(member.id);
    assert.deepEqual(ids, ['mem_alice', 'mem_bob', 'mem_carol']);
    const found = await admin().members.list({ email: '  ALICE@example.org ' });
    assert.deepEqual(found.data.map((m) => m.id), ['mem_alice']);
  });

  it('creates a member (201) and refuses a duplicate email: 409 member_exists', async () => {
    const created = await admin().members.create({ email: 'New.Person@Example.org', first_name: 'New', last_name: 'Person' });
    assert.deepEqual([created.email, created.status], ['new.person@example.org', 'prospective']);
    assert.equal((await admin().members.retrieve(created.id)).id, created.id);
    const dup = await rejection(admin().members.create({ email: 'new.person@example.org' }));
    assert.ok(dup instanceof ConflictError);
    assert.equal(dup.code, 'member_exists');
    const bad = await rejection(admin().members.create({ email: 'not an email' }));
    assert.ok(bad instanceof UnprocessableEntityError);
    assert.deepEqual(bad.errors.map((e: any) => `${e.field}:${e.code}`), ['email:invalid_email']);
  });

  it('trims the email before checking it, as signups do: a padded new email is created, a padded known one is member_exists', async () => {
    const created = await admin().members.create({ email: '  New.Person@Example.org ', first_name: 'New', last_name: 'Person' });
    assert.equal(created.email, 'new.person@example.org');
    const known = await rejection(admin().members.create({ email: ' ALICE@example.org', first_name: 'A', last_name: 'A' }));
    assert.deepEqual([known.status, known.code], [409, 'member_exists']);
  });

  it('unknown member → 404', async () => {
    assert.ok((await rejection(admin().members.retrieve('mem_nope'))) instanceof NotFoundError);
  });
});

describe('memberships', () => {
  it('lists by status and member', async () => {
    const active = await admin().memberships.list({ status: 'active', limit: 100 });
    assert.deepEqual(active.data.map((m) => m.id).sort(), ['ms_acme', 'ms_alice_annual']);
    const expired = await admin().memberships.list({ status: 'expired' });
    assert.deepEqual(expired.data.map((m) => m.id), ['ms_carol_monthly']);
    const alice = await admin().memberships.list({ member_id: 'mem_alice' });
    assert.deepEqual(alice.data.map((m) => m.id), ['ms_alice_annual']);
    const bad = await fetch(`${sandbox.baseUrl}/organizations/demo/memberships?status=sleeping`, { headers: { authorization: 'Bearer sk_test_sandbox' } });
    assert.equal(bad.status, 422);
  });

  it('assigns a membership by hand: confirmed, no payment, dates from the type', async () => {
    // Two types for one member: the organization allows one membership per type.
    sandbox.store.organization('demo')!.membership_policy = 'one_per_type';
    const member = await admin().members.create({ email: freshEmail() });
    const membership = await admin().memberships.create({ membership_type_id: 'annual', member_id: member.id });
    assert.deepEqual(
      [membership.status, membership.kind, membership.starts_on, membership.expires_on, membership.price_paid],
      ['active', 'new', TODAY, '2027-03-01', 0],
    );
    const backdated = await admin().memberships.create({ membership_type_id: 'monthly', member_id: member.id, starts_on: '2026-02-10' });
    assert.equal(backdated.expires_on, '2026-03-10');
    assert.equal(sandbox.store.payments('demo').length, 0);
    const dup = await rejection(admin().memberships.create({ membership_type_id: 'annual', member_id: member.id }));
    assert.equal(dup.code, 'already_member');
  });

  it('auto_renew follows the type as on signups: a contradicting one is a field error, the member’s choice is kept', async () => {
    // Two types for one member: the organization allows one membership per type.
    sandbox.store.organization('demo')!.membership_policy = 'one_per_type';
    const contradicting = await rejection(admin().memberships.create({ membership_type_id: 'monthly', member_id: 'mem_bob', auto_renew: false }));
    assert.ok(contradicting instanceof UnprocessableEntityError);
    assert.deepEqual(contradicting.errors.map((e: any) => `${e.field}:${e.code}`), ['auto_renew:invalid_option']);
    // Bob's list shows his company's membership (via_company) and nothing of his own.
    const bobs = (await admin().memberships.list({ member_id: 'mem_bob' })).data;
    assert.deepEqual(bobs.map((m) => [m.id, m.via_company]), [['ms_acme', true]], 'nothing assigned');
    assert.equal((await admin().memberships.create({ membership_type_id: 'monthly', member_id: 'mem_bob' })).auto_renew, true);
    assert.equal((await admin().memberships.create({ membership_type_id: 'flexible', member_id: 'mem_bob', auto_renew: true })).auto_renew, true);
  });

  it('refuses an assignment without exactly one holder or with unknown ids', async () => {
    const neither = await rejection(admin().memberships.create({ membership_type_id: 'annual' }));
    assert.ok(neither instanceof UnprocessableEntityError);
    assert.equal(neither.code, 'validation_failed');
    const unknown = await rejection(admin().memberships.create({ membership_type_id: 'nope', member_id: 'mem_nope' }));
    assert.deepEqual(unknown.errors.map((e: any) => `${e.field}:${e.code}`), ['membership_type_id:not_found', 'member_id:not_found']);
  });

  it('cancels (admin)', async () => {
    const cancelled = await admin().memberships.cancel('ms_alice_annual');
    assert.equal(cancelled.status, 'cancelled');
    assert.ok((await rejection(admin().memberships.cancel('ms_nope'))) instanceof NotFoundError);
  });

  it('approve/decline (sandbox admin extension) only for applications awaiting approval', async () => {
    const approve = await fetch(`${sandbox.baseUrl}/organizations/demo/memberships/ms_alice_annual/approve`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_sandbox' },
    });
    assert.equal(approve.status, 409);
    assert.equal((await approve.json()).code, 'not_awaiting_approval');
  });
});

describe('companies and permissions', () => {
  it('permissions say which memberships grant them (granted_by)', async () => {
    const alice = await admin().permissions.retrieve('mem_alice');
    assert.deepEqual(alice, { permissions: ['member-area', 'workshop'], granted_by: [{ membership_id: 'ms_alice_annual', via_company: false }] });
    const bob = await admin().permissions.retrieve('mem_bob');
    assert.deepEqual(bob, { permissions: ['job-board', 'member-area'], granted_by: [{ membership_id: 'ms_acme', via_company: true }] });
    assert.deepEqual((await admin().permissions.retrieve('mem_carol')).permissions, []);
    assert.ok((await rejection(admin().permissions.retrieve('mem_nope'))) instanceof NotFoundError);
  });

  it('members linked to a company inherit its active memberships; unlinking removes them at once', async () => {
    const company = await admin().companies.create({ name: 'Globex', member_ids: ['mem_carol'] });
    assert.deepEqual(company.member_ids, ['mem_carol']);
    await admin().memberships.create({ membership_type_id: 'corporate', company_id: company.id });
    assert.deepEqual((await admin().permissions.retrieve('mem_carol')).permissions, ['job-board', 'member-area']);
    const withAlice = await admin().companies.addMember(company.id, 'mem_alice');
    assert.deepEqual(withAlice.member_ids.sort(), ['mem_alice', 'mem_carol']);
    const alice = await admin().permissions.retrieve('mem_alice');
    assert.deepEqual(alice.permissions, ['job-board', 'member-area', 'workshop']);
    assert.deepEqual(alice.granted_by.map((g) => g.via_company), [false, true]);
    const without = await admin().companies.removeMember(company.id, 'mem_carol');
    assert.deepEqual(without.member_ids, ['mem_alice']);
    assert.deepEqual((await admin().permissions.retrieve('mem_carol')).permissions, []);
  });

  it('the client renames a company and changes or removes its contact', async () => {
    const company = await admin().companies.create({ name: 'Globex', contact_email: 'office@globex.example' });
    const updated = await admin().companies.update(company.id, { name: 'Globex Corporation', contact_email: 'Accounts@Globex.Example' });
    assert.deepEqual([updated.name, updated.contact_email], ['Globex Corporation', 'accounts@globex.example']);
    assert.equal((await admin().companies.update(company.id, { contact_email: null })).contact_email, null);
    assert.ok((await rejection(admin().companies.update('co_nope', { name: 'X' }))) instanceof NotFoundError);
  });

  it('a company’s lapsed membership grants nothing', async () => {
    sandbox.setToday('2027-06-01');
    assert.deepEqual((await admin().permissions.retrieve('mem_bob')).permissions, []);
  });

  it('refuses unknown companies and members', async () => {
    assert.ok((await rejection(admin().companies.addMember('co_nope', 'mem_alice'))) instanceof NotFoundError);
    const badMember = await rejection(admin().companies.addMember('co_acme', 'mem_nope'));
    assert.deepEqual(badMember.errors.map((e: any) => `${e.field}:${e.code}`), ['member_id:not_found']);
    assert.ok((await rejection(admin().companies.removeMember('co_acme', 'mem_nope'))) instanceof NotFoundError);
    assert.ok((await rejection(admin().companies.removeMember('co_nope', 'mem_bob'))) instanceof NotFoundError);
    const noName = await rejection(admin().companies.create({ name: '' }));
    assert.equal(noName.code, 'validation_failed');
  });

  it('a member who signs up gets the permissions of the type', async () => {
    const signup = await clientFor(sandbox).signups.create(signupParams());
    assert.deepEqual((await admin().permissions.retrieve(signup.member.id)).permissions, ['newsletter']);
  });
});

describe('admin creates carry an Idempotency-Key', () => {
  it('POST members, memberships and companies without the header → 400 naming it; nothing is created', async () => {
    const count = () => [sandbox.store.state.members, sandbox.store.state.memberships, sandbox.store.state.companies].map((r) => Object.keys(r).length);
    const before = count();
    const bodies: [string, unknown][] = [
      ['members', { email: freshEmail(), first_name: 'No', last_name: 'Key' }],
      ['memberships', { membership_type_id: 'monthly', member_id: 'mem_bob' }],
      ['companies', { name: 'Keyless Ltd' }],
    ];
    for (const [path, body] of bodies) {
      const response = await fetch(`${sandbox.baseUrl}/organizations/demo/${path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_sandbox', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(response.status, 400, path);
      const problem = await response.json();
      assert.equal(problem.code, 'validation_failed');
      assert.deepEqual(problem.errors.map((e: any) => [e.field, e.code]), [['Idempotency-Key', 'required']]);
    }
    assert.deepEqual(count(), before);
    // The SDK client sends a key on every create.
    assert.ok((await admin().companies.create({ name: 'Keyed Ltd' })).id);
  });
});

describe('unlinking a company member (DELETE): retries are answered from the idempotency ledger', () => {
  it('after a lost response the SDK’s retry (same key) gets the stored answer, not a 404', async () => {
    const keys: (string | null)[] = [];
    // The first attempt's reply is dropped after the work is done; the SDK retries with its key.
    const dropFirstReply: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      keys.push(headers.get('idempotency-key'));
      if (keys.length === 1) headers.set('sandbox-fault', 'lost_response');
      return fetch(input, { ...init, headers });
    };
    const retrying = createClient({
      baseUrl: sandbox.baseUrl,
      organization: 'demo',
      secretKey: 'sk_test_sandbox',
      maxRetries: 2,
      backoff: { initialDelay: 1, maxDelay: 5 },
      fetch: dropFirstReply,
    });
    const company = await retrying.companies.removeMember('co_acme', 'mem_bob');
    assert.deepEqual(company.member_ids, []);
    assert.equal(keys.length, 2);
    assert.ok(keys[0] && keys[0] === keys[1], 'both attempts carry the same key');
    assert.equal(sandbox.stats.replays, 1, 'the retry was answered from the idempotency record');
    assert.equal(sandbox.store.state.members['mem_bob']!.company_id, null);
    assert.deepEqual((await admin().permissions.retrieve('mem_bob')).permissions, []);
  });

  it('the same key on another DELETE is 422 idempotency_key_reused; unlinking again without a key is 404 (not linked)', async () => {
    const unlink = (memberId: string, key?: string) =>
      fetch(`${sandbox.baseUrl}/organizations/demo/companies/co_acme/members/${memberId}`, {
        method: 'DELETE',
        headers: { authorization: 'Bearer sk_test_sandbox', ...(key ? { 'idempotency-key': key } : {}) },
      });
    assert.equal((await unlink('mem_bob', 'unlink-1')).status, 200);
    const reused = await unlink('mem_alice', 'unlink-1');
    assert.equal(reused.status, 422);
    assert.equal((await reused.json()).code, 'idempotency_key_reused');
    // Bob is no longer linked: a new request (no key, or a new one) says so.
    const again = await unlink('mem_bob');
    assert.equal(again.status, 404);
    assert.match((await again.json()).detail, /not linked to company "co_acme"/);
  });

  it('unlinking a member from a company they do not belong to is 404, and they stay in their own company', async () => {
    const globex = await admin().companies.create({ name: 'Globex' });
    const wrong = await rejection(admin().companies.removeMember(globex.id, 'mem_bob'));
    assert.ok(wrong instanceof NotFoundError);
    assert.equal(sandbox.store.state.members['mem_bob']!.company_id, 'co_acme');
    assert.deepEqual((await admin().permissions.retrieve('mem_bob')).permissions, ['job-board', 'member-area']);
  });
});

describe('settings and membership types through the SDK (typed resources)', () => {
  it('settings.update and membershipTypes.create/update/archive answer typed objects; problems are typed errors', async () => {
    const settings = await admin().settings.update({ currency: 'usd', membership_policy: 'unlimited' });
    assert.deepEqual([settings.currency, settings.membership_policy], ['USD', 'unlimited']);
    const type = await admin().membershipTypes.create({ membership_name: 'Kids club', price: { value: 0 }, duration: 1, duration_interval_type: 'year' });
    assert.deepEqual([type.id, type.price.display, type.archived_at], ['kids-club', '$0.00', null]);
    assert.equal((await admin().membershipTypes.update(type.id, { description: 'Under 12s' })).description, 'Under 12s');
    assert.ok((await admin().membershipTypes.archive(type.id)).archived_at);
    const listed = await admin().membershipTypes.list({ limit: 100 });
    assert.ok(listed.data.some((t) => t.id === 'kids-club'), 'staff see archived types');
    const conflict = await rejection(admin().membershipTypes.archive('free'));
    assert.ok(conflict instanceof ConflictError);
    assert.equal(conflict.code, 'default_type_required');
  });
});

describe('applications through the SDK (typed resource)', () => {
  it('applications.list, approve and decline answer typed applications; a finished one is a typed ConflictError', async () => {
    const fields = { motivation: 'I would like to help run the club.' };
    const first = await clientFor(sandbox).signups.create(signupParams({ membership_type_id: 'committee', fields }));
    const second = await clientFor(sandbox).signups.create(signupParams({ membership_type_id: 'committee', fields }));
    const open = await admin().applications.list();
    assert.deepEqual(open.data.map((a) => [a.id, a.status]), [[first.id, 'awaiting_approval'], [second.id, 'awaiting_approval']]);
    const approved = await admin().applications.approve(first.id);
    assert.deepEqual([approved.status, approved.member.email], ['approved', first.member.email]);
    assert.equal((await admin().applications.decline(second.id)).status, 'closed');
    const conflict = await rejection(admin().applications.decline(second.id));
    assert.ok(conflict instanceof ConflictError);
    assert.equal(conflict.code, 'not_an_application');
    const ids: string[] = [];
    for await (const application of admin().applications.list({ status: 'approved' })) ids.push(application.id);
    assert.deepEqual(ids, [first.id]);
    assert.equal((await admin().applications.retrieve(second.id)).status, 'closed');
  });
});

describe('members: search, export and history through the SDK', () => {
  it('members.list searches, members.export answers the CSV text, members.memberships the history; problems are typed errors', async () => {
    const ids: string[] = [];
    for await (const member of admin().members.list({ q: 'example.org', status: 'active', limit: 1 })) ids.push(member.id);
    assert.deepEqual(ids, ['mem_alice', 'mem_bob']);
    const csv = await admin().members.export({ q: 'alice' });
    assert.deepEqual(csv.split('\r\n').filter(Boolean).map((row) => row.split(',')[0]), ['id', 'mem_alice']);
    const [held] = (await admin().members.memberships('mem_alice')).data;
    assert.deepEqual([held?.id, held?.terms?.[0]?.kind], ['ms_alice_annual', 'new']);
    assert.ok((await rejection(admin().members.export({ status: 'gold' as 'active' }))) instanceof UnprocessableEntityError);
    assert.ok((await rejection(admin().members.memberships('mem_nope'))) instanceof NotFoundError);
  });
});
