import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import { path } from '../internal/path.js';
import {
  AdminDiscountPageSchema,
  AdminDiscountSchema,
  type AdminDiscount,
  type DiscountCreateParams,
  type DiscountUpdateParams,
} from '../schemas/discount-admin.js';
import type { Page } from '../schemas/page.js';
import { DiscountsResource } from './discounts.js';

/**
 * Discount codes with the secret key: create, update, deactivate, and list them with their
 * redemptions. (A subclass, so the public client's bundle carries none of it.)
 */
export class AdminDiscountsResource extends DiscountsResource {
  /** Every code, newest last, with its redemptions. */
  list(query: { limit?: number; starting_after?: string } = {}, options?: RequestOptions): APIPromise<Page<AdminDiscount>> {
    return this._t.request({ method: 'GET', path: 'discounts', query, schema: AdminDiscountPageSchema }, options);
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<AdminDiscount> {
    return this._t.request({ method: 'GET', path: path`discounts/${id}`, schema: AdminDiscountSchema }, options);
  }

  /** Always idempotent. A code is unique per organization, whatever its case (422 `code:taken`). */
  create(params: DiscountCreateParams, options?: RequestOptions): APIPromise<AdminDiscount> {
    return this._t.request({ method: 'POST', path: 'discounts', body: params, schema: AdminDiscountSchema, idempotent: true }, options);
  }

  /** Changes what `params` names; redemptions already made stay. */
  update(id: string, params: DiscountUpdateParams, options?: RequestOptions): APIPromise<AdminDiscount> {
    return this._t.request({ method: 'POST', path: path`discounts/${id}`, body: params, schema: AdminDiscountSchema, idempotent: true }, options);
  }

  /** No new signup can use the code from now on; signups that already hold it complete with it. */
  deactivate(id: string, options?: RequestOptions): APIPromise<AdminDiscount> {
    return this._t.request({ method: 'POST', path: path`discounts/${id}/deactivate`, schema: AdminDiscountSchema, idempotent: true }, options);
  }
}
