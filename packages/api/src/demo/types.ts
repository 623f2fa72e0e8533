// The shape of the data an API's storage can be seeded with (`seedRows`, `seedStorage`): the
// organizations and everything in them, in the wire's words. The demo data (data.ts) is one.
import type { Discount, MembershipType, Organization, PaymentSettings } from '@memberkit/sdk';
import type { MembershipPolicy } from '@memberkit/sdk/calculators';

/** A membership held at the start; `purchased_on` is a date or a day offset from today. */
export interface SeedMembership {
  id?: string;
  membership_type_id: string;
  /** `YYYY-MM-DD`, or a number of days relative to the organization's today (-120: 120 days ago). */
  purchased_on: string | number;
  auto_renew?: boolean;
  /** Cancelled on this many days relative to today (or a date). */
  cancelled_on?: string | number;
}

export interface SeedMember {
  id?: string;
  email: string;
  first_name: string;
  last_name: string;
  company_id?: string | null;
  fields?: Record<string, unknown>;
  memberships?: SeedMembership[];
}

export interface SeedCompany {
  id: string;
  name: string;
  /** Where its memberships' renewal messages go. */
  contact_email?: string | null;
  memberships?: SeedMembership[];
}

export interface SeedInvitation {
  code: string;
  membership_type_id: string;
  email?: string | null;
  expires_on?: string | null;
}

export interface SeedOrganization {
  organization: Organization;
  /** Its secret key (stored hashed). Default `sk_test_sandbox`. */
  secret_key?: string;
  /**
   * Its publishable key (`pk_live_…` or `pk_test_…`), which names it in script tags and API paths
   * beside its id; unique across organizations. Default none: it is named by its id only.
   */
  publishable_key?: string | null;
  /** The postal address and tax note its receipts carry (default none). */
  address?: string | null;
  tax_note?: string | null;
  /** Default `{ provider: 'stripe', publishable_key: 'pk_test_sandbox' }`; null: no payments. */
  payment?: PaymentSettings | null;
  /** Default `one_per_organization`. */
  membership_policy?: MembershipPolicy;
  /** Default false: anyone may sign up without signing in first. */
  signup_requires_sign_in?: boolean;
  /** Where the organization is told of terminated memberships; default none. */
  notification_email?: string | null;
  membership_types: MembershipType[];
  discounts?: Discount[];
  invitations?: SeedInvitation[];
  companies?: SeedCompany[];
  members?: SeedMember[];
}

export interface SeedData {
  organizations: SeedOrganization[];
}
