import type { RequestOptions } from '../core/request-options.js';
import type { Transport } from '../internal/transport.js';
import { MemberTokenSchema, type MemberToken, type MemberTokenCreateParams } from '../schemas/sign-in.js';

/** Admin (secret key, your backend only): tokens for the members your site signed in itself. */
export class MemberTokensResource {
  constructor(protected readonly _t: Transport) {}

  /** `{ email }` (a new one becomes a prospective member) or `{ member_id }`; hand the token to the widget. */
  create(params: MemberTokenCreateParams, options?: RequestOptions): Promise<MemberToken> {
    return this._t.request({ method: 'POST', path: 'member-tokens', body: params, schema: MemberTokenSchema, idempotent: true }, options);
  }
}
