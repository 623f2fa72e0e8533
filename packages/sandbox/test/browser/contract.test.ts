// The contract in Chromium: the SDK client against startSandbox (msw's service worker), one pass
// over every endpoint and the protocol (headers a page can read, problem+json, idempotency, faults).
import { expect } from '@open-wc/testing';
import {
  APIConnectionError,
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '@memberkit/sdk';
import { startSandbox, type RunningSandbox } from '@memberkit/sandbox/browser';
import { TODAY, adminFor, annualFields, clientFor, clientSecretOf, payWithCard, rejection, signupParams } from '../helpers.js';

describe('the API contract in the browser (startSandbox)', () => {
  let running: RunningSandbox;
  const sandbox = () => running.sandbox;
  const client = () => clientFor(sandbox());
  const admin = () => adminFor(sandbox());

  before(async () => {
    running = await startSandbox({ today: TODAY, validateResponses: true });
  });
  after(() => running.stop());
  beforeEach(() => sandbox().reset());
  afterEach(() => expect(sandbox().responseErrors.map((e) => e.message)).to.deep.equal([]));

  it('public endpoints: signup-config, membership types, discount validation, signups', async () => {
    const config = await client().signupConfig.retrieve({ membership_type: 'founders', invitation: 'FOUNDERS-2026' });
    expect(config.organization.id).to.equal('demo');
    expect(config.membership_types.map((t) => t.id)).to.include.members(['free', 'annual', 'founders']);
    expect((await client().membershipTypes.list()).data.length).to.be.greaterThan(0);
    expect((await client().membershipTypes.retrieve('corporate')).status).to.equal(200);
    expect((await client().discounts.validate({ code: 'WELCOME20', membership_type_id: 'annual' })).percent_off).to.equal(20);

    const free = await client().signups.create(signupParams());
    expect([free.status, free.next_action.type]).to.deep.equal(['completed', 'none']);
    const paid = await client().signups.create(signupParams({ membership_type_id: 'annual', fields: annualFields, discount_code: 'WELCOME20' }));
    expect(paid.quote.total).to.equal(4800);
    expect((await payWithCard(sandbox(), clientSecretOf(paid))).status).to.equal(200);
    expect((await client().signups.retrieve(paid.id)).status).to.equal('completed');
    const application = await client().signups.create(
      signupParams({ membership_type_id: 'committee', fields: { motivation: 'To help out on Saturdays.' } }),
    );
    expect(application.next_action).to.deep.equal({ type: 'approval' });
  });

  it('member endpoints with a member token: me, renew, cancel', async () => {
    const alice = clientFor(sandbox(), { token: sandbox().issueMemberToken('demo', 'alice@example.org') });
    const me = await alice.me.retrieve();
    expect(me.permissions).to.deep.equal(['member-area', 'workshop']);
    const renewal = await alice.me.memberships.renew('ms_alice_annual');
    expect(renewal.status).to.equal('awaiting_payment');
    const cancelled = await alice.me.memberships.cancel('ms_alice_annual');
    expect(cancelled.status).to.equal('cancelled');
    expect(await rejection(client().me.retrieve())).to.be.instanceOf(AuthenticationError);
  });

  it('admin endpoints with the secret key: members, memberships, companies, permissions', async () => {
    const member = await admin().members.create({ email: 'browser.admin@example.org', first_name: 'B', last_name: 'A' });
    expect((await admin().members.retrieve(member.id)).email).to.equal('browser.admin@example.org');
    expect((await admin().members.list({ email: 'BROWSER.ADMIN@example.org' })).data.map((m) => m.id)).to.deep.equal([member.id]);
    const company = await admin().companies.create({ name: 'Initech' });
    await admin().memberships.create({ membership_type_id: 'corporate', company_id: company.id });
    await admin().companies.addMember(company.id, member.id);
    const permissions = await admin().permissions.retrieve(member.id);
    expect(permissions.permissions).to.deep.equal(['job-board', 'member-area']);
    expect(permissions.granted_by.map((g) => g.via_company)).to.deep.equal([true]);
    expect((await admin().companies.removeMember(company.id, member.id)).member_ids).to.deep.equal([]);
    const held = await admin().memberships.create({ membership_type_id: 'monthly', member_id: member.id });
    expect((await admin().memberships.list({ member_id: member.id })).data.map((m) => m.id)).to.deep.equal([held.id]);
    expect((await admin().memberships.cancel(held.id)).status).to.equal('cancelled');
    const asMember = clientFor(sandbox(), { token: sandbox().issueMemberToken('demo', 'alice@example.org') });
    expect(await rejection(asMember.members.list())).to.be.instanceOf(PermissionDeniedError);
  });

  it('error codes reach the page as typed errors with readable headers (Request-Id, Link, Retry-After)', async () => {
    const missing = await rejection(client().membershipTypes.retrieve('nope'));
    expect(missing).to.be.instanceOf(NotFoundError);
    expect(missing.requestId).to.match(/^req_/);
    const already = await rejection(
      client().signups.create(signupParams({ membership_type_id: 'annual', fields: annualFields, member: { email: 'alice@example.org', first_name: 'A', last_name: 'A' } })),
    );
    expect(already).to.be.instanceOf(ConflictError);
    expect(already.code).to.equal('already_member');
    expect(already.headers.get('link')).to.contain('ms_alice_annual');
    const invalid = await rejection(client().signups.create(signupParams({ membership_type_id: 'annual', fields: {} })));
    expect(invalid).to.be.instanceOf(UnprocessableEntityError);
    expect(invalid.errors.map((e: { field: string }) => e.field)).to.include('fields.terms');
    for (const [params, code] of [
      [signupParams({ membership_type_id: 'founders' }), 'invitation_required'],
      [signupParams({ membership_type_id: 'monthly', discount_code: 'LAUNCH' }), 'invalid_discount'],
      [signupParams({ membership_type_id: 'supporter', amount: 100 }), 'amount_out_of_range'],
      [signupParams({ membership_type_id: 'newsletter', discount_code: 'WELCOME20' }), 'below_processor_minimum'],
    ] as const) {
      expect((await rejection(client().signups.create(params))).code).to.equal(code);
    }
    const limited = await rejection(client().membershipTypes.list({}, { headers: { 'sandbox-fault': 'rate_limited' } }));
    expect(limited).to.be.instanceOf(RateLimitError);
    expect(limited.headers.get('retry-after')).to.equal('0');
    const big = await rejection(client().signups.create(signupParams({ fields: { essay: 'x'.repeat(70_000) } })));
    expect(big).to.be.instanceOf(PayloadTooLargeError);
  });

  it('idempotency: replay, 422 on a different body, 409 while running; a lost response is recovered', async () => {
    const params = signupParams({ membership_type_id: 'monthly' });
    const first = await client().signups.create(params, { idempotencyKey: 'b-1' });
    expect((await client().signups.create(params, { idempotencyKey: 'b-1' })).id).to.equal(first.id);
    expect((await rejection(client().signups.create(signupParams(), { idempotencyKey: 'b-1' }))).code).to.equal('idempotency_key_reused');

    // The first request waits inside the sandbox, holding its key, until the test releases it.
    const other = signupParams();
    const hold = sandbox().holdNextRequest();
    const a = client().signups.create(other, { idempotencyKey: 'b-2' });
    await hold.held;
    const b = await rejection(client().signups.create(other, { idempotencyKey: 'b-2' }));
    hold.release();
    expect((await a).member.email).to.equal(other.member.email);
    expect(b).to.be.instanceOf(ConflictError);
    expect(b.code).to.equal('idempotency_conflict');

    const lost = signupParams();
    const error = await rejection(client().signups.create(lost, { idempotencyKey: 'b-3', headers: { 'sandbox-fault': 'lost_response' } }));
    expect(error).to.be.instanceOf(APIConnectionError);
    const recovered = await client().signups.create(lost, { idempotencyKey: 'b-3' });
    expect(recovered.member.email).to.equal(lost.member.email);
    expect(Object.values(sandbox().store.state.signups).filter((s) => s.member_id === recovered.member.id)).to.have.length(1);
  });

  it('hosted checkout: the next action is a hosted_page url with the client secret', async () => {
    sandbox().setHostedCheckoutUrl(new URL('/checkout.html', location.href).href);
    const signup = await client().signups.create(signupParams({ membership_type_id: 'monthly' }));
    sandbox().setHostedCheckoutUrl(null);
    if (signup.next_action.type !== 'payment' || signup.next_action.ui_mode !== 'hosted_page') throw new Error('expected a hosted page');
    expect(new URL(signup.next_action.url).searchParams.get('client_secret')).to.match(/^cs_test_/);
  });
});
