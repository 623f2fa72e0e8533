// The messages the API writes to its outbox: every kind, and what its `data` carries. A host's
// mailer renders each kind from its data in the organization's language (the server's
// templates); the `subject` and `text` the API writes beside them are a plain English version
// for hosts without templates (the sandbox's outbox). A new kind is added here first: the
// server's tests fail until it has a template in every language. (How the API writes one is
// messages.ts; this file imports nothing of the domain, so the context can name the kinds.)
import type { Json, MemberRecord, MembershipRecord } from '../ports/records.js';

export const messageKinds = [
  /** A one-time code to sign in with: `code`, `expires_in_minutes`. */
  'sign_in_code',
  /** A membership that began without a payment (free, or a group member's): see MembershipMessageData. */
  'welcome',
  /** A payment: a new membership's (welcome and receipt in one) or a renewal's (`renewal` true). */
  'receipt',
  /** A membership that renews automatically soon: `renews_on`, `amount`, `currency`, `card_last4`. */
  'renewal_upcoming',
  /** The saved card cannot be charged (expired, needs authentication): `update_url`. */
  'card_update_needed',
  /** A renewal charge failed: `attempt`, `next_attempt_on` (null: no more tries), `pay_url`. */
  'renewal_failed',
  /**
   * A membership that does not renew automatically ends soon: `renews_on` (its expiry),
   * `last_day`, `amount`, `currency`, `renew_path` (the API path a member's token renews it at).
   */
  'renewal_reminder',
  /** The membership ended after its renewal failed, or was terminated: `ended_on`. */
  'membership_terminated',
  /**
   * To the organization (its notification email): a membership ended after its renewal failed
   * three times: `member_id`, `member_email`, `member_name`, `ended_on`, `attempts`,
   * `failure_code`, `failure_message`.
   */
  'staff_membership_terminated',
  /** A signup for a type that needs approval was received. */
  'application_received',
  /** An application was approved: `requires_payment`, `amount`, `currency`, `pay_url`. */
  'application_approved',
  /** An application was declined. */
  'application_declined',
] as const;

export type MessageKind = (typeof messageKinds)[number];

/**
 * What every membership message's data holds (the templates greet and name the membership with
 * these); each kind adds its own fields (see messageKinds).
 */
export interface MembershipMessageData {
  first_name: string | null;
  membership_id: string;
  membership_name: string;
  starts_on: string | null;
  expires_on: string | null;
}

/** An example of each kind's data, as the API writes it (templates are tested on these). */
export const sampleMessageData: { [K in MessageKind]: Record<string, Json> } = (() => {
  const membership = { first_name: 'Alice', membership_id: 'ms_1', membership_name: 'Annual', starts_on: '2026-03-01', expires_on: '2027-02-28' };
  return {
    sign_in_code: { first_name: 'Alice', code: '418 207', expires_in_minutes: 10 },
    welcome: membership,
    receipt: { ...membership, payment_id: 'py_1', signup_id: 'su_1', amount: 5250, currency: 'EUR', card_last4: '4242', paid_on: '2026-03-01', renewal: false },
    renewal_upcoming: { ...membership, renews_on: '2027-02-28', amount: 5250, currency: 'EUR', card_last4: '4242' },
    card_update_needed: { ...membership, renews_on: '2027-02-28', card_last4: '4242', update_url: 'https://club.example/account/card' },
    renewal_failed: { ...membership, amount: 5250, currency: 'EUR', attempt: 1, next_attempt_on: '2027-03-03', pay_url: 'https://club.example/renew' },
    renewal_reminder: { ...membership, renews_on: '2027-02-28', last_day: '2027-02-27', amount: 5250, currency: 'EUR', renew_path: '/organizations/club/me/memberships/ms_1/renew', auto_renew: false },
    membership_terminated: { ...membership, ended_on: '2027-03-10' },
    staff_membership_terminated: {
      ...membership,
      member_id: 'mem_1',
      member_email: 'alice@example.org',
      member_name: 'Alice Martin',
      ended_on: '2027-02-28',
      attempts: 3,
      failure_code: 'insufficient_funds',
      failure_message: 'Your card has insufficient funds.',
    },
    application_received: membership,
    application_approved: { ...membership, requires_payment: true, amount: 5250, currency: 'EUR', pay_url: 'https://club.example/pay' },
    application_declined: membership,
  };
})();

/** The data every membership message starts from. */
export function membershipMessageData(member: Pick<MemberRecord, 'first_name'>, membership: MembershipRecord): MembershipMessageData & Record<string, Json> {
  return {
    first_name: member.first_name,
    membership_id: membership.id,
    membership_name: membership.membership_name,
    starts_on: membership.starts_on,
    expires_on: membership.expires_on,
  };
}
