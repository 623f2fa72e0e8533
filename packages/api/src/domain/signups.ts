// Signups: a person asking for a membership (or a member renewing one), from the request to its
// completion. A signup validates everything at once, finds or creates its members, reserves its
// discount and invitation, holds pending memberships, and then waits for approval, for payment,
// or for nothing (`advanceSignup`). Completion gives the memberships their dates from the
// purchase day and redeems what the signup reserved.
import type { MembershipType, NextAction, Signup, SignupCreateParams } from '@memberkit/sdk';
import {
  CalculatorError,
  calculateExpiry,
  normalizeEmail,
  resolveAutoRenew,
  validateFields,
  validatePeople,
  type FieldValue,
} from '@memberkit/sdk/calculators';
import type { Json, MemberRecord, MembershipRecord, SignupRecord } from '../ports/records.js';
import { closeSignup, findCheckout, openCheckout, signupNeedsCheckout, stillUnfinished } from './checkout.js';
import type { DomainContext } from './context.js';
import { sendMembershipMessage } from './messages.js';
import { emitEvent } from './webhooks.js';
import { redeemDiscount, usableDiscount } from './discounts.js';
import { findInvitation, holdInvitation, usableInvitation } from './invitations.js';
import { createMember, memberByEmail, memberView } from './members.js';
import { findType, requestedType } from './membership-types.js';
import {
  alreadyMember,
  applicationStatus,
  blockingMembership,
  createMembership,
  emitMembershipEvent,
  membershipView,
  previousTerm,
  termEntry,
  type Holder,
} from './memberships.js';
import { Problem, fieldError, notFound, validationFailed, type FieldError } from './problems.js';
import { quoteOrProblem, signupQuoteFields } from './quotes.js';
import { applyRenewal, renewalDates, renewalPlan } from './renewals.js';
import { resolveAutoRenewOr } from './auto-renew.js';
import { createSignupRecord, requestLocale } from './signup-records.js';
import { soldTerm } from './terms.js';

export async function findSignup(ctx: Pick<DomainContext, 'tx' | 'organization'>, id: string): Promise<SignupRecord | undefined> {
  return ctx.tx.findOne('signups', { organization_id: ctx.organization.id, id });
}

export async function signupOr404(ctx: Pick<DomainContext, 'tx' | 'organization'>, id: string): Promise<SignupRecord> {
  const signup = await findSignup(ctx, id);
  if (!signup) throw notFound('signup', id);
  return signup;
}

/** Labels of the people's own fields, for the messages of their errors. */
const personLabels: Record<string, string> = { email: 'Email', first_name: 'First name', last_name: 'Last name' };

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
 * The member's unpaid signups of this type (new memberships; not renewals, not applications),
 * which a new signup for that member makes redundant: of them and the new one at most one can
 * complete (completion checks again), so the discount redemptions they reserve do not count
 * against the new signup, whoever sends it. Only the member themself (their token, `callerId`)
 * closes them (`replaces`): anyone can type an email. `memberId` null (an unknown email, or an
 * anonymous discounts/validate): none.
 */
export async function replaceableSignups(
  ctx: DomainContext,
  memberId: string | null,
  typeId: string,
  callerId: string | null,
): Promise<{ unpaid: SignupRecord[]; replaces: boolean }> {
  if (memberId === null) return { unpaid: [], replaces: false };
  const org = ctx.organization.id;
  const candidates = await ctx.tx.find('signups', { organization_id: org, member_id: memberId, status: 'awaiting_payment', renewal_of: null });
  const unpaid: SignupRecord[] = [];
  for (const signup of await stillUnfinished(ctx, candidates.filter((s) => applicationStatus(s) === null), ['awaiting_payment'])) {
    const first = await ctx.tx.findOne('memberships', { organization_id: org, id: signup.membership_ids[0]! });
    if (first?.membership_type_id === typeId) unpaid.push(signup);
  }
  return { unpaid, replaces: callerId === memberId };
}

/**
 * Whether this signup's answers may reach the member's profile when it completes: the caller
 * signed in as that member, or the member is new (created by a signup, none of theirs completed
 * yet, e.g. a retry after an abandoned payment). An anonymous signup with a known member's email
 * changes nothing about them.
 */
async function mayUpdateMember(ctx: DomainContext, member: MemberRecord, callerId: string | null): Promise<boolean> {
  if (callerId === member.id) return true;
  if (!member.created_by_signup) return false;
  return (await ctx.tx.count('signups', { organization_id: ctx.organization.id, member_id: member.id, status: 'completed' })) === 0;
}

/**
 * A signup sent with a member's token belongs to that member: a body naming another email is
 * refused (else Alice's token could buy, and reserve discounts for, someone else). Without a
 * token, when the organization wants members signed in first, the signup is refused too.
 */
async function refuseAnotherPerson(ctx: DomainContext, email: string, callerId: string | null): Promise<void> {
  if (callerId === null) {
    if (ctx.organization.signup_requires_sign_in) {
      throw new Problem(401, 'sign_in_required', `${ctx.organization.name} asks members to sign in before signing up: send the member's token.`);
    }
    return;
  }
  const caller = await ctx.tx.findOne('members', { organization_id: ctx.organization.id, id: callerId });
  if (caller && caller.email !== email) {
    const message = `This signup is sent with the token of ${caller.email}: it can only be for that member.`;
    throw validationFailed([fieldError('member.email', 'not_token_member', 'Email', message)], message);
  }
}

/**
 * POST /signups: validates the request (every field error at once), applies the one-membership
 * rule (a second signup is offered the renewal instead), finds or creates the members, holds
 * their pending memberships and reserves the discount and the invitation. With the member's
 * token (`callerId`), it replaces the member's unpaid signups of the type. What comes next is
 * `advanceSignup`'s.
 */
export async function createSignup(
  ctx: DomainContext,
  params: SignupCreateParams,
  callerId: string | null,
): Promise<{ signup: SignupRecord; type: MembershipType; newHolders: ReadonlySet<string> }> {
  const type = await requestedType(ctx, params.membership_type_id);
  const email = normalizeEmail(params.member.email);
  await refuseAnotherPerson(ctx, email, callerId);
  const known = await memberByEmail(ctx, email);

  const invitation = type.invite_only
    ? await usableInvitation(ctx, params.invitation_code, type, email, known?.id ?? null, 'invitation_code')
    : null;
  const { autoRenew } = validateRequest(type, params);
  const locale = requestLocale(params.locale);
  // The member's unpaid checkouts of this type: their discount reservations do not count against
  // this signup (only one of them all can complete), and with the member's token this signup
  // replaces them.
  const earlier = await replaceableSignups(ctx, known?.id ?? null, type.id, callerId);
  const discount = params.discount_code ? await usableDiscount(ctx, params.discount_code, type, 'discount_code', earlier.unpaid) : null;
  const groupMembers = params.group_members ?? [];
  const quote = quoteOrProblem(
    ctx.organization,
    type,
    { amount: params.amount ?? null, discount, group_size: groupMembers.length > 0 ? groupMembers.length + 1 : null },
    signupQuoteFields,
  );

  // The membership policy (one per organization, per type, or unlimited): a signup the held
  // membership rules out is offered its renewal instead.
  if (known) {
    const held = await blockingMembership(ctx, { member_id: known.id }, type.id);
    if (held) throw await alreadyMember(ctx, held, 'member.email', email, type.id);
  }
  const others: (MemberRecord | undefined)[] = [];
  for (const [index, person] of groupMembers.entries()) {
    const other = await memberByEmail(ctx, person.email);
    const held = other && (await blockingMembership(ctx, { member_id: other.id }, type.id));
    if (held) throw await alreadyMember(ctx, held, `group_members.${index}.email`, other.email, type.id);
    others.push(other);
  }

  const signupId = ctx.ids.next('su', 16);
  const member = known ?? (await createMember(ctx, { ...params.member, email, created_by_signup: signupId }));
  // The member's own unpaid checkouts of the type are replaced: paying both would buy two.
  if (earlier.replaces) for (const older of earlier.unpaid) await closeSignup(ctx, older, 'replaced', signupId);
  const hold = (holder: MemberRecord, price: number, groupOf: string | null, newHolder: boolean) =>
    createMembership(ctx, {
      newHolder,
      holder: { member_id: holder.id, company_id: null },
      type,
      state: 'pending',
      auto_renew: autoRenew,
      price_paid: price,
      purchased_on: ctx.today,
      signup_id: signupId,
      group_of: groupOf,
    });
  const payerId = (await hold(member, quote.total, null, !known)).id;
  const membershipIds = [payerId];
  const newHolders = new Set<string>(known ? [] : [member.id]);
  for (const [index, person] of groupMembers.entries()) {
    const other = others[index] ?? (await createMember(ctx, { ...person, created_by_signup: signupId }));
    if (!others[index]) newHolders.add(other.id);
    // The place is the group's: it renews with the payer's membership.
    membershipIds.push((await hold(other, 0, payerId, !others[index])).id);
  }
  const signup = await createSignupRecord(ctx, {
    id: signupId,
    member_id: member.id,
    membership_ids: membershipIds,
    quote,
    discount_code: discount?.code ?? null,
    invitation_code: invitation?.code ?? null,
    fields: structuredClone(params.fields) as Record<string, Json>,
    // A member this signup creates has no completed signup: its answers may reach them.
    updates_member: known ? await mayUpdateMember(ctx, known, callerId) : true,
    checkout_ui_mode: params.checkout?.ui_mode ?? null,
    locale,
  });
  // The invitation is now this member's (single use); it is redeemed when the signup completes.
  if (invitation) await holdInvitation(ctx, invitation, member.id);
  return { signup, type, newHolders };
}

/**
 * What a new signup needs next: the organization's approval (an application, `approval`), a
 * checkout (a total to pay), or nothing (it completes now). A completion refused (see
 * `completeSignup`) comes back as `refusal`, with the signup closed. `newHolders`: the members
 * this transaction created for the signup (see CompletionOptions).
 */
export async function advanceSignup(
  ctx: DomainContext,
  signup: SignupRecord,
  { approval, newHolders }: { approval: boolean; newHolders?: ReadonlySet<string> },
): Promise<{ signup: SignupRecord; refusal: Problem | null }> {
  if (approval) {
    await ctx.tx.update('signups', { organization_id: ctx.organization.id, id: signup.id }, { status: 'awaiting_approval' });
    const member = await ctx.tx.findOne('members', { organization_id: ctx.organization.id, id: signup.member_id });
    const membership = await ctx.tx.findOne('memberships', { organization_id: ctx.organization.id, id: signup.membership_ids[0]! });
    if (member && membership) await sendMembershipMessage(ctx, 'application_received', member, membership);
    if (membership) await emitMembershipEvent(ctx, 'application.received', membership, { signup_id: signup.id });
    return { signup: { ...signup, status: 'awaiting_approval' }, refusal: null };
  }
  if (await signupNeedsCheckout(ctx, signup)) return { signup: await openCheckout(ctx, signup), refusal: null };
  const refusal = await completeSignup(ctx, signup, null, { newHolders });
  return { signup: (await findSignup(ctx, signup.id))!, refusal };
}

/**
 * Why the signup can no longer complete, or null: one of its new memberships' holders got a
 * running membership of the type meanwhile (another signup, an admin), or the renewal it is is
 * no longer possible (its window closed).
 */
async function refusalAtCompletion(
  ctx: DomainContext,
  signup: SignupRecord,
  memberships: MembershipRecord[],
  newHolders: ReadonlySet<string>,
): Promise<Problem | null> {
  if (signup.renewal_of) {
    const membership = memberships[0]!;
    try {
      renewalDates(ctx.today, membership, renewalPlan(membership, await findType(ctx, membership.membership_type_id)));
    } catch (error) {
      if (error instanceof CalculatorError && error.code === 'renewal_not_open') {
        return new Problem(409, 'renewal_not_open', 'This renewal is no longer possible; nothing was charged.');
      }
      throw error;
    }
    return null;
  }
  for (const [index, membership] of memberships.entries()) {
    if (membership.member_id !== null && newHolders.has(membership.member_id)) continue;
    const holder: Holder = membership.member_id !== null ? { member_id: membership.member_id } : { company_id: membership.company_id! };
    const held = await blockingMembership(ctx, holder, membership.membership_type_id, signup.id);
    if (!held) continue;
    const who = membership.member_id !== null
      ? (await ctx.tx.findOne('members', { organization_id: ctx.organization.id, id: membership.member_id }))?.email
      : (await ctx.tx.findOne('companies', { organization_id: ctx.organization.id, id: membership.company_id! }))?.name;
    return alreadyMember(ctx, held, index === 0 ? 'member.email' : `group_members.${index - 1}.email`, who ?? 'This holder', membership.membership_type_id);
  }
  return null;
}

/** The processor's word on a paid signup's payment, for the memberships' history and renewals. */
export interface CompletedPayment {
  reference: string;
  /** The card saved for off-session renewals (the membership renews automatically), or null. */
  payment_method: string | null;
  customer: string | null;
}

/** What the transaction completing a signup knows beside it. */
export interface CompletionOptions {
  /**
   * Members this same transaction created (for this signup): they hold no membership but the
   * signup's own (no other transaction can know their ids yet), so nothing of theirs can block
   * the completion or give it an earlier term to follow, and neither is read again. Only for a
   * completion in the transaction that created them: later, another signup may have given them one.
   */
  newHolders?: ReadonlySet<string>;
}

/**
 * Finishes a signup once nothing is left to do (paid, free, or approved and free): new
 * memberships get their dates from the purchase day (today), a renewal extends its membership,
 * the discount and invitation are redeemed, and the answers reach the member if the signup may
 * update them (`updates_member`). Runs once: a completed signup is left alone. A completion that
 * is no longer possible (see `refusalAtCompletion`) closes the signup (`refused`, nothing
 * charged) and answers the problem to give, instead of throwing it, so that the closing commits.
 */
export async function completeSignup(
  ctx: DomainContext,
  signup: SignupRecord,
  payment: CompletedPayment | null = null,
  { newHolders = new Set() }: CompletionOptions = {},
): Promise<Problem | null> {
  if (signup.status === 'completed') return null;
  const org = ctx.organization.id;
  const memberships = await ctx.tx.find('memberships', { organization_id: org, id: signup.membership_ids });
  memberships.sort((a, b) => signup.membership_ids.indexOf(a.id) - signup.membership_ids.indexOf(b.id));
  const refusal = await refusalAtCompletion(ctx, signup, memberships, newHolders);
  if (refusal) {
    await closeSignup(ctx, signup, 'refused');
    return refusal;
  }
  const begun: MembershipRecord[] = [];
  const reference = payment?.reference ?? null;
  // The payer's card, saved when the membership renews automatically, is what renewals charge.
  const card = payment?.payment_method && payment.customer ? { payment_method: payment.payment_method, payment_customer: payment.customer } : null;
  if (signup.renewal_of) {
    // The plan as it stands now (price, term, grace), for the payer and every place of a group.
    const membership = memberships[0]!;
    const type = await findType(ctx, membership.membership_type_id);
    const autoRenew = await renewedAutoRenew(ctx, signup, membership);
    await applyRenewal(ctx, membership, renewalPlan(membership, type), {
      amount: signup.quote.total,
      currency: signup.quote.currency,
      reference,
      auto_renew: autoRenew,
    });
    if (card && autoRenew) await ctx.tx.update('memberships', { organization_id: org, id: membership.id }, card);
  } else {
    for (const membership of memberships) {
      // The term the membership was sold with, whatever the type says today.
      const current = membership.member_id !== null && newHolders.has(membership.member_id) ? null : await previousTerm(ctx, membership);
      const dates = calculateExpiry(soldTerm(membership), { purchased_on: ctx.today, current });
      const payer = membership.group_of === null;
      await ctx.tx.update('memberships', { organization_id: org, id: membership.id }, {
        kind: dates.kind,
        starts_on: dates.starts_on,
        expires_on: dates.expires_on,
        anchor_on: dates.anchor_on,
        state: 'confirmed',
        terms: [termEntry(ctx, dates, membership.price_paid, membership.currency, reference)],
        ...(payer && card && membership.auto_renew && card),
      });
      begun.push({ ...membership, starts_on: dates.starts_on, expires_on: dates.expires_on, anchor_on: dates.anchor_on, state: 'confirmed' });
    }
  }
  await welcome(ctx, signup, begun);
  for (const membership of begun) await emitMembershipEvent(ctx, 'membership.created', membership, { signup_id: signup.id });
  if (signup.renewal_of) {
    const renewed = await ctx.tx.findOne('memberships', { organization_id: org, id: signup.renewal_of });
    if (renewed) await emitMembershipEvent(ctx, 'membership.renewed', renewed, { signup_id: signup.id });
  }
  // A signup without answers has nothing to add to the member's fields.
  if (signup.updates_member && Object.keys(signup.fields).length > 0) {
    const member = await ctx.tx.findOne('members', { organization_id: org, id: signup.member_id });
    if (member) {
      await ctx.tx.update('members', { organization_id: org, id: member.id }, { fields: { ...member.fields, ...structuredClone(signup.fields) } });
    }
  }
  if (signup.discount_code) await redeemDiscount(ctx, signup.discount_code);
  if (signup.invitation_code) {
    const invitation = await findInvitation(ctx, signup.invitation_code);
    if (invitation) await holdInvitation(ctx, invitation, signup.member_id, { redeemed: true });
  }
  await ctx.tx.update('signups', { organization_id: org, id: signup.id }, { status: 'completed', completed_at: ctx.timestamp() });
  await emitEvent(ctx, 'signup.completed', {
    id: signup.id,
    member_id: signup.member_id,
    membership_ids: [...signup.membership_ids],
    renewal_of: signup.renewal_of,
    total: signup.quote.total,
    currency: signup.quote.currency,
  });
  return null;
}

/**
 * A welcome to each holder of a new membership who gets no other word of it: the payer of a
 * paid signup gets its receipt instead, and an approved application its approval.
 */
async function welcome(ctx: DomainContext, signup: SignupRecord, begun: MembershipRecord[]): Promise<void> {
  for (const [index, membership] of begun.entries()) {
    if (index === 0 && (signup.quote.requires_payment || signup.approved_at !== null)) continue;
    if (membership.member_id === null) continue;
    const member = await ctx.tx.findOne('members', { organization_id: ctx.organization.id, id: membership.member_id });
    if (member) await sendMembershipMessage(ctx, 'welcome', member, membership);
  }
}

/**
 * The `auto_renew` a renewal leaves its membership with, resolved when it completes: the
 * member's choice made with the renewal, else the membership's setting now (so a cancel made
 * while the renewal was open is kept), as the type allows (`resolveAutoRenew`). A choice the
 * type no longer allows (its `recurring` was edited since) yields to the type.
 */
async function renewedAutoRenew(ctx: DomainContext, signup: SignupRecord, membership: MembershipRecord): Promise<boolean> {
  const type = await findType(ctx, membership.membership_type_id);
  if (!type) return signup.auto_renew ?? membership.auto_renew;
  const chosen = resolveAutoRenewOr(type, signup.auto_renew, membership.auto_renew);
  return chosen.error ? resolveAutoRenew(type, null, membership.auto_renew) : chosen.value;
}

export async function nextActionOf(ctx: DomainContext, signup: SignupRecord): Promise<NextAction> {
  if (signup.status === 'awaiting_approval') return { type: 'approval' };
  const checkout = signup.status === 'awaiting_payment' && signup.checkout_id ? await findCheckout(ctx, signup.checkout_id) : undefined;
  if (!checkout) return { type: 'none' };
  const provider = ctx.organization.payment?.provider ?? 'stripe';
  if (checkout.ui_mode === 'hosted_page') return { type: 'payment', provider, ui_mode: 'hosted_page', url: checkout.url! };
  return { type: 'payment', provider, ui_mode: 'embedded_page', client_secret: checkout.client_secret! };
}

/**
 * The wire's signup: its member, its (first) membership, its quote and what comes next.
 * `newHolders`: the members this transaction created for it (see CompletionOptions), whose
 * memberships are the signup's own.
 */
export async function signupView(ctx: DomainContext, signup: SignupRecord, newHolders?: ReadonlySet<string>): Promise<Signup> {
  const org = ctx.organization.id;
  const member = (await ctx.tx.findOne('members', { organization_id: org, id: signup.member_id }))!;
  const membership = (await ctx.tx.findOne('memberships', { organization_id: org, id: signup.membership_ids[0]! }))!;
  let held: MembershipRecord[] | undefined;
  if (newHolders?.has(member.id)) {
    held = [];
    for (const id of signup.membership_ids) {
      const record = await ctx.tx.findOne('memberships', { organization_id: org, id });
      if (record?.member_id === member.id) held.push(record);
    }
  }
  const { currency, subtotal, discount_amount, total } = signup.quote;
  return {
    id: signup.id,
    status: signup.status,
    member: await memberView(ctx, member, held),
    membership: membershipView(membership, ctx.today),
    quote: { currency, subtotal, discount_amount, total },
    next_action: await nextActionOf(ctx, signup),
  };
}
