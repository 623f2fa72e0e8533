import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkInvitation } from '../../src/calculators/index.js';

const founders = { membership_type_id: 'founders', email: null, expires_on: '2026-12-31', used_by_member_id: null };
const on = '2026-11-21';

describe('an invitation admits someone to an invite-only type: optionally bound to one email, single use, can expire', () => {
  it('an unused, unexpired invitation for the type admits anyone with the code', () => {
    assert.deepEqual(checkInvitation(founders, { membership_type_id: 'founders', email: 'ada@example.org', on }), { ok: true });
  });
  it('a missing invitation, or one for another type, is invalid', () => {
    assert.deepEqual(checkInvitation(undefined, { membership_type_id: 'founders', email: null, on }), { ok: false, reason: 'invalid' });
    assert.deepEqual(checkInvitation(founders, { membership_type_id: 'annual', email: null, on }), { ok: false, reason: 'invalid' });
  });
  it('expires after its last day: usable on 2026-12-31, expired on 2027-01-01', () => {
    assert.equal(checkInvitation(founders, { membership_type_id: 'founders', email: null, on: '2026-12-31' }).ok, true);
    assert.deepEqual(checkInvitation(founders, { membership_type_id: 'founders', email: null, on: '2027-01-01' }), { ok: false, reason: 'expired' });
  });
  it('bound to alice@example.org: refuses bob, admits alice, and waits while the email is not known yet', () => {
    const bound = { ...founders, email: 'alice@example.org' };
    assert.deepEqual(checkInvitation(bound, { membership_type_id: 'founders', email: 'bob@example.org', on }), { ok: false, reason: 'email_mismatch' });
    assert.equal(checkInvitation(bound, { membership_type_id: 'founders', email: 'alice@example.org', on }).ok, true);
    assert.equal(checkInvitation(bound, { membership_type_id: 'founders', email: null, on }).ok, true);
  });
  it('single use: once member m_1 used it, m_2 is refused and m_1 may finish their own signup', () => {
    const used = { ...founders, used_by_member_id: 'm_1' };
    assert.deepEqual(checkInvitation(used, { membership_type_id: 'founders', email: null, member_id: 'm_2', on }), { ok: false, reason: 'used' });
    assert.deepEqual(checkInvitation(used, { membership_type_id: 'founders', email: null, on }), { ok: false, reason: 'used' });
    assert.equal(checkInvitation(used, { membership_type_id: 'founders', email: null, member_id: 'm_1', on }).ok, true);
  });
});
