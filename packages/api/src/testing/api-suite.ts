// The API's conformance suite: the HTTP contract driven with plain Requests through a fetch and a
// base URL, so that every host of @memberkit/api runs the same checks: handle() on memory storage
// (this package's tests), the server over real HTTP on PGlite and PostgreSQL. Pass the test
// functions of your runner (node:test's `describe` and `it`, mocha's, …) and your host.
import assert from 'node:assert/strict';
import {
  DiscountSchema,
  MeSchema,
  MembershipSchema,
  MembershipTypeSchema,
  PageSchema,
  PermissionsSchema,
  ProblemSchema,
  SignupConfigSchema,
  SignupSchema,
  CompanySchema,
  MemberSchema,
  isApiErrorCode,
  isDiscountRefusal,
  type Signup,
} from '@memberkit/sdk';
import type { SuiteFunctions } from './storage-suite.js';
import { organizationRulesSuite } from './suite/organization-rules.js';
import { administrationSuite } from './suite/administration.js';
import { signInSuite } from './suite/sign-in.js';
import { selfServiceSuite } from './suite/self-service.js';
import { staffRecordsSuite } from './suite/staff-records.js';
import { refundsSuite } from './suite/refunds.js';
import { apiSuiteToday, type Answer, type ApiSuiteHost, type CallOptions, type SuiteKit } from './suite/kit.js';

export { apiSuiteToday, type Answer, type ApiSuiteHost, type CallOptions, type SuiteKit, type SuitePayment } from './suite/kit.js';


export function apiSuite({ describe, it }: SuiteFunctions, host: ApiSuiteHost): void {
  const send = host.fetch ?? ((request: Request) => globalThis.fetch(request));
  const secretKey = host.secretKey ?? 'sk_test_sandbox';
  let counter = 0;
  const fresh = (prefix = 'person') => `${prefix}.${Date.now().toString(36)}.${(counter++).toString(36)}@example.org`;
  const requestIds: string[] = [];

  /** One request; every answer is checked against the contract's envelope on the way. */
  async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const headers = new Headers(options.headers);
    if (options.auth) headers.set('authorization', `Bearer ${options.auth}`);
    if (options.key) headers.set('idempotency-key', options.key === true ? `suite-${Date.now()}-${counter++}` : options.key);
    let body: string | undefined = options.text;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers.set('content-type', 'application/json');
    const response = await send(new Request(`${host.baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) }));
    const requestId = response.headers.get('request-id');
    assert.ok(requestId, `${method} ${path}: every answer carries a Request-Id`);
    requestIds.push(requestId);
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    // A text answer (a CSV export) is answered as text.
    const parsed = text === '' ? null : type.startsWith('text/') ? text : (JSON.parse(text) as unknown);
    if (response.status >= 400) {
      assert.equal(type, 'application/problem+json', `${method} ${path}: an error is problem+json`);
      const problem = ProblemSchema.safeParse(parsed);
      assert.ok(problem.success, `${method} ${path}: the problem matches ProblemSchema`);
      assert.equal(problem.data.status, response.status);
      assert.ok(isApiErrorCode(problem.data.code), `${method} ${path}: "${problem.data.code}" is an ApiErrorCode`);
      if (problem.data.code === 'invalid_discount') {
        assert.ok(isDiscountRefusal(problem.data.reason), `"${String(problem.data.reason)}" is a DiscountRefusal`);
        for (const error of problem.data.errors ?? []) assert.ok(isDiscountRefusal(error.code), `"${error.code}" is a DiscountRefusal`);
      }
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  const org = (path: string, organization = 'demo') => `/organizations/${organization}${path}`;
  const admin = { auth: secretKey };
  const expect = <T>(answer: Answer, status: number, schema: { safeParse(value: unknown): { success: boolean; error?: unknown } }): T => {
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    const parsed = schema.safeParse(answer.body);
    assert.ok(parsed.success, `the answer matches its SDK schema: ${JSON.stringify(parsed.error)}`);
    return answer.body as T;
  };
  const problemOf = (answer: Answer, status: number, code: string) => {
    assert.deepEqual([answer.status, answer.body?.code], [status, code], JSON.stringify(answer.body));
    return answer.body as Record<string, any>;
  };
  const fieldsOf = (problem: Record<string, any>) => (problem.errors ?? []).map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
  const person = (prefix?: string) => ({ email: fresh(prefix), first_name: 'Pat', last_name: 'Member' });
  const signUp = async (params: Record<string, unknown>, options: CallOptions = {}) =>
    call('POST', org('/signups'), { body: { fields: {}, member: person(), ...params }, key: true, ...options });
  const signupOf = (answer: Answer) => expect<Signup>(answer, 201, SignupSchema);
  const poll = async (id: string) => expect<Signup>(await call('GET', org(`/signups/${id}`)), 200, SignupSchema);
  const annualFields = { display_name: 'Pat M', tshirt: 'm', terms: true };

  const withHost = (body: () => Promise<void>) => async () => {
    await host.reset();
    await body();
  };

  describe('the API contract (conformance suite)', () => {
    describe('protocol: Request-Id, problem+json, routing, bodies', () => {
      it('a distinct Request-Id on every answer; unknown endpoint 404, a known path with another method 405 with Allow', withHost(async () => {
        const before = requestIds.length;
        expect(await call('GET', org('/membership-types')), 200, PageSchema(MembershipTypeSchema));
        problemOf(await call('GET', org('/membership-types/nope')), 404, 'not_found');
        problemOf(await call('GET', org('/nowhere')), 404, 'not_found');
        problemOf(await call('GET', org('/membership-types', 'no-such-org')), 404, 'not_found');
        const wrong = await call('DELETE', org('/signups'));
        problemOf(wrong, 405, 'method_not_allowed');
        assert.equal(wrong.headers.get('allow'), 'POST');
        const ids = requestIds.slice(before);
        assert.equal(new Set(ids).size, ids.length);
      }));

      it('a body that is not JSON is 400 invalid_json; a malformed Authorization header 401; a body over 64 KiB 413', withHost(async () => {
        problemOf(await call('POST', org('/discounts/validate'), { text: '{"code":' }), 400, 'invalid_json');
        problemOf(await call('GET', org('/membership-types'), { headers: { authorization: 'Basic abc' } }), 401, 'unauthorized');
        const big = await call('POST', org('/signups'), { body: { membership_type_id: 'free', member: person(), fields: { essay: 'x'.repeat(70_000) } }, key: true });
        problemOf(big, 413, 'payload_too_large');
      }));
    });

    describe('idempotency (Idempotency-Key)', () => {
      it('same key and body: the stored answer (Idempotent-Replayed), whatever the key order; a different body: 422', withHost(async () => {
        const body = { membership_type_id: 'monthly', member: person(), fields: {} };
        const first = signupOf(await call('POST', org('/signups'), { body, key: 'suite-same' }));
        const reordered = Object.fromEntries(Object.entries(body).reverse());
        const again = await call('POST', org('/signups'), { body: reordered, key: 'suite-same' });
        assert.equal(again.headers.get('idempotent-replayed'), 'true');
        assert.deepEqual(signupOf(again), first);
        const other = await call('POST', org('/signups'), { body: { ...body, member: person() }, key: 'suite-same' });
        problemOf(other, 422, 'idempotency_key_reused');
        const elsewhere = await call('POST', org('/discounts/validate'), { body: { code: 'WELCOME20', membership_type_id: 'annual' }, key: 'suite-same' });
        problemOf(elsewhere, 422, 'idempotency_key_reused');
      }));

      it('a POST that creates needs a key (400 naming it, nothing created); a refused request is replayed too', withHost(async () => {
        const email = fresh();
        const missing = problemOf(await call('POST', org('/signups'), { body: { membership_type_id: 'free', member: { email, first_name: 'N', last_name: 'K' }, fields: {} } }), 400, 'validation_failed');
        assert.deepEqual(fieldsOf(missing), ['Idempotency-Key:required']);
        const found = await call('GET', org(`/members?email=${encodeURIComponent(email)}`), admin);
        assert.deepEqual(found.body.data, []);
        const invalid = { membership_type_id: 'nope', member: person(), fields: {} };
        const a = await call('POST', org('/signups'), { body: invalid, key: 'suite-invalid' });
        const b = await call('POST', org('/signups'), { body: invalid, key: 'suite-invalid' });
        assert.deepEqual([a.status, b.status, b.headers.get('idempotent-replayed')], [422, 422, 'true']);
      }));

      it('keys are scoped per caller: a member’s key does not collide with an anonymous one', withHost(async () => {
        await signUp({ membership_type_id: 'free' }, { key: 'suite-scope' });
        const token = await host.memberToken('demo', 'alice@example.org');
        const renewal = signupOf(await call('POST', org('/me/memberships/ms_alice_annual/renew'), { body: {}, auth: token, key: 'suite-scope' }));
        assert.equal(renewal.status, 'awaiting_payment');
      }));
    });

    describe('public endpoints', () => {
      it('signup-config: the organization, the listed types, the payment settings; a hidden type addressed; an invite-only one only with its invitation', withHost(async () => {
        const config = expect<any>(await call('GET', org('/signup-config')), 200, SignupConfigSchema);
        assert.deepEqual([config.organization.id, config.organization.currency, config.member], ['demo', 'USD', null]);
        assert.deepEqual(config.payment, { provider: 'stripe', publishable_key: 'pk_test_sandbox' });
        const ids = config.membership_types.map((type: { id: string }) => type.id);
        assert.ok(ids.includes('annual') && !ids.includes('founders') && !ids.includes('corporate'));
        const hidden = expect<any>(await call('GET', org('/signup-config?membership_type=corporate')), 200, SignupConfigSchema);
        assert.ok(hidden.membership_types.some((type: { id: string }) => type.id === 'corporate'));
        const invited = expect<any>(await call('GET', org('/signup-config?invitation=founders-2026')), 200, SignupConfigSchema);
        assert.ok(invited.membership_types.some((type: { id: string }) => type.id === 'founders'));
        const missing = problemOf(await call('GET', org('/signup-config?membership_type=founders')), 422, 'invitation_required');
        assert.deepEqual(fieldsOf(missing), ['invitation:required']);
        assert.deepEqual(fieldsOf(problemOf(await call('GET', org('/signup-config?invitation=NOPE')), 422, 'invitation_required')), ['invitation:invalid']);
        const token = await host.memberToken('demo', 'Alice@Example.org');
        const prefilled = expect<any>(await call('GET', org('/signup-config'), { auth: token }), 200, SignupConfigSchema);
        assert.deepEqual([prefilled.member.id, prefilled.member.status], ['mem_alice', 'active']);
        problemOf(await call('GET', org('/signup-config'), { auth: 'mt_test_forged' }), 401, 'unauthorized');
      }));

      it('membership types: listed ones page by page; a limit outside 1–100 is 422', withHost(async () => {
        const first = expect<any>(await call('GET', org('/membership-types?limit=3')), 200, PageSchema(MembershipTypeSchema));
        assert.deepEqual([first.data.length, first.has_more], [3, true]);
        const second = expect<any>(await call('GET', org(`/membership-types?limit=3&starting_after=${first.data[2].id}`)), 200, PageSchema(MembershipTypeSchema));
        assert.ok(second.data.every((type: { id: string }) => !first.data.some((seen: { id: string }) => seen.id === type.id)));
        assert.deepEqual(fieldsOf(problemOf(await call('GET', org('/membership-types?limit=0')), 422, 'validation_failed')), ['limit:too_small']);
        assert.equal(expect<any>(await call('GET', org('/membership-types/founders')), 200, MembershipTypeSchema).invite_only, true);
      }));

      it('discounts/validate: a usable code (case-insensitive), else why not', withHost(async () => {
        const validate = (code: string, membership_type_id = 'annual') => call('POST', org('/discounts/validate'), { body: { code, membership_type_id } });
        assert.equal(expect<any>(await validate('welcome20'), 200, DiscountSchema).percent_off, 20);
        const reasons: [string, string, string][] = [
          ['NOPE', 'annual', 'unknown'],
          ['SPRING2020', 'annual', 'expired'],
          ['FUTURE2099', 'annual', 'not_yet_valid'],
          ['LAUNCH', 'annual', 'used_up'],
          ['ANNUALONLY', 'monthly', 'not_for_this_type'],
        ];
        for (const [code, type, reason] of reasons) {
          const problem = problemOf(await validate(code, type), 422, 'invalid_discount');
          assert.deepEqual([problem.reason, fieldsOf(problem)], [reason, [`code:${reason}`]], code);
        }
        problemOf(await validate('WELCOME20', 'newsletter'), 422, 'below_processor_minimum');
      }));

      it('a free signup completes at once: active from today', withHost(async () => {
        const signup = signupOf(await signUp({ membership_type_id: 'free' }));
        assert.deepEqual([signup.status, signup.next_action.type, signup.membership.status], ['completed', 'none', 'active']);
        assert.deepEqual([signup.membership.starts_on, signup.membership.expires_on], [apiSuiteToday, '2027-03-01']);
        assert.deepEqual(signup.quote, { currency: 'USD', subtotal: 0, discount_amount: 0, total: 0 });
      }));

      it('a paid signup awaits payment; once paid it is completed, and the member has the answers', withHost(async () => {
        const signup = signupOf(await signUp({ membership_type_id: 'annual', fields: annualFields, discount_code: 'WELCOME20' }));
        assert.deepEqual([signup.status, signup.membership.status, signup.member.status], ['awaiting_payment', 'pending', 'pending']);
        assert.deepEqual(signup.quote, { currency: 'USD', subtotal: 6000, discount_amount: 1200, total: 4800 });
        assert.equal(signup.next_action.type, 'payment');
        assert.deepEqual(signup.member.fields, {}, 'the answers wait for completion');
        assert.deepEqual(await host.pay(signup.next_action), { paid: true });
        const paid = await poll(signup.id);
        assert.deepEqual([paid.status, paid.next_action.type, paid.membership.status, paid.membership.price_paid], ['completed', 'none', 'active', 4800]);
        assert.equal(paid.member.fields.tshirt, 'm');
        const redeemed = expect<any>(await call('POST', org('/discounts/validate'), { body: { code: 'WELCOME20', membership_type_id: 'annual' } }), 200, DiscountSchema);
        assert.equal(redeemed.times_redeemed, 1);
      }));

      it('every field error at once, one per field', withHost(async () => {
        const problem = problemOf(
          await signUp({ membership_type_id: 'annual', member: { email: fresh(), first_name: '', last_name: 'B' }, fields: { tshirt: 'xxl', colour: 'blue' } }),
          422,
          'validation_failed',
        );
        assert.deepEqual(fieldsOf(problem).sort(), [
          'fields.colour:unknown_field',
          'fields.display_name:required',
          'fields.terms:required',
          'fields.tshirt:invalid_option',
          'member.first_name:required',
        ]);
      }));

      it('prices: donations within their bounds, an amount refused on a fixed price, groups at one price', withHost(async () => {
        assert.equal(signupOf(await signUp({ membership_type_id: 'supporter', amount: 7777 })).quote.total, 7777);
        assert.deepEqual(fieldsOf(problemOf(await signUp({ membership_type_id: 'supporter', amount: 1000 }), 422, 'amount_out_of_range')), ['amount:too_small']);
        assert.deepEqual(fieldsOf(problemOf(await signUp({ membership_type_id: 'monthly', amount: 1 }), 422, 'validation_failed')), ['amount:not_allowed']);
        const kids = [person('kid'), person('kid')];
        const group = signupOf(await signUp({ membership_type_id: 'family', fields: { household_name: 'The Ms' }, group_members: kids }));
        assert.equal(group.quote.total, 9000);
        assert.deepEqual(await host.pay(group.next_action), { paid: true });
        for (const kid of kids) {
          const found = expect<any>(await call('GET', org(`/members?email=${encodeURIComponent(kid.email)}`), admin), 200, PageSchema(MemberSchema));
          const held = expect<any>(await call('GET', org(`/memberships?member_id=${found.data[0].id}`), admin), 200, PageSchema(MembershipSchema));
          assert.deepEqual(held.data.map((m: { membership_type_id: string; status: string }) => [m.membership_type_id, m.status]), [['family', 'active']]);
        }
      }));

      it('one membership per member and type: a second signup is 409 already_member with the renewal path', withHost(async () => {
        const problem = problemOf(
          await signUp({ membership_type_id: 'annual', fields: annualFields, member: { email: 'alice@example.org', first_name: 'A', last_name: 'A' } }),
          409,
          'already_member',
        );
        assert.deepEqual([problem.membership_id, problem.renew_path], ['ms_alice_annual', '/organizations/demo/me/memberships/ms_alice_annual/renew']);
        assert.deepEqual(fieldsOf(problem), ['member.email:already_member']);
      }));

      it('an application waits for approval; approved, it is paid with a checkout', withHost(async () => {
        const applied = signupOf(await signUp({ membership_type_id: 'committee', fields: { motivation: 'I would like to help run the club.' } }));
        assert.deepEqual([applied.status, applied.next_action], ['awaiting_approval', { type: 'approval' }]);
        expect(await call('POST', org(`/memberships/${applied.membership.id}/approve`), admin), 200, MembershipSchema);
        const approved = await poll(applied.id);
        assert.deepEqual([approved.status, approved.next_action.type], ['awaiting_payment', 'payment']);
        assert.deepEqual(await host.pay(approved.next_action), { paid: true });
        assert.equal((await poll(applied.id)).membership.status, 'active');
        problemOf(await call('POST', org('/memberships/ms_alice_annual/approve'), admin), 409, 'not_awaiting_approval');
      }));

      it('completion checks again: a membership assigned while the checkout is open makes the payment 409 already_member, and the signup fails', withHost(async () => {
        const signup = signupOf(await signUp({ membership_type_id: 'monthly' }));
        expect(await call('POST', org('/memberships'), { ...admin, key: true, body: { membership_type_id: 'monthly', member_id: signup.member.id } }), 201, MembershipSchema);
        assert.deepEqual(await host.pay(signup.next_action), { paid: false, status: 409, code: 'already_member' });
        assert.equal((await poll(signup.id)).status, 'failed');
        const held = expect<any>(await call('GET', org(`/memberships?member_id=${signup.member.id}&limit=100`), admin), 200, PageSchema(MembershipSchema));
        assert.deepEqual(held.data.map((m: { status: string }) => m.status).sort(), ['active', 'declined']);
      }));

      it('an unpaid checkout closes after 24 hours: the signup fails and paying it is 409 checkout_closed', withHost(async () => {
        const signup = signupOf(await signUp({ membership_type_id: 'monthly' }));
        await host.setToday('2026-03-02');
        const expired = await poll(signup.id);
        assert.deepEqual([expired.status, expired.membership.status], ['failed', 'declined']);
        assert.deepEqual(await host.pay(signup.next_action), { paid: false, status: 409, code: 'checkout_closed' });
      }));
    });

    describe('member endpoints (member token)', () => {
      it('GET /me: the member, their memberships with statuses, their permissions; 401 without a token, 403 with a secret key', withHost(async () => {
        const token = await host.memberToken('demo', 'alice@example.org');
        const me = expect<any>(await call('GET', org('/me'), { auth: token }), 200, MeSchema);
        assert.deepEqual([me.member.id, me.memberships.map((m: { id: string; status: string }) => [m.id, m.status]), me.permissions], [
          'mem_alice',
          [['ms_alice_annual', 'active']],
          ['member-area', 'workshop'],
        ]);
        problemOf(await call('GET', org('/me')), 401, 'unauthorized');
        problemOf(await call('GET', org('/me'), admin), 403, 'forbidden');
      }));

      it('a renewal, paid, extends the membership one term from its anchor; cancelling keeps it until its term ends', withHost(async () => {
        const token = await host.memberToken('demo', 'alice@example.org');
        const renewal = signupOf(await call('POST', org('/me/memberships/ms_alice_annual/renew'), { body: {}, auth: token, key: true }));
        assert.deepEqual([renewal.status, renewal.quote.total, renewal.membership.id], ['awaiting_payment', 6000, 'ms_alice_annual']);
        assert.deepEqual(await host.pay(renewal.next_action), { paid: true });
        const me = expect<any>(await call('GET', org('/me'), { auth: token }), 200, MeSchema);
        const renewed = me.memberships.find((m: { id: string }) => m.id === 'ms_alice_annual');
        assert.deepEqual([renewed.kind, renewed.anchor_on, renewed.expires_on], ['renewal', '2025-11-01', '2027-11-01']);
        const cancelled = expect<any>(await call('POST', org('/me/memberships/ms_alice_annual/cancel'), { auth: token }), 200, MembershipSchema);
        assert.deepEqual([cancelled.status, cancelled.cancelled_on, cancelled.auto_renew], ['cancelled', apiSuiteToday, false]);
        problemOf(await call('POST', org('/me/memberships/ms_carol_monthly/renew'), { body: {}, auth: token, key: true }), 404, 'not_found');
      }));
    });

    describe('the lifecycle (runDay): renewals, failures, groups, cancellation', () => {
      const staffView = async (id: string) => expect<any>(await call('GET', org(`/memberships/${id}`), admin), 200, MembershipSchema);
      const paidMonthly = async (card?: string) => {
        const signup = signupOf(await signUp({ membership_type_id: 'monthly' }));
        assert.deepEqual(await host.pay(signup.next_action, card), { paid: true });
        return signup.membership.id;
      };

      it('a monthly membership (expires 04-01) is charged on its attempt day 03-25 for the plan’s price: one more term in its history; the day run again changes nothing', withHost(async () => {
        const id = await paidMonthly();
        const bought = await staffView(id);
        assert.deepEqual(bought.terms.map((t: any) => [t.kind, t.starts_on, t.expires_on, t.amount_paid]), [['new', '2026-03-01', '2026-04-01', 900]]);
        assert.equal(bought.renewal.next_attempt_on, '2026-03-25');
        await host.setToday('2026-03-25');
        await host.runDay('demo', '2026-03-25');
        const renewed = await staffView(id);
        assert.deepEqual([renewed.kind, renewed.expires_on, renewed.terms.length, renewed.renewal.attempts], ['renewal', '2026-05-01', 2, 0]);
        assert.deepEqual(renewed.terms[1].starts_on, '2026-04-01');
        assert.notEqual(renewed.terms[1].payment_reference, null);
        await host.runDay('demo', '2026-03-25');
        assert.deepEqual(await staffView(id), renewed);
      }));

      it('a card declined three times (03-25, 03-28, 03-31): attempts and the reason for staff, then terminated when its paid term ends, never grace', withHost(async () => {
        const id = await paidMonthly('4000000000000341');
        for (const [day, attempts] of [['2026-03-25', 1], ['2026-03-28', 2]] as const) {
          await host.setToday(day);
          await host.runDay('demo', day);
          const view = await staffView(id);
          assert.deepEqual([view.status, view.renewal.attempts, view.renewal.last_failure_code], ['active', attempts, 'generic_decline'], day);
        }
        await host.setToday('2026-03-31');
        await host.runDay('demo', '2026-03-31');
        const last = await staffView(id);
        assert.deepEqual([last.status, last.renewal.attempts, last.terminated_on, last.renewal.next_attempt_on], ['active', 3, '2026-04-01', null]);
        await host.setToday('2026-04-02');
        assert.equal((await staffView(id)).status, 'terminated');
      }));

      it('a group’s payer renews every place for the one group price; a place alone is 409 renewed_by_group', withHost(async () => {
        const payer = person('payer');
        const kids = [person('kid'), person('kid')];
        const group = signupOf(await signUp({ membership_type_id: 'family', member: payer, fields: { household_name: 'The Ms' }, group_members: kids }));
        assert.deepEqual(await host.pay(group.next_action), { paid: true });
        const token = await host.memberToken('demo', payer.email);
        const renewal = signupOf(await call('POST', org(`/me/memberships/${group.membership.id}/renew`), { body: {}, auth: token, key: true }));
        assert.equal(renewal.quote.total, 9000);
        assert.deepEqual(await host.pay(renewal.next_action), { paid: true });
        for (const kid of kids) {
          const found = expect<any>(await call('GET', org(`/members?email=${encodeURIComponent(kid.email)}`), admin), 200, PageSchema(MemberSchema));
          const [place] = expect<any>(await call('GET', org(`/memberships?member_id=${found.data[0].id}`), admin), 200, PageSchema(MembershipSchema)).data;
          assert.deepEqual([place.expires_on, place.group_membership_id, place.terms.map((t: any) => t.amount_paid)], ['2028-03-01', group.membership.id, [0, 0]]);
          const own = await host.memberToken('demo', kid.email);
          problemOf(await call('POST', org(`/me/memberships/${place.id}/renew`), { body: {}, auth: own, key: true }), 409, 'renewed_by_group');
        }
      }));

      it('cancelled: no renewal charge, cancelled through its term and grace (7 days), terminated after', withHost(async () => {
        const signup = signupOf(await signUp({ membership_type_id: 'monthly' }));
        assert.deepEqual(await host.pay(signup.next_action), { paid: true });
        const token = await host.memberToken('demo', signup.member.email);
        expect<any>(await call('POST', org(`/me/memberships/${signup.membership.id}/cancel`), { auth: token }), 200, MembershipSchema);
        await host.setToday('2026-03-25');
        await host.runDay('demo', '2026-03-25');
        await host.setToday('2026-04-07');
        const inGrace = await staffView(signup.membership.id);
        assert.deepEqual([inGrace.status, inGrace.expires_on, inGrace.terms.length], ['cancelled', '2026-04-01', 1]);
        await host.setToday('2026-04-08');
        assert.equal((await staffView(signup.membership.id)).status, 'terminated');
      }));
    });

    describe('admin endpoints (secret key)', () => {
      it('no key or a wrong one is 401, a member token 403', withHost(async () => {
        problemOf(await call('GET', org('/members')), 401, 'unauthorized');
        problemOf(await call('GET', org('/members'), { auth: 'sk_test_wrong' }), 401, 'unauthorized');
        problemOf(await call('GET', org('/members'), { auth: await host.memberToken('demo', 'alice@example.org') }), 403, 'forbidden');
      }));

      it('members: listed page by page in the order they came; created (201, email normalized); a second with the email is 409 member_exists', withHost(async () => {
        const ids: string[] = [];
        let after: string | null = null;
        do {
          const page: any = expect(await call('GET', org(`/members?limit=1${after ? `&starting_after=${after}` : ''}`), admin), 200, PageSchema(MemberSchema));
          ids.push(...page.data.map((m: { id: string }) => m.id));
          after = page.has_more ? page.data.at(-1).id : null;
        } while (after);
        assert.deepEqual(ids, ['mem_alice', 'mem_bob', 'mem_carol']);
        const email = fresh('New.Person');
        const created = expect<any>(await call('POST', org('/members'), { ...admin, key: true, body: { email: `  ${email.toUpperCase()} ` } }), 201, MemberSchema);
        assert.deepEqual([created.email, created.status], [email.toLowerCase(), 'prospective']);
        problemOf(await call('POST', org('/members'), { ...admin, key: true, body: { email } }), 409, 'member_exists');
      }));

      it('memberships: listed by status; assigned by hand (no payment) with dates from the type; a second is 409 already_member', withHost(async () => {
        const active = expect<any>(await call('GET', org('/memberships?status=active&limit=100'), admin), 200, PageSchema(MembershipSchema));
        assert.deepEqual(active.data.map((m: { id: string }) => m.id).sort(), ['ms_acme', 'ms_alice_annual']);
        const body = { membership_type_id: 'annual', member_id: 'mem_bob' };
        const assigned = expect<any>(await call('POST', org('/memberships'), { ...admin, key: true, body }), 201, MembershipSchema);
        assert.deepEqual([assigned.status, assigned.starts_on, assigned.expires_on, assigned.price_paid], ['active', apiSuiteToday, '2027-03-01', 0]);
        problemOf(await call('POST', org('/memberships'), { ...admin, key: true, body }), 409, 'already_member');
        problemOf(await call('GET', org('/memberships?status=sleeping'), admin), 422, 'validation_failed');
      }));

      it('companies: linked members inherit the company’s running memberships; unlinking removes them at once', withHost(async () => {
        const company = expect<any>(await call('POST', org('/companies'), { ...admin, key: true, body: { name: 'Globex', member_ids: ['mem_carol'] } }), 201, CompanySchema);
        assert.deepEqual(company.member_ids, ['mem_carol']);
        expect(await call('POST', org('/memberships'), { ...admin, key: true, body: { membership_type_id: 'corporate', company_id: company.id } }), 201, MembershipSchema);
        const granted = expect<any>(await call('GET', org('/members/mem_carol/permissions'), admin), 200, PermissionsSchema);
        assert.deepEqual(granted.permissions, ['job-board', 'member-area']);
        assert.deepEqual(granted.granted_by.map((g: { via_company: boolean }) => g.via_company), [true]);
        const unlinked = expect<any>(await call('DELETE', org(`/companies/${company.id}/members/mem_carol`), { ...admin, key: true }), 200, CompanySchema);
        assert.deepEqual(unlinked.member_ids, []);
        assert.deepEqual(expect<any>(await call('GET', org('/members/mem_carol/permissions'), admin), 200, PermissionsSchema).permissions, []);
        problemOf(await call('DELETE', org(`/companies/${company.id}/members/mem_carol`), admin), 404, 'not_found');
      }));
    });

    // The groups that follow live in testing/suite/, one file each, with these helpers.
    const kit: SuiteKit = { describe, it, host, call, org, admin, expect, problemOf, fieldsOf, person, signUp, signupOf, poll, withHost, fresh, annualFields };
    organizationRulesSuite(kit);
    administrationSuite(kit);
    signInSuite(kit);
    selfServiceSuite(kit);
    staffRecordsSuite(kit);
    refundsSuite(kit);
  });
}

