import type { RequestOptions } from '../core/request-options.js';
import type { Transport } from '../internal/transport.js';
import {
  OrganizationSettingsSchema,
  type OrganizationSettings,
  type OrganizationSettingsUpdateParams,
} from '../schemas/organization-settings.js';

/** Admin (secret key): the organization's settings. */
export class SettingsResource {
  constructor(protected readonly _t: Transport) {}

  retrieve(options?: RequestOptions): Promise<OrganizationSettings> {
    return this._t.request({ method: 'GET', path: 'settings', schema: OrganizationSettingsSchema }, options);
  }

  /** Changes what `params` names; the rest stays. Idempotent (a key is generated once per call). */
  update(params: OrganizationSettingsUpdateParams, options?: RequestOptions): Promise<OrganizationSettings> {
    return this._t.request({ method: 'POST', path: 'settings', body: params, schema: OrganizationSettingsSchema, idempotent: true }, options);
  }
}
