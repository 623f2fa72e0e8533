// A new organization, as `memberkit-server init` creates it: from a JSON file or from flags,
// checked field by field (each problem names its field), stored with its first secret key.
import { firstDefaultType, type OrganizationRecord, type Storage } from '@memberkit/api';
import { defaultMembershipPolicy, membershipPolicies, normalizeCurrencyCode } from '@memberkit/sdk/calculators';
import * as z from 'zod';
import { organizationWithKey } from './keys.js';

const origin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
}, 'must be an origin such as https://club.example (scheme, host, optional port; nothing else)');

export const organizationInputSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be 1–63 lower-case letters, digits, - or _ (it appears in the script tag)')
    .refine((id) => !id.startsWith('pk_'), 'must not start with pk_ (publishable keys do)'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  // Currency codes are accepted in any case and kept in capitals, as the API answers them.
  currency: z.string().transform((code, context) => {
    const normalized = normalizeCurrencyCode(code);
    if (normalized === null) context.addIssue({ code: 'custom', message: 'must be an ISO 4217 currency code, e.g. EUR (any case)' });
    return normalized ?? code;
  }),
  time_zone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone, e.g. Europe/Berlin'),
  locale: z.string().refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'must be a BCP 47 language tag, e.g. de-DE').default('en'),
  logo_url: z.string().regex(/^https:\/\//, 'must be an https:// URL').nullable().default(null),
  terms_url: z.string().regex(/^https:\/\//, 'must be an https:// URL').nullable().default(null),
  embed_origins: z.array(origin).default([]),
  address: z.string().trim().max(500).nullable().default(null),
  tax_note: z.string().trim().max(500).nullable().default(null),
  membership_policy: z.enum(membershipPolicies).default(defaultMembershipPolicy),
  signup_requires_sign_in: z.boolean().default(false),
});
export type OrganizationInput = z.input<typeof organizationInputSchema>;

export class OrganizationInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`The organization is not valid:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'OrganizationInputError';
  }
}

export class OrganizationExistsError extends Error {
  constructor(readonly organizationId: string) {
    super(`An organization "${organizationId}" exists already (rotate its key with: memberkit-server rotate-secret-key ${organizationId})`);
    this.name = 'OrganizationExistsError';
  }
}

/**
 * Creates the organization with its free default membership type (every organization has one);
 * answers it and its secret key (shown once: only its hash is kept).
 */
export async function createOrganization(storage: Storage, input: unknown, now = new Date()): Promise<{ organization: OrganizationRecord; secretKey: string }> {
  const parsed = organizationInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new OrganizationInputError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(the whole input)'}: ${issue.message}`));
  }
  const { record, secretKey } = organizationWithKey({ ...parsed.data, payment: null, notification_email: null, created_at: now.toISOString() });
  await storage.transaction(async (tx) => {
    if (await tx.findOne('organizations', { id: record.id })) throw new OrganizationExistsError(record.id);
    await tx.insert('organizations', record);
    await tx.insert('membership_types', firstDefaultType(record));
  });
  return { organization: record, secretKey };
}
