// The sandbox's state: plain JSON records, kept in memory and optionally mirrored to Web Storage
// so a demo signup survives a reload. Wire objects are derived from these records (views.ts).
import type { Discount, MembershipType, Organization } from '@memberkit/sdk';
import type { Cycle, DurationIntervalType } from '@memberkit/sdk/calculators';
import { randomToken } from './auth.js';

export type MembershipState = 'pending' | 'declined' | 'confirmed' | 'terminated';
export type SignupStatus = 'pending' | 'awaiting_payment' | 'awaiting_approval' | 'completed' | 'failed';

export interface PaymentSettings {
  provider: 'stripe';
  publishable_key: string;
}

export interface OrganizationRecord {
  organization: Organization;
  secret_key: string;
  payment: PaymentSettings | null;
}

export interface DiscountRecord {
  organization_id: string;
  discount: Discount;
}

export interface InvitationRecord {
  organization_id: string;
  code: string;
  membership_type_id: string;
  /** Bound to one (normalized) email, or open to anyone. */
  email: string | null;
  /** Last day the invitation can be used, or null. */
  expires_on: string | null;
  /** The member who holds it (set when a signup uses it; single use). */
  used_by_member_id: string | null;
  /** Set when that member's signup completed. */
  redeemed_at: string | null;
}

export interface MemberRecord {
  id: string;
  organization_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  company_id: string | null;
  fields: Record<string, unknown>;
  created_at: string;
  /** The signup that created this member (null: seeded, staff, or a member token). */
  created_by_signup?: string | null;
}

export interface MembershipRecord {
  id: string;
  organization_id: string;
  member_id: string | null;
  company_id: string | null;
  membership_type_id: string;
  membership_name: string;
  kind: 'new' | 'renewal' | 'reinstated';
  state: MembershipState;
  starts_on: string;
  expires_on: string | null;
  anchor_on: string;
  /** The term sold (the type's at creation; not on the wire): renewals extend by it. */
  duration: number | null;
  duration_interval_type: DurationIntervalType;
  cycle: Cycle | null;
  grace_days: number;
  auto_renew: boolean;
  cancelled_on: string | null;
  price_paid: number;
  currency: string;
  permissions: string[];
  created_at: string;
  /** The signup that created it (null when assigned by staff or seeded). */
  signup_id: string | null;
}

export interface SignupQuoteRecord {
  currency: string;
  subtotal: number;
  discount_amount: number;
  total: number;
  requires_payment: boolean;
}

export interface SignupRecord {
  id: string;
  organization_id: string;
  member_id: string;
  /** The payer's membership first, then group members' memberships. */
  membership_ids: string[];
  status: SignupStatus;
  quote: SignupQuoteRecord;
  discount_code: string | null;
  invitation_code: string | null;
  /** The custom field answers of this signup; the member's profile is not touched before completion. */
  fields: Record<string, unknown>;
  /**
   * Whether completion copies `fields` to the member: only when the signup was made with that
   * member's token, or the member is new (created by a signup, none of theirs completed yet).
   */
  updates_member: boolean;
  /** For a renewal: the membership it extends. */
  renewal_of: string | null;
  /**
   * For a renewal: the member's `auto_renew` choice made with it (null or absent: none), applied
   * when the renewal completes, so an abandoned renewal changes nothing.
   */
  auto_renew?: boolean | null;
  checkout_session_id: string | null;
  created_at: string;
  completed_at: string | null;
  /** Set when a newer signup of the same member and type replaced this unpaid one (status `failed`). */
  replaced_by?: string | null;
  /**
   * Set when an admin approved this application: it is then never replaced by a new signup, and
   * its checkout does not expire; it is paid, or closed by an admin (decline or cancel).
   */
  approved_at?: string | null;
}

/**
 * Why a checkout session closed unpaid: `replaced` by the member's newer signup (or a newer
 * renewal), `expired` (left unpaid past `expires_at`), `refused` at completion (the holder got
 * the membership meanwhile, or the renewal is no longer possible), `declined` (an admin
 * declined or cancelled the application).
 */
export type CheckoutClosedReason = 'replaced' | 'expired' | 'refused' | 'declined';

export interface CheckoutSessionRecord {
  id: string;
  client_secret: string;
  organization_id: string;
  signup_id: string;
  amount: number;
  currency: string;
  /** `expired`: closed unpaid (`closed_reason` says why); it can no longer be paid. */
  status: 'open' | 'complete' | 'expired';
  /** Why it closed unpaid: recorded when it closes, so confirm's answer never guesses. */
  closed_reason?: CheckoutClosedReason | null;
  /**
   * When it expires unpaid (epoch ms on the sandbox clock: `SandboxRuntime.now`); absent: it
   * does not expire (an approved application's).
   */
  expires_at?: number;
  payment_id: string | null;
  declines: number;
}

export interface PaymentRecord {
  id: string;
  organization_id: string;
  signup_id: string;
  checkout_session_id: string;
  amount: number;
  currency: string;
  card_last4: string;
  created_at: string;
}

export interface CompanyRecord {
  id: string;
  organization_id: string;
  name: string;
  created_at: string;
}

export interface TokenRecord {
  token: string;
  organization_id: string;
  member_id: string;
  /** Epoch ms, or null for no expiry. */
  expires_at: number | null;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface IdempotencyRecord {
  scope: string;
  fingerprint: string;
  response: StoredResponse;
  created_at: string;
}

export interface StoreState {
  /** 2: memberships carry their term (older persisted state is dropped). */
  version: 2;
  /** Fingerprint of the data it was seeded from: persisted state from other data is dropped. */
  seed: string;
  sequence: number;
  organizations: Record<string, OrganizationRecord>;
  membership_types: Record<string, MembershipType[]>;
  discounts: DiscountRecord[];
  invitations: InvitationRecord[];
  members: Record<string, MemberRecord>;
  memberships: Record<string, MembershipRecord>;
  companies: Record<string, CompanyRecord>;
  signups: Record<string, SignupRecord>;
  checkout_sessions: Record<string, CheckoutSessionRecord>;
  payments: Record<string, PaymentRecord>;
  tokens: Record<string, TokenRecord>;
  idempotency: Record<string, IdempotencyRecord>;
}

export type PersistMode = 'memory' | 'session' | 'local';

export function emptyState(): StoreState {
  return {
    version: 2,
    seed: '',
    sequence: 0,
    organizations: {},
    membership_types: {},
    discounts: [],
    invitations: [],
    members: {},
    memberships: {},
    companies: {},
    signups: {},
    checkout_sessions: {},
    payments: {},
    tokens: {},
    idempotency: {},
  };
}

function webStorage(mode: PersistMode): Storage | null {
  if (mode === 'memory') return null;
  const storage = mode === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  if (!storage) {
    throw new Error(`persist: '${mode}' needs Web Storage (a browser); use 'memory' in Node.`);
  }
  return storage;
}

/** The sandbox's records with typed queries; `save()` mirrors them to Web Storage if asked. */
export class SandboxStore {
  state: StoreState;
  readonly #storage: Storage | null;
  readonly #storageKey: string;

  constructor(mode: PersistMode, storageKey: string) {
    this.#storage = webStorage(mode);
    this.#storageKey = storageKey;
    this.state = emptyState();
  }

  /** Loads the mirrored state; false when there is none, it is unreadable, or from other data. */
  load(seed: string): boolean {
    const text = this.#storage?.getItem(this.#storageKey);
    if (!text) return false;
    try {
      const parsed = JSON.parse(text) as StoreState;
      if (parsed.version !== 2 || parsed.seed !== seed) return false;
      this.state = parsed;
      return true;
    } catch {
      return false;
    }
  }

  save(): void {
    this.#storage?.setItem(this.#storageKey, JSON.stringify(this.state));
  }

  clear(): void {
    this.#storage?.removeItem(this.#storageKey);
    this.state = emptyState();
  }

  /** A new id such as `mem_0001a`: sequential (deterministic), unique across reloads. */
  nextId(prefix: string): string {
    this.state.sequence += 1;
    return `${prefix}_${this.state.sequence.toString(36).padStart(5, '0')}`;
  }

  /**
   * An unguessable id such as `su_3f9a…` (128 random bits): for records that public endpoints
   * answer by id alone (signups, checkout sessions), so knowing one id reveals no other.
   */
  randomId(prefix: string): string {
    return `${prefix}_${randomToken(16)}`;
  }

  organization(id: string): OrganizationRecord | undefined {
    return Object.hasOwn(this.state.organizations, id) ? this.state.organizations[id] : undefined;
  }

  membershipTypes(organizationId: string): MembershipType[] {
    return this.state.membership_types[organizationId] ?? [];
  }

  membershipType(organizationId: string, id: string): MembershipType | undefined {
    return this.membershipTypes(organizationId).find((type) => type.id === id);
  }

  discount(organizationId: string, code: string): DiscountRecord | undefined {
    // Codes are case-insensitive, as members type them.
    const wanted = code.trim().toUpperCase();
    return this.state.discounts.find(
      (record) => record.organization_id === organizationId && record.discount.code.toUpperCase() === wanted,
    );
  }

  invitation(organizationId: string, code: string): InvitationRecord | undefined {
    const wanted = code.trim().toUpperCase();
    return this.state.invitations.find(
      (record) => record.organization_id === organizationId && record.code.toUpperCase() === wanted,
    );
  }

  member(organizationId: string, id: string): MemberRecord | undefined {
    const member = Object.hasOwn(this.state.members, id) ? this.state.members[id] : undefined;
    return member?.organization_id === organizationId ? member : undefined;
  }

  /** `normalizedEmail` must already be normalized (normalizeEmail from the SDK). */
  memberByEmail(organizationId: string, normalizedEmail: string): MemberRecord | undefined {
    return Object.values(this.state.members).find(
      (member) => member.organization_id === organizationId && member.email === normalizedEmail,
    );
  }

  members(organizationId: string): MemberRecord[] {
    return Object.values(this.state.members).filter((member) => member.organization_id === organizationId);
  }

  membership(organizationId: string, id: string): MembershipRecord | undefined {
    const membership = Object.hasOwn(this.state.memberships, id) ? this.state.memberships[id] : undefined;
    return membership?.organization_id === organizationId ? membership : undefined;
  }

  memberships(organizationId: string): MembershipRecord[] {
    return Object.values(this.state.memberships).filter((m) => m.organization_id === organizationId);
  }

  company(organizationId: string, id: string): CompanyRecord | undefined {
    const company = Object.hasOwn(this.state.companies, id) ? this.state.companies[id] : undefined;
    return company?.organization_id === organizationId ? company : undefined;
  }

  signup(organizationId: string, id: string): SignupRecord | undefined {
    const signup = Object.hasOwn(this.state.signups, id) ? this.state.signups[id] : undefined;
    return signup?.organization_id === organizationId ? signup : undefined;
  }

  checkoutSessionBySecret(clientSecret: string): CheckoutSessionRecord | undefined {
    return Object.values(this.state.checkout_sessions).find((s) => s.client_secret === clientSecret);
  }

  payments(organizationId?: string): PaymentRecord[] {
    return Object.values(this.state.payments).filter(
      (payment) => organizationId === undefined || payment.organization_id === organizationId,
    );
  }
}
