// The organization as the wire answers it (the SDK's Organization): its public facts, never its
// secret key hashes.
import type { Organization, PaymentSettings } from '@memberkit/sdk';
import type { OrganizationRecord } from '../ports/records.js';
import type { Transaction } from '../ports/storage.js';

/** A publishable key, as opposed to an organization id (ids never start with `pk_`). */
export const isPublishableKey = (reference: string): boolean => /^pk_(live|test)_/.test(reference);

/** The organization a path names: by its publishable key (`pk_live_…`) or by its id. */
export async function organizationNamed(tx: Transaction, reference: string): Promise<OrganizationRecord | undefined> {
  return isPublishableKey(reference) ? tx.findOne('organizations', { publishable_key: reference }) : tx.findOne('organizations', { id: reference });
}

export function organizationView(record: OrganizationRecord): Organization {
  return {
    id: record.id,
    name: record.name,
    currency: record.currency,
    time_zone: record.time_zone,
    locale: record.locale,
    logo_url: record.logo_url,
    terms_url: record.terms_url,
    embed_origins: [...record.embed_origins],
  };
}

export function paymentSettingsView(record: OrganizationRecord): PaymentSettings | null {
  return record.payment ? { ...record.payment } : null;
}
