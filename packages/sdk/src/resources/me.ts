import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/request-options.js';
import { path } from '../internal/path.js';
import type { Transport } from '../internal/transport.js';
import type { MembershipRenewParams } from '../schemas/params.js';
import { MeSchema, type Me } from '../schemas/me.js';
import { MembershipSchema, type Membership } from '../schemas/membership.js';
import { SignupSchema, type Signup } from '../schemas/signup.js';
import { PageSchema, type Page } from '../schemas/page.js';
import { CardUpdateSessionSchema, ReceiptSchema, type CardUpdateSession, type Receipt } from '../schemas/self-service.js';

const ReceiptPageSchema = PageSchema(ReceiptSchema);

/** Options of `me.memberships.renew`: request options plus the renewal's body. */
export type MembershipRenewOptions = RequestOptions & MembershipRenewParams;

// The calls a signup makes are functions of the transport as well as methods, so that
// `createSignupClient` takes them without receipts, cancelling or card updates.

/** `GET /me` (see `MeResource.retrieve`). */
export const retrieveMe = (t: Transport, options?: RequestOptions): APIPromise<Me> =>
  t.request({ method: 'GET', path: 'me', schema: MeSchema }, options);

/** `POST /me/memberships/{id}/renew` (see `MeMembershipsResource.renew`). */
export const renewMembership = (t: Transport, id: string, options: MembershipRenewOptions = {}): APIPromise<Signup> =>
  t.request(
    () => ({
      method: 'POST',
      path: path`me/memberships/${id}/renew`,
      body: { amount: options.amount, discount_code: options.discount_code, auto_renew: options.auto_renew, checkout: options.checkout, locale: options.locale },
      schema: SignupSchema,
      idempotent: true,
    }),
    options,
  );

/** The signed-in member's own memberships (member token). */
export class MeMembershipsResource {
  constructor(protected readonly _t: Transport) {}

  /**
   * A Signup for the renewal; always idempotent (a key is generated once per call if not given).
   * `options` takes the request options and, in snake_case, the renewal's own choices
   * (`amount`, `discount_code`, `auto_renew`, `checkout`: the page it is paid on, `locale`: the member's language), sent as the body.
   */
  renew(id: string, options: MembershipRenewOptions = {}): APIPromise<Signup> {
    return renewMembership(this._t, id, options);
  }

  /** The membership, now `cancelled` (kept until its term ends); `reason` is for the organization. */
  cancel(id: string, options: RequestOptions & { reason?: string | null } = {}): APIPromise<Membership> {
    const body = options.reason == null ? undefined : { reason: options.reason };
    return this._t.request(() => ({ method: 'POST', path: path`me/memberships/${id}/cancel`, body, schema: MembershipSchema, idempotent: true }), options);
  }

  /**
   * A page at the payment processor where the member replaces the card this membership's
   * automatic renewals charge; send them to its `url`. `returnUrl`: where it sends them back (a
   * page on one of the organization's embed origins).
   */
  createCardUpdateSession(id: string, options: RequestOptions & { returnUrl?: string | null } = {}): APIPromise<CardUpdateSession> {
    const body = options.returnUrl == null ? undefined : { return_url: options.returnUrl };
    return this._t.request(
      () => ({ method: 'POST', path: path`me/memberships/${id}/card-update-session`, body, schema: CardUpdateSessionSchema, idempotent: true }),
      options,
    );
  }

  /** Switches automatic renewal on or off (a type that always or never renews refuses the other). */
  setAutoRenew(id: string, autoRenew: boolean, options?: RequestOptions): APIPromise<Membership> {
    return this._t.request(
      () => ({ method: 'POST', path: path`me/memberships/${id}/auto-renew`, body: { auto_renew: autoRenew }, schema: MembershipSchema, idempotent: true }),
      options,
    );
  }
}

export class MeResource {
  readonly memberships: MeMembershipsResource;

  constructor(protected readonly _t: Transport) {
    this.memberships = new MeMembershipsResource(_t);
  }

  /** The member's receipts, newest first. */
  receipts(options?: RequestOptions): APIPromise<Page<Receipt>> {
    return this._t.request({ method: 'GET', path: 'me/receipts', query: { limit: 100 }, schema: ReceiptPageSchema }, options);
  }

  /** The member, their memberships (with statuses) and effective permissions. */
  retrieve(options?: RequestOptions): APIPromise<Me> {
    return retrieveMe(this._t, options);
  }
}
