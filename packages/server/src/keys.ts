// An organization's secret keys: random, shown once, stored as their SHA-256 (the API compares
// the hash of what a caller sends with `organizations.secret_key_hashes`). Rotation adds a key
// beside the old ones; revoking drops every key but the newest.
import { createHash, randomBytes } from 'node:crypto';
import type { OrganizationRecord, Storage } from '@memberkit/api';

/** `sk_live_` and 32 random bytes (base64url). */
export function newSecretKey(): string {
  return `sk_live_${randomBytes(32).toString('base64url')}`;
}

/** `pk_live_` and 18 random bytes (base64url): public, it names the organization in script tags. */
export function newPublishableKey(): string {
  return `pk_live_${randomBytes(18).toString('base64url')}`;
}

/** What `secret_key_hashes` holds: SHA-256, hex. */
export function hashSecretKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class UnknownOrganizationError extends Error {
  constructor(readonly organizationId: string) {
    super(`No organization "${organizationId}"`);
    this.name = 'UnknownOrganizationError';
  }
}

async function changeHashes(storage: Storage, organizationId: string, change: (hashes: string[]) => string[]): Promise<void> {
  await storage.transaction(async (tx) => {
    const organization = await tx.findOne('organizations', { id: organizationId });
    if (!organization) throw new UnknownOrganizationError(organizationId);
    await tx.update('organizations', { id: organizationId }, { secret_key_hashes: change(organization.secret_key_hashes) });
  });
}

/** Adds a new secret key to the organization and answers it (the only time it is seen). */
export async function rotateSecretKey(storage: Storage, organizationId: string): Promise<string> {
  const key = newSecretKey();
  await changeHashes(storage, organizationId, (hashes) => [...hashes, hashSecretKey(key)]);
  return key;
}

/** Revokes every secret key of the organization but the newest; answers how many were revoked. */
export async function revokeOlderSecretKeys(storage: Storage, organizationId: string): Promise<number> {
  let revoked = 0;
  await changeHashes(storage, organizationId, (hashes) => {
    revoked = Math.max(0, hashes.length - 1);
    return hashes.slice(-1);
  });
  return revoked;
}

/**
 * Gives the organization a new publishable key and answers it; the previous one stops naming the
 * organization at once (pages that embed it need the new one; the organization id keeps working).
 */
export async function rotatePublishableKey(storage: Storage, organizationId: string): Promise<string> {
  const key = newPublishableKey();
  await storage.transaction(async (tx) => {
    if (!(await tx.findOne('organizations', { id: organizationId }))) throw new UnknownOrganizationError(organizationId);
    await tx.update('organizations', { id: organizationId }, { publishable_key: key });
  });
  return key;
}

/** The organization record for a new organization, with its first secret key's hash and its publishable key. */
export function organizationWithKey(organization: Omit<OrganizationRecord, 'secret_key_hashes'>): { record: OrganizationRecord; secretKey: string } {
  const secretKey = newSecretKey();
  return { record: { ...organization, secret_key_hashes: [hashSecretKey(secretKey)], publishable_key: newPublishableKey() }, secretKey };
}
