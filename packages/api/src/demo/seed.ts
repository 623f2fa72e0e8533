// Seeding: SeedData (the demo data, or a host's own) as the rows of the API's tables, with every
// membership's dates from calculateExpiry relative to each organization's today. `seedRows` is
// synchronous (the sandbox seeds and resets synchronously); `seedStorage` writes them through the
// Storage port in one transaction (the server's --demo).
import type { MembershipType } from '@memberkit/sdk';
import { CalculatorError, addDays, calculateExpiry, defaultMembershipPolicy, defaultTypeProblem, normalizeEmail, type DefaultTypeProblem, resolveAutoRenew } from '@memberkit/sdk/calculators';
import { termSnapshot } from '../domain/terms.js';
import type { Json, MembershipRecord, TableName, Tables } from '../ports/records.js';
import type { Storage } from '../ports/storage.js';
import { sha256Hex } from '../random.js';
import type { SeedData, SeedMembership } from './types.js';

/** The secret key of the demo organizations, and of seeded ones that name none. */
export const defaultSecretKey = 'sk_test_sandbox';
/** The publishable key of the demo organizations' payment settings. */
export const defaultPublishableKey = 'pk_test_sandbox';
/** SHA-256 of `defaultSecretKey`: seeding the demo data needs no asynchronous hashing. */
export const defaultSecretKeyHash = 'f5c8bb5a44b28cfbe65e7221f149920b2cf309586c63bc40fae9bc0ce722b6a1';

/** Rows by table, in insertion order. */
export type SeedRows = { [T in TableName]?: Tables[T][] };

export interface SeedOptions {
  /** Each organization's today (`YYYY-MM-DD`), from which relative seed dates count. */
  today(organizationId: string): string;
  /** The instant the rows are created (epoch ms). */
  now: number;
  /** The SHA-256 (hex) of each secret key the data names (default: only the default key is known). */
  secretKeyHashes?: Readonly<Record<string, string>>;
}

/** The seed's auto_renew by the SDK's rule; a contradiction is a clear error in the data. */
function seededAutoRenew(type: MembershipType, membership: SeedMembership): boolean {
  try {
    return resolveAutoRenew(type, membership.auto_renew);
  } catch (error) {
    if (!(error instanceof CalculatorError)) throw error;
    throw new Error(
      `Seed: membership ${membership.id ?? `of type "${type.id}"`} asks auto_renew ${membership.auto_renew}, but type "${type.id}" ${type.recurring ? 'always renews' : 'never renews'} automatically`,
    );
  }
}

function describeDefaultProblem(problem: DefaultTypeProblem): string {
  if (problem.code === 'no_default') return 'no membership type is the default (mark one free type is_default)';
  if (problem.code === 'several_defaults') return `several default membership types (${problem.ids.join(', ')}): exactly one must be`;
  return `the default membership type "${problem.id}" is not free: the default must cost nothing`;
}

/** The secret keys `data` names, for `secretKeyHashes`. */
export const secretKeysOf = (data: SeedData): string[] => [...new Set(data.organizations.map((org) => org.secret_key ?? defaultSecretKey))];

/** `data` as rows; throws a clear error for data that breaks a rule (an auto_renew its type rules out, an unknown type). */
export function seedRows(data: SeedData, options: SeedOptions): SeedRows {
  const hashes: Record<string, string> = { [defaultSecretKey]: defaultSecretKeyHash, ...options.secretKeyHashes };
  const created = new Date(options.now).toISOString();
  const rows: Required<SeedRows> = {
    organizations: [],
    membership_types: [],
    discounts: [],
    invitations: [],
    members: [],
    memberships: [],
    signups: [],
    checkouts: [],
    payments: [],
    companies: [],
    idempotency_keys: [],
    outbox: [],
    sign_in_codes: [],
    refresh_tokens: [],
    webhook_endpoints: [],
    webhook_deliveries: [],
  };
  let sequence = 0;
  const nextId = (prefix: string, organizationId: string) => `${prefix}_${organizationId}_${(++sequence).toString(36).padStart(4, '0')}`;

  for (const org of data.organizations) {
    const orgId = org.organization.id;
    const today = options.today(orgId);
    const day = (value: string | number) => (typeof value === 'number' ? addDays(today, value) : value);
    const secretKey = org.secret_key ?? defaultSecretKey;
    const hash = hashes[secretKey];
    if (!hash) throw new Error(`Seed: no SHA-256 given for the secret key of organization "${orgId}" (seedStorage computes it)`);
    const defaultProblem = defaultTypeProblem(org.membership_types);
    if (defaultProblem) throw new Error(`Seed: organization "${orgId}": ${describeDefaultProblem(defaultProblem)}`);
    rows.organizations.push({
      ...structuredClone(org.organization),
      secret_key_hashes: [hash],
      ...(org.publishable_key ? { publishable_key: org.publishable_key } : {}),
      payment: org.payment === undefined ? { provider: 'stripe', publishable_key: defaultPublishableKey } : org.payment,
      notification_email: org.notification_email ?? null,
      address: org.address ?? null,
      tax_note: org.tax_note ?? null,
      membership_policy: org.membership_policy ?? defaultMembershipPolicy,
      signup_requires_sign_in: org.signup_requires_sign_in ?? false,
      created_at: created,
    });
    org.membership_types.forEach((type, position) => rows.membership_types.push({ ...structuredClone(type), organization_id: orgId, position }));
    for (const discount of org.discounts ?? []) {
      const code_key = discount.code.trim().toUpperCase();
      rows.discounts.push({ ...structuredClone(discount), organization_id: orgId, id: `dc_${code_key.toLowerCase()}`, code_key, deactivated_at: null, created_at: created });
    }
    for (const invitation of org.invitations ?? []) {
      const code_key = invitation.code.trim().toUpperCase();
      rows.invitations.push({
        organization_id: orgId,
        id: `inv_${code_key.toLowerCase()}`,
        code: invitation.code,
        code_key,
        membership_type_id: invitation.membership_type_id,
        email: invitation.email ? normalizeEmail(invitation.email) : null,
        expires_on: invitation.expires_on ?? null,
        used_by_member_id: null,
        redeemed_at: null,
        revoked_at: null,
        created_at: created,
      });
    }

    const hold = (holder: { member_id: string | null; company_id: string | null }, seed: SeedMembership) => {
      const type = org.membership_types.find((candidate) => candidate.id === seed.membership_type_id);
      if (!type) throw new Error(`Seed: no membership type "${seed.membership_type_id}" in ${orgId}`);
      const dates = calculateExpiry(type, { purchased_on: day(seed.purchased_on) });
      const record: MembershipRecord = {
        organization_id: orgId,
        id: seed.id ?? nextId('ms', orgId),
        ...holder,
        membership_type_id: type.id,
        membership_name: type.membership_name,
        state: 'confirmed',
        ...dates,
        ...termSnapshot(type),
        auto_renew: seededAutoRenew(type, seed),
        cancelled_on: seed.cancelled_on === undefined ? null : day(seed.cancelled_on),
        cancel_reason: null,
        price_paid: type.price.value,
        currency: type.price.currency,
        permissions: [...type.permissions],
        created_at: created,
        signup_id: null,
        group_of: null,
        // Seeded members have no card on file: they are reminded to renew, not charged.
        payment_customer: null,
        payment_method: null,
        terminated_on: null,
        renewal: null,
        terms: [
          {
            kind: dates.kind,
            starts_on: dates.starts_on,
            expires_on: dates.expires_on,
            amount_paid: type.price.value,
            currency: type.price.currency,
            paid_at: created,
            payment_reference: null,
          },
        ],
      };
      rows.memberships.push(record);
    };

    for (const company of org.companies ?? []) {
      rows.companies.push({ organization_id: orgId, id: company.id, name: company.name, contact_email: company.contact_email ?? null, created_at: created });
      for (const membership of company.memberships ?? []) hold({ member_id: null, company_id: company.id }, membership);
    }
    for (const member of org.members ?? []) {
      const id = member.id ?? nextId('mem', orgId);
      rows.members.push({
        organization_id: orgId,
        id,
        email: normalizeEmail(member.email),
        first_name: member.first_name,
        last_name: member.last_name,
        company_id: member.company_id ?? null,
        fields: structuredClone(member.fields ?? {}) as Record<string, Json>,
        created_at: created,
        created_by_signup: null,
      });
      for (const membership of member.memberships ?? []) hold({ member_id: id, company_id: null }, membership);
    }
  }
  return rows;
}

/**
 * Writes `data` into `storage` in one transaction (the storage should be empty): the server's
 * `--demo`, a test's fixture. Secret keys are hashed here (Web Crypto).
 */
export async function seedStorage(storage: Storage, data: SeedData, options: Omit<SeedOptions, 'secretKeyHashes'>): Promise<void> {
  const secretKeyHashes: Record<string, string> = {};
  for (const key of secretKeysOf(data)) secretKeyHashes[key] = await sha256Hex(key);
  const rows = seedRows(data, { ...options, secretKeyHashes });
  await storage.transaction(async (tx) => {
    for (const table of Object.keys(rows) as TableName[]) {
      for (const row of rows[table] ?? []) await tx.insert(table, row as never);
    }
  });
}
