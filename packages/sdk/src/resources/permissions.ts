import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import { path } from '../internal/path.js';
import type { Transport } from '../internal/transport.js';
import { PermissionsSchema, type Permissions } from '../schemas/permissions.js';

/** Admin (secret key): what an outside system asks before it lets someone in. */
export class PermissionsResource {
  constructor(protected readonly _t: Transport) {}

  /** The member's effective permissions and the memberships that grant them. */
  retrieve(memberId: string, options?: RequestOptions): APIPromise<Permissions> {
    return this._t.request(
      () => ({ method: 'GET', path: path`members/${memberId}/permissions`, schema: PermissionsSchema }),
      options,
    );
  }
}
