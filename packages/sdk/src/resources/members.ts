import type { PagePromise } from '../core/pagination.js';
import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import { path } from '../internal/path.js';
import type { Transport } from '../internal/transport.js';
import type { MemberCreateParams, MemberListParams } from '../schemas/params.js';
import { MemberSchema, type Member } from '../schemas/member.js';
import { PageSchema } from '../schemas/page.js';

const MemberPageSchema = PageSchema(MemberSchema);

/** Admin (secret key). */
export class MembersResource {
  constructor(protected readonly _t: Transport) {}

  /** Members; `{ email }` finds one by normalized email. */
  list(params: MemberListParams = {}, options?: RequestOptions): PagePromise<Member> {
    return this._t.list({ method: 'GET', path: 'members', query: params, schema: MemberPageSchema }, options);
  }

  /** Always idempotent (a key is generated once per call if not given). */
  create(params: MemberCreateParams, options?: RequestOptions): APIPromise<Member> {
    return this._t.request(
      { method: 'POST', path: 'members', body: params, schema: MemberSchema, idempotent: true },
      options,
    );
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<Member> {
    return this._t.request(() => ({ method: 'GET', path: path`members/${id}`, schema: MemberSchema }), options);
  }
}
