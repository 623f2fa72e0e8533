import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import { path } from '../internal/path.js';
import type { Transport } from '../internal/transport.js';
import type { CompanyCreateParams, CompanyUpdateParams } from '../schemas/params.js';
import { CompanySchema, type Company } from '../schemas/company.js';

/** Admin (secret key): companies and who belongs to them. */
export class CompaniesResource {
  constructor(protected readonly _t: Transport) {}

  /** Always idempotent (a key is generated once per call if not given). */
  create(params: CompanyCreateParams, options?: RequestOptions): APIPromise<Company> {
    return this._t.request(
      { method: 'POST', path: 'companies', body: params, schema: CompanySchema, idempotent: true },
      options,
    );
  }

  /** Renames the company or changes (or removes, with `contact_email: null`) who its memberships' messages go to. */
  update(companyId: string, params: CompanyUpdateParams, options?: RequestOptions): APIPromise<Company> {
    return this._t.request(
      () => ({ method: 'POST', path: path`companies/${companyId}`, body: params, schema: CompanySchema, idempotent: true }),
      options,
    );
  }

  /** Links a member; they inherit the company's active memberships' permissions. */
  addMember(companyId: string, memberId: string, options?: RequestOptions): APIPromise<Company> {
    return this._t.request(
      () => ({ method: 'POST', path: path`companies/${companyId}/members`, body: { member_id: memberId }, schema: CompanySchema, idempotent: true }),
      options,
    );
  }

  /** Unlinks a member; the inherited permissions go at once. */
  removeMember(companyId: string, memberId: string, options?: RequestOptions): APIPromise<Company> {
    return this._t.request(
      () => ({ method: 'DELETE', path: path`companies/${companyId}/members/${memberId}`, schema: CompanySchema, idempotent: true }),
      options,
    );
  }
}
