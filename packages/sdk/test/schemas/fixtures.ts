// Wire objects shaped like the examples on the API and domain pages (demo organization).
import type { Member, Membership, MembershipType, Organization, Signup, SignupConfig } from '../../src/schemas/index.js';

export const organization: Organization = {
  id: 'demo',
  name: 'Demo Club',
  currency: 'USD',
  time_zone: 'America/New_York',
  locale: 'en-US',
  logo_url: null,
  terms_url: 'https://example.org/terms',
  embed_origins: ['http://localhost:4400', 'http://127.0.0.1:4400'],
};

export const annual: MembershipType = {
  id: 'annual',
  membership_name: 'Annual',
  description: 'One year, renew when you like.',
  status: 100,
  is_default: false,
  invite_only: false,
  registration_type: 'individual',
  group_size_max: null,
  duration: 1,
  duration_interval_type: 'year',
  duration_display: 'Annual',
  cycle: null,
  grace_days: 30,
  requires_approval: false,
  price: { value: 6000, currency: 'USD', display: '$60.00', type: 'fixed', maximum: null, presets: [] },
  recurring: false,
  fields: [
    { key: 'phone', label: 'Phone', type: 'tel', required: false, help_text: null },
    {
      key: 'interests',
      label: 'Interests',
      type: 'multiselect',
      required: false,
      options: [
        { value: 'birds', label: 'Birds' },
        { value: 'trees', label: 'Trees' },
      ],
    },
    { key: 'age', label: 'Age', type: 'number', required: false, min: 16, max: 120 },
    { key: 'terms', label: 'I accept the terms', type: 'consent', required: true },
  ],
  permissions: ['member-area'],
  featured: false,
  archived_at: null,
};

export const schoolYear: MembershipType = {
  ...annual,
  id: 'school-year',
  membership_name: 'School year',
  description: null,
  cycle: { day: 1, month: 9, buffer_days: 30 },
  fields: [],
};

export const supporter: MembershipType = {
  ...annual,
  id: 'supporter',
  membership_name: 'Supporter',
  price: { value: 1500, currency: 'USD', display: 'from $15.00', type: 'donation', maximum: 100000, presets: [2500, 5000, 10000] },
  recurring: null,
  fields: [],
};

export const lifetime: MembershipType = {
  ...annual,
  id: 'lifetime',
  duration: null,
  duration_interval_type: 'lifetime',
  duration_display: 'Lifetime',
  fields: [],
};

export const alice: Member = {
  id: 'mem_alice',
  email: 'alice@example.org',
  first_name: 'Alice',
  last_name: 'Liddell',
  status: 'active',
  company_id: null,
  fields: { phone: '+1 555 0100', interests: ['birds'], terms: true, age: '34' },
  created_at: '2026-01-02T03:04:05Z',
};

export const aliceAnnual: Membership = {
  id: 'ms_1',
  member_id: 'mem_alice',
  company_id: null,
  membership_type_id: 'annual',
  membership_name: 'Annual',
  kind: 'new',
  status: 'active',
  starts_on: '2020-06-20',
  expires_on: '2021-06-20',
  anchor_on: '2020-06-20',
  grace_days: 30,
  auto_renew: false,
  cancelled_on: null,
  price_paid: 6000,
  currency: 'USD',
  permissions: ['member-area'],
  created_at: '2020-06-20T14:00:00.000Z',
  via_company: false,
};

export const signup: Signup = {
  id: 'su_1',
  status: 'awaiting_payment',
  member: alice,
  membership: { ...aliceAnnual, status: 'pending' },
  quote: { currency: 'USD', subtotal: 6000, discount_amount: 1200, total: 4800 },
  next_action: { type: 'payment', provider: 'stripe', ui_mode: 'embedded_page', client_secret: 'cs_test_123' },
};

export const signupConfig: SignupConfig = {
  organization,
  membership_types: [annual, schoolYear, supporter, lifetime],
  payment: { provider: 'stripe', publishable_key: 'pk_test_sandbox' },
  member: null,
};
