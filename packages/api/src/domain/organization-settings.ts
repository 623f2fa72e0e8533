// The organization's settings as staff change them (`POST /settings`): every field checked at
// once (one 422 naming each), currency codes in any case kept upper case, URLs through the SDK's
// one URL rule, embed origins exact. A currency cannot change under paid types priced in the
// old one (their prices would change meaning); free types follow it.
import type { OrganizationSettings, OrganizationSettingsUpdateParams } from '@memberkit/sdk';
import { formatMoney, isSecureUrl, normalizeCurrencyCode, normalizeEmail } from '@memberkit/sdk/calculators';
import type { OrganizationRecord } from '../ports/records.js';
import type { DomainContext } from './context.js';
import { Problem, fieldError, validationFailed, type FieldError } from './problems.js';

export function settingsView(organization: OrganizationRecord): OrganizationSettings {
  return {
    id: organization.id,
    name: organization.name,
    currency: organization.currency,
    time_zone: organization.time_zone,
    locale: organization.locale,
    logo_url: organization.logo_url,
    terms_url: organization.terms_url,
    embed_origins: [...organization.embed_origins],
    membership_policy: organization.membership_policy,
    signup_requires_sign_in: organization.signup_requires_sign_in,
    address: organization.address,
    tax_note: organization.tax_note,
    notification_email: organization.notification_email,
    payment_account: organization.payment_account ?? null,
    member_page_url: organization.member_page_url ?? null,
  };
}

/**
 * A Stripe connected account's id: `acct_` then letters and digits (what Stripe's Connect
 * answers). Checked here so that a typo is a 422 now, not a failed checkout later.
 */
const isPaymentAccount = (value: string): boolean => /^acct_[A-Za-z0-9]{1,250}$/.test(value);

export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false;
  }
};

export const isLocale = (tag: string): boolean => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
};

/** An exact origin: scheme, host, optional port (what a browser's Origin header says). */
export const isOrigin = (value: string): boolean => {
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
};

/** A URL without its fragment: the emails put the sign-in ticket there. */
function stripFragment(value: string): string {
  const url = new URL(value);
  url.hash = '';
  return url.toString();
}

/** Applies `params`; answers the organization as it is now. */
export async function updateSettings(ctx: DomainContext, params: OrganizationSettingsUpdateParams): Promise<OrganizationRecord> {
  const errors: FieldError[] = [];
  const patch: Partial<OrganizationRecord> = {};
  if (params.name !== undefined) patch.name = params.name.trim();
  if (params.name !== undefined && patch.name === '') errors.push(fieldError('name', 'required', 'Name'));
  if (params.currency !== undefined) {
    const currency = normalizeCurrencyCode(params.currency);
    if (currency === null) errors.push(fieldError('currency', 'invalid_currency', 'Currency', 'Currency must be an ISO 4217 code, e.g. EUR.'));
    else patch.currency = currency;
  }
  if (params.time_zone !== undefined) {
    if (isTimeZone(params.time_zone)) patch.time_zone = params.time_zone;
    else errors.push(fieldError('time_zone', 'invalid_time_zone', 'Time zone', 'Time zone must be an IANA zone, e.g. Europe/Berlin.'));
  }
  if (params.locale !== undefined) {
    if (isLocale(params.locale)) patch.locale = Intl.getCanonicalLocales(params.locale)[0]!;
    else errors.push(fieldError('locale', 'invalid_locale', 'Locale', 'Locale must be a language tag, e.g. de-DE.'));
  }
  for (const key of ['terms_url', 'logo_url'] as const) {
    const value = params[key];
    if (value === undefined) continue;
    // https only (the widget links and loads them): the SDK's one URL rule.
    if (value === null || (isSecureUrl(value) && value.startsWith('https:'))) patch[key] = value;
    else errors.push(fieldError(key, 'invalid_url', key, `${key} must be an https:// URL.`));
  }
  if (params.embed_origins !== undefined) {
    params.embed_origins.forEach((origin, index) => {
      if (!isOrigin(origin)) errors.push(fieldError(`embed_origins.${index}`, 'invalid_origin', 'Origin', 'An origin is scheme, host and optional port only, e.g. https://club.example.'));
    });
    patch.embed_origins = [...new Set(params.embed_origins)];
  }
  if (params.membership_policy !== undefined) patch.membership_policy = params.membership_policy;
  if (params.signup_requires_sign_in !== undefined) patch.signup_requires_sign_in = params.signup_requires_sign_in;
  if (params.address !== undefined) patch.address = params.address?.trim() || null;
  if (params.tax_note !== undefined) patch.tax_note = params.tax_note?.trim() || null;
  if (params.notification_email !== undefined) patch.notification_email = params.notification_email === null ? null : normalizeEmail(params.notification_email);
  if (params.payment_account !== undefined) {
    const account = params.payment_account?.trim() ?? null;
    if (account === null || isPaymentAccount(account)) patch.payment_account = account;
    else errors.push(fieldError('payment_account', 'invalid_payment_account', 'Payment account', 'A Stripe connected account id starts with acct_, e.g. acct_1Nv0FGQ9RKHgCVdK.'));
  }
  if (params.member_page_url !== undefined || params.embed_origins !== undefined) {
    // The page the emails sign members in on: the widget's, so on an origin it is embedded on
    // (checked again when the origins change, so a page left off them is named).
    const page = params.member_page_url !== undefined ? params.member_page_url : (ctx.organization.member_page_url ?? null);
    const origins = patch.embed_origins ?? ctx.organization.embed_origins;
    if (page !== null && !(isSecureUrl(page) && page.startsWith('https:'))) {
      errors.push(fieldError('member_page_url', 'invalid_url', 'Member page', 'member_page_url must be an https:// URL.'));
    } else if (page !== null && !origins.includes(new URL(page).origin)) {
      errors.push(fieldError('member_page_url', 'not_embed_origin', 'Member page', "member_page_url must be on one of the organization's embed origins."));
    } else if (params.member_page_url !== undefined) {
      patch.member_page_url = page === null ? null : stripFragment(page);
    }
  }
  if (errors.length > 0) throw validationFailed(errors);

  const org = ctx.organization;
  if (patch.currency && patch.currency !== org.currency) {
    const types = await ctx.tx.find('membership_types', { organization_id: org.id });
    const paid = types.filter((type) => type.archived_at === null && type.price.value > 0 && type.price.currency !== patch.currency);
    if (paid.length > 0) {
      throw new Problem(409, 'currency_in_use', `Paid membership types are priced in ${org.currency} (${paid.map((type) => type.id).join(', ')}): change or archive them before changing the currency.`, {
        errors: [fieldError('currency', 'currency_in_use', 'Currency', 'Paid membership types are priced in the current currency.')],
        extensions: { membership_type_ids: paid.map((type) => type.id) },
      });
    }
    const locale = patch.locale ?? org.locale;
    for (const type of types.filter((candidate) => candidate.price.value === 0)) {
      const price = { ...type.price, currency: patch.currency, display: formatMoney(0, patch.currency, locale) };
      await ctx.tx.update('membership_types', { organization_id: org.id, id: type.id }, { price });
    }
  }
  await ctx.tx.update('organizations', { id: org.id }, patch);
  return { ...org, ...patch };
}
