// Admin (secret key): GET /memberships?status=&member_id=&company_id=, POST /memberships (staff
// assignment, no payment), GET /memberships/{id}, POST /memberships/{id}/cancel, and the admin
// extensions for the approval flow: POST /memberships/{id}/approve and …/decline, and staff
// refunds: POST /memberships/{id}/refunds.
import { AdminMembershipPageSchema, AdminMembershipSchema, MembershipCreateParamsSchema, MembershipRefundParamsSchema, MembershipStatusSchema } from '@memberkit/sdk';
import { membershipStatus } from '@memberkit/sdk/calculators';
import { approveApplication, closeApplication } from '../../domain/applications.js';
import { findCompany } from '../../domain/companies.js';
import { findMember } from '../../domain/members.js';
import { findType } from '../../domain/membership-types.js';
import {
  alreadyMember,
  blockingMembership,
  cancelMembership,
  createMembership,
  loadMemberships,
  adminMemberMembershipView,
  adminMembershipView,
  membershipsOfMember,
  type MemberMembership,
} from '../../domain/memberships.js';
import { Problem, fieldError, notFound, type FieldError } from '../../domain/problems.js';
import { refundMembership } from '../../domain/refunds.js';
import { resolveAutoRenewOr } from '../../domain/auto-renew.js';
import type { MembershipRecord } from '../../ports/records.js';
import type { Route, RouteContext } from '../context.js';
import { paginate, parseBody } from '../body.js';
import { problemReply, reply } from '../reply.js';

async function membershipOr404(ctx: RouteContext): Promise<MembershipRecord> {
  const [membership] = await loadMemberships(ctx, { id: ctx.params.id! });
  if (!membership) throw notFound('membership', ctx.params.id!);
  return membership;
}

/** The membership again, as the action left it. */
const fresh = async (ctx: RouteContext, membership: MembershipRecord) =>
  adminMembershipView((await ctx.tx.findOne('memberships', { organization_id: ctx.organization.id, id: membership.id }))!, ctx.today);

export const membershipRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/memberships',
    access: 'admin',
    async handle(ctx) {
      const { url, today } = ctx;
      const status = url.searchParams.get('status');
      if (status !== null && !MembershipStatusSchema.safeParse(status).success) {
        throw new Problem(422, 'validation_failed', `Unknown status "${status}".`, {
          errors: [fieldError('status', 'invalid_option', 'status')],
        });
      }
      const memberId = url.searchParams.get('member_id');
      const companyId = url.searchParams.get('company_id');
      // A member's lookup lists what they hold through their company too (`via_company`).
      const member = memberId === null ? undefined : await findMember(ctx, memberId);
      const held: MemberMembership[] = member
        ? await membershipsOfMember(ctx, member)
        : (await loadMemberships(ctx, memberId === null ? {} : { member_id: memberId })).map((record) => ({ id: record.id, record, viaCompany: false }));
      const records = held
        .filter(({ record }) => companyId === null || record.company_id === companyId)
        .filter(({ record }) => status === null || membershipStatus(record, today) === status);
      return reply(200, AdminMembershipPageSchema, paginate(records, url, (m) => adminMemberMembershipView(m, today)));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/memberships',
    access: 'admin',
    requiresIdempotencyKey: true,
    async handle(ctx) {
      const params = parseBody(MembershipCreateParamsSchema, ctx.body);
      const errors: FieldError[] = [];
      const type = await findType(ctx, params.membership_type_id);
      if (!type) errors.push(fieldError('membership_type_id', 'not_found', 'membership_type_id', `No membership type "${params.membership_type_id}".`));
      if (!params.member_id === !params.company_id) {
        errors.push(fieldError('member_id', 'required', 'member_id', 'Give exactly one of member_id and company_id.'));
      }
      const member = params.member_id ? await findMember(ctx, params.member_id) : undefined;
      if (params.member_id && !member) errors.push(fieldError('member_id', 'not_found', 'member_id', `No member "${params.member_id}".`));
      const company = params.company_id ? await findCompany(ctx, params.company_id) : undefined;
      if (params.company_id && !company) errors.push(fieldError('company_id', 'not_found', 'company_id', `No company "${params.company_id}".`));
      // Staff cannot give a membership an auto-renewal its type rules out (as signups cannot).
      const autoRenew = type ? resolveAutoRenewOr(type, params.auto_renew) : null;
      if (autoRenew?.error) errors.push(autoRenew.error);
      if (errors.length > 0 || !type || !autoRenew || autoRenew.error) {
        throw new Problem(422, 'validation_failed', errors.length === 1 ? errors[0]!.message : `${errors.length} fields are invalid.`, { errors });
      }
      const held = await blockingMembership(ctx, member ? { member_id: member.id } : { company_id: company!.id }, type.id);
      if (held) throw await alreadyMember(ctx, held, member ? 'member_id' : 'company_id', member?.email ?? company!.name, type.id);
      const record = await createMembership(ctx, {
        holder: { member_id: member?.id ?? null, company_id: member ? null : company!.id },
        type,
        state: 'confirmed',
        auto_renew: autoRenew.value,
        price_paid: 0,
        purchased_on: params.starts_on ?? ctx.today,
        signup_id: null,
      });
      return reply(201, AdminMembershipSchema, adminMembershipView(record, ctx.today));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:org/memberships/:id',
    access: 'admin',
    handle: async (ctx) => reply(200, AdminMembershipSchema, adminMembershipView(await membershipOr404(ctx), ctx.today)),
  },
  {
    method: 'POST',
    path: '/organizations/:org/memberships/:id/cancel',
    access: 'admin',
    async handle(ctx) {
      const membership = await membershipOr404(ctx);
      // An application is not running, so cancelling it closes it (as declining does).
      if (!(await closeApplication(ctx, membership))) await cancelMembership(ctx, membership);
      return reply(200, AdminMembershipSchema, await fresh(ctx, membership));
    },
  },
  {
    // Admin extension: refund the current term, in full or in part (see domain/refunds.ts).
    method: 'POST',
    path: '/organizations/:org/memberships/:id/refunds',
    access: 'admin',
    requiresIdempotencyKey: true,
    async handle(ctx) {
      const params = parseBody(MembershipRefundParamsSchema, ctx.body ?? {});
      const membership = await membershipOr404(ctx);
      await refundMembership(ctx, membership, {
        amount: params.amount ?? null,
        keep_access: params.keep_access ?? false,
        reason: params.reason ?? null,
        // Required on this route (requiresIdempotencyKey), so never null here.
        request_key: ctx.idempotencyScope!,
      });
      return reply(200, AdminMembershipSchema, await fresh(ctx, membership));
    },
  },
  {
    // Admin extension: approve an application; payment (if any) is asked for next.
    method: 'POST',
    path: '/organizations/:org/memberships/:id/approve',
    access: 'admin',
    async handle(ctx) {
      const membership = await membershipOr404(ctx);
      const refusal = await approveApplication(ctx, membership);
      if (refusal) return problemReply(refusal);
      return reply(200, AdminMembershipSchema, await fresh(ctx, membership));
    },
  },
  {
    // Admin extension: decline an application, waiting for approval or approved and still
    // unpaid; the signup fails.
    method: 'POST',
    path: '/organizations/:org/memberships/:id/decline',
    access: 'admin',
    async handle(ctx) {
      const membership = await membershipOr404(ctx);
      if (!(await closeApplication(ctx, membership, { declined: true }))) {
        throw new Problem(409, 'not_an_application', `Membership ${membership.id} is not an open application (waiting for approval or for payment).`);
      }
      return reply(200, AdminMembershipSchema, await fresh(ctx, membership));
    },
  },
];
