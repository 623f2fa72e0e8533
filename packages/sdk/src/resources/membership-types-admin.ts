import type { RequestOptions } from '../core/request-options.js';
import { path } from '../internal/path.js';
import { MembershipTypeSchema, type MembershipType } from '../schemas/membership-type.js';
import type { MembershipTypeCreateParams, MembershipTypeUpdateParams } from '../schemas/membership-type-params.js';
import { MembershipTypesResource } from './membership-types.js';

/**
 * Membership types with the secret key: `list` answers every type (hidden and archived too),
 * and staff create, update and archive them. (A subclass, so the public client's bundle carries
 * none of it.)
 */
export class AdminMembershipTypesResource extends MembershipTypesResource {
  /** Always idempotent. `id` defaults to a slug of the name. */
  create(params: MembershipTypeCreateParams, options?: RequestOptions): Promise<MembershipType> {
    return this._t.request({ method: 'POST', path: 'membership-types', body: params, schema: MembershipTypeSchema, idempotent: true }, options);
  }

  /** Changes what `params` names; memberships sold keep their term and price until renewed. */
  update(id: string, params: MembershipTypeUpdateParams, options?: RequestOptions): Promise<MembershipType> {
    return this._t.request({ method: 'POST', path: path`membership-types/${id}`, body: params, schema: MembershipTypeSchema, idempotent: true }, options);
  }

  /** No new signups; memberships sold keep running. The default type cannot be archived (409 default_type_required). */
  archive(id: string, options?: RequestOptions): Promise<MembershipType> {
    return this._t.request({ method: 'POST', path: path`membership-types/${id}/archive`, schema: MembershipTypeSchema, idempotent: true }, options);
  }
}
