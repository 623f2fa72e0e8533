// Member endpoints (member token): GET /me, POST /me/memberships/{id}/renew, …/cancel.
import { MeSchema, MembershipCancelParamsSchema, MembershipRenewParamsSchema, MembershipSchema, SignupSchema } from '@memberkit/sdk';
import { memberView } from '../../domain/members.js';
import { cancelMembership, loadMemberships, memberMembershipView, membershipView, membershipsOfMember } from '../../domain/memberships.js';
import { permissionsOf } from '../../domain/permissions.js';
import { Problem, notFound } from '../../domain/problems.js';
import { openRenewal } from '../../domain/renewals.js';
import { advanceSignup, signupView } from '../../domain/signups.js';
import type { MemberRecord, MembershipRecord } from '../../ports/records.js';
import type { Route, RouteContext } from '../context.js';
import { parseBody } from '../body.js';
import { problemReply, reply } from '../reply.js';

export function member(ctx: RouteContext): MemberRecord {
  if (ctx.caller.kind !== 'member') throw new Problem(401, 'unauthorized', 'A member token is required.');
  return ctx.caller.member;
}

export async function ownMembership(ctx: RouteContext): Promise<MembershipRecord> {
  const id = ctx.params.id!;
  const [membership] = await loadMemberships(ctx, { id });
  // Someone else's membership is as unknown as one that does not exist.
  if (!membership || membership.member_id !== member(ctx).id) throw notFound('membership', id);
  return membership;
}

export const meRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/me',
    access: 'member',
    async handle(ctx) {
      const self = member(ctx);
      const memberships = await membershipsOfMember(ctx, self);
      return reply(200, MeSchema, {
        member: await memberView(ctx, self),
        memberships: memberships.map((held) => memberMembershipView(held, ctx.today)),
        permissions: (await permissionsOf(ctx, self)).permissions,
      });
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/me/memberships/:id/renew',
    access: 'member',
    requiresIdempotencyKey: true,
    async handle(ctx) {
      const membership = await ownMembership(ctx);
      const params = parseBody(MembershipRenewParamsSchema, ctx.body);
      // A renewal needs no second approval: the member was admitted already.
      const { signup, refusal } = await advanceSignup(ctx, await openRenewal(ctx, membership, params), { approval: false });
      if (refusal) return problemReply(refusal);
      return reply(201, SignupSchema, await signupView(ctx, signup));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/me/memberships/:id/cancel',
    access: 'member',
    async handle(ctx) {
      // An optional reason, for the organization.
      const { reason } = ctx.body === undefined ? { reason: null } : parseBody(MembershipCancelParamsSchema, ctx.body);
      const membership = await cancelMembership(ctx, await ownMembership(ctx), reason ?? null);
      return reply(200, MembershipSchema, membershipView(membership, ctx.today));
    },
  },
];
