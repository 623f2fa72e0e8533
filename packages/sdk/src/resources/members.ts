import type { PagePromise } from '../core/pagination.js';
import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import { path } from '../internal/path.js';
import { listPages } from '../internal/list.js';
import type { Transport } from '../internal/transport.js';
import type { ListParams, MemberCreateParams, MemberExportParams, MemberListParams } from '../schemas/params.js';
import { MemberSchema, type Member } from '../schemas/member.js';
import { AdminMembershipPageSchema, type AdminMembership } from '../schemas/membership-admin.js';
import { PageSchema } from '../schemas/page.js';

const MemberPageSchema = PageSchema(MemberSchema);

/** Admin (secret key). */
export class MembersResource {
  constructor(protected readonly _t: Transport) {}

  /** Members in the order they joined; `{ email }` finds one by normalized email, `{ q }` searches email and names, `{ status }` filters. */
  list(params: MemberListParams = {}, options?: RequestOptions): PagePromise<Member> {
    return listPages(this._t, { method: 'GET', path: 'members', query: params, schema: MemberPageSchema }, options);
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

  /**
   * Every member the search finds (as `list` does, without pages) as CSV text: one row each, a
   * column per custom field; cells a spreadsheet would run as formulas start with an apostrophe.
   */
  export(params: MemberExportParams = {}, options?: RequestOptions): APIPromise<string> {
    return this._t.request<string>({ method: 'GET', path: 'members/export', query: params, text: 'text/csv' }, options);
  }

  /** The member's memberships (their own, then their company's, `via_company`), each with its `terms` history. */
  memberships(id: string, params: ListParams = {}, options?: RequestOptions): PagePromise<AdminMembership> {
    return listPages(this._t, { method: 'GET', path: path`members/${id}/memberships`, query: params, schema: AdminMembershipPageSchema }, options);
  }
}
