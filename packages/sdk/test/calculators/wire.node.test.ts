// The calculators take the wire objects as they come from the API: parsed by the SDK's schemas
// and passed straight in (this file also fails the typecheck if the shapes drift apart).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DiscountSchema,
  MembershipSchema,
  MembershipTypeSchema,
  type Discount,
  type Membership,
  type MembershipType,
} from '../../src/schemas/index.js';
import {
  calculateExpiry,
  checkDiscount,
  quotePrice,
  renewalAttemptOn,
  validateFields,
} from '../../src/calculators/index.js';

const schoolYear: MembershipType = MembershipTypeSchema.parse({
  id: 'school-year',
  membership_name: 'School year',
  description: null,
  status: 100,
  is_default: false,
  invite_only: false,
  registration_type: 'individual',
  group_size_max: null,
  duration: 1,
  duration_interval_type: 'year',
  duration_display: 'School year',
  cycle: { day: 1, month: 9, buffer_days: 30 },
  grace_days: 14,
  requires_approval: false,
  price: { value: 4500, currency: 'USD', display: '$45.00', type: 'fixed', maximum: null, presets: null },
  recurring: true,
  fields: [
    { key: 'school', label: 'School', type: 'text', required: true, min_length: 2 },
    { key: 'grade', label: 'Grade', type: 'select', required: true, options: [{ value: '5', label: 'Fifth' }] },
  ],
  permissions: ['member-area'],
});

const membership: Membership = MembershipSchema.parse({
  id: 'ms_1',
  member_id: 'mem_1',
  company_id: null,
  membership_type_id: 'school-year',
  membership_name: 'School year',
  kind: 'new',
  status: 'active',
  starts_on: '2025-06-10',
  expires_on: '2025-09-01',
  anchor_on: '2025-06-10',
  grace_days: 14,
  auto_renew: true,
  cancelled_on: null,
  price_paid: 4500,
  currency: 'USD',
  permissions: ['member-area'],
  created_at: '2025-06-10T09:00:00Z',
});

const welcome: Discount = DiscountSchema.parse({
  code: 'WELCOME20',
  percent_off: 20,
  amount_off: null,
  currency: null,
  membership_type_ids: null,
  valid_from: null,
  valid_until: '2025-12-31',
  max_redemptions: null,
  times_redeemed: 3,
});

describe('wire objects go straight into the calculators', () => {
  it('a MembershipType and a Membership: renewal on 2025-08-20 moves the expiry to 2026-09-01', () => {
    const expiry = calculateExpiry(schoolYear, { purchased_on: '2025-08-20', current: membership });
    assert.deepEqual([expiry.kind, expiry.expires_on], ['renewal', '2026-09-01']);
  });

  it('renewalAttemptOn(Membership, MembershipType) → 2025-08-25', () => {
    assert.equal(renewalAttemptOn(membership, schoolYear), '2025-08-25');
  });

  it('a Discount: valid on 2025-08-20 and 20 % off 4500 → 3600', () => {
    assert.deepEqual(checkDiscount(welcome, { membership_type_id: schoolYear.id, on: '2025-08-20' }), { ok: true });
    assert.equal(quotePrice(schoolYear, { discount: welcome }).total, 3600);
  });

  it('the type’s CustomFields validate values', () => {
    assert.deepEqual(validateFields(schoolYear.fields, { school: 'X', grade: '6' }), {
      school: { code: 'too_short' },
      grade: { code: 'invalid_option' },
    });
  });
});
