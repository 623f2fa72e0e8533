import type { RequestOptions } from '../core/request-options.js';
import type { Transport } from '../internal/transport.js';
import {
  EmailCodeSchema,
  MemberSessionSchema,
  type EmailCode,
  type EmailCodeCreateParams,
  type MemberSession,
  type TokenCreateParams,
} from '../schemas/sign-in.js';

/** Member sign-in (public): an emailed code or link, exchanged for a member token and a refresh token. */
// Each call is a function of the transport as well as a method, for `createSignupClient`.

/** `POST /auth/email-codes` (see `AuthResource.sendEmailCode`). */
export const sendEmailCode = (t: Transport, params: EmailCodeCreateParams, options?: RequestOptions): Promise<EmailCode> =>
  t.request({ method: 'POST', path: 'auth/email-codes', body: params, schema: EmailCodeSchema }, options);

/** `POST /auth/tokens` (see `AuthResource.createToken`). */
export const createMemberToken = (t: Transport, params: TokenCreateParams, options?: RequestOptions): Promise<MemberSession> =>
  t.request({ method: 'POST', path: 'auth/tokens', body: params, schema: MemberSessionSchema }, options);

export class AuthResource {
  constructor(protected readonly _t: Transport) {}

  /** Sends a 6-digit code (and a one-click link to `redirect_url`); the same answer for any address. 429 `rate_limited` when asked too often. */
  sendEmailCode(params: EmailCodeCreateParams, options?: RequestOptions): Promise<EmailCode> {
    return sendEmailCode(this._t, params, options);
  }

  /**
   * `{ email, code }`, `{ link_token }` or `{ refresh_token }` → a member token (keep it in
   * memory) and the next refresh token. 422 `invalid_sign_in` with `reason` otherwise.
   */
  createToken(params: TokenCreateParams, options?: RequestOptions): Promise<MemberSession> {
    return createMemberToken(this._t, params, options);
  }
}
