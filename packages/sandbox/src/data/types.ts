// The shape of the data a sandbox starts from (`createSandbox({ data })`); the demo data is one.
import type { Discount, MembershipType, Organization } from '@memberkit/sdk';
import type { PaymentSettings } from '../store.js';

/** A membership held at the start; `purchased_on` is a date or a day offset from `today`. */
export interface SeedMembership {
  id?: string;
  membership_type_id: string;
  /** `YYYY-MM-DD`, or a number of days relative to the sandbox's today (-120: 120 days ago). */
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
  memberships?: SeedMembership[];
}

export interface SeedInvitation {
  code: string;
  membership_type_id: string;
  email?: string | null;
  expires_on?: string | null;
}

export interface SandboxOrganizationData {
  organization: Organization;
  /** Default `sk_test_sandbox`. */
  secret_key?: string;
  /** Default `{ provider: 'stripe', publishable_key: 'pk_test_sandbox' }`; null: no payments. */
  payment?: PaymentSettings | null;
  membership_types: MembershipType[];
  discounts?: Discount[];
  invitations?: SeedInvitation[];
  companies?: SeedCompany[];
  members?: SeedMember[];
}

export interface SandboxData {
  organizations: SandboxOrganizationData[];
}
