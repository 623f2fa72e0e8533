import type { APIPromise } from '../core/api-promise.js';
import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { listPages } from '../internal/list.js';
import type { Transport } from '../internal/transport.js';
import { path } from '../internal/path.js';
import { ApplicationPageSchema, ApplicationSchema, type Application, type ApplicationListParams } from '../schemas/application.js';

/** Applications to types that require approval (secret key). */
export class ApplicationsResource {
  constructor(protected readonly _t: Transport) {}

  /** The open ones, oldest first: awaiting approval, or approved and waiting for payment (`{ status }` picks one). */
  list(params: ApplicationListParams = {}, options?: RequestOptions): PagePromise<Application> {
    return listPages(this._t, { method: 'GET', path: 'applications', query: params, schema: ApplicationPageSchema }, options);
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<Application> {
    return this._t.request(() => ({ method: 'GET', path: path`applications/${id}`, schema: ApplicationSchema }), options);
  }

  /** A free one completes at once; a paid one is `approved` and the applicant is mailed a payment link. */
  approve(id: string, options?: RequestOptions): APIPromise<Application> {
    return this._t.request(() => ({ method: 'POST', path: path`applications/${id}/approve`, schema: ApplicationSchema, idempotent: true }), options);
  }

  /** Closes it (waiting for approval, or approved and unpaid); the applicant is told. */
  decline(id: string, options?: RequestOptions): APIPromise<Application> {
    return this._t.request(() => ({ method: 'POST', path: path`applications/${id}/decline`, schema: ApplicationSchema, idempotent: true }), options);
  }
}
