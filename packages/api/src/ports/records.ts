// What the API stores, one record type per table. Records are flat JSON values: scalar columns,
// plus the columns `tableSpecs` marks as JSON (objects and arrays). A SQL storage maps each
// table to a table with these columns; the memory storage keeps them in maps.
//
// Every table but `organizations` is scoped by organization: its key is (organization_id, id),
// since ids such as a membership type's `annual` repeat across organizations.
import type { MembershipType, PaymentSettings, SignupQuote, SignupStatus } from '@memberkit/sdk';
import type { Cycle, DurationIntervalType, MembershipPolicy, MembershipState } from '@memberkit/sdk/calculators';

/** A JSON value as records hold it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The SDK's payment settings (what `signup-config` answers), stored as they are. */
export type PaymentSettingsRecord = PaymentSettings;

export interface OrganizationRecord {
  id: string;
  name: string;
  /** ISO 4217, upper case. */
  currency: string;
  /** IANA time zone: the organization's "today" is the date there. */
  time_zone: string;
  locale: string;
  logo_url: string | null;
  terms_url: string | null;
  /** The exact origins allowed to frame the signup page (JSON). */
  embed_origins: string[];
  /** SHA-256 (hex) of each accepted secret key: several while a key is being rotated (JSON). */
  secret_key_hashes: string[];
  /**
   * The organization's publishable key (`pk_live_…`, `pk_test_…`): not a secret, it names the
   * organization wherever the organization id does (the `{org}` of every path, the widget's
   * `organization` attribute) and can be replaced without renaming the organization. Null or
   * absent: the organization is named by its id only. Unique across organizations.
   */
  publishable_key?: string | null;
  /** The processor settings the widget needs, or null: no payments (JSON). */
  payment: PaymentSettingsRecord | null;
  /**
   * The organization's own account at the processor, which its members' payments go to (Stripe
   * Connect: a connected account, `acct_…`); null or absent: paid on the platform's account. Read
   * with the organization, so a payment call needs no lookup of its own inside a transaction.
   */
  payment_account?: string | null;
  /** Where the organization is told what needs its attention (a membership terminated), or null: staff read it in the API. */
  notification_email: string | null;
  /** The postal address receipts carry (lines separated by newlines), or null. */
  address: string | null;
  /** A note receipts carry, e.g. "VAT exempt under §4 UStG" or a tax id, or null. */
  tax_note: string | null;
  /** How many memberships a member (or company) may hold at once (the SDK's MembershipPolicy). */
  membership_policy: MembershipPolicy;
  /** Whether a signup must be sent with a member token (the member signed in first). */
  signup_requires_sign_in: boolean;
  created_at: string;
}

/** A membership type as the wire describes it, plus its organization and its place in the list. */
export interface MembershipTypeRecord extends MembershipType {
  organization_id: string;
  /** Order in lists (ascending). */
  position: number;
}

export interface DiscountRecord {
  organization_id: string;
  id: string;
  /** As staff typed it (answered on the wire). */
  code: string;
  /** `code` trimmed and upper-cased: codes are case-insensitive, as members type them. */
  code_key: string;
  percent_off: number | null;
  amount_off: number | null;
  currency: string | null;
  /** null: every type (JSON). */
  membership_type_ids: string[] | null;
  valid_from: string | null;
  valid_until: string | null;
  max_redemptions: number | null;
  times_redeemed: number;
  /** Set when staff deactivated the code: no new signup may use it. */
  deactivated_at: string | null;
  created_at: string;
}

export interface InvitationRecord {
  organization_id: string;
  id: string;
  code: string;
  /** `code` trimmed and upper-cased. */
  code_key: string;
  membership_type_id: string;
  /** Bound to one (normalized) email, or open to anyone. */
  email: string | null;
  /** Last day the invitation can be used, or null. */
  expires_on: string | null;
  /** The member who holds it (set when a signup uses it; single use). */
  used_by_member_id: string | null;
  /** Set when that member's signup completed. */
  redeemed_at: string | null;
  /** Set when staff revoked it: no signup may use it. */
  revoked_at: string | null;
  created_at: string;
}

export interface MemberRecord {
  organization_id: string;
  id: string;
  /** Normalized (trimmed, lower-cased): unique per organization. */
  email: string;
  first_name: string | null;
  last_name: string | null;
  company_id: string | null;
  /** Custom field answers by key (JSON). */
  fields: Record<string, Json>;
  created_at: string;
  /** The signup that created this member (null: seeded, staff, or a member token). */
  created_by_signup: string | null;
}

/** One term of a membership as it was sold: the membership's history (JSON in `terms`). */
export interface MembershipTermRecord {
  kind: 'new' | 'renewal' | 'reinstated';
  starts_on: string;
  /** null: lifetime. */
  expires_on: string | null;
  /** In the currency's minor unit; 0 when free, or for a group member's place (the payer paid the group). */
  amount_paid: number;
  currency: string;
  /** When it was paid (or granted, when nothing was paid). */
  paid_at: string;
  /** The processor's payment reference, or null when nothing was charged. */
  payment_reference: string | null;
  /** Money given back on it, oldest first (absent: none; see domain/refunds.ts). */
  refunds?: { id: string; amount: number; refunded_at: string; reason: string | null }[];
  /** Disputes of its payment by the cardholder's bank, oldest first (absent: none; see domain/disputes.ts). */
  disputes?: {
    id: string;
    amount: number;
    reason: string;
    /** Stripe's status as last read (its result, `won` or `lost`, once closed: the SDK's disputeResult). */
    status: string;
    disputed_at: string;
    /** When the API recorded it closed (absent: open, or recorded before closes were). */
    closed_at?: string;
  }[];
}

/** Where the automatic renewal of a membership's current term stands (JSON in `renewal`). */
export interface RenewalProgressRecord {
  /** The expiry renewed: progress recorded for an earlier term no longer counts. */
  expires_on: string;
  /** Charges attempted (at most RENEWAL_ATTEMPTS). */
  attempts: number;
  last_attempt_on: string | null;
  /** Why the last attempt failed: the processor's code (`insufficient_funds`, `authentication_required`, …) and its message. */
  last_failure: { code: string; message: string } | null;
  /** A charge waiting for the member to authenticate it at `url`. */
  pending: { reference: string; url: string } | null;
  /** The days a renewal reminder went out for this term (a day run again sends none). */
  reminded_on: string[];
}

export interface MembershipRecord {
  organization_id: string;
  id: string;
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
  /** JSON. */
  cycle: Cycle | null;
  grace_days: number;
  auto_renew: boolean;
  cancelled_on: string | null;
  /** What the member (or staff) said when cancelling, for the organization; null: nothing. */
  cancel_reason: string | null;
  price_paid: number;
  currency: string;
  /** JSON. */
  permissions: string[];
  created_at: string;
  /** The signup that created it (null when assigned by staff or seeded). */
  signup_id: string | null;
  /** A group member's place: the payer's membership, which renews the group (null: not a group member). */
  group_of: string | null;
  /** The processor's customer and saved card that renewals charge (null: none saved). */
  payment_customer: string | null;
  payment_method: string | null;
  /**
   * With state `terminated`: the day it takes effect (three failed renewal charges end the
   * membership when its paid term does); null: at once.
   */
  terminated_on: string | null;
  /** The automatic renewal of the current term, once one was attempted or reminded (JSON). */
  renewal: RenewalProgressRecord | null;
  /** Every term it was sold, oldest first (JSON). */
  terms: MembershipTermRecord[];
}

/** The SDK's quote as the wire answers it, plus whether the total must be paid. */
export interface SignupQuoteRecord extends SignupQuote {
  requires_payment: boolean;
}

export interface SignupRecord {
  organization_id: string;
  id: string;
  member_id: string;
  /** The payer's membership first, then group members' memberships (JSON). */
  membership_ids: string[];
  status: SignupStatus;
  /** JSON. */
  quote: SignupQuoteRecord;
  discount_code: string | null;
  invitation_code: string | null;
  /** The custom field answers of this signup (JSON); the member's profile waits for completion. */
  fields: Record<string, Json>;
  /** Whether completion copies `fields` to the member (their own token, or a new member). */
  updates_member: boolean;
  /** For a renewal: the membership it extends. */
  renewal_of: string | null;
  /** For a renewal: the member's `auto_renew` choice made with it (null: none). */
  auto_renew: boolean | null;
  /** The processor checkout this signup pays with (see `checkouts`). */
  checkout_id: string | null;
  created_at: string;
  completed_at: string | null;
  /** Set when a newer signup of the same member and type replaced this unpaid one. */
  replaced_by: string | null;
  /** Set when an admin approved this application. */
  approved_at: string | null;
  /**
   * The checkout page the request asked for (null: unsaid, the host's default). Kept for an
   * application, whose checkout opens only when staff approve it, long after the request.
   */
  checkout_ui_mode: 'embedded_page' | 'hosted_page' | null;
  /**
   * The member's language as the request said it (canonical BCP 47; null: unsaid), for the
   * checkout page: kept, like the page, for an application's checkout opened later by staff.
   */
  locale: string | null;
}

/**
 * Why a checkout closed unpaid: `replaced` by a newer signup, `expired` (left unpaid),
 * `refused` at completion, `declined` (an admin closed the application).
 */
export type CheckoutClosedReason = 'replaced' | 'expired' | 'refused' | 'declined';

/** The API's record of a processor checkout session (the processor keeps its own). */
export interface CheckoutRecord {
  organization_id: string;
  /** The processor's session id. */
  id: string;
  signup_id: string;
  ui_mode: 'embedded_page' | 'hosted_page';
  /** For `embedded_page`. */
  client_secret: string | null;
  /** For `hosted_page`. */
  url: string | null;
  amount: number;
  currency: string;
  status: 'open' | 'complete' | 'expired';
  closed_reason: CheckoutClosedReason | null;
  /** Epoch ms on the API's clock, or null: it does not expire (an approved application's). */
  expires_at: number | null;
  payment_id: string | null;
  created_at: string;
}

/** A payment the API accepted: a paid checkout, or an automatic renewal's off-session charge. */
export interface PaymentRecord {
  organization_id: string;
  id: string;
  /** The signup and checkout it paid (null for an automatic renewal). */
  signup_id: string | null;
  checkout_id: string | null;
  /** The membership an automatic renewal charged for (null for a checkout: see its signup). */
  membership_id: string | null;
  amount: number;
  currency: string;
  /** The processor's reference (payment intent, charge). */
  reference: string;
  card_last4: string | null;
  created_at: string;
}

export interface CompanyRecord {
  organization_id: string;
  id: string;
  name: string;
  /** Where the company's memberships' renewal messages go (normalized); null: nobody is told. */
  contact_email: string | null;
  created_at: string;
}

/** A stored answer to an idempotent request; `id` is the scope: caller and key. */
export interface IdempotencyRecord {
  organization_id: string;
  id: string;
  /** Method, path, query and canonical body: a different request with the key is refused. */
  fingerprint: string;
  status: number;
  /** JSON. */
  headers: Record<string, string>;
  body: string;
  created_at: string;
}

/** A message the API sends, written in the transaction that decides it, delivered after commit. */
export interface OutboxRecord {
  organization_id: string;
  id: string;
  /** What it is: `sign_in_code`, `receipt`, `renewal_reminder`, … */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** What the message says, for tests and templates (JSON). */
  data: Record<string, Json>;
  created_at: string;
  /** Set once the Mailer took it. */
  sent_at: string | null;
  attempts: number;
}

/**
 * A sign-in code sent to an address (`POST /auth/email-codes`); only hashes are kept. It lives
 * 10 minutes, dies after 5 wrong tries, and is used once (by its code or its link token).
 */
export interface SignInCodeRecord {
  organization_id: string;
  id: string;
  /** Normalized. */
  email: string;
  /** SHA-256 (hex) of the row id and the code. */
  code_hash: string;
  /** SHA-256 (hex) of the one-click link's token, or null (no link was asked for). */
  link_token_hash: string | null;
  /** Who asked (the host's client key, e.g. an address), for the per-client limit; null: unknown. */
  client: string | null;
  /** Epoch ms on the API's clock. */
  expires_at: number;
  wrong_tries: number;
  used_at: string | null;
  created_at: string;
}

/** A refresh token (hashed) that gets a member their next token; replaced by the one it gets. */
export interface RefreshTokenRecord {
  organization_id: string;
  id: string;
  member_id: string;
  /** SHA-256 (hex) of the token. */
  token_hash: string;
  /** Epoch ms on the API's clock. */
  expires_at: number;
  /** Set once used (the next token's id): a refresh token is good for one refresh. */
  used_at: string | null;
  created_at: string;
}

/** An organization's endpoint that receives its events (Standard Webhooks). */
export interface WebhookEndpointRecord {
  organization_id: string;
  id: string;
  /** https (http only to the loopback, for development). */
  url: string;
  /** Event types it receives (JSON); `*`: all. */
  events: string[];
  /**
   * The signing secret (`whsec_…`), kept as given out: HMAC signing needs it in clear (as with
   * Stripe's and Svix's endpoint secrets); answered once, at creation.
   */
  secret: string;
  description: string | null;
  created_at: string;
}

/**
 * One event for one endpoint: written in the transaction of the change (an outbox of events),
 * delivered after the commit and retried with backoff; its rows are the delivery log.
 */
export interface WebhookDeliveryRecord {
  organization_id: string;
  id: string;
  /** The event's id (`evt_…`): the `webhook-id` every attempt carries, so receivers drop repeats. */
  event_id: string;
  endpoint_id: string;
  type: string;
  /** The JSON body, as signed and sent. */
  payload: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  /** Epoch ms of the next attempt (null once succeeded or given up). */
  next_attempt_at: number | null;
  /** The last attempt's HTTP status (null: no answer). */
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  created_at: string;
}

/** Every table, by name. */
export interface Tables {
  organizations: OrganizationRecord;
  membership_types: MembershipTypeRecord;
  discounts: DiscountRecord;
  invitations: InvitationRecord;
  members: MemberRecord;
  memberships: MembershipRecord;
  signups: SignupRecord;
  checkouts: CheckoutRecord;
  payments: PaymentRecord;
  companies: CompanyRecord;
  idempotency_keys: IdempotencyRecord;
  outbox: OutboxRecord;
  sign_in_codes: SignInCodeRecord;
  refresh_tokens: RefreshTokenRecord;
  webhook_endpoints: WebhookEndpointRecord;
  webhook_deliveries: WebhookDeliveryRecord;
}

export type TableName = keyof Tables;

export interface TableSpec<R> {
  /** The primary key's columns. */
  key: readonly (keyof R & string)[];
  /** Other column sets that are unique. */
  unique: readonly (readonly (keyof R & string)[])[];
  /** Columns that hold JSON (objects, arrays), stored as JSON by a SQL storage. */
  json: readonly (keyof R & string)[];
}

/** The keys, unique constraints and JSON columns of every table: both storages honour them. */
export const tableSpecs: { [T in TableName]: TableSpec<Tables[T]> } = {
  organizations: { key: ['id'], unique: [['publishable_key']], json: ['embed_origins', 'secret_key_hashes', 'payment'] },
  membership_types: {
    key: ['organization_id', 'id'],
    unique: [],
    json: ['price', 'cycle', 'fields', 'permissions'],
  },
  discounts: { key: ['organization_id', 'id'], unique: [['organization_id', 'code_key']], json: ['membership_type_ids'] },
  invitations: { key: ['organization_id', 'id'], unique: [['organization_id', 'code_key']], json: [] },
  members: { key: ['organization_id', 'id'], unique: [['organization_id', 'email']], json: ['fields'] },
  memberships: { key: ['organization_id', 'id'], unique: [], json: ['cycle', 'permissions', 'renewal', 'terms'] },
  signups: { key: ['organization_id', 'id'], unique: [], json: ['membership_ids', 'quote', 'fields'] },
  checkouts: { key: ['organization_id', 'id'], unique: [], json: [] },
  payments: { key: ['organization_id', 'id'], unique: [], json: [] },
  companies: { key: ['organization_id', 'id'], unique: [], json: [] },
  idempotency_keys: { key: ['organization_id', 'id'], unique: [], json: ['headers'] },
  outbox: { key: ['organization_id', 'id'], unique: [], json: ['data'] },
  sign_in_codes: { key: ['organization_id', 'id'], unique: [], json: [] },
  refresh_tokens: { key: ['organization_id', 'id'], unique: [['organization_id', 'token_hash']], json: [] },
  webhook_endpoints: { key: ['organization_id', 'id'], unique: [], json: ['events'] },
  webhook_deliveries: { key: ['organization_id', 'id'], unique: [], json: [] },
};

