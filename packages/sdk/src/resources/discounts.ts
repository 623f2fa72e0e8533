import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import type { Transport } from '../internal/transport.js';
import type { DiscountValidateParams } from '../schemas/params.js';
import { DiscountSchema, type Discount } from '../schemas/discount.js';

/** `POST /discounts/validate` (see `DiscountsResource.validate`; a function too, for `createSignupClient`). */
export const validateDiscount = (t: Transport, params: DiscountValidateParams, options?: RequestOptions): APIPromise<Discount> =>
  t.request({ method: 'POST', path: 'discounts/validate', body: params, schema: DiscountSchema }, options);

export class DiscountsResource {
  constructor(protected readonly _t: Transport) {}

  /** The discount, or an `UnprocessableEntityError` with code `invalid_discount` saying why not. */
  validate(params: DiscountValidateParams, options?: RequestOptions): APIPromise<Discount> {
    return validateDiscount(this._t, params, options);
  }
}
