import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  canAddGroupMember,
  fieldValuesOf,
  groupCapacity,
  isHidden,
  isListed,
  memberChoosesAutoRenew,
  renewsAutomatically,
  takesDiscount,
  validateFields,
} from '../../src/calculators/index.js';

const annual = { recurring: null, duration_interval_type: 'year', price: { type: 'fixed', value: 6000 } };

describe('what a membership type offers the member signing up', () => {
  it('the member chooses auto-renewal only with recurring: null and a term that ends', () => {
    assert.equal(memberChoosesAutoRenew(annual), true);
    assert.equal(memberChoosesAutoRenew({ ...annual, recurring: true }), false);
    assert.equal(memberChoosesAutoRenew({ ...annual, recurring: false }), false);
    assert.equal(memberChoosesAutoRenew({ ...annual, duration_interval_type: 'lifetime' }), false);
  });

  it('renews automatically: the type decides, else the member; a lifetime membership never', () => {
    assert.equal(renewsAutomatically(annual, true), true);
    assert.equal(renewsAutomatically(annual, false), false);
    assert.equal(renewsAutomatically({ ...annual, recurring: true }, false), true);
    assert.equal(renewsAutomatically({ ...annual, recurring: false }, true), false);
    assert.equal(renewsAutomatically({ ...annual, duration_interval_type: 'lifetime' }, true), false);
    assert.equal(renewsAutomatically({ ...annual, recurring: true, duration_interval_type: 'lifetime' }, true), false);
  });

  it('a discount code applies to a fixed price above zero, not to free or donation types', () => {
    assert.equal(takesDiscount(annual), true);
    assert.equal(takesDiscount({ price: { type: 'fixed', value: 0 } }), false);
    assert.equal(takesDiscount({ price: { type: 'donation', value: 1500 } }), false);
  });

  it('listed (100) and hidden (200)', () => {
    assert.deepEqual([isListed({ status: 100 }), isHidden({ status: 100 })], [true, false]);
    assert.deepEqual([isListed({ status: 200 }), isHidden({ status: 200 })], [false, true]);
  });

  it('group capacity counts the member; a group without a maximum has none, as the quote reads it', () => {
    assert.equal(groupCapacity({ registration_type: 'individual' }), 1);
    assert.equal(groupCapacity({ registration_type: 'group', group_size_max: 4 }), 4);
    assert.equal(groupCapacity({ registration_type: 'group', group_size_max: null }), null);
    assert.equal(canAddGroupMember({ registration_type: 'group', group_size_max: 4 }, 2), true);
    assert.equal(canAddGroupMember({ registration_type: 'group', group_size_max: 4 }, 3), false);
    assert.equal(canAddGroupMember({ registration_type: 'group', group_size_max: null }, 40), true);
    assert.equal(canAddGroupMember({ registration_type: 'individual' }, 0), false);
  });
});

describe('fieldValuesOf: a form’s answers as the API takes them', () => {
  it('coerces each field to its type and keeps only the type’s fields', () => {
    const fields = [
      { key: 'name', type: 'text' as const },
      { key: 'age', type: 'number' as const },
      { key: 'terms', type: 'consent' as const },
      { key: 'topics', type: 'multiselect' as const },
    ];
    assert.deepEqual(fieldValuesOf(fields, { name: 'Ada', age: 36, terms: 'yes', topics: 'a', other: 'x' }), {
      name: 'Ada',
      age: '36',
      terms: false,
      topics: [],
    });
    // A list is passed on as it is, and the validator names what is wrong with it.
    const topics = fieldValuesOf(fields, { topics: ['a', 3] }).topics;
    assert.deepEqual(topics, ['a', 3]);
    assert.deepEqual(validateFields([{ key: 'topics', type: 'multiselect', options: [{ value: 'a' }] }], { topics: topics as string[] }), {
      topics: { code: 'invalid_type' },
    });
  });

  it('a web address typed without a scheme ("example.org") is sent and accepted as https://example.org', () => {
    const fields = [{ key: 'website', type: 'url' as const, required: true }];
    const values = fieldValuesOf(fields, { website: ' example.org/club ' });
    assert.equal(values.website, 'https://example.org/club');
    assert.deepEqual(validateFields(fields, values), {});
    // A scheme typed is kept, and one that is not http(s) is still refused.
    assert.equal(fieldValuesOf(fields, { website: 'http://example.org' }).website, 'http://example.org');
    assert.deepEqual(validateFields(fields, fieldValuesOf(fields, { website: 'ftp://example.org' })), { website: { code: 'invalid_url' } });
    assert.deepEqual(validateFields(fields, fieldValuesOf(fields, { website: '' })), { website: { code: 'required' } });
    // A word that names no host is no address.
    assert.deepEqual(validateFields(fields, fieldValuesOf(fields, { website: 'ftp' })), { website: { code: 'invalid_url' } });
    assert.deepEqual(validateFields(fields, fieldValuesOf(fields, { website: 'localhost:3000' })), { website: { code: 'invalid_url' } });
  });

  it('fields keyed like Object.prototype members work end to end: own values, validated and sent', () => {
    const fields = ['__proto__', 'constructor', 'toString', 'prototype'].map((key) => ({ key, type: 'text' as const, required: true }));
    const answers = JSON.parse('{"__proto__":"a","constructor":"b","toString":"c","prototype":"d"}') as Record<string, unknown>;
    const values = fieldValuesOf(fields, answers);
    assert.equal(Object.getPrototypeOf(values), Object.prototype);
    assert.deepEqual(Object.keys(values), ['__proto__', 'constructor', 'toString', 'prototype']);
    assert.deepEqual(JSON.parse(JSON.stringify(values)), answers);
    assert.deepEqual(validateFields(fields, values), {});
    // Unanswered, each is required: no inherited function counts as an answer.
    assert.deepEqual(Object.keys(validateFields(fields, fieldValuesOf(fields, {}))), ['__proto__', 'constructor', 'toString', 'prototype']);
  });
});
