import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import { path } from '../internal/path.js';
import type { Transport } from '../internal/transport.js';
import type { SignupCreateParams } from '../schemas/params.js';
import { SignupSchema, type Signup } from '../schemas/signup.js';

export class SignupsResource {
  constructor(protected readonly _t: Transport) {}

  /**
   * Starts a signup. Always sends an `Idempotency-Key` (yours, or one generated for this call and
   * reused on every retry), so a retried request never creates a second member or charge.
   */
  create(params: SignupCreateParams, options?: RequestOptions): APIPromise<Signup> {
    return this._t.request(
      { method: 'POST', path: 'signups', body: params, schema: SignupSchema, idempotent: true },
      options,
    );
  }

  /** The signup as it is now (poll after payment). */
  retrieve(id: string, options?: RequestOptions): APIPromise<Signup> {
    return this._t.request(() => ({ method: 'GET', path: path`signups/${id}`, schema: SignupSchema }), options);
  }
}
