// Member sign-in for sites without a login of their own. An emailed 6-digit code (and, when the
// page asks, a one-click link) is exchanged for a short-lived member token (the MemberTokens
// port) and a refresh token. The rules live here, in the API, so the sandbox has them too:
// - the same answer whether or not the address is a member's (a new address becomes a
//   prospective member only when its code is used);
// - at most 5 codes per address and 20 per client an hour (429 rate_limited, Retry-After);
// - a code lives 10 minutes, dies after 5 wrong tries (counted across the address's live codes)
//   and is used once; codes, link tokens and refresh tokens are kept as SHA-256 hashes;
// - the link carries its token in the URL's fragment (`#memberkit-sign-in=…`), which no server
//   and no mail scanner fetching the page receives, and nothing is used by opening it: the page
//   exchanges it with a POST once the member confirms, so a scanner opening it first changes
//   nothing.
// - a failed renewal's and a card update's emails link to the organization's member page with a
//   sign-in ticket in the same fragment: a link token with no code (no code matches its row, and
//   wrong codes typed for the address do not use up its tries), valid 72 hours (the email may wait
//   a weekend; a renewal retries days apart), used once, counted in no rate limit (the lifecycle
//   sends at most one such email a day per membership).
import type { EmailCode, MemberSession, TokenCreateParams } from '@memberkit/sdk';
import { isSecureUrl, normalizeEmail } from '@memberkit/sdk/calculators';
import type { MemberTokens } from '../ports/member-tokens.js';
import type { MemberRecord, SignInCodeRecord } from '../ports/records.js';
import { randomHex, sha256Hex } from '../random.js';
import type { DomainContext } from './context.js';
import { createMember, memberByEmail } from './members.js';
import { Problem, fieldError, validationFailed } from './problems.js';

export const signInRules = {
  codeLength: 6,
  codeLifetimeMs: 10 * 60 * 1000,
  maxWrongTries: 5,
  perAddressPerHour: 5,
  perClientPerHour: 20,
  /** Member tokens from sign-in: 15 minutes (the refresh token gets the next). */
  tokenSeconds: 15 * 60,
  refreshLifetimeMs: 30 * 24 * 60 * 60 * 1000,
  /** A renewal email's sign-in ticket: 72 hours, used once. */
  ticketLifetimeMs: 72 * 60 * 60 * 1000,
} as const;

const hour = 60 * 60 * 1000;

/** A ticket's `code_hash`: no SHA-256 hex, so no code ever matches its row. */
const ticketOnly = 'ticket';
const isTicket = (row: SignInCodeRecord) => row.code_hash === ticketOnly;

/** A 6-digit code from the CSPRNG, without modulo bias. */
function newCode(): string {
  const limit = 4_294_000_000; // a multiple of 10^6 below 2^32
  const word = new Uint32Array(1);
  do globalThis.crypto.getRandomValues(word);
  while (word[0]! >= limit);
  return String(word[0]! % 1_000_000).padStart(signInRules.codeLength, '0');
}

const codeHash = (id: string, code: string) => sha256Hex(`${id}:${code}`);

const rateLimited = (retryAfterMs: number, detail: string) =>
  new Problem(429, 'rate_limited', detail, { headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) } });

/** The page the link opens: https (or a loopback http page), on one of the organization's embed origins. */
function linkBase(ctx: DomainContext, redirectUrl: string | null | undefined): URL | null {
  if (redirectUrl == null) return null;
  const url = isSecureUrl(redirectUrl) ? new URL(redirectUrl) : null;
  if (!url || !ctx.organization.embed_origins.includes(url.origin)) {
    throw validationFailed([fieldError('redirect_url', 'invalid_redirect', 'redirect_url', "The link must open a page on one of the organization's embed origins.")]);
  }
  url.hash = '';
  return url;
}

/** POST /auth/email-codes. */
export async function sendEmailCode(ctx: DomainContext, input: { email: string; redirect_url?: string | null | undefined }, client: string | null): Promise<EmailCode> {
  const email = normalizeEmail(input.email);
  const base = linkBase(ctx, input.redirect_url);
  const org = ctx.organization.id;
  const since = ctx.now - hour;
  const recent = (rows: SignInCodeRecord[]) => rows.filter((row) => Date.parse(row.created_at) > since);
  const byAddress = recent(await ctx.tx.find('sign_in_codes', { organization_id: org, email })).filter((row) => !isTicket(row));
  if (byAddress.length >= signInRules.perAddressPerHour) {
    throw rateLimited(Date.parse(byAddress[0]!.created_at) + hour - ctx.now, 'Too many sign-in codes for this address: wait before asking again.');
  }
  if (client !== null) {
    const byClient = recent(await ctx.tx.find('sign_in_codes', { organization_id: org, client }));
    if (byClient.length >= signInRules.perClientPerHour) {
      throw rateLimited(Date.parse(byClient[0]!.created_at) + hour - ctx.now, 'Too many sign-in codes asked from here: wait before asking again.');
    }
  }
  const id = ctx.ids.next('sic', 16);
  const code = newCode();
  const linkToken = base ? `slt_${randomHex(24)}` : null;
  const expiresAt = ctx.now + signInRules.codeLifetimeMs;
  await ctx.tx.insert('sign_in_codes', {
    organization_id: org,
    id,
    email,
    code_hash: await codeHash(id, code),
    link_token_hash: linkToken ? await sha256Hex(linkToken) : null,
    client,
    expires_at: expiresAt,
    wrong_tries: 0,
    used_at: null,
    created_at: ctx.timestamp(),
  });
  let link: string | null = null;
  if (base && linkToken) {
    base.hash = `memberkit-sign-in=${linkToken}`;
    link = base.toString();
  }
  const minutes = signInRules.codeLifetimeMs / 60_000;
  await ctx.send({
    kind: 'sign_in_code',
    to: email,
    subject: `${code} is your sign-in code for ${ctx.organization.name}`,
    text: `Your sign-in code for ${ctx.organization.name} is ${code}. It works for ${minutes} minutes.${link ? `\n\nOr open this link to sign in: ${link}` : ''}\n\nIf you did not ask for it, ignore this email.`,
    html: null,
    data: { code, expires_in_minutes: minutes, link },
  });
  return { email, expires_at: new Date(expiresAt).toISOString(), code_length: signInRules.codeLength };
}

const invalid = (reason: string, detail: string, extensions: Record<string, unknown> = {}) =>
  new Problem(422, 'invalid_sign_in', detail, { extensions: { reason, ...extensions } });

const live = (ctx: DomainContext, row: SignInCodeRecord) => row.used_at === null && row.expires_at > ctx.now && row.wrong_tries < signInRules.maxWrongTries;

/**
 * The code row `params` name, marked used, or the problem to answer. A wrong code is counted on
 * every live code of the address and answered as a returned problem, so the count commits.
 */
async function useCode(ctx: DomainContext, params: TokenCreateParams): Promise<{ row: SignInCodeRecord } | { problem: Problem }> {
  const org = ctx.organization.id;
  if (params.link_token !== undefined) {
    const row = await ctx.tx.findOne('sign_in_codes', { organization_id: org, link_token_hash: await sha256Hex(params.link_token) });
    if (!row) return { problem: invalid('unknown', 'This sign-in link is not valid: ask for a new code.') };
    if (row.used_at !== null) return { problem: invalid('used', 'This sign-in link was used already: ask for a new code.') };
    if (row.expires_at <= ctx.now) return { problem: invalid('expired', 'This sign-in link has expired: ask for a new code.') };
    if (row.wrong_tries >= signInRules.maxWrongTries) return { problem: invalid('too_many_attempts', 'Too many wrong codes were tried: ask for a new code.') };
    return { row };
  }
  if (params.email === undefined || params.code === undefined) {
    throw validationFailed([fieldError(params.email === undefined ? 'email' : 'code', 'required', params.email === undefined ? 'Email' : 'Code', 'Send email and code, a link_token, or a refresh_token.')]);
  }
  const email = normalizeEmail(params.email);
  const rows = (await ctx.tx.find('sign_in_codes', { organization_id: org, email })).filter((row) => live(ctx, row) && !isTicket(row));
  const code = params.code.trim();
  for (const row of rows) if (row.code_hash === (await codeHash(row.id, code))) return { row };
  if (rows.length === 0) return { problem: invalid('expired', 'No sign-in code is waiting for this address (it expired, was used, or too many wrong codes were tried): ask for a new one.') };
  let left = 0;
  for (const row of rows) {
    const wrong = row.wrong_tries + 1;
    await ctx.tx.update('sign_in_codes', { organization_id: org, id: row.id }, { wrong_tries: wrong });
    left = Math.max(left, signInRules.maxWrongTries - wrong);
  }
  return left > 0
    ? { problem: invalid('wrong', `That code is not right: ${left} ${left === 1 ? 'try' : 'tries'} left.`, { attempts_left: left }) }
    : { problem: invalid('too_many_attempts', 'Too many wrong codes: ask for a new one.', { attempts_left: 0 }) };
}

/**
 * The organization's member page (`member_page_url`) signing `member` in: a one-time ticket
 * (`#memberkit-sign-in=…`, exchanged at POST /auth/tokens as a link token), for the emails that
 * ask a member to renew or to update their card. Null when the organization names no page.
 */
export async function memberPageLink(ctx: DomainContext, member: MemberRecord): Promise<string | null> {
  const page = ctx.organization.member_page_url;
  if (!page) return null;
  const ticket = `slt_${randomHex(24)}`;
  await ctx.tx.insert('sign_in_codes', {
    organization_id: ctx.organization.id,
    id: ctx.ids.next('sic', 16),
    email: member.email,
    code_hash: ticketOnly,
    link_token_hash: await sha256Hex(ticket),
    client: null,
    expires_at: ctx.now + signInRules.ticketLifetimeMs,
    wrong_tries: 0,
    used_at: null,
    created_at: ctx.timestamp(),
  });
  const url = new URL(page);
  url.hash = `memberkit-sign-in=${ticket}`;
  return url.toString();
}

/** A member token (through the port) and a new refresh token for `member`. */
export async function openSession(ctx: DomainContext, memberTokens: MemberTokens, member: MemberRecord): Promise<MemberSession> {
  const issued = await memberTokens.issue(ctx.organization.id, member.id, signInRules.tokenSeconds);
  const refreshToken = `mrt_${randomHex(32)}`;
  const refreshExpires = ctx.now + signInRules.refreshLifetimeMs;
  await ctx.tx.insert('refresh_tokens', {
    organization_id: ctx.organization.id,
    id: ctx.ids.next('rt'),
    member_id: member.id,
    token_hash: await sha256Hex(refreshToken),
    expires_at: refreshExpires,
    used_at: null,
    created_at: ctx.timestamp(),
  });
  return {
    member_id: member.id,
    token: issued.token,
    expires_at: new Date(issued.expires_at ?? ctx.now + signInRules.tokenSeconds * 1000).toISOString(),
    refresh_token: refreshToken,
    refresh_expires_at: new Date(refreshExpires).toISOString(),
  };
}

/** POST /auth/tokens: a session, or the problem to answer after the counts commit. */
export async function exchange(ctx: DomainContext, memberTokens: MemberTokens, params: TokenCreateParams): Promise<{ session: MemberSession } | { problem: Problem }> {
  const org = ctx.organization.id;
  if (params.refresh_token !== undefined) {
    const row = await ctx.tx.findOne('refresh_tokens', { organization_id: org, token_hash: await sha256Hex(params.refresh_token) });
    if (!row || row.used_at !== null || row.expires_at <= ctx.now) {
      return { problem: invalid(row?.used_at ? 'used' : row ? 'expired' : 'unknown', 'This refresh token cannot be used: sign in again.') };
    }
    const member = await ctx.tx.findOne('members', { organization_id: org, id: row.member_id });
    if (!member) return { problem: invalid('unknown', 'The member of this refresh token no longer exists.') };
    // One refresh per refresh token: the answer carries the next one.
    await ctx.tx.update('refresh_tokens', { organization_id: org, id: row.id }, { used_at: ctx.timestamp() });
    return { session: await openSession(ctx, memberTokens, member) };
  }
  const used = await useCode(ctx, params);
  if ('problem' in used) return used;
  await ctx.tx.update('sign_in_codes', { organization_id: org, id: used.row.id }, { used_at: ctx.timestamp() });
  const member = (await memberByEmail(ctx, used.row.email)) ?? (await createMember(ctx, { email: used.row.email }));
  return { session: await openSession(ctx, memberTokens, member) };
}
