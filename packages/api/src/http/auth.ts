// Who is calling: nobody (public), a member (a member token, through the MemberTokens port), or
// the organization's admin (a secret key, compared by its SHA-256 with the stored hashes).
import { Problem } from '../domain/problems.js';
import type { MemberTokens } from '../ports/member-tokens.js';
import type { MemberRecord, OrganizationRecord } from '../ports/records.js';
import type { Transaction } from '../ports/storage.js';
import { sha256Hex } from '../random.js';

export type Caller = { kind: 'public' } | { kind: 'member'; member: MemberRecord } | { kind: 'admin' };

export type Access = 'public' | 'member' | 'admin';

/** Which secret keys an API accepts: `test` refuses live keys (the sandbox), `live` test keys. */
export type KeyMode = 'test' | 'live' | 'any';

function bearer(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new Problem(401, 'unauthorized', 'The Authorization header must be "Bearer <token>".');
  return match[1]!;
}

/** Resolves the caller; an unknown or expired credential is a 401 wherever it is sent. */
export async function identify(
  tx: Transaction,
  organization: OrganizationRecord,
  request: Request,
  memberTokens: MemberTokens,
  keyMode: KeyMode,
): Promise<Caller> {
  const credential = bearer(request);
  if (credential === null) return { kind: 'public' };
  if (credential.startsWith('sk_')) {
    if (keyMode === 'test' && credential.startsWith('sk_live_')) {
      throw new Problem(401, 'unauthorized', 'This API runs in test mode: it accepts test keys only (sk_test_…).');
    }
    if (keyMode === 'live' && credential.startsWith('sk_test_')) {
      throw new Problem(401, 'unauthorized', 'This API runs in live mode: it accepts live keys only (sk_live_…).');
    }
    if (!organization.secret_key_hashes.includes(await sha256Hex(credential))) {
      throw new Problem(401, 'unauthorized', `Invalid secret key for organization "${organization.id}".`);
    }
    return { kind: 'admin' };
  }
  const check = await memberTokens.verify(organization.id, credential);
  if (!check.valid) {
    throw new Problem(
      401,
      'unauthorized',
      check.reason === 'expired' ? 'The member token has expired; ask the site for a fresh one.' : 'Unknown member token.',
    );
  }
  const member = await tx.findOne('members', { organization_id: organization.id, id: check.member_id });
  if (!member) throw new Problem(401, 'unauthorized', 'The member of this token no longer exists.');
  return { kind: 'member', member };
}

/** Checks that the caller may use an endpoint of this access level. */
export function authorize(caller: Caller, access: Access): void {
  if (access === 'public') return;
  if (caller.kind === 'public') {
    throw new Problem(
      401,
      'unauthorized',
      access === 'admin'
        ? "This endpoint needs the organization's secret key (Authorization: Bearer sk_…)."
        : 'This endpoint needs a member token (Authorization: Bearer <member token>).',
    );
  }
  if (caller.kind !== access) {
    throw new Problem(
      403,
      'forbidden',
      access === 'admin' ? 'A member token cannot use admin endpoints.' : 'This endpoint is for members: send a member token, not a secret key.',
    );
  }
}

/** The idempotency scope of a caller: keys are per organization and caller, like Stripe's per account. */
export function callerScope(caller: Caller): string {
  return caller.kind === 'member' ? `member:${caller.member.id}` : caller.kind;
}
