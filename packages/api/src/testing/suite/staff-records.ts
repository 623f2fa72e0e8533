// The conformance suite's group for what staff read and decide with the secret key: the open
// applications (approve, decline), the members (search, CSV export) and one member's memberships
// with their term history.
import assert from 'node:assert/strict';
import { CompanySchema, type Company, OrganizationSettingsSchema, type OrganizationSettings, ApplicationPageSchema, ApplicationSchema, MemberSchema, PageSchema, type Application, type Member, type Membership, MembershipSchema } from '@memberkit/sdk';
import type { SuiteKit } from './kit.js';

export function staffRecordsSuite(kit: SuiteKit): void {
  const { describe, it, host, call, org, admin, expect, problemOf, signUp, signupOf, poll, withHost, person } = kit;
  const motivation = { motivation: 'I would like to help run the club.' };
  const applications = async (query = '') =>
    expect<{ data: Application[]; has_more: boolean }>(await call('GET', org(`/applications${query}`), admin), 200, ApplicationPageSchema);

  describe('staff records (secret key): applications', () => {
    it('applications: the open ones listed with the applicant, approved (then paid) or declined, and gone from the list once finished', withHost(async () => {
      const first = person('applicant');
      const second = person('applicant');
      const applied = signupOf(await signUp({ membership_type_id: 'committee', member: first, fields: motivation }));
      const other = signupOf(await signUp({ membership_type_id: 'committee', member: second, fields: motivation }));
      signupOf(await signUp({ membership_type_id: 'monthly' }));
      const open = await applications('?limit=100');
      assert.deepEqual(open.data.map((a) => a.id), [applied.id, other.id], 'the applications only, oldest first');
      const listed = open.data[0]!;
      assert.deepEqual(
        [listed.status, listed.membership_id, listed.membership_type_id, listed.member.email, listed.member.first_name, listed.fields.motivation, listed.amount, listed.currency, listed.approved_at],
        ['awaiting_approval', applied.membership.id, 'committee', first.email, first.first_name, motivation.motivation, 2000, 'USD', null],
      );
      const page = await applications('?limit=1');
      assert.deepEqual([page.data.map((a) => a.id), page.has_more], [[applied.id], true]);

      const approved = expect<Application>(await call('POST', org(`/applications/${applied.id}/approve`), admin), 200, ApplicationSchema);
      assert.equal(approved.status, 'approved');
      assert.ok(approved.approved_at);
      problemOf(await call('POST', org(`/applications/${applied.id}/approve`), admin), 409, 'not_awaiting_approval');
      assert.deepEqual((await applications('?status=approved')).data.map((a) => a.id), [applied.id]);
      assert.deepEqual((await applications('?status=awaiting_approval')).data.map((a) => a.id), [other.id]);
      const mails = await host.outbox('demo', first.email);
      assert.ok(mails.some((mail) => mail.kind === 'application_approved'), 'the applicant is mailed a way to pay');
      assert.deepEqual(await host.pay((await poll(applied.id)).next_action), { paid: true });
      const done = expect<Application>(await call('GET', org(`/applications/${applied.id}`), admin), 200, ApplicationSchema);
      assert.equal(done.status, 'completed');

      const declined = expect<Application>(await call('POST', org(`/applications/${other.id}/decline`), admin), 200, ApplicationSchema);
      assert.equal(declined.status, 'closed');
      assert.equal((await poll(other.id)).status, 'failed');
      assert.ok((await host.outbox('demo', second.email)).some((mail) => mail.kind === 'application_declined'), 'the applicant is told');
      problemOf(await call('POST', org(`/applications/${other.id}/decline`), admin), 409, 'not_an_application');
      assert.deepEqual((await applications()).data, [], 'nothing open is left');
    }));

    it('applications: an unknown id or a signup that is no application is 404, an unknown status 422, a member token 403', withHost(async () => {
      const plain = signupOf(await signUp({ membership_type_id: 'monthly' }));
      problemOf(await call('POST', org(`/applications/${plain.id}/approve`), admin), 404, 'not_found');
      problemOf(await call('GET', org('/applications/su_nope'), admin), 404, 'not_found');
      problemOf(await call('GET', org('/applications?status=paid'), admin), 422, 'validation_failed');
      problemOf(await call('GET', org('/applications'), { auth: await host.memberToken('demo', 'alice@example.org') }), 403, 'forbidden');
    }));
  });

  const members = async (query: string) =>
    expect<{ data: Member[]; has_more: boolean }>(await call('GET', org(`/members${query}`), admin), 200, PageSchema(MemberSchema));

  describe('staff records (secret key): members', () => {
    it('members: searched by any part of email or name (any case, accents too), filtered by status, paginated', withHost(async () => {
      const zoe = expect<Member>(await call('POST', org('/members'), { ...admin, key: true, body: { email: 'zoe.quinn@example.org', first_name: 'Zoë', last_name: 'Quinn' } }), 201, MemberSchema);
      assert.deepEqual((await members('?q=zoe')).data.map((m) => m.id), [zoe.id]);
      assert.deepEqual((await members('?q=ANDERSON')).data.map((m) => m.id), ['mem_alice']);
      assert.deepEqual((await members('?q=alice%20anderson')).data.map((m) => m.id), ['mem_alice'], 'every word matches');
      assert.deepEqual((await members('?q=example.org&status=prospective&limit=100')).data.map((m) => m.id), [zoe.id]);
      const active = (await members('?status=active&limit=100')).data;
      assert.deepEqual(active.map((m) => m.id), ['mem_alice', 'mem_bob'], 'Bob through his company');
      assert.ok(active.every((m) => m.status === 'active'));
      const page = await members('?q=example.org&limit=2');
      assert.deepEqual([page.data.length, page.has_more], [2, true]);
      const next = await members(`?q=example.org&limit=2&starting_after=${page.data[1]!.id}`);
      assert.ok(!next.data.some((m) => page.data.some((p) => p.id === m.id)));
      assert.deepEqual(problemOf(await call('GET', org('/members?status=gold'), admin), 422, 'validation_failed').errors.map((e: { field: string }) => e.field), ['status']);
      problemOf(await call('GET', org('/members?q=alice'), { auth: await host.memberToken('demo', 'alice@example.org') }), 403, 'forbidden');
    }));

    it('members export: CSV with a column per custom field, quoted where needed, and no cell a spreadsheet runs as a formula', withHost(async () => {
      const hostile = { email: 'mallory@example.org', first_name: '=HYPERLINK("https://evil.example","click")', last_name: 'Smith, "Jr."\nthe second', fields: { display_name: '+1 555', tshirt: '-m', terms: true } };
      expect(await call('POST', org('/members'), { ...admin, key: true, body: hostile }), 201, MemberSchema);
      const answer = await call('GET', org('/members/export'), admin);
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(answer.headers.get('content-disposition') ?? '', /^attachment; filename="members-demo-2026-03-01\.csv"$/);
      const csv = answer.body as string;
      const [header, ...rows] = csv.split('\r\n');
      const columns = header!.split(',');
      assert.deepEqual(columns.slice(0, 7), ['id', 'email', 'first_name', 'last_name', 'status', 'company_id', 'created_at']);
      for (const key of ['display_name', 'tshirt', 'terms', 'phone', 'household_name', 'motivation']) assert.ok(columns.includes(`fields.${key}`), `a column for ${key}`);
      assert.ok(csv.endsWith('\r\n'));
      const alice = rows.find((row) => row.startsWith('mem_alice,'))!;
      const cells = alice.split(',');
      assert.deepEqual([cells[1], cells[4], cells[columns.indexOf('fields.display_name')], cells[columns.indexOf('fields.terms')]], ['alice@example.org', 'active', 'Alice A', 'true']);
      assert.ok(csv.includes(`,"'=HYPERLINK(""https://evil.example"",""click"")","Smith, ""Jr.""\nthe second",prospective,`), 'quoted, quotes doubled, the formula made text');
      const mallory = csv.slice(csv.indexOf('mallory@example.org'));
      assert.ok(mallory.includes(",'+1 555,") && mallory.includes(",'-m,"), 'field answers starting with + or - are text too');
      const found = (await call('GET', org('/members/export?q=carol'), admin)).body as string;
      assert.deepEqual(found.split('\r\n').filter(Boolean).map((row) => row.split(',')[0]), ['id', 'mem_carol'], 'the same search as the list');
      problemOf(await call('GET', org('/members/export?status=gold'), admin), 422, 'validation_failed');
    }));

    it('one member’s memberships, their company’s included, each with its term history', withHost(async () => {
      const page = expect<{ data: Membership[] }>(await call('GET', org('/members/mem_alice/memberships'), admin), 200, PageSchema(MembershipSchema));
      assert.deepEqual(page.data.map((m) => m.id), ['ms_alice_annual']);
      const terms = page.data[0]!.terms!;
      assert.deepEqual([terms.length, terms[0]!.kind, terms[0]!.expires_on], [1, 'new', page.data[0]!.expires_on]);
      const bob = expect<{ data: Membership[] }>(await call('GET', org('/members/mem_bob/memberships'), admin), 200, PageSchema(MembershipSchema));
      assert.ok(bob.data.length > 0 && bob.data.every((m) => m.via_company), 'Bob holds his company’s');
      problemOf(await call('GET', org('/members/mem_nope/memberships'), admin), 404, 'not_found');
    }));
  });

  describe('staff records (secret key): the organization’s notification email', () => {
    it('set through settings (trimmed, lower case; a malformed one 422), it is told when failed renewals end a membership', withHost(async () => {
      const set = expect<OrganizationSettings>(await call('POST', org('/settings'), { ...admin, body: { notification_email: ' Office@Club.Example ' } }), 200, OrganizationSettingsSchema);
      assert.equal(set.notification_email, 'office@club.example');
      assert.equal(expect<OrganizationSettings>(await call('GET', org('/settings'), admin), 200, OrganizationSettingsSchema).notification_email, 'office@club.example');
      const refused = problemOf(await call('POST', org('/settings'), { ...admin, body: { notification_email: 'not an address' } }), 422, 'validation_failed');
      assert.deepEqual(refused.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`), ['notification_email:invalid_email']);
      const signup = signupOf(await signUp({ membership_type_id: 'monthly' }));
      assert.deepEqual(await host.pay(signup.next_action, '4000000000000341'), { paid: true });
      for (const day of ['2026-03-25', '2026-03-28', '2026-03-31']) {
        await host.setToday(day);
        await host.runDay('demo', day);
      }
      const told = await host.outbox('demo', 'office@club.example');
      assert.deepEqual(told.map((mail) => [mail.kind, mail.data.member_email]), [['staff_membership_terminated', signup.member.email]]);
      expect(await call('POST', org('/settings'), { ...admin, body: { notification_email: null } }), 200, OrganizationSettingsSchema);
      assert.equal(expect<OrganizationSettings>(await call('GET', org('/settings'), admin), 200, OrganizationSettingsSchema).notification_email, null);
    }));
  });

  describe('staff records (secret key): a company’s renewal messages', () => {
    it('go to the company’s contact (set when it is created, trimmed and lower case); a malformed one is 422', withHost(async () => {
      const company = expect<Company>(await call('POST', org('/companies'), { ...admin, key: true, body: { name: 'Globex', contact_email: ' Office@Globex.Example ' } }), 201, CompanySchema);
      assert.equal(company.contact_email, 'office@globex.example');
      problemOf(await call('POST', org('/companies'), { ...admin, key: true, body: { name: 'Initech', contact_email: 'nope' } }), 422, 'validation_failed');
      const held = expect<Membership>(await call('POST', org('/memberships'), { ...admin, key: true, body: { membership_type_id: 'monthly', company_id: company.id } }), 201, MembershipSchema);
      assert.equal(held.expires_on, '2026-04-01');
      await host.setToday('2026-03-25');
      await host.runDay('demo', '2026-03-25');
      const told = await host.outbox('demo', 'office@globex.example');
      assert.deepEqual(told.map((mail) => [mail.kind, mail.data.membership_id ?? held.id]), [['card_update_needed', held.id]], 'the company’s contact is asked for a card (none is saved)');
    }));

    it('a company is renamed and its contact changed or removed; the next message goes to the new contact, none once removed', withHost(async () => {
      const company = expect<Company>(await call('POST', org('/companies'), { ...admin, key: true, body: { name: 'Globex', contact_email: 'office@globex.example' } }), 201, CompanySchema);
      const held = expect<Membership>(await call('POST', org('/memberships'), { ...admin, key: true, body: { membership_type_id: 'monthly', company_id: company.id } }), 201, MembershipSchema);
      const moved = expect<Company>(await call('POST', org(`/companies/${company.id}`), { ...admin, body: { contact_email: ' Accounts@Globex.Example ' } }), 200, CompanySchema);
      assert.deepEqual([moved.name, moved.contact_email], ['Globex', 'accounts@globex.example'], 'only what was given changes');
      const renamed = expect<Company>(await call('POST', org(`/companies/${company.id}`), { ...admin, body: { name: ' Globex Corporation ' } }), 200, CompanySchema);
      assert.deepEqual([renamed.name, renamed.contact_email], ['Globex Corporation', 'accounts@globex.example']);
      assert.deepEqual(expect<Company>(await call('GET', org(`/companies/${company.id}`), admin), 200, CompanySchema).contact_email, 'accounts@globex.example');
      await host.setToday('2026-03-25');
      await host.runDay('demo', '2026-03-25');
      assert.deepEqual((await host.outbox('demo', 'accounts@globex.example')).map((mail) => mail.kind), ['card_update_needed'], 'the new contact is asked');
      assert.deepEqual(await host.outbox('demo', 'office@globex.example'), [], 'the old one is not');
      assert.equal(expect<Company>(await call('POST', org(`/companies/${company.id}`), { ...admin, body: { contact_email: null } }), 200, CompanySchema).contact_email, null);
      await host.setToday('2026-03-31');
      await host.runDay('demo', '2026-03-31');
      assert.deepEqual((await host.outbox('demo', 'accounts@globex.example')).map((mail) => mail.kind), ['card_update_needed'], 'nobody is written to once the contact is removed');
      assert.equal(held.company_id, company.id);
      problemOf(await call('POST', org(`/companies/${company.id}`), { ...admin, body: { contact_email: 'nope' } }), 422, 'validation_failed');
      problemOf(await call('POST', org(`/companies/${company.id}`), { ...admin, body: { name: '' } }), 422, 'validation_failed');
      problemOf(await call('POST', org('/companies/co_nope'), { ...admin, body: { name: 'X' } }), 404, 'not_found');
      problemOf(await call('POST', org(`/companies/${company.id}`), { auth: await host.memberToken('demo', 'alice@example.org'), body: { name: 'Mine' } }), 403, 'forbidden');
    }));
  });
}
