// The demo data: three organizations (USD, JPY, KWD) with a membership type for every feature,
// custom fields of every type, discounts, invitations, a company and members with history.
import { formatMoney } from '@memberkit/sdk/calculators';
import type { CustomField, Discount, MembershipType, Organization } from '@memberkit/sdk';
import type { SeedData, SeedOrganization } from './types.js';

type TypeInput = Partial<MembershipType> &
  Pick<MembershipType, 'id' | 'membership_name'> & {
    value?: number;
    price_type?: 'fixed' | 'donation';
    maximum?: number | null;
    presets?: number[] | null;
  };

function membershipType(organization: Organization, input: TypeInput): MembershipType {
  const { value = 0, price_type = 'fixed', maximum = null, presets = null, ...rest } = input;
  return {
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
    recurring: false,
    fields: [],
    permissions: ['member-area'],
    featured: false,
    archived_at: null,
    ...rest,
    price: {
      value,
      currency: organization.currency,
      display: formatMoney(value, organization.currency, organization.locale),
      type: price_type,
      maximum,
      presets,
    },
  } as MembershipType;
}

function field(input: Partial<CustomField> & Pick<CustomField, 'key' | 'label' | 'type'>): CustomField {
  return {
    required: false,
    help_text: null,
    options: null,
    min: null,
    max: null,
    min_length: null,
    max_length: null,
    pattern: null,
    ...input,
  } as CustomField;
}

function discount(input: Partial<Discount> & Pick<Discount, 'code'>): Discount {
  return {
    percent_off: null,
    amount_off: null,
    currency: null,
    membership_type_ids: null,
    valid_from: null,
    valid_until: null,
    max_redemptions: null,
    times_redeemed: 0,
    ...input,
  } as Discount;
}

/** Every custom field type, with bounds, on the `annual` type. */
const annualFields = (): CustomField[] => [
  field({
    key: 'display_name', label: 'Display name', type: 'text', required: true,
    min_length: 2, max_length: 40, pattern: '^[A-Za-z0-9 ._-]+$',
    pattern_description: 'Use letters, digits, spaces, dots, dashes and underscores.',
    help_text: 'Shown in the member directory.',
  }),
  field({ key: 'bio', label: 'About you', type: 'textarea', max_length: 500 }),
  field({ key: 'contact_email', label: 'Work email', type: 'email' }),
  field({ key: 'phone', label: 'Phone', type: 'tel', max_length: 30 }),
  field({ key: 'website', label: 'Website', type: 'url' }),
  field({ key: 'years_experience', label: 'Years of experience', type: 'number', min: 0, max: 80 }),
  field({ key: 'birth_date', label: 'Date of birth', type: 'date', min: null, max: null }),
  field({
    key: 'tshirt', label: 'T-shirt size', type: 'select', required: true,
    options: [
      { value: 's', label: 'S' },
      { value: 'm', label: 'M' },
      { value: 'l', label: 'L' },
      { value: 'xl', label: 'XL' },
    ],
  }),
  field({
    key: 'interests', label: 'Interests', type: 'multiselect',
    options: [
      { value: 'events', label: 'Events' },
      { value: 'volunteering', label: 'Volunteering' },
      { value: 'mentoring', label: 'Mentoring' },
    ],
  }),
  field({ key: 'newsletter', label: 'Send me the monthly newsletter', type: 'checkbox' }),
  field({
    key: 'terms', label: 'I accept the membership terms', type: 'consent', required: true,
    help_text: 'See https://example.org/terms',
  }),
];

/**
 * The demo organizations' publishable keys (organization id → key): fixed, so the demo pages and
 * docs can paste them as an organization pastes its own (`organization="pk_test_demo"`).
 */
export const demoPublishableKeys = {
  demo: 'pk_test_demo',
  'demo-jpy': 'pk_test_demo_jpy',
  'demo-kwd': 'pk_test_demo_kwd',
  'demo-sections': 'pk_test_demo_sections',
  'demo-passes': 'pk_test_demo_passes',
} as const;

function demoUsd(): SeedOrganization {
  const organization: Organization = {
    id: 'demo',
    name: 'Riverside Makers Club',
    currency: 'USD',
    time_zone: 'America/New_York',
    locale: 'en-US',
    logo_url: null,
    terms_url: 'https://example.org/terms',
    embed_origins: ['http://localhost:4400', 'http://127.0.0.1:4400'],
  } as Organization;
  const t = (input: TypeInput) => membershipType(organization, input);
  return {
    organization,
    publishable_key: demoPublishableKeys.demo,
    address: '12 Mill Lane\nRiverside, NY 12345',
    tax_note: 'Riverside Makers Club is a 501(c)(3) nonprofit; dues may be tax-deductible.',
    membership_types: [
      t({
        id: 'free', membership_name: 'Friend', is_default: true, value: 0,
        description: 'Free: the newsletter and public events.', permissions: ['newsletter'],
      }),
      t({
        id: 'annual', membership_name: 'Annual', value: 6000, grace_days: 30, recurring: false,
        description: 'A full year of workshop access.', fields: annualFields(),
        permissions: ['member-area', 'workshop'],
      }),
      t({
        id: 'monthly', membership_name: 'Monthly', value: 900, duration: 1,
        duration_interval_type: 'month', duration_display: 'Monthly', grace_days: 7, recurring: true,
        fields: [field({ key: 'phone', label: 'Phone', type: 'tel' })],
      }),
      t({
        id: 'flexible', membership_name: 'Quarterly', value: 1800, duration: 3,
        duration_interval_type: 'month', duration_display: 'Quarterly', grace_days: 14, recurring: null,
        description: 'Choose whether it renews by itself.',
      }),
      t({
        id: 'supporter', membership_name: 'Supporter', price_type: 'donation', value: 1500,
        maximum: 100000, presets: [2500, 5000, 10000], description: 'Pay what you like, from $15.',
        permissions: ['member-area', 'supporter-wall'],
      }),
      t({
        id: 'school-year', membership_name: 'School year', value: 4500, duration: 1,
        duration_interval_type: 'year', duration_display: 'School year',
        cycle: { day: 1, month: 9, buffer_days: 30 }, grace_days: 14,
        description: 'Everyone renews on September 1.', permissions: ['member-area', 'classes'],
      }),
      t({
        id: 'family', membership_name: 'Family', value: 9000, registration_type: 'group',
        group_size_max: 5, description: 'Up to five people in one household.',
        fields: [field({ key: 'household_name', label: 'Household name', type: 'text', required: true, max_length: 60 })],
      }),
      t({
        id: 'founders', membership_name: 'Founding member', value: 0, status: 200, invite_only: true,
        description: 'By invitation only.', permissions: ['member-area', 'founders-lounge'],
      }),
      t({
        id: 'committee', membership_name: 'Committee', value: 2000, requires_approval: true,
        description: 'Applications are reviewed by the board.', permissions: ['member-area', 'committee-room'],
        fields: [field({ key: 'motivation', label: 'Why do you want to join?', type: 'textarea', required: true, min_length: 10, max_length: 1000 })],
      }),
      t({
        id: 'lifetime', membership_name: 'Lifetime', value: 50000, duration: null,
        duration_interval_type: 'lifetime', duration_display: 'Lifetime',
        permissions: ['member-area', 'workshop', 'lifetime-wall'],
      }),
      t({
        id: 'newsletter', membership_name: 'Digital edition', value: 60, duration: 1,
        duration_interval_type: 'month', duration_display: 'Monthly', recurring: null,
        description: 'The magazine as a PDF.', permissions: ['newsletter'],
      }),
      t({
        id: 'corporate', membership_name: 'Corporate', value: 50000, status: 200, grace_days: 30,
        description: 'For companies; staff inherit the permissions.', permissions: ['member-area', 'job-board'],
      }),
    ],
    discounts: [
      discount({ code: 'WELCOME20', percent_off: 20 }),
      discount({ code: 'SAVE10', amount_off: 1000, currency: 'USD' }),
      discount({ code: 'SPRING2020', percent_off: 15, valid_from: '2020-03-20', valid_until: '2020-06-20' }),
      discount({ code: 'LAUNCH', percent_off: 50, max_redemptions: 100, times_redeemed: 100 }),
      discount({ code: 'ANNUALONLY', percent_off: 25, membership_type_ids: ['annual'] }),
      discount({ code: 'FUTURE2099', percent_off: 10, valid_from: '2099-01-01' }),
    ],
    invitations: [
      { code: 'FOUNDERS-2026', membership_type_id: 'founders' },
      { code: 'FOUNDERS-ALICE', membership_type_id: 'founders', email: 'alice@example.org' },
      { code: 'FOUNDERS-2019', membership_type_id: 'founders', expires_on: '2019-12-31' },
    ],
    companies: [
      { id: 'co_acme', name: 'Acme Tools Inc.', memberships: [{ id: 'ms_acme', membership_type_id: 'corporate', purchased_on: -30 }] },
    ],
    members: [
      {
        id: 'mem_alice', email: 'alice@example.org', first_name: 'Alice', last_name: 'Anderson',
        fields: { display_name: 'Alice A', tshirt: 'm', terms: true },
        memberships: [{ id: 'ms_alice_annual', membership_type_id: 'annual', purchased_on: -120 }],
      },
      {
        id: 'mem_bob', email: 'bob@example.org', first_name: 'Bob', last_name: 'Brown', company_id: 'co_acme',
      },
      {
        id: 'mem_carol', email: 'carol@example.org', first_name: 'Carol', last_name: 'Chen',
        memberships: [{ id: 'ms_carol_monthly', membership_type_id: 'monthly', purchased_on: -400 }],
      },
    ],
  };
}

function demoJpy(): SeedOrganization {
  const organization: Organization = {
    id: 'demo-jpy',
    name: 'Kyoto Tea Society',
    currency: 'JPY',
    time_zone: 'Asia/Tokyo',
    locale: 'ja-JP',
    logo_url: null,
    terms_url: 'https://example.org/terms',
    embed_origins: ['http://localhost:4400', 'http://127.0.0.1:4400'],
  } as Organization;
  const t = (input: TypeInput) => membershipType(organization, input);
  return {
    organization,
    publishable_key: demoPublishableKeys['demo-jpy'],
    membership_types: [
      t({ id: 'standard', membership_name: '正会員 (Regular)', value: 5000 }),
      t({
        id: 'monthly', membership_name: 'Monthly', value: 800, duration_interval_type: 'month',
        duration_display: 'Monthly', recurring: true,
      }),
      t({
        id: 'patron', membership_name: 'Patron', price_type: 'donation', value: 3000, maximum: 1000000,
        presets: [5000, 10000, 30000],
      }),
      // The default membership is free (every organization's is): the society's mailing list.
      t({
        id: 'friend', membership_name: '友の会 (Friend)', value: 0, is_default: true,
        description: 'Free: news of tea gatherings.', permissions: ['newsletter'],
      }),
    ],
    discounts: [
      discount({ code: 'WELCOME20', percent_off: 20 }),
      discount({ code: 'YEN500', amount_off: 500, currency: 'JPY' }),
    ],
  };
}

function demoKwd(): SeedOrganization {
  const organization: Organization = {
    id: 'demo-kwd',
    name: 'Gulf Chess Club',
    currency: 'KWD',
    time_zone: 'Asia/Kuwait',
    locale: 'en-KW',
    logo_url: null,
    terms_url: 'https://example.org/terms',
    embed_origins: ['http://localhost:4400', 'http://127.0.0.1:4400'],
  } as Organization;
  const t = (input: TypeInput) => membershipType(organization, input);
  return {
    organization,
    publishable_key: demoPublishableKeys['demo-kwd'],
    membership_types: [
      t({ id: 'standard', membership_name: 'Standard', value: 12500 }),
      t({
        id: 'monthly', membership_name: 'Monthly', value: 1250, duration_interval_type: 'month',
        duration_display: 'Monthly', recurring: null,
      }),
      t({ id: 'junior', membership_name: 'Junior', value: 0, is_default: true }),
    ],
    discounts: [discount({ code: 'KWD1', amount_off: 1000, currency: 'KWD' })],
  };
}

const demoOrganization = (id: string, name: string): Organization =>
  ({
    id,
    name,
    currency: 'EUR',
    time_zone: 'Europe/Berlin',
    locale: 'de-DE',
    logo_url: null,
    terms_url: 'https://example.org/terms',
    embed_origins: ['http://localhost:4400', 'http://127.0.0.1:4400'],
  }) as Organization;

/** A sports club whose sections are joined separately: one running membership per type. */
function demoSections(): SeedOrganization {
  const organization = demoOrganization('demo-sections', 'TSV Lindenau (sections)');
  const t = (input: TypeInput) => membershipType(organization, input);
  return {
    organization,
    publishable_key: demoPublishableKeys['demo-sections'],
    membership_policy: 'one_per_type',
    membership_types: [
      t({ id: 'club', membership_name: 'Club member', value: 0, is_default: true, permissions: ['club'] }),
      t({ id: 'tennis', membership_name: 'Tennis section', value: 12000, permissions: ['club', 'tennis-courts'] }),
      t({ id: 'swimming', membership_name: 'Swimming section', value: 8000, permissions: ['club', 'pool'] }),
    ],
    members: [
      {
        id: 'mem_dora', email: 'dora@example.org', first_name: 'Dora', last_name: 'Diaz',
        memberships: [{ id: 'ms_dora_tennis', membership_type_id: 'tennis', purchased_on: -60 }],
      },
    ],
  };
}

/** A studio selling class passes: a member buys as many as they like, even of one kind. */
function demoPasses(): SeedOrganization {
  const organization = demoOrganization('demo-passes', 'Studio Nord (class passes)');
  const t = (input: TypeInput) => membershipType(organization, input);
  return {
    organization,
    publishable_key: demoPublishableKeys['demo-passes'],
    membership_policy: 'unlimited',
    membership_types: [
      t({ id: 'newsletter', membership_name: 'Newsletter', value: 0, is_default: true, permissions: ['newsletter'] }),
      t({
        id: 'ten-classes', membership_name: '10-class pass', value: 9000, duration: 3,
        duration_interval_type: 'month', duration_display: '3 months', permissions: ['classes'],
      }),
    ],
  };
}

/**
 * A fresh copy of the demo data: `demo` (USD), `demo-jpy`, `demo-kwd` (the default membership
 * policy, one running membership per organization), `demo-sections` (one per type) and
 * `demo-passes` (unlimited).
 */
export function demoData(): SeedData {
  return { organizations: [demoUsd(), demoJpy(), demoKwd(), demoSections(), demoPasses()] };
}

/** Ids worth knowing in tests and docs. */
export const demoIds = {
  organization: 'demo',
  organizationJpy: 'demo-jpy',
  organizationKwd: 'demo-kwd',
  /** Membership policy `one_per_type`. */
  organizationSections: 'demo-sections',
  /** Membership policy `unlimited`. */
  organizationPasses: 'demo-passes',
  secretKey: 'sk_test_sandbox',
  /** The publishable key of the demo organizations' payment settings (the Stripe stand-in's). */
  publishableKey: 'pk_test_sandbox',
  /** Each demo organization's own publishable key, which names it like its id (demoPublishableKeys). */
  organizationKeys: demoPublishableKeys,
  alice: { memberId: 'mem_alice', email: 'alice@example.org', membershipId: 'ms_alice_annual' },
  bob: { memberId: 'mem_bob', email: 'bob@example.org', companyId: 'co_acme' },
  carol: { memberId: 'mem_carol', email: 'carol@example.org', membershipId: 'ms_carol_monthly' },
  invitations: { open: 'FOUNDERS-2026', alice: 'FOUNDERS-ALICE', expired: 'FOUNDERS-2019' },
} as const;
