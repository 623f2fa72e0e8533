import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import type { Transport } from '../internal/transport.js';
import { path } from '../internal/path.js';
import { InvitationPageSchema, InvitationSchema, type Invitation, type InvitationCreateParams } from '../schemas/invitation.js';
import type { Page } from '../schemas/page.js';

/** Invitations to invite-only membership types (secret key). */
export class InvitationsResource {
  constructor(protected readonly _t: Transport) {}

  list(query: { limit?: number; starting_after?: string } = {}, options?: RequestOptions): APIPromise<Page<Invitation>> {
    return this._t.request({ method: 'GET', path: 'invitations', query, schema: InvitationPageSchema }, options);
  }

  /** Always idempotent: a retry answers the same invitation and code. */
  create(params: InvitationCreateParams, options?: RequestOptions): APIPromise<Invitation> {
    return this._t.request({ method: 'POST', path: 'invitations', body: params, schema: InvitationSchema, idempotent: true }, options);
  }

  /** No signup may use it from now on (one already completed keeps its membership). */
  revoke(id: string, options?: RequestOptions): APIPromise<Invitation> {
    return this._t.request({ method: 'POST', path: path`invitations/${id}/revoke`, schema: InvitationSchema, idempotent: true }, options);
  }
}
