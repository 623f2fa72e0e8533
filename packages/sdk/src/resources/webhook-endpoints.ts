import type { RequestOptions } from '../core/request-options.js';
import { path } from '../internal/path.js';
import type { Transport } from '../internal/transport.js';
import type { Page } from '../schemas/page.js';
import {
  WebhookDeliveryPageSchema,
  WebhookEndpointCreatedSchema,
  WebhookEndpointPageSchema,
  WebhookEndpointSchema,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointCreateParams,
  type WebhookEndpointCreated,
} from '../schemas/webhook.js';

/**
 * Admin (secret key): endpoints that receive the organization's events, and their delivery
 * logs. Verify deliveries with `verifyWebhook` from `@memberkit/sdk/webhooks`.
 */
export class WebhookEndpointsResource {
  constructor(protected readonly _t: Transport) {}

  /** Subscribes an endpoint; the answer's `secret` is shown this once. Always idempotent. */
  create(params: WebhookEndpointCreateParams, options?: RequestOptions): Promise<WebhookEndpointCreated> {
    return this._t.request(
      { method: 'POST', path: 'webhook-endpoints', body: params, schema: WebhookEndpointCreatedSchema, idempotent: true },
      options,
    );
  }

  /** Every endpoint (an organization has a few). */
  list(options?: RequestOptions): Promise<Page<WebhookEndpoint>> {
    return this._t.request({ method: 'GET', path: 'webhook-endpoints', schema: WebhookEndpointPageSchema }, options);
  }

  /** Removes an endpoint; deliveries it was still owed are given up, its log stays. */
  delete(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this._t.request({ method: 'DELETE', path: path`webhook-endpoints/${id}`, schema: WebhookEndpointSchema, idempotent: true }, options);
  }

  /** The endpoint's delivery log, newest first (the latest 100). */
  deliveries(id: string, options?: RequestOptions): Promise<Page<WebhookDelivery>> {
    return this._t.request({ method: 'GET', path: path`webhook-endpoints/${id}/deliveries`, schema: WebhookDeliveryPageSchema }, options);
  }
}
