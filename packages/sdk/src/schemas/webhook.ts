// Webhooks to the organization: endpoints subscribed to event types, and the log of deliveries.
// Deliveries follow the Standard Webhooks specification (webhook-id, webhook-timestamp,
// webhook-signature headers; `@memberkit/sdk/webhooks` verifies one).
import * as z from './zod.js';
import { IdSchema, InstantSchema } from './common.js';
import { PageSchema } from './page.js';

/** The events an endpoint can subscribe to (`*`: all of them). */
export const webhookEventTypes = [
  'member.created',
  'membership.created',
  'membership.renewed',
  'membership.cancelled',
  'membership.expired',
  'membership.terminated',
  'membership.disputed',
  'membership.dispute_closed',
  'signup.completed',
  'application.received',
  'application.approved',
  'application.declined',
  'payment.succeeded',
] as const;
export const WebhookEventTypeSchema = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

/** An endpoint; its signing secret is answered once, at creation (WebhookEndpointCreated). */
export const WebhookEndpointSchema = z.object({
  id: IdSchema,
  url: z.string(),
  events: z.array(z.union([WebhookEventTypeSchema, z.literal('*')])),
  description: z.nullable(z.string()),
  created_at: InstantSchema,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

export const WebhookEndpointCreatedSchema = z.extend(WebhookEndpointSchema, {
  /** `whsec_…`: verify deliveries with it (shown this once). */
  secret: z.string(),
});
export type WebhookEndpointCreated = z.infer<typeof WebhookEndpointCreatedSchema>;

export const WebhookEndpointPageSchema = PageSchema(WebhookEndpointSchema);

/** Admin: `POST /webhook-endpoints`. */
export const WebhookEndpointCreateParamsSchema = z.object({
  /** https (http only to localhost / 127.0.0.1, for development). */
  url: z.string().check(z.minLength(1), z.maxLength(2048)),
  events: z.array(z.union([WebhookEventTypeSchema, z.literal('*')])).check(z.minLength(1)),
  description: z.nullish(z.string().check(z.maxLength(500))),
});
export type WebhookEndpointCreateParams = z.infer<typeof WebhookEndpointCreateParamsSchema>;

/** One event's delivery to one endpoint: where it stands after its attempts so far. */
export const WebhookDeliverySchema = z.object({
  id: IdSchema,
  event_id: IdSchema,
  endpoint_id: IdSchema,
  type: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number(),
  next_attempt_at: z.nullable(InstantSchema),
  last_status: z.nullable(z.number()),
  last_error: z.nullable(z.string()),
  last_attempt_at: z.nullable(InstantSchema),
  created_at: InstantSchema,
  /** The JSON body sent (a WebhookEvent). */
  payload: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookDeliveryPageSchema = PageSchema(WebhookDeliverySchema);

/** The body of a delivery. */
export const WebhookEventSchema = z.object({
  id: IdSchema,
  type: z.string(),
  organization_id: IdSchema,
  created_at: InstantSchema,
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;
