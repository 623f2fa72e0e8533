// The details form without a browser: what a draft costs, what the member must still fix, and the
// request it sends. The same functions the element and its views call.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CalculatorError, MembershipTypeSchema, type Member, type MembershipType } from '@memberkit/sdk';
import { en } from '../src/i18n/en.js';
import { emptyDraft, type Draft } from '../src/membership-signup/draft.js';
import { amountOf, fieldMessage, ids, problemsOf, quoteOf, signupParams } from '../src/membership-signup/form.js';

const wording = { t: en, locale: 'en-US' };

function plan(overrides: Record<string, unknown> = {}): MembershipType {
  return MembershipTypeSchema.parse({
    id: 'adult',
    membership_name: 'Adult',
    description: null,
    status: 100,
    is_default: false,
    invite_only: false,
    registration_type: 'individual',
    group_size_max: null,
    duration: 1,
    duration_interval_type: 'year',
    duration_display: 'Annual',
    cycle: null,
    grace_days: 0,
    requires_approval: false,
    price: { value: 6000, currency: 'USD', display: '$60.00', type: 'fixed', maximum: null, presets: null },
    recurring: null,
    fields: [],
    permissions: [],
    ...overrides,
  });
}

const donation = plan({
  id: 'friend',
  price: { value: 1500, currency: 'USD', display: '$15.00', type: 'donation', maximum: 100000, presets: null },
});
const family = plan({ id: 'family', registration_type: 'group', group_size_max: 3 });

function draft(patch: Partial<Draft> = {}): Draft {
  return { ...emptyDraft(), membershipTypeId: 'adult', email: 'ada@example.org', firstName: 'Ada', lastName: 'Lovelace', ...patch };
}

const member: Member = {
  id: 'mem_1',
  email: 'grace@example.org',
  first_name: 'Grace',
  last_name: 'Hopper',
} as Member;

const tenPercent = {
  code: 'TEN',
  percent_off: 10,
  amount_off: null,
  currency: null,
  membership_type_ids: null,
  valid_from: null,
  valid_until: null,
  max_redemptions: null,
  times_redeemed: 0,
} as unknown as Draft['discount'];

describe('form: the donation amount', () => {
  it('is null for a fixed price and for an empty donation', () => {
    assert.equal(amountOf(plan(), draft({ amount: '25' }), 'en-US'), null);
    assert.equal(amountOf(donation, draft({ amount: '  ' }), 'en-US'), null);
  });

  it('is read in minor units in the member’s locale', () => {
    assert.equal(amountOf(donation, draft({ amount: '25.50' }), 'en-US'), 2550);
    assert.equal(amountOf(donation, draft({ amount: '25,50' }), 'de-DE'), 2550);
  });

  it('is the calculator’s error when the text is no amount', () => {
    const error = amountOf(donation, draft({ amount: '2.555' }), 'en-US');
    assert.ok(error instanceof CalculatorError);
    assert.equal(error.code, 'too_many_decimals');
  });
});

describe('form: the quote', () => {
  it('prices a fixed plan with the accepted discount', () => {
    const { quote, error } = quoteOf(plan(), draft({ discount: tenPercent }), wording);
    assert.equal(error, undefined);
    assert.equal(quote?.total, 5400);
  });

  it('prices a group as one, however many people it covers up to its maximum', () => {
    const people = [{ email: 'b@example.org', first_name: '', last_name: '' }];
    assert.equal(quoteOf(family, draft({ groupMembers: people }), wording).quote?.total, 6000);
  });

  it('gives an empty donation no price and asks for an amount (nothing charged that the member did not see)', () => {
    assert.deepEqual(quoteOf(donation, draft({ amount: ' ' }), wording), {});
    const problems = problemsOf(donation, draft({ amount: '' }), null, wording);
    assert.deepEqual(problems.find(([id]) => id === ids.amount), [ids.amount, 'Amount', 'Enter an amount.']);
  });

  it('says why a donation cannot be priced, with money in the member’s words', () => {
    assert.equal(quoteOf(donation, draft({ amount: '5' }), wording).error, 'The minimum is $15.00.');
    assert.equal(quoteOf(donation, draft({ amount: '1.234' }), wording).error, en.pricingErrors.amount_not_integer);
    assert.equal(quoteOf(donation, draft({ amount: 'lots' }), wording).error, 'Enter a number.');
  });

  it('says a group is too large with its size, not as money', () => {
    const people = Array.from({ length: 3 }, (_, n) => ({ email: `p${n}@example.org`, first_name: '', last_name: '' }));
    assert.equal(quoteOf(family, draft({ groupMembers: people }), wording).error, 'A group can have at most 3 people.');
  });
});

describe('form: field messages', () => {
  it('word a code with the field’s bounds in the member’s locale', () => {
    assert.equal(fieldMessage(wording, 'too_small', { min: 1000 }), 'Enter 1,000 or more.');
    assert.equal(fieldMessage(wording, 'too_short', { min_length: 2 }), 'Use at least 2 characters.');
  });

  it('fall back to the generic message for a code named like Object’s members, or a bound the field lacks', () => {
    const generic = en.fieldErrors.pattern_mismatch({});
    assert.equal(fieldMessage(wording, 'constructor'), generic);
    assert.equal(fieldMessage(wording, 'too_short', {}), generic);
    assert.equal(typeof fieldMessage(wording, '__proto__'), 'string');
  });
});

describe('form: problems', () => {
  it('lists every empty required input in the form’s order, with its label', () => {
    const type = plan({ fields: [{ key: 'club', label: 'Club', type: 'text', required: true }] });
    const problems = problemsOf(type, draft({ email: '', firstName: '', lastName: '' }), null, wording);
    assert.deepEqual(
      problems.map(([id, label]) => [id, label]),
      [
        [ids.email, 'Email'],
        [ids.firstName, 'First name'],
        [ids.lastName, 'Last name'],
        [ids.field(0), 'Club'],
      ],
    );
    assert.equal(problems[3]![2], 'This field is required.');
  });

  it('has none for a complete draft', () => {
    assert.deepEqual(problemsOf(plan(), draft(), null, wording), []);
  });

  it('checks only what a signed-in member can change here', () => {
    // Stored details that break the rules show as text: not the member's problem here.
    const stored = { ...member, first_name: 'G'.repeat(500), email: 'not an email' } as Member;
    assert.deepEqual(problemsOf(plan(), draft({ email: '', firstName: '', lastName: '' }), stored, wording), []);
    // A name the API does not hold is an input, and is checked.
    const nameless = { ...member, last_name: null } as unknown as Member;
    assert.deepEqual(
      problemsOf(plan(), draft({ lastName: '' }), nameless, wording).map(([id]) => id),
      [ids.lastName],
    );
  });

  it('shows the server’s error on an input that has no error of its own', () => {
    const problems = problemsOf(plan(), draft(), null, wording, { [ids.email]: 'Taken by someone else.' });
    assert.deepEqual(problems, [[ids.email, 'Email', 'Taken by someone else.']]);
  });

  it('names group members by position, and a repeated email as such', () => {
    const people = [{ email: 'ada@example.org', first_name: '', last_name: '' }];
    const problems = problemsOf(family, draft({ groupMembers: people }), null, wording);
    assert.deepEqual(problems, [[ids.group(0, 'email'), 'Group member 1 – Email', en.fieldErrors.duplicate({})]]);
  });

  it('answers a custom field keyed like an Object member', () => {
    const type = plan({ fields: [{ key: 'constructor', label: 'Builder', type: 'text', required: true }] });
    assert.equal(problemsOf(type, draft(), null, wording).length, 1);
    assert.deepEqual(problemsOf(type, draft({ fields: { constructor: 'Bob' } }), null, wording), []);
  });

  it('includes a donation that cannot be priced', () => {
    assert.deepEqual(problemsOf(donation, draft({ amount: '5' }), null, wording), [[ids.amount, 'Amount', 'The minimum is $15.00.']]);
  });
});

describe('form: the signup request', () => {
  it('sends the draft trimmed, with the member’s choice of auto-renewal', () => {
    const params = signupParams(plan(), draft({ email: ' ada@example.org ', firstName: ' Ada', autoRenew: true }), null, 'en-US', undefined);
    assert.deepEqual(params, {
      membership_type_id: 'adult',
      member: { email: 'ada@example.org', first_name: 'Ada', last_name: 'Lovelace' },
      fields: {},
      checkout: undefined,
      locale: 'en-US',
      auto_renew: true,
    });
  });

  it('sends the member’s language, for the checkout page and the organization’s emails', () => {
    assert.equal(signupParams(plan(), draft(), null, 'fr-CA', undefined).locale, 'fr-CA');
  });

  it('sends no auto-renewal choice where the member has none (a lifetime plan, a recurring one)', () => {
    const lifetime = plan({ duration: null, duration_interval_type: 'lifetime', recurring: null });
    assert.equal('auto_renew' in signupParams(lifetime, draft({ autoRenew: true }), null, 'en-US', undefined), false);
    assert.equal('auto_renew' in signupParams(plan({ recurring: true }), draft(), null, 'en-US', undefined), false);
  });

  it('asks for the checkout page the element was given (the frame page’s hosted_page), else says nothing of it', () => {
    assert.deepEqual(signupParams(plan(), draft(), null, 'en-US', undefined, { ui_mode: 'hosted_page' }).checkout, { ui_mode: 'hosted_page' });
    const unset = JSON.parse(JSON.stringify(signupParams(plan(), draft(), null, 'en-US', undefined)));
    assert.equal('checkout' in unset, false, 'unset: not in the request, the server’s default');
  });

  it('sends the code the API accepted, never text typed since', () => {
    assert.equal(signupParams(plan(), draft({ discountCode: 'TYPED' }), null, 'en-US', undefined).discount_code, undefined);
    assert.equal(signupParams(plan(), draft({ discountCode: 'TYPED', discount: tenPercent }), null, 'en-US', undefined).discount_code, 'TEN');
  });

  it('uses a signed-in member’s stored details, the amount, the group and the invitation', () => {
    const people = [{ email: ' b@example.org ', first_name: ' ', last_name: 'Byron ' }];
    const params = signupParams({ ...family, price: donation.price }, draft({ amount: '20', groupMembers: people }), member, 'en-US', 'INV-1');
    assert.deepEqual(params.member, { email: 'grace@example.org', first_name: 'Grace', last_name: 'Hopper' });
    assert.equal(params.amount, 2000);
    assert.deepEqual(params.group_members, [{ email: 'b@example.org', first_name: null, last_name: 'Byron' }]);
    assert.equal(params.invitation_code, 'INV-1');
  });

  it('sends only this plan’s fields', () => {
    const type = plan({ fields: [{ key: 'club', label: 'Club', type: 'text', required: false }] });
    assert.deepEqual(signupParams(type, draft({ fields: { club: 'Chess', other: 'x' } }), null, 'en-US', undefined).fields, { club: 'Chess' });
  });
});
