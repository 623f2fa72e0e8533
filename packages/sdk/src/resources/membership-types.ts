import type { PagePromise } from '../core/pagination.js';
import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import { path } from '../internal/path.js';
import { listPages } from '../internal/list.js';
import type { Transport } from '../internal/transport.js';
import type { ListParams } from '../schemas/params.js';
import { MembershipTypeSchema, type MembershipType } from '../schemas/membership-type.js';
import { PageSchema } from '../schemas/page.js';

const MembershipTypePageSchema = PageSchema(MembershipTypeSchema);

export class MembershipTypesResource {
  constructor(protected readonly _t: Transport) {}

  /** The listed types. */
  list(params: ListParams = {}, options?: RequestOptions): PagePromise<MembershipType> {
    return listPages(this._t, { method: 'GET', path: 'membership-types', query: params, schema: MembershipTypePageSchema }, options);
  }

  /** One type, hidden ones included. */
  retrieve(id: string, options?: RequestOptions): APIPromise<MembershipType> {
    return this._t.request(() => ({ method: 'GET', path: path`membership-types/${id}`, schema: MembershipTypeSchema }), options);
  }
}
