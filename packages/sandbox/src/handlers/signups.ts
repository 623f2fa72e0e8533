// POST /signups (create: validate, find or create the member, pending membership, next action)
// and GET /signups/{id} (poll).
import { SignupCreateParamsSchema, SignupSchema, type MembershipType, type SignupCreateParams } from '@memberkit/sdk';
import { calculateExpiry, normalizeEmail, validateFields, validatePeople, type FieldValue } from '@memberkit/sdk/calculators';
import { trimEmails } from '../emails.js';
import { Problem, fieldError, notFound, validationFailed, type FieldError } from '../problems.js';
import { parseBody, reply, type Route, type RouteContext } from '../runtime.js';
import {
  alreadyMember,
  blockingMembership,
  checkoutLifetimeMs,
  completeSignup,
  createSignupRecord,
  openCheckout,
  previousTerm,
  quoteOrProblem,
  replaceableSignups,
  resolveAutoRenewOr,
  usableDiscount,
  usableInvitation,
  voidSignup,
} from '../signup-flow.js';
import type { MemberRecord, MembershipRecord } from '../store.js';
import { soldTerm, termSnapshot } from '../terms.js';
import { signupView } from '../views.js';

/** Labels of the people's own fields, for the messages of their errors. */
const personLabels: Record<string, string> = { email: 'Email', first_name: 'First name', last_name: 'Last name' };

/** The people of a signup body whose emails are trimmed: the member and the group members. */
const signupPeople = (body: Record<string, unknown>): unknown[] => [
  body.member,
  ...(Array.isArray(body.group_members) ? body.group_members : []),
];

/** validateFields' errors on the type's custom fields, as the problem's `fields.<key>` errors. */
function customFieldErrors(type: MembershipType, values: Record<string, FieldValue>): FieldError[] {
  return Object.entries(validateFields(type.fields, values)).map(([key, { code }]) =>
    fieldError(`fields.${key}`, code, type.fields.find((field) => field.key === key)?.label ?? key),
  );
}

/** validatePeople's errors (keyed by request path: `member.email`, `group_members.2.email`). */
function peopleErrors(params: SignupCreateParams): FieldError[] {
  return Object.entries(validatePeople(params.member, params.group_members ?? [])).map(([path, { code }]) => {
    const label = personLabels[path.slice(path.lastIndexOf('.') + 1)] ?? path;
    return code === 'duplicate'
      ? fieldError(path, code, label, 'Each person in the group needs their own email address.')
      : fieldError(path, code, label);
  });
}

/**
 * Everything about the request that the validators can refuse, gathered into one 422; else the
 * `auto_renew` its memberships get (resolved here, once).
 */
function validateRequest(type: MembershipType, params: SignupCreateParams): { autoRenew: boolean } {
  const people = peopleErrors(params);
  const errors: FieldError[] = people.filter((error) => error.field.startsWith('member.'));
  errors.push(...customFieldErrors(type, params.fields as Record<string, FieldValue>));
  for (const key of Object.keys(params.fields)) {
    if (!type.fields.some((field) => field.key === key)) errors.push(fieldError(`fields.${key}`, 'unknown_field', key));
  }
  const autoRenew = resolveAutoRenewOr(type, params.auto_renew);
  if (autoRenew.error) errors.push(autoRenew.error);
  errors.push(...people.filter((error) => !error.field.startsWith('member.')));
  if (errors.length > 0 || autoRenew.error) throw validationFailed(errors);
  return { autoRenew: autoRenew.value };
}

/**
 * The member with this email, or a new one (names from the request, no field answers yet). A
 * signup never edits an existing member: its answers wait on the signup (`updates_member`).
 */
function findOrCreateMember(
  context: RouteContext,
  email: string,
  names: { first_name?: string | null; last_name?: string | null },
  signupId: string,
): MemberRecord {
  const { store, organization } = context;
  const orgId = organization.organization.id;
  const existing = store.memberByEmail(orgId, email);
  if (existing) return existing;
  const member: MemberRecord = {
    id: store.nextId('mem'),
    organization_id: orgId,
    email,
    first_name: names.first_name?.trim() || null,
    last_name: names.last_name?.trim() || null,
    company_id: null,
    fields: {},
    created_at: new Date().toISOString(),
    created_by_signup: signupId,
  };
  store.state.members[member.id] = member;
  return member;
}

/**
 * Whether this signup's answers may reach the member's profile when it completes: the caller
 * signed in as that member, or the member is new (created by a signup, none of theirs completed
 * yet, e.g. a retry after an abandoned payment). An anonymous signup with a known member's email
 * changes nothing about them.
 */
function mayUpdateMember(context: RouteContext, member: MemberRecord): boolean {
  const { caller, store } = context;
  if (caller.kind === 'member' && caller.member.id === member.id) return true;
  if (!member.created_by_signup) return false;
  return !Object.values(store.state.signups).some((s) => s.member_id === member.id && s.status === 'completed');
}

function pendingMembership(
  context: RouteContext,
  type: MembershipType,
  member: MemberRecord,
  signupId: string,
  autoRenew: boolean,
  pricePaid: number,
): MembershipRecord {
  const { store, organization, today } = context;
  const id = store.nextId('ms');
  const record: MembershipRecord = {
    id,
    organization_id: organization.organization.id,
    member_id: member.id,
    company_id: null,
    membership_type_id: type.id,
    membership_name: type.membership_name,
    kind: 'new',
    state: 'pending',
    starts_on: today,
    expires_on: null,
    anchor_on: today,
    ...termSnapshot(type),
    auto_renew: autoRenew,
    cancelled_on: null,
    price_paid: pricePaid,
    currency: type.price.currency,
    permissions: [...type.permissions],
    created_at: new Date().toISOString(),
    signup_id: signupId,
  };
  // The dates a purchase today would get (recomputed when the signup completes).
  const dates = calculateExpiry(soldTerm(record), { purchased_on: today, current: previousTerm(store, record) });
  Object.assign(record, dates);
  store.state.memberships[id] = record;
  return record;
}

function createSignup(context: RouteContext) {
  const { store, organization, today } = context;
  const orgId = organization.organization.id;
  const params = parseBody(SignupCreateParamsSchema, trimEmails(context.body, signupPeople));
  const type = store.membershipType(orgId, params.membership_type_id);
  if (!type) {
    throw new Problem(422, 'validation_failed', `No membership type "${params.membership_type_id}".`, {
      errors: [fieldError('membership_type_id', 'not_found', 'membership_type_id', `No membership type "${params.membership_type_id}".`)],
    });
  }
  const email = normalizeEmail(params.member.email);
  const known = store.memberByEmail(orgId, email);

  const invitation = type.invite_only
    ? usableInvitation(store, orgId, params.invitation_code, type, email, known?.id ?? null, today, 'invitation_code')
    : null;
  const { autoRenew } = validateRequest(type, params);
  // The member's unpaid checkouts of this type: their discount reservations do not count against
  // this signup (only one of them all can complete), and with the member's token this signup
  // replaces them.
  const earlier = replaceableSignups(context, known?.id ?? null, type.id);
  const discount = params.discount_code
    ? usableDiscount(store, orgId, params.discount_code, type, today, 'discount_code', earlier.unpaid)
    : null;
  const groupMembers = params.group_members ?? [];
  const quote = quoteOrProblem(
    organization,
    type,
    { amount: params.amount ?? null, discount, group_size: groupMembers.length > 0 ? groupMembers.length + 1 : null },
    { amount: 'amount', discount: 'discount_code', group: 'group_members' },
  );

  // One membership per member and type: a second signup is offered the renewal instead.
  if (known) {
    const held = blockingMembership(store, orgId, { member_id: known.id }, type.id, today);
    if (held) throw alreadyMember(store, organization, held, 'member.email', email);
  }
  groupMembers.forEach((person, index) => {
    const other = store.memberByEmail(orgId, normalizeEmail(person.email));
    const held = other && blockingMembership(store, orgId, { member_id: other.id }, type.id, today);
    if (held) throw alreadyMember(store, organization, held, `group_members.${index}.email`, other.email);
  });

  const signupId = store.randomId('su');
  const member = findOrCreateMember(context, email, params.member, signupId);
  const signup = createSignupRecord(store, {
    id: signupId,
    organization_id: orgId,
    member_id: member.id,
    quote,
    discount_code: discount?.code ?? null,
    invitation_code: invitation?.code ?? null,
    fields: structuredClone(params.fields),
    updates_member: mayUpdateMember(context, member),
  });
  // The member's own unpaid checkouts of the type are replaced: paying both would buy two.
  if (earlier.replaces) for (const older of earlier.unpaid) voidSignup(store, older, 'replaced', signup.id);
  signup.membership_ids.push(pendingMembership(context, type, member, signup.id, autoRenew, quote.total).id);
  for (const person of groupMembers) {
    const other = findOrCreateMember(context, normalizeEmail(person.email), person, signupId);
    signup.membership_ids.push(pendingMembership(context, type, other, signup.id, autoRenew, 0).id);
  }
  // The invitation is now this member's (single use); it is redeemed when the signup completes.
  if (invitation) invitation.used_by_member_id = member.id;

  if (type.requires_approval) signup.status = 'awaiting_approval';
  else if (quote.requires_payment) openCheckout(store, signup, context.runtime.now(organization) + checkoutLifetimeMs);
  else completeSignup(store, signup, today);

  return reply(201, SignupSchema, signupView(store, signup, today, context.runtime.links));
}

export const signupRoutes: Route[] = [
  {
    method: 'POST',
    path: '/organizations/:org/signups',
    access: 'public',
    requiresIdempotencyKey: true,
    handle: createSignup,
  },
  {
    method: 'GET',
    path: '/organizations/:org/signups/:id',
    access: 'public',
    handle(context) {
      const signup = context.store.signup(context.organization.organization.id, context.params.id!);
      if (!signup) throw notFound('signup', context.params.id!);
      return reply(200, SignupSchema, signupView(context.store, signup, context.today, context.runtime.links));
    },
  },
];
