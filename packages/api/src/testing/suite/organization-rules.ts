// The conformance suite's group for the rules an organization's own documents name: its
// membership policy, its free default membership, company memberships inherited by linked
// members, and that a signup sent with a member's token is that member's.
import assert from 'node:assert/strict';
import {
  MeSchema,
  MemberSchema,
  MembershipSchema,
  MembershipTypeSchema,
  PageSchema,
  SignupConfigSchema,
  type Membership,
  type MembershipType,
} from '@memberkit/sdk';
import type { SuiteKit } from './kit.js';

export function organizationRulesSuite(kit: SuiteKit): void {
  const { describe, it, host, call, org, admin, expect, problemOf, fieldsOf, person, signUp, signupOf, withHost } = kit;
  const ids = (page: { data: { id: string }[] }) => page.data.map((item) => item.id);

  describe('organization rules: membership policy, the default membership, companies, signups with a token', () => {
    it('one_per_organization (the demo’s default): a signup for another type while one runs is 409 already_member naming the held one', withHost(async () => {
      const alice = { email: 'alice@example.org', first_name: 'Alice', last_name: 'Anderson' };
      const problem = problemOf(await signUp({ membership_type_id: 'monthly', member: alice }), 409, 'already_member');
      assert.deepEqual(
        [problem.membership_id, problem.membership_type_id, problem.renew_path],
        ['ms_alice_annual', 'annual', '/organizations/demo/me/memberships/ms_alice_annual/renew'],
      );
      assert.deepEqual(fieldsOf(problem), ['member.email:already_member']);
      // Staff assignments follow the same rule.
      problemOf(await call('POST', org('/memberships'), { ...admin, key: true, body: { membership_type_id: 'monthly', member_id: 'mem_alice' } }), 409, 'already_member');
      const held = expect<{ data: Membership[] }>(await call('GET', org('/memberships?member_id=mem_alice'), admin), 200, PageSchema(MembershipSchema));
      assert.deepEqual(ids(held), ['ms_alice_annual'], 'nothing was added');
    }));

    it('one_per_organization: the free default membership does not stand in the way of joining another type', withHost(async () => {
      const friend = person('friend');
      const free = signupOf(await signUp({ membership_type_id: 'free', member: friend }));
      assert.equal(free.status, 'completed');
      const upgrade = signupOf(await signUp({ membership_type_id: 'monthly', member: friend }));
      assert.equal(upgrade.status, 'awaiting_payment');
      assert.deepEqual(await host.pay(upgrade.next_action), { paid: true });
      problemOf(await signUp({ membership_type_id: 'annual', member: friend, fields: kit.annualFields }), 409, 'already_member');
    }));

    it('one_per_type (demo-sections): a member of one section joins another, but not the same one twice', withHost(async () => {
      const sections = (path: string) => org(path, 'demo-sections');
      const dora = { email: 'dora@example.org', first_name: 'Dora', last_name: 'Diaz' };
      const swimming = signupOf(await call('POST', sections('/signups'), { key: true, body: { membership_type_id: 'swimming', member: dora, fields: {} } }));
      assert.deepEqual(await host.pay(swimming.next_action), { paid: true });
      const again = problemOf(
        await call('POST', sections('/signups'), { key: true, body: { membership_type_id: 'tennis', member: dora, fields: {} } }),
        409,
        'already_member',
      );
      assert.equal(again.membership_id, 'ms_dora_tennis');
      const held = expect<{ data: Membership[] }>(await call('GET', sections('/memberships?member_id=mem_dora'), admin), 200, PageSchema(MembershipSchema));
      assert.deepEqual(held.data.map((m) => [m.membership_type_id, m.status]), [['tennis', 'active'], ['swimming', 'active']]);
    }));

    it('unlimited (demo-passes): a member buys several memberships of one type', withHost(async () => {
      const passes = (path: string) => org(path, 'demo-passes');
      const buyer = person('passes');
      for (let i = 0; i < 2; i++) {
        const bought = signupOf(await call('POST', passes('/signups'), { key: true, body: { membership_type_id: 'ten-classes', member: buyer, fields: {} } }));
        assert.deepEqual(await host.pay(bought.next_action), { paid: true });
      }
      const member = expect<{ data: { id: string }[] }>(await call('GET', passes(`/members?email=${encodeURIComponent(buyer.email)}`), admin), 200, PageSchema(MemberSchema));
      const held = expect<{ data: Membership[] }>(await call('GET', passes(`/memberships?member_id=${member.data[0]!.id}`), admin), 200, PageSchema(MembershipSchema));
      assert.deepEqual(held.data.map((m) => [m.membership_type_id, m.status]), [['ten-classes', 'active'], ['ten-classes', 'active']]);
    }));

    it('every demo organization has exactly one default membership type, and it is free', withHost(async () => {
      for (const organization of ['demo', 'demo-jpy', 'demo-kwd', 'demo-sections', 'demo-passes']) {
        const config = expect<{ membership_types: MembershipType[] }>(await call('GET', org('/signup-config', organization)), 200, SignupConfigSchema);
        const listed = config.membership_types.filter((type) => type.is_default);
        assert.equal(listed.length, 1, `${organization}: one listed default`);
        const type = expect<MembershipType>(await call('GET', org(`/membership-types/${listed[0]!.id}`, organization)), 200, MembershipTypeSchema);
        assert.deepEqual([type.price.type, type.price.value], ['fixed', 0], `${organization}: the default is free`);
      }
    }));

    it('a company’s running membership shows on its linked member’s /me and in staff lookups (via_company), counts in their status, and goes when they are unlinked', withHost(async () => {
      const token = await host.memberToken('demo', 'bob@example.org');
      const me = expect<any>(await call('GET', org('/me'), { auth: token }), 200, MeSchema);
      assert.deepEqual(me.memberships.map((m: Membership) => [m.id, m.company_id, m.status, m.via_company]), [['ms_acme', 'co_acme', 'active', true]]);
      assert.equal(me.member.status, 'active');
      const bob = expect<any>(await call('GET', org('/members/mem_bob'), admin), 200, MemberSchema);
      assert.equal(bob.status, 'active');
      const lookup = expect<{ data: Membership[] }>(await call('GET', org('/memberships?member_id=mem_bob'), admin), 200, PageSchema(MembershipSchema));
      assert.deepEqual(lookup.data.map((m) => [m.id, m.via_company]), [['ms_acme', true]]);
      // The company's own list shows it as the company's, not inherited.
      const company = expect<{ data: Membership[] }>(await call('GET', org('/memberships?company_id=co_acme'), admin), 200, PageSchema(MembershipSchema));
      assert.deepEqual(company.data.map((m) => [m.id, m.via_company]), [['ms_acme', false]]);

      expect(await call('DELETE', org('/companies/co_acme/members/mem_bob'), admin), 200, { safeParse: () => ({ success: true }) });
      const after = expect<any>(await call('GET', org('/me'), { auth: token }), 200, MeSchema);
      assert.deepEqual([after.memberships, after.member.status, after.permissions], [[], 'prospective', []]);
      const gone = expect<{ data: Membership[] }>(await call('GET', org('/memberships?member_id=mem_bob'), admin), 200, PageSchema(MembershipSchema));
      assert.deepEqual(gone.data, []);
    }));

    it('a signup sent with a member’s token is that member’s: a body naming another email is 422, and nothing is created', withHost(async () => {
      const token = await host.memberToken('demo', 'carol@example.org');
      const someoneElse = person('not-carol');
      const refused = problemOf(await signUp({ membership_type_id: 'monthly', member: someoneElse }, { auth: token }), 422, 'validation_failed');
      assert.deepEqual(fieldsOf(refused), ['member.email:not_token_member']);
      const lookup = expect<{ data: unknown[] }>(await call('GET', org(`/members?email=${encodeURIComponent(someoneElse.email)}`), admin), 200, PageSchema(MemberSchema));
      assert.deepEqual(lookup.data, [], 'no member was created for the other email');
      // Her own email, however she types it, is hers.
      const own = signupOf(await signUp({ membership_type_id: 'monthly', member: { email: ' Carol@Example.org ', first_name: 'Carol', last_name: 'Chen' } }, { auth: token }));
      assert.equal(own.member.id, 'mem_carol');
    }));
  });
}
