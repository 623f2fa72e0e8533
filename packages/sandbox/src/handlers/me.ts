// Member endpoints (member token): GET /me, POST /me/memberships/{id}/renew, …/cancel.
import { MeSchema, MembershipRenewParamsSchema, MembershipSchema, SignupSchema } from '@memberkit/sdk';
import { CalculatorError, calculateExpiry } from '@memberkit/sdk/calculators';
import { Problem, notFound, validationFailed } from '../problems.js';
import { parseBody, reply, type Route, type RouteContext } from '../runtime.js';
import {
  cancelMembership,
  checkoutLifetimeMs,
  completeSignup,
  createSignupRecord,
  openCheckout,
  quoteOrProblem,
  resolveAutoRenewOr,
  unpaidRenewals,
  usableDiscount,
  voidSignup,
} from '../signup-flow.js';
import type { MemberRecord, MembershipRecord } from '../store.js';
import { soldTerm } from '../terms.js';
import { memberView, membershipView, membershipsOfMember, permissionsOf, signupView } from '../views.js';

function member(context: RouteContext): MemberRecord {
  if (context.caller.kind !== 'member') throw new Problem(401, 'unauthorized', 'A member token is required.');
  return context.caller.member;
}

function ownMembership(context: RouteContext): MembershipRecord {
  const id = context.params.id!;
  const membership = context.store.membership(context.organization.organization.id, id);
  // Someone else's membership is as unknown as one that does not exist.
  if (!membership || membership.member_id !== member(context).id) throw notFound('membership', id);
  return membership;
}

function renew(context: RouteContext) {
  const { store, organization, today } = context;
  const orgId = organization.organization.id;
  const membership = ownMembership(context);
  const params = parseBody(MembershipRenewParamsSchema, context.body);
  if (membership.state !== 'confirmed') {
    throw new Problem(409, 'not_renewable', `A ${membership.state} membership cannot be renewed.`);
  }
  const type = store.membershipType(orgId, membership.membership_type_id);
  if (!type) throw notFound('membership type', membership.membership_type_id);
  // The calculator decides renewal or reinstatement, and refuses a cyclical renewal outside its window.
  try {
    calculateExpiry(soldTerm(membership), {
      purchased_on: today,
      current: { anchor_on: membership.anchor_on, expires_on: membership.expires_on, grace_days: membership.grace_days },
    });
  } catch (error) {
    if (error instanceof CalculatorError && error.code === 'renewal_not_open') {
      throw new Problem(422, 'renewal_not_open', membership.expires_on === null
        ? 'A lifetime membership never needs renewing.'
        : `This membership cannot be renewed yet (it runs until ${membership.expires_on}).`, {
        extensions: { expires_on: membership.expires_on },
      });
    }
    throw error;
  }
  // A choice the type rules out is refused now; the setting itself is resolved when the renewal
  // completes (completeSignup), from the choice and the membership's setting then.
  const choice = resolveAutoRenewOr(type, params.auto_renew);
  if (choice.error) throw validationFailed([choice.error]);
  // An earlier unpaid renewal of this membership is replaced (its reservation too).
  const replaced = unpaidRenewals(store, membership.id);
  const discount = params.discount_code
    ? usableDiscount(store, orgId, params.discount_code, type, today, 'discount_code', replaced)
    : null;
  const quote = quoteOrProblem(organization, type, { amount: params.amount ?? null, discount }, {
    amount: 'amount',
    discount: 'discount_code',
    group: 'group_members',
  });
  const signup = createSignupRecord(store, {
    organization_id: orgId,
    member_id: membership.member_id!,
    membership_ids: [membership.id],
    quote,
    discount_code: discount?.code ?? null,
    renewal_of: membership.id,
    auto_renew: params.auto_renew ?? null,
  });
  for (const older of replaced) voidSignup(store, older, 'replaced', signup.id);
  // A renewal needs no second approval: the member was admitted already.
  if (quote.requires_payment) openCheckout(store, signup, context.runtime.now(organization) + checkoutLifetimeMs);
  else completeSignup(store, signup, today);
  return reply(201, SignupSchema, signupView(store, signup, today, context.runtime.links));
}

export const meRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/me',
    access: 'member',
    handle(context) {
      const self = member(context);
      const memberships = membershipsOfMember(context.store, self).map((m) => membershipView(m, context.today));
      return reply(200, MeSchema, {
        member: memberView(context.store, self, context.today),
        memberships,
        permissions: permissionsOf(context.store, self, context.today).permissions,
      });
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/me/memberships/:id/renew',
    access: 'member',
    requiresIdempotencyKey: true,
    handle: renew,
  },
  {
    method: 'POST',
    path: '/organizations/:org/me/memberships/:id/cancel',
    access: 'member',
    handle(context) {
      const membership = ownMembership(context);
      cancelMembership(membership, context.today);
      return reply(200, MembershipSchema, membershipView(membership, context.today));
    },
  },
];
