// Member self-service (member token) beside renewing and cancelling (me.ts):
// POST /me/memberships/{id}/auto-renew, POST /me/memberships/{id}/card-update-session and
// GET /me/receipts.
import {
  AutoRenewParamsSchema,
  CardUpdateSessionCreateParamsSchema,
  CardUpdateSessionSchema,
  MembershipSchema,
  PageSchema,
  ReceiptSchema,
  type Receipt,
} from '@memberkit/sdk';
import { isRunning, isSecureUrl, membershipStatus } from '@memberkit/sdk/calculators';
import { findType } from '../../domain/membership-types.js';
import { membershipView } from '../../domain/memberships.js';
import { Problem, fieldError, validationFailed } from '../../domain/problems.js';
import { resolveAutoRenewOr } from '../../domain/auto-renew.js';
import type { PaymentRecord } from '../../ports/records.js';
import type { Route } from '../context.js';
import { paginate, parseBody } from '../body.js';
import { reply } from '../reply.js';
import { member, ownMembership } from './me.js';

const ReceiptPageSchema = PageSchema(ReceiptSchema);

export const meSelfServiceRoutes: Route[] = [
  {
    method: 'POST',
    path: '/organizations/:org/me/memberships/:id/auto-renew',
    access: 'member',
    async handle(ctx) {
      const membership = await ownMembership(ctx);
      const { auto_renew: wanted } = parseBody(AutoRenewParamsSchema, ctx.body);
      const status = membershipStatus(membership, ctx.today);
      // A cancelled membership resumes by being renewed, not by a switch; an ended one has nothing to renew.
      if (!isRunning(status) || (wanted && membership.cancelled_on !== null)) {
        throw new Problem(409, 'not_renewable', wanted && membership.cancelled_on !== null
          ? 'This membership is cancelled: renew it to keep it.'
          : `A ${status} membership does not renew.`, { extensions: { membership_status: status } });
      }
      const type = await findType(ctx, membership.membership_type_id);
      // The type's rule (always, never, or the member's choice) as for signups and renewals.
      const resolved = type ? resolveAutoRenewOr(type, wanted) : { value: wanted };
      if (resolved.error) throw validationFailed([resolved.error]);
      await ctx.tx.update('memberships', { organization_id: ctx.organization.id, id: membership.id }, { auto_renew: resolved.value });
      return reply(200, MembershipSchema, membershipView({ ...membership, auto_renew: resolved.value }, ctx.today));
    },
  },
  {
    // The processor's page where the member replaces the card their renewals charge.
    method: 'POST',
    path: '/organizations/:org/me/memberships/:id/card-update-session',
    access: 'member',
    async handle(ctx) {
      const membership = await ownMembership(ctx);
      const { return_url: returnUrl } = parseBody(CardUpdateSessionCreateParamsSchema, ctx.body);
      // Back to the organization's own pages only (an open redirect otherwise).
      if (returnUrl != null && !(isSecureUrl(returnUrl) && ctx.organization.embed_origins.includes(new URL(returnUrl).origin))) {
        throw validationFailed([fieldError('return_url', 'invalid_redirect', 'return_url', "The page must be on one of the organization's embed origins.")]);
      }
      const status = membershipStatus(membership, ctx.today);
      if (!isRunning(status)) {
        throw new Problem(409, 'not_renewable', `A ${status} membership does not renew.`, { extensions: { membership_status: status } });
      }
      if (membership.payment_customer === null || membership.payment_method === null) {
        throw new Problem(409, 'no_saved_card', 'No card is saved for this membership: it renews by hand (renewing it with automatic renewal on saves one).');
      }
      const session = await ctx.payments.createCardUpdateSession({
        organization_id: ctx.organization.id,
        membership_id: membership.id,
        customer: membership.payment_customer,
        return_url: returnUrl ?? null,
        locale: ctx.organization.locale,
      });
      return reply(201, CardUpdateSessionSchema, { id: session.id, membership_id: membership.id, url: session.url });
    },
  },
  {
    method: 'GET',
    path: '/organizations/:org/me/receipts',
    access: 'member',
    async handle(ctx) {
      const org = ctx.organization.id;
      const self = member(ctx);
      const signups = await ctx.tx.find('signups', { organization_id: org, member_id: self.id });
      const memberships = await ctx.tx.find('memberships', { organization_id: org, member_id: self.id });
      const payments: PaymentRecord[] = [
        ...(signups.length ? await ctx.tx.find('payments', { organization_id: org, signup_id: signups.map((s) => s.id) }) : []),
        ...(memberships.length ? await ctx.tx.find('payments', { organization_id: org, membership_id: memberships.map((m) => m.id) }) : []),
      ];
      const names = new Map(memberships.map((m) => [m.id, m.membership_name]));
      // Newest first; payments made at one instant (a fixed test clock) newest-inserted first.
      const unique = [...new Map(payments.map((p) => [p.id, p])).values()]
        .map((payment, order) => ({ payment, order }))
        .sort((a, b) => (a.payment.created_at === b.payment.created_at ? b.order - a.order : a.payment.created_at < b.payment.created_at ? 1 : -1))
        .map(({ payment }) => payment);
      const receipts: Receipt[] = unique.map((payment) => {
        const signup = signups.find((s) => s.id === payment.signup_id);
        const ids = payment.membership_id ? [payment.membership_id] : [...(signup?.membership_ids ?? [])];
        const name = names.get(ids[0] ?? '') ?? 'Membership';
        return {
          id: payment.id,
          membership_ids: ids,
          description: payment.membership_id || signup?.renewal_of ? `${name} renewal` : name,
          amount: payment.amount,
          currency: payment.currency,
          card_last4: payment.card_last4,
          paid_at: payment.created_at,
        };
      });
      return reply(200, ReceiptPageSchema, paginate(receipts, ctx.url, (receipt) => receipt));
    },
  },
];
