import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import { SignupConfigSchema, type SignupConfig } from '../schemas/signup-config.js';
import type { Transport } from '../internal/transport.js';
import type { SignupConfigRetrieveParams } from '../schemas/params.js';

/** `GET /signup-config`: organization, types, payment settings and the prefill member in one round trip. */
/** `GET /signup-config` as a function of the transport too, for `createSignupClient`. */
export const retrieveSignupConfig = (t: Transport, params: SignupConfigRetrieveParams = {}, options?: RequestOptions): APIPromise<SignupConfig> =>
  t.request({ method: 'GET', path: 'signup-config', query: params, schema: SignupConfigSchema }, options);

export class SignupConfigResource {
  constructor(protected readonly _t: Transport) {}

  retrieve(params: SignupConfigRetrieveParams = {}, options?: RequestOptions): APIPromise<SignupConfig> {
    return retrieveSignupConfig(this._t, params, options);
  }
}
