/**
 * `@memberkit/sdk/webhooks`: verifies a delivery of memberkit's webhooks on your server (Node,
 * Deno, Bun, workers). Deliveries are signed per Standard Webhooks; pass the raw body exactly
 * as received (not re-serialized JSON) and the request's headers.
 *
 * ```ts
 * import { verifyWebhook } from '@memberkit/sdk/webhooks';
 * const event = verifyWebhook(await request.text(), request.headers, process.env.MEMBERKIT_WEBHOOK_SECRET);
 * if (event.type === 'membership.created') …
 * ```
 * @module
 */
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { WebhookEventSchema, type WebhookEvent } from './schemas/webhook.js';

export type { WebhookEvent };

/** The delivery is not one memberkit signed with this secret, or is older than five minutes. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? '';
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/**
 * The event of a verified delivery; throws WebhookSignatureError when the signature, the id or
 * the timestamp (five minutes' tolerance, against replays) does not check out.
 */
export function verifyWebhook(rawBody: string, headers: HeaderSource, secret: string): WebhookEvent {
  const signed = {
    'webhook-id': header(headers, 'webhook-id'),
    'webhook-timestamp': header(headers, 'webhook-timestamp'),
    'webhook-signature': header(headers, 'webhook-signature'),
  };
  let body: unknown;
  try {
    body = new Webhook(secret).verify(rawBody, signed);
  } catch (error) {
    if (error instanceof WebhookVerificationError) throw new WebhookSignatureError(`Webhook not verified: ${error.message}`);
    throw error;
  }
  const event = WebhookEventSchema.safeParse(body);
  if (!event.success) throw new WebhookSignatureError('Webhook verified, but its body is not a memberkit event');
  if (event.data.id !== signed['webhook-id']) throw new WebhookSignatureError('Webhook verified, but its body is another event than its webhook-id');
  return event.data;
}
