// How the API writes a message to its outbox, with a plain English subject and text beside the
// kind and data (message-kinds.ts) that a host's templates render.
import { formatMoney } from '@memberkit/sdk/calculators';
import type { Json, MemberRecord, MembershipRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { membershipMessageData, type MessageKind } from './message-kinds.js';

export { messageKinds, membershipMessageData, sampleMessageData, type MembershipMessageData, type MessageKind } from './message-kinds.js';

/** English, for the outbox's plain `subject` and `text` (hosts without templates show these). */
const plainText: { [K in MessageKind]?: (org: string, data: Record<string, Json>, locale: string) => { subject: string; text: string } } = {
  welcome: (org, data) => ({
    subject: `Welcome to ${org}`,
    text: `Welcome to ${org}! Your ${String(data.membership_name)} membership is active${data.expires_on ? ` until ${String(data.expires_on)}` : ''}.`,
  }),
  application_received: (org, data) => ({
    subject: `Your application to ${org}`,
    text: `Thank you for applying for the ${String(data.membership_name)} membership at ${org}. We will let you know once it has been reviewed.`,
  }),
  application_approved: (org, data, locale) => ({
    subject: `Your application to ${org} was approved`,
    text:
      `Your application for the ${String(data.membership_name)} membership at ${org} was approved.` +
      (data.requires_payment && typeof data.amount === 'number' && typeof data.currency === 'string'
        ? ` To complete it, pay ${formatMoney(data.amount, data.currency, locale)}.`
        : ''),
  }),
  renewal_failed: (org, data, locale) => ({
    subject: `We could not renew your ${String(data.membership_name)} membership`,
    text:
      `We tried to charge ${typeof data.amount === 'number' && typeof data.currency === 'string' ? formatMoney(data.amount, data.currency, locale) : 'the renewal'} for your ${String(data.membership_name)} membership at ${org}, but the payment did not go through.` +
      (data.next_attempt_on ? ` We will try again on ${String(data.next_attempt_on)}.` : ` We will not try again; your membership ends on ${String(data.ends_on ?? data.expires_on)} unless you renew it.`) +
      (data.pay_url
        ? data.failure_code === 'authentication_required' && data.next_attempt_on
          ? ` Confirm the payment with your bank: ${String(data.pay_url)}`
          : ` Pay now: ${String(data.pay_url)}`
        : ` To pay now, sign in on ${org}'s website.`),
  }),
  card_update_needed: (org, data) => ({
    subject: `Please update your card for ${org}`,
    text:
      `Your ${String(data.membership_name)} membership at ${org} renews automatically on ${String(data.renews_on)}, but there is no card to charge. Add a card or renew it yourself to keep it.` +
      (data.update_url ? ` Update your card: ${String(data.update_url)}` : ` Sign in on ${org}'s website to do it.`),
  }),
  renewal_reminder: (org, data, locale) => ({
    subject: `Your ${String(data.membership_name)} membership ends on ${String(data.renews_on)}`,
    text: `Your ${String(data.membership_name)} membership at ${org} runs until ${String(data.renews_on)}.${typeof data.amount === 'number' && typeof data.currency === 'string' ? ` Renew it for ${formatMoney(data.amount, data.currency, locale)} to keep it without a break.` : ''}`,
  }),
  membership_terminated: (org, data) => ({
    subject: `Your ${String(data.membership_name)} membership has ended`,
    text: `Your ${String(data.membership_name)} membership at ${org} ended on ${String(data.ended_on)}. You are welcome back at any time.`,
  }),
  application_declined: (org, data) => ({
    subject: `Your application to ${org}`,
    text: `Your application for the ${String(data.membership_name)} membership at ${org} was not accepted.`,
  }),
};

/** Writes a membership message (welcome, application…) to the member's outbox, in this transaction. */
export async function sendMembershipMessage(
  ctx: DomainContext,
  kind: MessageKind,
  member: MemberRecord,
  membership: MembershipRecord,
  extra: Record<string, Json> = {},
): Promise<void> {
  const data = { ...membershipMessageData(member, membership), ...extra };
  const plain = plainText[kind]?.(ctx.organization.name, data, ctx.organization.locale) ?? { subject: ctx.organization.name, text: '' };
  await ctx.send({ kind, to: member.email, subject: plain.subject, text: plain.text, html: null, data });
}
