// Loads SandboxData into an empty store: organizations, types, discounts, invitations, companies,
// members and their memberships (dates from calculateExpiry, relative to the sandbox's today).
import { CalculatorError, addDays, calculateExpiry, normalizeEmail, resolveAutoRenew } from '@memberkit/sdk/calculators';
import { defaultPublishableKey, defaultSecretKey } from '../constants.js';
import type { MembershipRecord, SandboxStore } from '../store.js';
import { termSnapshot } from '../terms.js';
import type { SandboxData, SeedMembership } from './types.js';

/** The seed's auto_renew by the SDK's rule; a contradiction is a clear error in the data. */
function seededAutoRenew(type: { id: string; recurring: boolean | null }, membership: SeedMembership): boolean {
  try {
    return resolveAutoRenew(type, membership.auto_renew);
  } catch (error) {
    if (!(error instanceof CalculatorError)) throw error;
    throw new Error(
      `Seed: membership ${membership.id ?? `of type "${type.id}"`} asks auto_renew ${membership.auto_renew}, but type "${type.id}" ${type.recurring ? 'always renews' : 'never renews'} automatically`,
    );
  }
}

export function seed(store: SandboxStore, data: SandboxData, todayOf: (organizationId: string) => string): void {
  const state = store.state;
  const created = new Date().toISOString();
  for (const org of data.organizations) {
    const orgId = org.organization.id;
    const today = todayOf(orgId);
    const day = (value: string | number) => (typeof value === 'number' ? addDays(today, value) : value);
    state.organizations[orgId] = {
      organization: structuredClone(org.organization),
      secret_key: org.secret_key ?? defaultSecretKey,
      payment: org.payment === undefined ? { provider: 'stripe', publishable_key: defaultPublishableKey } : org.payment,
    };
    state.membership_types[orgId] = structuredClone(org.membership_types);
    for (const discount of org.discounts ?? []) {
      state.discounts.push({ organization_id: orgId, discount: structuredClone(discount) });
    }
    for (const invitation of org.invitations ?? []) {
      state.invitations.push({
        organization_id: orgId,
        code: invitation.code,
        membership_type_id: invitation.membership_type_id,
        email: invitation.email ? normalizeEmail(invitation.email) : null,
        expires_on: invitation.expires_on ?? null,
        used_by_member_id: null,
        redeemed_at: null,
      });
    }

    const hold = (holder: { member_id: string | null; company_id: string | null }, seedMembership: SeedMembership) => {
      const type = store.membershipType(orgId, seedMembership.membership_type_id);
      if (!type) throw new Error(`Seed: no membership type "${seedMembership.membership_type_id}" in ${orgId}`);
      const dates = calculateExpiry(type, { purchased_on: day(seedMembership.purchased_on) });
      const id = seedMembership.id ?? store.nextId('ms');
      const record: MembershipRecord = {
        id,
        organization_id: orgId,
        ...holder,
        membership_type_id: type.id,
        membership_name: type.membership_name,
        state: 'confirmed',
        ...dates,
        ...termSnapshot(type),
        auto_renew: seededAutoRenew(type, seedMembership),
        cancelled_on: seedMembership.cancelled_on === undefined ? null : day(seedMembership.cancelled_on),
        price_paid: type.price.value,
        currency: type.price.currency,
        permissions: [...type.permissions],
        created_at: created,
        signup_id: null,
      };
      state.memberships[id] = record;
    };

    for (const company of org.companies ?? []) {
      state.companies[company.id] = { id: company.id, organization_id: orgId, name: company.name, created_at: created };
      for (const membership of company.memberships ?? []) hold({ member_id: null, company_id: company.id }, membership);
    }
    for (const member of org.members ?? []) {
      const id = member.id ?? store.nextId('mem');
      state.members[id] = {
        id,
        organization_id: orgId,
        email: normalizeEmail(member.email),
        first_name: member.first_name,
        last_name: member.last_name,
        company_id: member.company_id ?? null,
        fields: structuredClone(member.fields ?? {}),
        created_at: created,
      };
      for (const membership of member.memberships ?? []) hold({ member_id: id, company_id: null }, membership);
    }
  }
}
