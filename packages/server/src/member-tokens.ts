// The MemberTokens port, signed: JWTs (HS256, jose) that say "member M of organization O" until
// they expire. Nothing is stored per token; the signing keys live in `server_signing_keys`,
// shared by every server process. The newest key signs; a rotated-out key keeps verifying for
// `retiredKeysVerifyFor` after its retirement, so a rotation signs no member out.
import { randomBytes } from 'node:crypto';
import type { Clock, IssuedMemberToken, MemberTokenCheck, MemberTokens } from '@memberkit/api';
import { errors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- the server's own table, outside the port's types */
type Database = Kysely<any>;

interface SigningKey {
  id: string;
  secret: Uint8Array;
  created_at: number;
  retired_at: number | null;
}

const issuer = 'memberkit';

export interface SignedMemberTokensOptions {
  db: Database;
  clock: Clock;
  /** Lifetime of a token issued without one (and the most any token gets), seconds. */
  maxTtl: number;
}

export class SignedMemberTokens implements MemberTokens {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #maxTtl: number;
  #keys: SigningKey[] = [];
  #loadedAt = 0;

  constructor(options: SignedMemberTokensOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#maxTtl = options.maxTtl;
  }

  /** How long a retired key keeps verifying: every token it signed has expired by then. */
  get retiredKeysVerifyFor(): number {
    return this.#maxTtl * 1000 * 2;
  }

  /** Loads the keys (making the first one on a new database). */
  async load(): Promise<void> {
    let rows = await this.#db.selectFrom('server_signing_keys').selectAll().orderBy('_seq').execute();
    if (rows.length === 0) {
      await this.rotate();
      rows = await this.#db.selectFrom('server_signing_keys').selectAll().orderBy('_seq').execute();
    }
    this.#keys = rows.map((row) => ({
      id: row.id,
      secret: Buffer.from(row.secret, 'base64url'),
      created_at: Number(row.created_at),
      retired_at: row.retired_at === null ? null : Number(row.retired_at),
    }));
    this.#loadedAt = this.#clock.now();
  }

  /** Makes a new signing key and retires the others (they still verify for a while); answers its id. */
  async rotate(): Promise<string> {
    const now = this.#clock.now();
    const id = `key_${randomBytes(9).toString('base64url')}`;
    await this.#db.transaction().execute(async (trx) => {
      await trx.updateTable('server_signing_keys').set({ retired_at: now }).where('retired_at', 'is', null).execute();
      await trx.deleteFrom('server_signing_keys').where('retired_at', '<', now - this.retiredKeysVerifyFor).execute();
      await trx.insertInto('server_signing_keys').values({ id, secret: randomBytes(32).toString('base64url'), created_at: now, retired_at: null }).execute();
    });
    if (this.#loadedAt !== 0) await this.load();
    return id;
  }

  async #signingKey(): Promise<SigningKey> {
    // Other processes may have rotated: look again now and then.
    if (this.#keys.length === 0 || this.#clock.now() - this.#loadedAt > 60_000) await this.load();
    return this.#keys.findLast((key) => key.retired_at === null) ?? this.#keys.at(-1)!;
  }

  async #verifyingKey(id: string): Promise<SigningKey | undefined> {
    const usable = (key: SigningKey) => key.id === id && (key.retired_at === null || this.#clock.now() - key.retired_at < this.retiredKeysVerifyFor);
    let key = this.#keys.find(usable);
    // A key made by another process since we loaded: look once more (at most every second).
    if (!key && this.#clock.now() - this.#loadedAt > 1000) {
      await this.load();
      key = this.#keys.find(usable);
    }
    return key;
  }

  async issue(organizationId: string, memberId: string, expiresIn: number | null): Promise<IssuedMemberToken> {
    const ttl = Math.min(expiresIn ?? this.#maxTtl, this.#maxTtl);
    const key = await this.#signingKey();
    const now = Math.floor(this.#clock.now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: key.id, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(organizationId)
      .setSubject(memberId)
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .setJti(randomBytes(12).toString('base64url'))
      .sign(key.secret);
    return { token, expires_at: (now + ttl) * 1000 };
  }

  async verify(organizationId: string, token: string): Promise<MemberTokenCheck> {
    let header: JWTHeaderParameters | undefined;
    try {
      const { payload } = await jwtVerify(
        token,
        async (protectedHeader) => {
          header = protectedHeader;
          const key = typeof protectedHeader.kid === 'string' ? await this.#verifyingKey(protectedHeader.kid) : undefined;
          if (!key) throw new errors.JWSSignatureVerificationFailed();
          return key.secret;
        },
        { algorithms: ['HS256'], issuer, currentDate: new Date(this.#clock.now()), requiredClaims: ['sub', 'aud', 'exp'] },
      );
      if (payload.aud !== organizationId && !(Array.isArray(payload.aud) && payload.aud.includes(organizationId))) {
        return { valid: false, reason: 'other_organization' };
      }
      if (typeof payload.sub !== 'string' || payload.sub === '') return { valid: false, reason: 'unknown' };
      return { valid: true, member_id: payload.sub };
    } catch (error) {
      if (header && error instanceof errors.JWTExpired) return { valid: false, reason: 'expired' };
      return { valid: false, reason: 'unknown' };
    }
  }

  /** A new token for the holder of a valid one (same member and organization); null when it is not valid. */
  async refresh(organizationId: string, token: string): Promise<IssuedMemberToken | null> {
    const check = await this.verify(organizationId, token);
    return check.valid ? this.issue(organizationId, check.member_id, null) : null;
  }
}
