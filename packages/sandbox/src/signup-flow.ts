// The parts of the signup flow that several endpoints share (signups, renewals, approvals and the
// Stripe stand-in): discounts, invitations, quotes, the one-membership rule, checkout, completion.
// Every rule is the SDK calculators'; this file only wires them to records and problems.
import {
  CalculatorError,
  PricingError,
  blocksNewMembership,
  calculateExpiry,
  checkDiscount,
  checkInvitation,
  formatMoney,
  isRunning,
  membershipStatus,
  quotePrice,
  resolveAutoRenew,
  type ApplicationStatus,
  type Quote,
} from '@memberkit/sdk/calculators';
import type { Discount, DiscountRefusal, MembershipType } from '@memberkit/sdk';
import { randomToken } from './auth.js';
import { Problem, fieldError, type FieldError } from './problems.js';
import { soldTerm } from './terms.js';
import type { RouteContext } from './runtime.js';
import type {
  CheckoutClosedReason,
  InvitationRecord,
  MembershipRecord,
  OrganizationRecord,
  SandboxStore,
  SignupRecord,
} from './store.js';

const discountMessages: Record<DiscountRefusal, string> = {
  unknown: 'This discount code does not exist.',
  expired: 'This discount code has expired.',
  not_yet_valid: 'This discount code is not valid yet.',
  used_up: 'This discount code has been used up.',
  not_for_this_type: 'This discount code does not apply to this membership.',
  currency_mismatch: 'This discount code is in another currency.',
  conflicting_discount: 'This discount code cannot be used.',
};

function invalidDiscount(reason: DiscountRefusal, field: string): Problem {
  return new Problem(422, 'invalid_discount', discountMessages[reason], {
    errors: [fieldError(field, reason, field, discountMessages[reason])],
    extensions: { reason },
  });
}

/** Signups that hold a redemption of the code until they complete (redeemed) or fail (released). */
const reservingStatuses = new Set(['pending', 'awaiting_payment', 'awaiting_approval']);

/** Open reservations of a discount code: unfinished signups using it, except `except`. */
export function reservedRedemptions(
  store: SandboxStore,
  organizationId: string,
  code: string,
  except: readonly SignupRecord[] = [],
): number {
  const wanted = code.toUpperCase();
  return Object.values(store.state.signups).filter(
    (signup) =>
      signup.organization_id === organizationId &&
      signup.discount_code?.toUpperCase() === wanted &&
      reservingStatuses.has(signup.status) &&
      !except.includes(signup),
  ).length;
}

/**
 * The discount for `code` if it may be used on `type` today; else 422 invalid_discount (why).
 * A code's redemptions count those reserved by unfinished signups (except `except`, signups this
 * request replaces), so a limited code cannot be sold beyond its limit by concurrent checkouts.
 */
export function usableDiscount(
  store: SandboxStore,
  organizationId: string,
  code: string,
  type: MembershipType,
  today: string,
  field: string,
  except: readonly SignupRecord[] = [],
): Discount {
  const record = store.discount(organizationId, code);
  if (!record) throw invalidDiscount('unknown', field);
  const taken = record.discount.times_redeemed + reservedRedemptions(store, organizationId, record.discount.code, except);
  const check = checkDiscount({ ...record.discount, times_redeemed: taken }, { membership_type_id: type.id, on: today });
  if (!check.ok) throw invalidDiscount(check.reason, field);
  return record.discount;
}

export interface QuoteFields {
  amount: string;
  discount: string;
  group: string;
}

/** quotePrice, with its PricingErrors turned into the contract's problems. */
export function quoteOrProblem(
  organization: OrganizationRecord,
  type: MembershipType,
  input: { amount?: number | null; discount?: Discount | null; group_size?: number | null },
  fields: QuoteFields,
): Quote {
  // quotePrice ignores an amount on a fixed price; the API refuses it so a client that sends one
  // (and perhaps shows it) learns the price is not theirs to choose.
  if (input.amount != null && type.price.type !== 'donation') {
    throw new Problem(422, 'validation_failed', 'This membership has a fixed price: leave the amount out.', {
      errors: [fieldError(fields.amount, 'not_allowed', 'The amount', 'This membership has a fixed price: leave the amount out.')],
    });
  }
  try {
    return quotePrice(type, input);
  } catch (error) {
    if (!(error instanceof PricingError)) throw error;
    const money = (minor: number | undefined) =>
      minor === undefined ? '' : formatMoney(minor, type.price.currency, organization.organization.locale);
    switch (error.code) {
      case 'amount_not_integer':
        throw new Problem(422, 'validation_failed', 'The amount must be a whole number of minor units.', {
          errors: [fieldError(fields.amount, 'invalid_number', 'The amount')],
        });
      case 'amount_below_minimum':
      case 'amount_above_maximum': {
        const low = error.code === 'amount_below_minimum';
        const message = low ? `The amount must be at least ${money(error.limit)}.` : `The amount must be at most ${money(error.limit)}.`;
        throw new Problem(422, 'amount_out_of_range', message, {
          errors: [fieldError(fields.amount, low ? 'too_small' : 'too_large', 'The amount', message)],
          extensions: { limit: error.limit },
        });
      }
      case 'discount_not_applicable':
        throw invalidDiscount('not_for_this_type', fields.discount);
      case 'discount_currency_mismatch':
        throw invalidDiscount('currency_mismatch', fields.discount);
      case 'below_processor_minimum': {
        const message = `Payments below ${money(error.limit)} cannot be processed; this total is too small to charge.`;
        throw new Problem(422, 'below_processor_minimum', message, {
          errors: [fieldError(input.discount ? fields.discount : fields.amount, 'below_processor_minimum', 'The total', message)],
          extensions: { minimum: error.limit },
        });
      }
      case 'conflicting_discount':
        // The organization's discount has both a percent and an amount: it cannot be applied.
        throw invalidDiscount('conflicting_discount', fields.discount);
      case 'group_too_large': {
        const message = type.registration_type === 'group'
          ? `A group registration is for at most ${error.limit} people.`
          : 'This membership is for one person: it takes no group members.';
        throw new Problem(422, 'validation_failed', message, {
          errors: [fieldError(fields.group, 'too_large', 'The group', message)],
        });
      }
      case 'invalid_group_size': {
        // Not sent by the sandbox's own endpoints (they count the group members), but a caller
        // of this function gets a message of its own rather than the too-large one.
        const message = 'The group size must be a whole number of people, at least 1.';
        throw new Problem(422, 'validation_failed', message, {
          errors: [fieldError(fields.group, 'invalid_number', 'The group', message)],
        });
      }
    }
    // No default: every PricingErrorCode is handled above, and TypeScript refuses to compile
    // this function (no return at its end) when one is added without a case.
  }
}

const invitationMessages: Record<string, string> = {
  required: 'This membership is by invitation only: an invitation code is required.',
  invalid: 'This invitation code is not valid for this membership.',
  used: 'This invitation has already been used.',
  expired: 'This invitation has expired.',
  email_mismatch: 'This invitation was sent to another email address.',
};

function invitationProblem(reason: string, field: string): Problem {
  return new Problem(422, 'invitation_required', invitationMessages[reason]!, {
    errors: [fieldError(field, reason, field, invitationMessages[reason])],
    extensions: { reason },
  });
}

/**
 * The invitation admitting `email` (normalized, or null when not known yet) to `type`; single
 * use: once a member holds it, only that member may use it again (to retry an unfinished signup).
 */
export function usableInvitation(
  store: SandboxStore,
  organizationId: string,
  code: string | null | undefined,
  type: MembershipType,
  email: string | null,
  memberId: string | null,
  today: string,
  field: string,
): InvitationRecord {
  if (!code) throw invitationProblem('required', field);
  const invitation = store.invitation(organizationId, code);
  const check = checkInvitation(invitation, { membership_type_id: type.id, email, member_id: memberId, on: today });
  if (!check.ok) throw invitationProblem(check.reason, field);
  return invitation!;
}

/**
 * Where a signup stands as an application: `awaiting_approval`, or `approved` (by an admin) and
 * waiting for payment; null for anything else (an unpaid checkout, a finished signup).
 */
export function applicationStatus(signup: SignupRecord | undefined): ApplicationStatus | null {
  if (signup?.status === 'awaiting_approval') return 'awaiting_approval';
  if (signup?.status === 'awaiting_payment' && signup.approved_at) return 'approved';
  return null;
}

/** The signup that created a membership, if any. */
const signupOf = (store: SandboxStore, membership: MembershipRecord): SignupRecord | undefined =>
  membership.signup_id ? store.state.signups[membership.signup_id] : undefined;

/**
 * A membership of this type that rules out a second one: running, or applied for. The
 * memberships of `exceptSignupId` (the signup being completed) are not counted.
 */
export function blockingMembership(
  store: SandboxStore,
  organizationId: string,
  holder: { member_id: string } | { company_id: string },
  typeId: string,
  today: string,
  exceptSignupId: string | null = null,
): MembershipRecord | undefined {
  return store.memberships(organizationId).find((m) => {
    if (m.membership_type_id !== typeId) return false;
    if (exceptSignupId !== null && m.signup_id === exceptSignupId) return false;
    if ('member_id' in holder ? m.member_id !== holder.member_id : m.company_id !== holder.company_id || m.member_id !== null) {
      return false;
    }
    // The SDK's rule: a running membership or an application blocks; an unpaid checkout does
    // not (the completion check refuses a second payment, and the member's own new signup
    // replaces it: replaceableSignups).
    return blocksNewMembership({ ...m, application: applicationStatus(signupOf(store, m)) }, today);
  });
}

/**
 * The `auto_renew` a membership of `type` gets (the SDK's `resolveAutoRenew`: the type's
 * `recurring`, or the member's choice, else `otherwise`), or the field error for a request that
 * contradicts the type. Signups, renewals and staff assignments all refuse it the same way.
 */
export function resolveAutoRenewOr(
  type: MembershipType,
  requested: boolean | null | undefined,
  otherwise = false,
): { value: boolean; error?: undefined } | { value?: undefined; error: FieldError } {
  try {
    return { value: resolveAutoRenew(type, requested, otherwise) };
  } catch (error) {
    if (!(error instanceof CalculatorError) || error.code !== 'invalid_option') throw error;
    const message = type.recurring ? 'This membership always renews automatically.' : 'This membership does not renew automatically.';
    return { error: fieldError('auto_renew', 'invalid_option', 'auto_renew', message) };
  }
}

/**
 * The 409 for a blocking membership: `already_member` with the renewal path for a running one,
 * `application_pending` (no renewal: there is nothing to renew yet) for an application.
 */
export function alreadyMember(
  store: SandboxStore,
  organization: OrganizationRecord,
  membership: MembershipRecord,
  field: string,
  email: string,
): Problem {
  const application = applicationStatus(signupOf(store, membership));
  if (application) {
    const approved = application === 'approved';
    // What the person can do: pay the approved application's checkout (it does not expire), or
    // have the organization close the application (decline or cancel) before signing up anew.
    const message = approved
      ? `${email} has an approved application for this membership (${membership.id}) waiting for payment: pay it with that application's checkout, or ask the organization to close the application to sign up again.`
      : `${email} has applied for this membership already (${membership.id}); the application is waiting for the organization's approval.`;
    return new Problem(409, 'application_pending', message, {
      errors: [fieldError(field, 'application_pending', field, message)],
      extensions: {
        membership_id: membership.id,
        membership_type_id: membership.membership_type_id,
        application_status: approved ? 'awaiting_payment' : 'awaiting_approval',
      },
    });
  }
  const renewPath = `/organizations/${organization.organization.id}/me/memberships/${membership.id}/renew`;
  const message = `${email} already holds a membership of this type (${membership.id}); renew it instead.`;
  return new Problem(409, 'already_member', message, {
    errors: [fieldError(field, 'already_member', field, message)],
    // The client offers a renewal: POST …/me/memberships/{membership_id}/renew with a member token.
    extensions: {
      membership_id: membership.id,
      membership_type_id: membership.membership_type_id,
      expires_on: membership.expires_on,
      renew_path: renewPath,
    },
    headers: { Link: `<${renewPath}>; rel="renew"` },
  });
}

/** What a new signup is made of; the rest starts the same for every signup. */
export interface SignupInit {
  /** Default: a new random id. */
  id?: string;
  organization_id: string;
  member_id: string;
  /** Default none yet (the caller adds the new memberships). */
  membership_ids?: string[];
  quote: SignupRecord['quote'];
  discount_code: string | null;
  invitation_code?: string | null;
  fields?: Record<string, unknown>;
  updates_member?: boolean;
  /** For a renewal: the membership it extends. */
  renewal_of?: string | null;
  /** For a renewal: the member's auto_renew choice (null: none), resolved when it completes. */
  auto_renew?: boolean | null;
}

/** Stores a new signup (status `pending`, no checkout yet) for a signup or a renewal. */
export function createSignupRecord(store: SandboxStore, init: SignupInit): SignupRecord {
  const signup: SignupRecord = {
    id: init.id ?? store.randomId('su'),
    organization_id: init.organization_id,
    member_id: init.member_id,
    membership_ids: init.membership_ids ?? [],
    status: 'pending',
    quote: init.quote,
    discount_code: init.discount_code,
    invitation_code: init.invitation_code ?? null,
    fields: init.fields ?? {},
    updates_member: init.updates_member ?? false,
    renewal_of: init.renewal_of ?? null,
    auto_renew: init.auto_renew ?? null,
    checkout_session_id: null,
    created_at: new Date().toISOString(),
    completed_at: null,
  };
  store.state.signups[signup.id] = signup;
  return signup;
}

/** How long a checkout session stays open unpaid: Stripe's default, 24 hours. */
export const checkoutLifetimeMs = 24 * 60 * 60 * 1000;

/**
 * Opens the stand-in's checkout session for a signup that must be paid. It expires at
 * `expiresAt` (epoch ms on the sandbox clock: `now + checkoutLifetimeMs`), or never (null: an
 * approved application's checkout, like an invoice, stays payable until an admin closes the
 * application; a new session would only invalidate the secret the member already holds).
 */
export function openCheckout(store: SandboxStore, signup: SignupRecord, expiresAt: number | null): void {
  const id = store.randomId('cs_test');
  store.state.checkout_sessions[id] = {
    id,
    client_secret: `${id}_secret_${randomToken(12)}`,
    organization_id: signup.organization_id,
    signup_id: signup.id,
    amount: signup.quote.total,
    currency: signup.quote.currency,
    status: 'open',
    payment_id: null,
    declines: 0,
    ...(expiresAt === null ? {} : { expires_at: expiresAt }),
  };
  signup.checkout_session_id = id;
  signup.status = 'awaiting_payment';
}

/**
 * Voids an unfinished signup: it fails, its pending memberships are declined and its checkout
 * session closes for `reason` (its confirm is refused and charges nothing). A discount it
 * reserved is free again.
 */
export function voidSignup(
  store: SandboxStore,
  signup: SignupRecord,
  reason: CheckoutClosedReason,
  replacedBy: string | null = null,
): void {
  signup.status = 'failed';
  signup.replaced_by = replacedBy;
  for (const id of signup.membership_ids) {
    const membership = store.state.memberships[id];
    if (membership?.state === 'pending') membership.state = 'declined';
  }
  const session = signup.checkout_session_id ? store.state.checkout_sessions[signup.checkout_session_id] : undefined;
  if (session?.status === 'open') {
    session.status = 'expired';
    session.closed_reason = reason;
  }
}

/**
 * The member's unpaid signups of this type (new memberships; not renewals, not applications),
 * which a new signup for that member makes redundant: of them and the new one at most one can
 * complete (completion checks again), so the discount redemptions they reserve do not count
 * against the new signup, whoever sends it. Only the member themself (their token) closes them
 * (`replaces`): anyone can type an email. `memberId` null (an unknown email, or an anonymous
 * discounts/validate): none.
 */
export function replaceableSignups(
  context: RouteContext,
  memberId: string | null,
  typeId: string,
): { unpaid: SignupRecord[]; replaces: boolean } {
  if (memberId === null) return { unpaid: [], replaces: false };
  const { store, organization, caller } = context;
  const unpaid = Object.values(store.state.signups).filter(
    (signup) =>
      signup.organization_id === organization.organization.id &&
      signup.member_id === memberId &&
      signup.renewal_of === null &&
      signup.status === 'awaiting_payment' &&
      applicationStatus(signup) === null &&
      store.state.memberships[signup.membership_ids[0]!]?.membership_type_id === typeId,
  );
  return { unpaid, replaces: caller.kind === 'member' && caller.member.id === memberId };
}

/**
 * Closes the checkout sessions left unpaid past their expiry (`nowOf`: the sandbox clock of an
 * organization): their signups fail and release their discount reservations, as an abandoned
 * Stripe session does. (An approved application's session has no expiry.) Answers whether
 * anything changed.
 */
export function expireCheckouts(store: SandboxStore, nowOf: (organizationId: string) => number): boolean {
  let changed = false;
  const nows = new Map<string, number>();
  for (const session of Object.values(store.state.checkout_sessions)) {
    if (session.status !== 'open' || session.expires_at === undefined) continue;
    let now = nows.get(session.organization_id);
    if (now === undefined) nows.set(session.organization_id, (now = nowOf(session.organization_id)));
    if (now < session.expires_at) continue;
    changed = true;
    const signup = store.state.signups[session.signup_id];
    if (signup) voidSignup(store, signup, 'expired');
    if (session.status === 'open') Object.assign(session, { status: 'expired', closed_reason: 'expired' });
  }
  return changed;
}

/**
 * The unpaid renewals of a membership: a newer renewal replaces them, so that paying both
 * cannot extend it twice (and their discount reservations are released).
 */
export function unpaidRenewals(store: SandboxStore, membershipId: string): SignupRecord[] {
  return Object.values(store.state.signups).filter(
    (signup) => signup.renewal_of === membershipId && (signup.status === 'awaiting_payment' || signup.status === 'pending'),
  );
}

/**
 * Refuses to complete a new signup when one of its holders got a running membership of the type
 * meanwhile (another signup, an admin): the signup is voided and 409 already_member is thrown
 * before anything is changed or charged.
 */
function checkStillFree(store: SandboxStore, signup: SignupRecord, today: string): void {
  if (signup.renewal_of) return;
  const organization = store.organization(signup.organization_id)!;
  signup.membership_ids.forEach((id, index) => {
    const membership = store.state.memberships[id]!;
    const holder = membership.member_id !== null ? { member_id: membership.member_id } : { company_id: membership.company_id! };
    const held = blockingMembership(store, signup.organization_id, holder, membership.membership_type_id, today, signup.id);
    if (!held) return;
    voidSignup(store, signup, 'refused');
    const who = membership.member_id !== null
      ? store.state.members[membership.member_id]?.email
      : store.state.companies[membership.company_id!]?.name;
    throw alreadyMember(store, organization, held, index === 0 ? 'member.email' : `group_members.${index - 1}.email`, who ?? 'This holder');
  });
}

/**
 * Finishes a signup once nothing is left to do (paid, free, or approved and free): new
 * memberships get their dates from the purchase day (today), a renewal extends its membership,
 * the discount and invitation are redeemed, the answers reach the member if the signup may
 * update them (`updates_member`). Runs once: a completed signup is left alone. A new
 * membership whose holder meanwhile got a running one of the type is refused (409, voided).
 */
export function completeSignup(store: SandboxStore, signup: SignupRecord, today: string): void {
  if (signup.status === 'completed') return;
  checkStillFree(store, signup, today);
  for (const id of signup.membership_ids) {
    const membership = store.state.memberships[id]!;
    // The term the membership was sold with, whatever the type says today.
    if (signup.renewal_of) {
      const dates = calculateExpiry(soldTerm(membership), {
        purchased_on: today,
        current: { anchor_on: membership.anchor_on, expires_on: membership.expires_on, grace_days: membership.grace_days },
      });
      Object.assign(membership, {
        kind: dates.kind,
        starts_on: dates.starts_on,
        expires_on: dates.expires_on,
        anchor_on: dates.anchor_on,
        cancelled_on: null,
        price_paid: signup.quote.total,
      });
      membership.auto_renew = renewedAutoRenew(store, signup, membership);
    } else {
      const dates = calculateExpiry(soldTerm(membership), { purchased_on: today, current: previousTerm(store, membership) });
      Object.assign(membership, {
        kind: dates.kind,
        starts_on: dates.starts_on,
        expires_on: dates.expires_on,
        anchor_on: dates.anchor_on,
        state: 'confirmed',
      });
    }
  }
  if (signup.updates_member) {
    const member = store.state.members[signup.member_id];
    if (member) Object.assign(member.fields, structuredClone(signup.fields));
  }
  if (signup.discount_code) {
    const record = store.discount(signup.organization_id, signup.discount_code);
    if (record) record.discount.times_redeemed += 1;
  }
  if (signup.invitation_code) {
    const invitation = store.invitation(signup.organization_id, signup.invitation_code);
    if (invitation) {
      invitation.used_by_member_id = signup.member_id;
      invitation.redeemed_at = new Date().toISOString();
    }
  }
  signup.status = 'completed';
  signup.completed_at = new Date().toISOString();
}

/**
 * The `auto_renew` a renewal leaves its membership with, resolved when it completes: the
 * member's choice made with the renewal, else the membership's setting now (so a cancel made
 * while the renewal was open is kept), as the type allows (`resolveAutoRenew`). A choice the
 * type no longer allows (its `recurring` was edited since) yields to the type.
 */
function renewedAutoRenew(store: SandboxStore, signup: SignupRecord, membership: MembershipRecord): boolean {
  const type = store.membershipType(membership.organization_id, membership.membership_type_id);
  if (!type) return signup.auto_renew ?? membership.auto_renew;
  const chosen = resolveAutoRenewOr(type, signup.auto_renew, membership.auto_renew);
  return chosen.error ? resolveAutoRenew(type, null, membership.auto_renew) : chosen.value;
}

/**
 * The holder's latest earlier membership of the same type, as calculateExpiry's `current`: a
 * member whose membership has ended is reinstated (the calculator decides), not signed up anew.
 */
export function previousTerm(
  store: SandboxStore,
  membership: MembershipRecord,
): { anchor_on: string; expires_on: string | null; grace_days: number } | null {
  const earlier = store
    .memberships(membership.organization_id)
    .filter(
      (m) =>
        m.id !== membership.id &&
        m.state === 'confirmed' &&
        m.membership_type_id === membership.membership_type_id &&
        (membership.member_id !== null ? m.member_id === membership.member_id : m.company_id === membership.company_id && m.member_id === null),
    )
    .sort((a, b) => (a.expires_on ?? '9999') < (b.expires_on ?? '9999') ? 1 : -1)[0];
  return earlier ? { anchor_on: earlier.anchor_on, expires_on: earlier.expires_on, grace_days: earlier.grace_days } : null;
}

/**
 * Cancels a membership on `today` (member or admin): it keeps its permissions until its term and
 * grace end (membershipStatus says `cancelled`, later `terminated`) and stops auto-renewing.
 * Cancelling twice answers the same membership; one that is not running cannot be cancelled.
 */
export function cancelMembership(membership: MembershipRecord, today: string): void {
  if (membership.cancelled_on !== null) return;
  const status = membershipStatus(membership, today);
  if (!isRunning(status)) {
    throw new Problem(409, 'not_cancellable', `A ${status} membership cannot be cancelled.`, {
      extensions: { membership_status: status },
    });
  }
  membership.cancelled_on = today;
  membership.auto_renew = false;
}
