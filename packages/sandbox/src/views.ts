// Wire objects (the SDK's types) derived from the store's records, with statuses computed for a day.
import { effectivePermissions, memberStatus, membershipStatus } from '@memberkit/sdk/calculators';
import type { Company, Member, Membership, NextAction, Permissions, Signup } from '@memberkit/sdk';
import type { CompanyRecord, MemberRecord, MembershipRecord, SandboxStore, SignupRecord } from './store.js';

export function membershipView(record: MembershipRecord, today: string): Membership {
  return {
    id: record.id,
    member_id: record.member_id,
    company_id: record.company_id,
    membership_type_id: record.membership_type_id,
    membership_name: record.membership_name,
    kind: record.kind,
    status: membershipStatus(record, today),
    starts_on: record.starts_on,
    expires_on: record.expires_on,
    anchor_on: record.anchor_on,
    grace_days: record.grace_days,
    auto_renew: record.auto_renew,
    cancelled_on: record.cancelled_on,
    price_paid: record.price_paid,
    currency: record.currency,
    permissions: [...record.permissions],
    created_at: record.created_at,
  };
}

export function membershipsOfMember(store: SandboxStore, member: MemberRecord): MembershipRecord[] {
  return store.memberships(member.organization_id).filter((m) => m.member_id === member.id);
}

/** The member's status, from their memberships' statuses today (the SDK's `memberStatus`). */
export function memberView(store: SandboxStore, record: MemberRecord, today: string): Member {
  const status = memberStatus(membershipsOfMember(store, record).map((m) => membershipStatus(m, today)));
  return {
    id: record.id,
    email: record.email,
    first_name: record.first_name,
    last_name: record.last_name,
    status,
    company_id: record.company_id,
    fields: structuredClone(record.fields) as Member['fields'],
    created_at: record.created_at,
  };
}

export function companyView(store: SandboxStore, record: CompanyRecord): Company {
  return {
    id: record.id,
    name: record.name,
    member_ids: store
      .members(record.organization_id)
      .filter((member) => member.company_id === record.id)
      .map((member) => member.id),
    created_at: record.created_at,
  };
}

/**
 * Effective permissions (the SDK's `effectivePermissions`): the member's own memberships and,
 * while linked, their company's.
 */
export function permissionsOf(store: SandboxStore, member: MemberRecord, today: string): Permissions {
  const company = member.company_id
    ? store.memberships(member.organization_id).filter((m) => m.company_id === member.company_id && m.member_id === null)
    : null;
  return effectivePermissions({ own: membershipsOfMember(store, member), company }, today);
}

export interface CheckoutLinks {
  /** When set, paid signups are sent to this page (`ui_mode: 'hosted_page'`). */
  hostedCheckoutUrl: string | null;
}

export function nextActionOf(store: SandboxStore, signup: SignupRecord, links: CheckoutLinks): NextAction {
  if (signup.status === 'awaiting_approval') return { type: 'approval' };
  if (signup.status === 'awaiting_payment' && signup.checkout_session_id) {
    const session = store.state.checkout_sessions[signup.checkout_session_id]!;
    if (links.hostedCheckoutUrl) {
      // A relative URL is resolved against the page the sandbox runs in.
      const url = new URL(links.hostedCheckoutUrl, globalThis.location?.href);
      url.searchParams.set('client_secret', session.client_secret);
      return { type: 'payment', provider: 'stripe', ui_mode: 'hosted_page', url: url.href };
    }
    return { type: 'payment', provider: 'stripe', ui_mode: 'embedded_page', client_secret: session.client_secret };
  }
  return { type: 'none' };
}

export function signupView(store: SandboxStore, signup: SignupRecord, today: string, links: CheckoutLinks): Signup {
  const member = store.state.members[signup.member_id]!;
  const membership = store.state.memberships[signup.membership_ids[0]!]!;
  const { currency, subtotal, discount_amount, total } = signup.quote;
  return {
    id: signup.id,
    status: signup.status,
    member: memberView(store, member, today),
    membership: membershipView(membership, today),
    quote: { currency, subtotal, discount_amount, total },
    next_action: nextActionOf(store, signup, links),
  };
}
