import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import {
  CompanySchema,
  DateSchema,
  DiscountSchema,
  InstantSchema,
  MeSchema,
  MembershipSchema,
  MembershipTypeSchema,
  NextActionSchema,
  OrganizationSchema,
  PageSchema,
  PermissionsSchema,
  ProblemSchema,
  SignupConfigSchema,
  SignupCreateParamsSchema,
  SignupSchema,
  receivedProblemSchema,
} from '../../src/schemas/index.js';
import { alice, aliceAnnual, annual, signup, signupConfig } from './fixtures.js';

const firstIssuePath = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues[0]?.path;

describe('a received problem is ProblemSchema read leniently (one shape, no hand-written copy)', () => {
  const valid = {
    type: 'https://docs.memberkit.test/problems/already_member',
    title: 'Conflict',
    status: 409,
    detail: 'alice@example.org already holds a membership of this type',
    code: 'already_member',
    errors: [{ field: 'member.email', code: 'already_member', message: 'Renew it instead' }],
    membership_id: 'ms_1',
  };

  it('a body the contract allows reads exactly as ProblemSchema reads it, added members kept', () => {
    assert.deepEqual(receivedProblemSchema(409, 'Conflict').parse(valid), ProblemSchema.parse(valid));
    assert.deepEqual(receivedProblemSchema(409, 'Conflict').parse({ ...valid, detail: null }), ProblemSchema.parse({ ...valid, detail: null }));
  });

  it('a deviating body keeps the rest: defaults from the HTTP response, bad members dropped one by one', () => {
    const received = receivedProblemSchema(503, 'Service Unavailable').parse({
      status: '503',
      code: 7,
      detail: 'Down for maintenance',
      errors: [{ field: 'x' }, 'junk', null],
    });
    assert.deepEqual(received, {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'Down for maintenance',
      code: undefined,
      errors: [{ field: 'x', code: '', message: '' }],
    });
    assert.equal(receivedProblemSchema(500, '').safeParse(['not', 'an', 'object']).success, false);
  });
});

describe('the example objects of the API page parse', () => {
  it('signup config: organization, annual/school-year/supporter/lifetime types, stripe payment', () => {
    assert.deepEqual(SignupConfigSchema.parse(signupConfig), signupConfig);
  });
  it('a signup awaiting an embedded Stripe payment', () => {
    assert.deepEqual(SignupSchema.parse(signup), signup);
  });
  it('every next_action variant', () => {
    for (const action of [
      { type: 'none' },
      { type: 'approval' },
      { type: 'payment', provider: 'stripe', ui_mode: 'embedded_page', client_secret: 'cs_1' },
      { type: 'payment', provider: 'stripe', ui_mode: 'hosted_page', url: 'https://checkout.example/1' },
    ]) {
      assert.deepEqual(NextActionSchema.parse(action), action);
    }
  });
  it('me, a page of memberships, a discount, a company, permissions, a problem', () => {
    MeSchema.parse({ member: alice, memberships: [aliceAnnual], permissions: ['member-area'] });
    PageSchema(MembershipSchema).parse({ data: [aliceAnnual], has_more: false });
    DiscountSchema.parse({
      code: 'WELCOME20',
      percent_off: 20,
      amount_off: null,
      currency: null,
      membership_type_ids: null,
      valid_from: null,
      valid_until: '2026-12-31',
      max_redemptions: 100,
      times_redeemed: 3,
    });
    CompanySchema.parse({ id: 'co_1', name: 'Acme', member_ids: ['mem_alice'], created_at: '2026-03-01T10:00:00Z' });
    PermissionsSchema.parse({ permissions: ['member-area'], granted_by: [{ membership_id: 'ms_1', via_company: false }] });
    const problem = {
      type: 'https://docs.memberkit.test/problems/validation_failed',
      title: 'Validation failed',
      status: 422,
      detail: 'Some fields are not valid',
      code: 'validation_failed',
      errors: [{ field: 'member.email', code: 'invalid_email', message: 'Enter a valid email' }],
    };
    assert.deepEqual(ProblemSchema.parse(problem), problem);
  });
  it('a signup request with group members and a donation amount', () => {
    SignupCreateParamsSchema.parse({
      membership_type_id: 'family',
      member: { email: 'bob@example.org', first_name: 'Bob', last_name: 'Stone' },
      fields: {},
      amount: 2500,
      group_members: [{ email: 'kid@example.org' }],
    });
  });
  it('unknown extra keys are accepted (the contract may grow)', () => {
    const parsed = OrganizationSchema.parse({ ...signupConfig.organization, brand_color: '#123456' });
    assert.equal(parsed.id, 'demo');
  });
});

describe('bad objects fail with the path of the first mismatch', () => {
  it('a price in decimal dollars instead of integer minor units', () => {
    const bad = { ...annual, price: { ...annual.price, value: 60.5 } };
    assert.deepEqual(firstIssuePath(MembershipTypeSchema.safeParse(bad)), ['price', 'value']);
  });
  it('a status that is neither 100 nor 200', () => {
    assert.deepEqual(firstIssuePath(MembershipTypeSchema.safeParse({ ...annual, status: 300 })), ['status']);
  });
  it('an unknown custom field type deep in a config', () => {
    const bad = { ...signupConfig, membership_types: [{ ...annual, fields: [{ key: 'x', label: 'X', type: 'color', required: false }] }] };
    assert.deepEqual(firstIssuePath(SignupConfigSchema.safeParse(bad)), ['membership_types', 0, 'fields', 0, 'type']);
  });
  it('a hosted payment without its url fails at next_action (none of the four variants)', () => {
    const bad = { ...signup, next_action: { type: 'payment', provider: 'stripe', ui_mode: 'hosted_page' } };
    assert.deepEqual(firstIssuePath(SignupSchema.safeParse(bad)), ['next_action']);
  });
  it('a member whose fields hold an object', () => {
    assert.deepEqual(firstIssuePath(MeSchema.safeParse({ member: { ...alice, fields: { phone: { n: 1 } } }, memberships: [], permissions: [] })), [
      'member',
      'fields',
      'phone',
    ]);
  });
  it('a hosted payment whose url is javascript: with a loopback host part fails at next_action', () => {
    for (const url of ['javascript://localhost/%0aalert(1)', 'data:text/html,x', 'http://pay.example/']) {
      const bad = { ...signup, next_action: { type: 'payment', provider: 'stripe', ui_mode: 'hosted_page', url } };
      assert.deepEqual(firstIssuePath(SignupSchema.safeParse(bad)), ['next_action'], url);
    }
  });
  it('a signup request with an invalid email', () => {
    const bad = { membership_type_id: 'annual', member: { email: 'nope', first_name: 'A', last_name: 'B' }, fields: {} };
    assert.deepEqual(firstIssuePath(SignupCreateParamsSchema.safeParse(bad)), ['member', 'email']);
  });
});

describe('an unsafe terms_url or logo_url costs the link, not the signup form', () => {
  it('javascript:, data: and plain http terms and logo URLs read as null, with a warning each', (t) => {
    const warn = t.mock.method(console, 'warn', () => {});
    for (const url of ['javascript:alert(1)', 'javascript://localhost/%0aalert(1)', 'data:image/svg+xml,<svg/>', 'http://example.org/terms']) {
      const config = SignupConfigSchema.parse({ ...signupConfig, organization: { ...signupConfig.organization, terms_url: url, logo_url: url } });
      assert.equal(config.organization.terms_url, null, url);
      assert.equal(config.organization.logo_url, null, url);
      assert.equal(config.membership_types.length, signupConfig.membership_types.length, 'the plans are kept');
    }
    assert.equal(warn.mock.callCount(), 8);
    assert.match(String(warn.mock.calls[0]!.arguments[0]), /organization\.logo_url is not https/);
  });
  it('https URLs (and http on loopback, the sandbox) are kept as they are', (t) => {
    const warn = t.mock.method(console, 'warn', () => {});
    const organization = { ...signupConfig.organization, terms_url: 'https://club.example/terms', logo_url: 'http://localhost:4400/logo.png' };
    assert.deepEqual(OrganizationSchema.parse(organization), organization);
    assert.equal(warn.mock.callCount(), 0);
  });
});

describe('dates are YYYY-MM-DD calendar dates, instants RFC 3339', () => {
  it('accepts 2024-02-29, refuses 2023-02-29, 2023-9-1 and a date-time', () => {
    assert.equal(DateSchema.safeParse('2024-02-29').success, true);
    for (const bad of ['2023-02-29', '2023-9-1', '2023-09-01T00:00:00Z', '20230901']) {
      assert.equal(DateSchema.safeParse(bad).success, false, bad);
    }
  });
  it('accepts 2026-01-02T03:04:05Z and with milliseconds, refuses a bare date', () => {
    assert.equal(InstantSchema.safeParse('2026-01-02T03:04:05Z').success, true);
    assert.equal(InstantSchema.safeParse('2026-01-02T03:04:05.123Z').success, true);
    assert.equal(InstantSchema.safeParse('2026-01-02').success, false);
  });
  it('a membership with expires_on "2021-6-20" fails at expires_on', () => {
    assert.deepEqual(firstIssuePath(MembershipSchema.safeParse({ ...aliceAnnual, expires_on: '2021-6-20' })), ['expires_on']);
  });
});

describe('jitless: no new Function, so strict-CSP pages stay quiet', () => {
  it('zod is configured jitless once the schemas are loaded', () => {
    assert.equal(z.config().jitless, true);
  });
  // zod/mini never compiles today; full zod without jitless would (3 Functions for these schemas).
  it('parsing never constructs a Function', () => {
    const original = globalThis.Function;
    let constructed = 0;
    globalThis.Function = new Proxy(original, {
      construct(target, args) {
        constructed++;
        return Reflect.construct(target, args);
      },
      apply(target, self, args) {
        constructed++;
        return Reflect.apply(target, self, args);
      },
    });
    try {
      for (let i = 0; i < 3; i++) SignupConfigSchema.parse(signupConfig);
      SignupSchema.parse(signup);
    } finally {
      globalThis.Function = original;
    }
    assert.equal(constructed, 0);
  });
});
