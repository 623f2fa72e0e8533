import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validatePeople } from '../../src/calculators/index.js';

const ada = { email: 'ada@example.org', first_name: 'Ada', last_name: 'Lovelace' };

describe('the people of a signup: the member and the group members', () => {
  it('a complete member and group members with their own emails are valid', () => {
    assert.deepEqual(validatePeople(ada, [{ email: 'charles@example.org' }, { email: 'mary@example.org', first_name: 'Mary' }]), {});
  });
  it('the member needs an email and both names; errors are keyed by the request path', () => {
    assert.deepEqual(validatePeople({ email: 'not-an-email', first_name: '  ', last_name: 'x'.repeat(101) }), {
      'member.email': { code: 'invalid_email' },
      'member.first_name': { code: 'required' },
      'member.last_name': { code: 'too_long' },
    });
  });
  it('a group member needs an email, names are optional', () => {
    assert.deepEqual(validatePeople(ada, [{ first_name: 'Charles' }]), { 'group_members.0.email': { code: 'required' } });
  });
  it('everyone needs their own email: " ADA@example.org " repeats the member, the third repeats the second', () => {
    assert.deepEqual(
      validatePeople(ada, [{ email: ' ADA@example.org ' }, { email: 'c@example.org' }, { email: 'C@example.org' }]),
      { 'group_members.0.email': { code: 'duplicate' }, 'group_members.2.email': { code: 'duplicate' } },
    );
  });
});
