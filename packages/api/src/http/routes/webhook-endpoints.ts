// Admin: POST/GET /webhook-endpoints, DELETE /webhook-endpoints/{id}, GET
// /webhook-endpoints/{id}/deliveries (the delivery log, newest first).
import {
  WebhookDeliveryPageSchema,
  WebhookEndpointCreatedSchema,
  WebhookEndpointCreateParamsSchema,
  WebhookEndpointPageSchema,
  WebhookEndpointSchema,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '@memberkit/sdk';
import type { WebhookDeliveryRecord, WebhookEndpointRecord } from '../../ports/records.js';
import { Problem, fieldError, validationFailed } from '../../domain/problems.js';
import { webhookUrlProblem } from '../../domain/webhook-addresses.js';
import { newWebhookSecret } from '../../domain/webhooks.js';
import type { Route, RouteContext } from '../context.js';
import { parseBody } from '../body.js';
import { reply } from '../reply.js';

const endpointView = (record: WebhookEndpointRecord): WebhookEndpoint => ({
  id: record.id,
  url: record.url,
  events: [...record.events] as WebhookEndpoint['events'],
  description: record.description,
  created_at: record.created_at,
});

const deliveryView = (record: WebhookDeliveryRecord): WebhookDelivery => ({
  id: record.id,
  event_id: record.event_id,
  endpoint_id: record.endpoint_id,
  type: record.type,
  status: record.status,
  attempts: record.attempts,
  next_attempt_at: record.next_attempt_at === null ? null : new Date(record.next_attempt_at).toISOString(),
  last_status: record.last_status,
  last_error: record.last_error,
  last_attempt_at: record.last_attempt_at,
  created_at: record.created_at,
  payload: record.payload,
});

async function endpointOr404(ctx: RouteContext): Promise<WebhookEndpointRecord> {
  const endpoint = await ctx.tx.findOne('webhook_endpoints', { organization_id: ctx.organization.id, id: ctx.params.id! });
  if (!endpoint) throw new Problem(404, 'not_found', `No webhook endpoint "${ctx.params.id}".`);
  return endpoint;
}

export const webhookEndpointRoutes: Route[] = [
  {
    method: 'POST',
    path: '/organizations/:org/webhook-endpoints',
    access: 'admin',
    requiresIdempotencyKey: true,
    async handle(ctx) {
      const params = parseBody(WebhookEndpointCreateParamsSchema, ctx.body);
      const urlProblem = webhookUrlProblem(params.url, ctx.webhookUrls);
      if (urlProblem) throw validationFailed([fieldError('url', 'invalid_url', 'url', urlProblem)]);
      const record: WebhookEndpointRecord = {
        organization_id: ctx.organization.id,
        id: ctx.ids.next('we'),
        url: params.url,
        events: [...new Set(params.events)],
        secret: newWebhookSecret(),
        description: params.description ?? null,
        created_at: ctx.timestamp(),
      };
      await ctx.tx.insert('webhook_endpoints', record);
      return reply(201, WebhookEndpointCreatedSchema, { ...endpointView(record), secret: record.secret });
    },
  },
  {
    method: 'GET',
    path: '/organizations/:org/webhook-endpoints',
    access: 'admin',
    async handle(ctx) {
      const endpoints = await ctx.tx.find('webhook_endpoints', { organization_id: ctx.organization.id });
      return reply(200, WebhookEndpointPageSchema, { data: endpoints.map(endpointView), has_more: false });
    },
  },
  {
    method: 'DELETE',
    path: '/organizations/:org/webhook-endpoints/:id',
    access: 'admin',
    async handle(ctx) {
      const endpoint = await endpointOr404(ctx);
      await ctx.tx.delete('webhook_endpoints', { organization_id: ctx.organization.id, id: endpoint.id });
      // Its log stays readable; what it was still owed is given up.
      await ctx.tx.update(
        'webhook_deliveries',
        { organization_id: ctx.organization.id, endpoint_id: endpoint.id, status: 'pending' },
        { status: 'failed', next_attempt_at: null, last_error: 'the endpoint was deleted' },
      );
      return reply(200, WebhookEndpointSchema, endpointView(endpoint));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:org/webhook-endpoints/:id/deliveries',
    access: 'admin',
    async handle(ctx) {
      const endpoint = await endpointOr404(ctx);
      const deliveries = await ctx.tx.find('webhook_deliveries', { organization_id: ctx.organization.id, endpoint_id: endpoint.id });
      const newest = deliveries.reverse().slice(0, 100);
      return reply(200, WebhookDeliveryPageSchema, { data: newest.map(deliveryView), has_more: deliveries.length > 100 });
    },
  },
];
