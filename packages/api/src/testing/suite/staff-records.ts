// The conformance suite's group for what staff read and decide with the secret key: the open
// applications (approve, decline), the members (search, CSV export) and one member's memberships
// with their term history.
import assert from 'node:assert/strict';
import { ApplicationPageSchema, ApplicationSchema, type Application } from '@memberkit/sdk';
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
}
