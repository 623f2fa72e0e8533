// The organization as the wire answers it (the SDK's Organization): its public facts, never its
// secret key hashes.
import type { Organization, PaymentSettings } from '@memberkit/sdk';
import type { OrganizationRecord } from '../ports/records.js';

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
