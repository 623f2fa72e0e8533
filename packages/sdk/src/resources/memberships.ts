import type { PagePromise } from '../core/pagination.js';
import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import { path } from '../internal/path.js';
import { listPages } from '../internal/list.js';
import type { Transport } from '../internal/transport.js';
import type { MembershipCreateParams, MembershipListParams, MembershipRefundParams } from '../schemas/params.js';
import { AdminMembershipPageSchema, AdminMembershipSchema, type AdminMembership } from '../schemas/membership-admin.js';

/** Admin (secret key): memberships as staff see them, each term with its disputes. */
export class MembershipsResource {
  constructor(protected readonly _t: Transport) {}

  /** Memberships, optionally by `status` and `member_id`. */
  list(params: MembershipListParams = {}, options?: RequestOptions): PagePromise<AdminMembership> {
    return listPages(this._t, { method: 'GET', path: 'memberships', query: params, schema: AdminMembershipPageSchema }, options);
  }

  /** Assigns a membership by hand (staff), no payment. Always idempotent. */
  create(params: MembershipCreateParams, options?: RequestOptions): APIPromise<AdminMembership> {
    return this._t.request(
      { method: 'POST', path: 'memberships', body: params, schema: AdminMembershipSchema, idempotent: true },
      options,
    );
  }

  cancel(id: string, options?: RequestOptions): APIPromise<AdminMembership> {
    return this._t.request(() => ({ method: 'POST', path: path`memberships/${id}/cancel`, schema: AdminMembershipSchema, idempotent: true }), options);
  }

  /**
   * Refunds the current term's payment, in full (no `amount`) or in part, recorded on the term.
   * A full refund ends the membership now unless `keep_access` (see `refundEndsMembership`).
   * Always idempotent: a retry with the same key refunds once.
   */
  refund(id: string, params: MembershipRefundParams = {}, options?: RequestOptions): APIPromise<AdminMembership> {
    return this._t.request(() => ({ method: 'POST', path: path`memberships/${id}/refunds`, body: params, schema: AdminMembershipSchema, idempotent: true }), options);
  }
}
