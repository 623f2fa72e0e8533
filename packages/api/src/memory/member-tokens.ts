// The MemberTokens port in memory: opaque random tokens in a map (the sandbox's; the server signs
// its tokens instead). `restore`/`entries` let the sandbox keep them across a page reload.
import type { Clock } from '../ports/clock.js';
import type { IssuedMemberToken, MemberTokenCheck, MemberTokens } from '../ports/member-tokens.js';
import { randomHex } from '../random.js';

export interface MemoryMemberToken {
  token: string;
  organization_id: string;
  member_id: string;
  /** Epoch ms, or null: never. */
  expires_at: number | null;
}

export class MemoryMemberTokens implements MemberTokens {
  readonly #tokens = new Map<string, MemoryMemberToken>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  async issue(organizationId: string, memberId: string, expiresIn: number | null): Promise<IssuedMemberToken> {
    return this.issueSync(organizationId, memberId, expiresIn);
  }

  /** `issue`, at once; `token`: a value of the caller's (e.g. one a demo page hard-codes). */
  issueSync(organizationId: string, memberId: string, expiresIn: number | null, token = `mt_test_${randomHex(18)}`): IssuedMemberToken {
    if (token.startsWith('sk_')) throw new Error('A member token cannot look like a secret key (sk_…)');
    const expires_at = expiresIn === null ? null : this.#clock.now() + expiresIn * 1000;
    this.#tokens.set(token, { token, organization_id: organizationId, member_id: memberId, expires_at });
    return { token, expires_at };
  }

  async verify(organizationId: string, token: string): Promise<MemberTokenCheck> {
    const record = this.#tokens.get(token);
    if (!record) return { valid: false, reason: 'unknown' };
    if (record.organization_id !== organizationId) return { valid: false, reason: 'other_organization' };
    if (record.expires_at !== null && record.expires_at <= this.#clock.now()) return { valid: false, reason: 'expired' };
    return { valid: true, member_id: record.member_id };
  }

  entries(): MemoryMemberToken[] {
    return [...this.#tokens.values()].map((entry) => ({ ...entry }));
  }

  restore(entries: readonly MemoryMemberToken[]): void {
    this.#tokens.clear();
    for (const entry of entries) this.#tokens.set(entry.token, { ...entry });
  }
}
