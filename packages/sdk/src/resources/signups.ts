import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import { path } from '../internal/path.js';
import type { Transport } from '../internal/transport.js';
import type { SignupCreateParams } from '../schemas/params.js';
import { SignupSchema, type Signup } from '../schemas/signup.js';

// Each call is a function of the transport as well as a method, so that `createSignupClient`
// takes only the calls the widget makes and a bundler drops the rest.

/** `POST /signups` (see `SignupsResource.create`). */
export const createSignup = (t: Transport, params: SignupCreateParams, options?: RequestOptions): APIPromise<Signup> =>
  t.request({ method: 'POST', path: 'signups', body: params, schema: SignupSchema, idempotent: true }, options);

/** `GET /signups/{id}` (see `SignupsResource.retrieve`). */
export const retrieveSignup = (t: Transport, id: string, options?: RequestOptions): APIPromise<Signup> =>
  t.request(() => ({ method: 'GET', path: path`signups/${id}`, schema: SignupSchema }), options);

export class SignupsResource {
  constructor(protected readonly _t: Transport) {}

  /**
   * Starts a signup. Always sends an `Idempotency-Key` (yours, or one generated for this call and
   * reused on every retry), so a retried request never creates a second member or charge.
   */
  create(params: SignupCreateParams, options?: RequestOptions): APIPromise<Signup> {
    return createSignup(this._t, params, options);
  }

  /** The signup as it is now (poll after payment). */
  retrieve(id: string, options?: RequestOptions): APIPromise<Signup> {
    return retrieveSignup(this._t, id, options);
  }
}
