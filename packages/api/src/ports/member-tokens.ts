// The MemberTokens port: short-lived tokens that say "this is member M of organization O".
// Implementations: memory (memory/member-tokens.ts: opaque random tokens kept in a map, for the
// sandbox), and the server's signed tokens (jose), which survive signing-key rotation.

export interface IssuedMemberToken {
  token: string;
  /** Epoch ms, or null: it does not expire. */
  expires_at: number | null;
}

export type MemberTokenCheck =
  | { valid: true; member_id: string }
  | { valid: false; reason: 'unknown' | 'expired' | 'other_organization' };

export interface MemberTokens {
  /** `expiresIn`: seconds (null: never; only the sandbox issues such tokens). */
  issue(organizationId: string, memberId: string, expiresIn: number | null): Promise<IssuedMemberToken>;
  verify(organizationId: string, token: string): Promise<MemberTokenCheck>;
}
