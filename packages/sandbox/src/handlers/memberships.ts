// Admin (secret key): GET /memberships?status=&member_id=&company_id=, POST /memberships (staff
// assignment, no payment), GET /memberships/{id}, POST /memberships/{id}/cancel, and the sandbox's
// admin extensions for the approval flow: POST /memberships/{id}/approve and …/decline.
import { MembershipCreateParamsSchema, MembershipSchema, MembershipStatusSchema, PageSchema } from '@memberkit/sdk';
import { calculateExpiry, membershipStatus } from '@memberkit/sdk/calculators';
import { Problem, fieldError, notFound } from '../problems.js';
import { paginate, parseBody, reply, type Route, type RouteContext } from '../runtime.js';
import {
  alreadyMember,
  applicationStatus,
  blockingMembership,
  cancelMembership,
  completeSignup,
  openCheckout,
  previousTerm,
  resolveAutoRenewOr,
  voidSignup,
} from '../signup-flow.js';
import type { MembershipRecord, SignupRecord } from '../store.js';
import { soldTerm, termSnapshot } from '../terms.js';
import { membershipView } from '../views.js';

const MembershipPageSchema = PageSchema(MembershipSchema);

function membershipOr404(context: RouteContext): MembershipRecord {
  const membership = context.store.membership(context.organization.organization.id, context.params.id!);
  if (!membership) throw notFound('membership', context.params.id!);
  return membership;
}

/**
 * The open application a pending membership belongs to (awaiting approval, or approved and
 * unpaid). An admin closes one by declining or cancelling it: its signup fails, its memberships
 * are declined, an approved one's checkout closes and its discount reservation is released, so
 * the person can sign up again.
 */
function openApplication(context: RouteContext, membership: MembershipRecord): SignupRecord | undefined {
  const signup = membership.signup_id ? context.store.state.signups[membership.signup_id] : undefined;
  return membership.state === 'pending' && applicationStatus(signup) ? signup : undefined;
}

export const membershipRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/memberships',
    access: 'admin',
    handle(context) {
      const { url, today } = context;
      const status = url.searchParams.get('status');
      if (status !== null && !MembershipStatusSchema.safeParse(status).success) {
        throw new Problem(422, 'validation_failed', `Unknown status "${status}".`, {
          errors: [fieldError('status', 'invalid_option', 'status')],
        });
      }
      const memberId = url.searchParams.get('member_id');
      const companyId = url.searchParams.get('company_id');
      const records = context.store
        .memberships(context.organization.organization.id)
        .filter((m) => status === null || membershipStatus(m, today) === status)
        .filter((m) => memberId === null || m.member_id === memberId)
        .filter((m) => companyId === null || m.company_id === companyId);
      return reply(200, MembershipPageSchema, paginate(records, url, (m) => membershipView(m, today)));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/memberships',
    access: 'admin',
    requiresIdempotencyKey: true,
    handle(context) {
      const { store, organization, today } = context;
      const orgId = organization.organization.id;
      const params = parseBody(MembershipCreateParamsSchema, context.body);
      const errors = [];
      const type = store.membershipType(orgId, params.membership_type_id);
      if (!type) errors.push(fieldError('membership_type_id', 'not_found', 'membership_type_id', `No membership type "${params.membership_type_id}".`));
      if (!params.member_id === !params.company_id) {
        errors.push(fieldError('member_id', 'required', 'member_id', 'Give exactly one of member_id and company_id.'));
      }
      const member = params.member_id ? store.member(orgId, params.member_id) : undefined;
      if (params.member_id && !member) errors.push(fieldError('member_id', 'not_found', 'member_id', `No member "${params.member_id}".`));
      const company = params.company_id ? store.company(orgId, params.company_id) : undefined;
      if (params.company_id && !company) errors.push(fieldError('company_id', 'not_found', 'company_id', `No company "${params.company_id}".`));
      // Staff cannot give a membership an auto-renewal its type rules out (as signups cannot).
      const autoRenew = type ? resolveAutoRenewOr(type, params.auto_renew) : null;
      if (autoRenew?.error) errors.push(autoRenew.error);
      if (errors.length > 0 || !type || !autoRenew) {
        throw new Problem(422, 'validation_failed', errors.length === 1 ? errors[0]!.message : `${errors.length} fields are invalid.`, { errors });
      }
      const holder = member ? { member_id: member.id } : { company_id: company!.id };
      const held = blockingMembership(store, orgId, holder, type.id, today);
      if (held) throw alreadyMember(store, organization, held, member ? 'member_id' : 'company_id', member?.email ?? company!.name);
      const record: MembershipRecord = {
        id: store.nextId('ms'),
        organization_id: orgId,
        member_id: member?.id ?? null,
        company_id: member ? null : company!.id,
        membership_type_id: type.id,
        membership_name: type.membership_name,
        kind: 'new',
        state: 'confirmed',
        starts_on: today,
        expires_on: null,
        anchor_on: today,
        ...termSnapshot(type),
        auto_renew: autoRenew.value!,
        cancelled_on: null,
        price_paid: 0,
        currency: type.price.currency,
        permissions: [...type.permissions],
        created_at: new Date().toISOString(),
        signup_id: null,
      };
      Object.assign(record, calculateExpiry(soldTerm(record), { purchased_on: params.starts_on ?? today, current: previousTerm(store, record) }));
      store.state.memberships[record.id] = record;
      return reply(201, MembershipSchema, membershipView(record, today));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:org/memberships/:id',
    access: 'admin',
    handle: (context) => reply(200, MembershipSchema, membershipView(membershipOr404(context), context.today)),
  },
  {
    method: 'POST',
    path: '/organizations/:org/memberships/:id/cancel',
    access: 'admin',
    handle(context) {
      const membership = membershipOr404(context);
      // An application is not running, so cancelling it closes it (as declining does).
      const application = openApplication(context, membership);
      if (application) voidSignup(context.store, application, 'declined');
      else cancelMembership(membership, context.today);
      return reply(200, MembershipSchema, membershipView(membership, context.today));
    },
  },
  {
    // Sandbox/admin extension: approve an application; payment (if any) is asked for next.
    method: 'POST',
    path: '/organizations/:org/memberships/:id/approve',
    access: 'admin',
    handle(context) {
      const membership = membershipOr404(context);
      const signup = openApplication(context, membership);
      if (!signup || applicationStatus(signup) !== 'awaiting_approval') {
        throw new Problem(409, 'not_awaiting_approval', `Membership ${membership.id} is not waiting for approval.`);
      }
      signup.approved_at = new Date().toISOString();
      // An approved application's checkout does not expire: it is paid, or an admin closes it.
      if (signup.quote.requires_payment) openCheckout(context.store, signup, null);
      else completeSignup(context.store, signup, context.today);
      return reply(200, MembershipSchema, membershipView(membership, context.today));
    },
  },
  {
    // Sandbox/admin extension: decline an application, waiting for approval or approved and
    // still unpaid; the signup fails.
    method: 'POST',
    path: '/organizations/:org/memberships/:id/decline',
    access: 'admin',
    handle(context) {
      const membership = membershipOr404(context);
      const signup = openApplication(context, membership);
      if (!signup) {
        throw new Problem(409, 'not_an_application', `Membership ${membership.id} is not an open application (waiting for approval or for payment).`);
      }
      voidSignup(context.store, signup, 'declined');
      return reply(200, MembershipSchema, membershipView(membership, context.today));
    },
  },
];
