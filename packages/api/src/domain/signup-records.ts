// The record a signup or a renewal starts as: what both make before their own rules run, so that
// renewals.ts and signups.ts (which renews through it) need not import each other.
import type { CheckoutUiMode } from '../ports/payments.js';
import type { Json, SignupRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { isLocale } from './organization-settings.js';
import { fieldError, validationFailed } from './problems.js';

/** What a new signup is made of; the rest starts the same for every signup. */
export interface SignupInit {
  /** A new id (ctx.ids.next): the insert is marked fresh. */
  id: string;
  member_id: string;
  membership_ids: string[];
  quote: SignupRecord['quote'];
  discount_code: string | null;
  invitation_code?: string | null;
  fields?: Record<string, Json>;
  updates_member?: boolean;
  /** For a renewal: the membership it extends. */
  renewal_of?: string | null;
  /** For a renewal: the member's auto_renew choice (null: none), resolved when it completes. */
  auto_renew?: boolean | null;
  /** The checkout page the request asked for (null: the host's default). */
  checkout_ui_mode?: CheckoutUiMode | null;
  /** The member's language the request said (canonical; null: unsaid). */
  locale?: string | null;
}

/** Stores a new signup (status `pending`, no checkout yet) for a signup or a renewal. */
export async function createSignupRecord(ctx: DomainContext, init: SignupInit): Promise<SignupRecord> {
  const signup: SignupRecord = {
    organization_id: ctx.organization.id,
    id: init.id,
    member_id: init.member_id,
    membership_ids: init.membership_ids,
    status: 'pending',
    quote: init.quote,
    discount_code: init.discount_code,
    invitation_code: init.invitation_code ?? null,
    fields: init.fields ?? {},
    updates_member: init.updates_member ?? false,
    renewal_of: init.renewal_of ?? null,
    auto_renew: init.auto_renew ?? null,
    checkout_id: null,
    created_at: ctx.timestamp(),
    completed_at: null,
    replaced_by: null,
    approved_at: null,
    checkout_ui_mode: init.checkout_ui_mode ?? null,
    locale: init.locale ?? null,
  };
  // Its id is new (ctx.ids): the insert may travel with a later statement.
  await ctx.tx.insert('signups', signup, { fresh: true });
  return signup;
}

/**
 * A request's `locale` (the member's language), canonical (`fr-ca` → `fr-CA`); unsaid: null. One
 * that is no language tag is refused by name: the checkout would otherwise speak a guess.
 */
export function requestLocale(tag: string | null | undefined): string | null {
  if (tag == null) return null;
  if (!isLocale(tag)) throw validationFailed([fieldError('locale', 'invalid_locale', 'Locale', 'Locale must be a language tag, e.g. fr-CA.')]);
  return Intl.getCanonicalLocales(tag)[0]!;
}
