// Who is calling: nobody (public), a member (member token), or the organization's admin (secret key).
import { Problem } from './problems.js';
import type { MemberRecord, OrganizationRecord, SandboxStore } from './store.js';

export type Caller =
  | { kind: 'public' }
  | { kind: 'member'; member: MemberRecord; token: string }
  | { kind: 'admin' };

export type Access = 'public' | 'member' | 'admin';

function bearer(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new Problem(401, 'unauthorized', 'The Authorization header must be "Bearer <token>".');
  return match[1]!;
}

/** Resolves the caller; an unknown or expired credential is a 401 wherever it is sent. */
export function identify(store: SandboxStore, organization: OrganizationRecord, request: Request): Caller {
  const credential = bearer(request);
  if (credential === null) return { kind: 'public' };
  if (credential.startsWith('sk_')) {
    if (credential.startsWith('sk_live_')) {
      throw new Problem(401, 'unauthorized', 'The sandbox accepts test keys only (sk_test_…).');
    }
    if (credential !== organization.secret_key) {
      throw new Problem(401, 'unauthorized', `Invalid secret key for organization "${organization.organization.id}".`);
    }
    return { kind: 'admin' };
  }
  const token = Object.hasOwn(store.state.tokens, credential) ? store.state.tokens[credential] : undefined;
  if (!token || token.organization_id !== organization.organization.id) {
    throw new Problem(401, 'unauthorized', 'Unknown member token.');
  }
  if (token.expires_at !== null && token.expires_at <= Date.now()) {
    throw new Problem(401, 'unauthorized', 'The member token has expired; ask the site for a fresh one.');
  }
  const member = store.state.members[token.member_id];
  if (!member) throw new Problem(401, 'unauthorized', 'The member of this token no longer exists.');
  return { kind: 'member', member, token: credential };
}

/** Checks that the caller may use an endpoint of this access level. */
export function authorize(caller: Caller, access: Access): void {
  if (access === 'public') return;
  if (caller.kind === 'public') {
    throw new Problem(
      401,
      'unauthorized',
      access === 'admin'
        ? 'This endpoint needs the organization\'s secret key (Authorization: Bearer sk_test_…).'
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

export function randomToken(bytes = 18): string {
  const data = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(data);
  return Array.from(data, (b) => b.toString(16).padStart(2, '0')).join('');
}
