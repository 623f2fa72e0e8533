// Webhooks to the organization. An event is written in the transaction of the change it tells
// of, as one delivery row per subscribed endpoint (an outbox of events): a rolled-back change
// tells nothing. Deliveries go out after the commit, signed per Standard Webhooks (the
// `standardwebhooks` package: webhook-id is the event's id on every attempt, so a receiver
// drops repeats), and are retried with backoff for up to three days; their rows are the log.
import type { WebhookEventType } from '@memberkit/sdk';
import type { Clock } from '../ports/clock.js';
import type { Json, PaymentRecord, WebhookDeliveryRecord } from '../ports/records.js';
import type { Storage } from '../ports/storage.js';
import { randomHex } from '../random.js';
import type { DomainContext } from './context.js';

/**
 * The wait after each failed attempt: 30 s, 5 min, 30 min, 2 h, 5 h, 10 h, then a day twice;
 * the ninth failure, about 2.7 days after the event, gives up (status `failed`).
 */
export const webhookRetryDelaysMs = [30_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 86_400_000, 86_400_000] as const;

/** How long one attempt waits for the endpoint's answer. */
const attemptTimeoutMs = 10_000;

/** A new endpoint's signing secret: `whsec_` and 24 random bytes in base64 (Standard Webhooks). */
export function newWebhookSecret(): string {
  const hex = randomHex(24);
  const bytes = new Uint8Array(hex.match(/../g)!.map((pair) => parseInt(pair, 16)));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/** Standard Webhooks' signature: `v1,` and base64 HMAC-SHA256 of `id.timestamp.body` under the secret's bytes. */
export async function sign(secret: string, id: string, timestampSeconds: number, body: string): Promise<string> {
  const bytes = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestampSeconds}.${body}`)));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return `v1,${btoa(binary)}`;
}

/**
 * payment.succeeded: money the organization was paid (a signup's or renewal's checkout, an
 * automatic renewal's charge), told with the membership it paid for (`membershipId`: a signup's
 * payer's). Written beside the payment record, in its transaction.
 */
export function emitPaymentSucceeded(ctx: DomainContext, payment: PaymentRecord, membershipId: string): Promise<void> {
  return emitEvent(ctx, 'payment.succeeded', {
    id: payment.id,
    amount: payment.amount,
    currency: payment.currency,
    reference: payment.reference,
    card_last4: payment.card_last4,
    signup_id: payment.signup_id,
    membership_id: membershipId,
    created_at: payment.created_at,
  });
}

/** Writes `type` with `data` for every endpoint of the organization subscribed to it, in this transaction. */
export async function emitEvent(ctx: DomainContext, type: WebhookEventType, data: Record<string, Json>): Promise<void> {
  const endpoints = await ctx.tx.find('webhook_endpoints', { organization_id: ctx.organization.id });
  const subscribed = endpoints.filter((endpoint) => endpoint.events.includes('*') || endpoint.events.includes(type));
  if (subscribed.length === 0) return;
  const eventId = ctx.ids.next('evt', 12);
  const created = ctx.timestamp();
  const payload = JSON.stringify({ id: eventId, type, organization_id: ctx.organization.id, created_at: created, data });
  for (const endpoint of subscribed) {
    const row: WebhookDeliveryRecord = {
      organization_id: ctx.organization.id,
      id: ctx.ids.next('whd'),
      event_id: eventId,
      endpoint_id: endpoint.id,
      type,
      payload,
      status: 'pending',
      attempts: 0,
      next_attempt_at: ctx.now,
      last_status: null,
      last_error: null,
      last_attempt_at: null,
      created_at: created,
    };
    await ctx.tx.insert('webhook_deliveries', row, { fresh: true });
    ctx.afterCommitDelivery(row);
  }
}

export interface WebhookSending {
  storage: Storage;
  clock: Clock;
  fetch: typeof fetch;
  onError(error: unknown, during: string): void;
}

/** One attempt at one delivery (claimed, so two senders never send it at once); answers whether it succeeded. */
export async function attemptDelivery(sending: WebhookSending, row: Pick<WebhookDeliveryRecord, 'organization_id' | 'id'>): Promise<boolean> {
  const claim = await sending.storage.claim(`webhook|${row.organization_id}|${row.id}`);
  if (!claim) return false;
  try {
    const key = { organization_id: row.organization_id, id: row.id };
    const found = await sending.storage.transaction(
      async (tx) => {
        const delivery = await tx.findOne('webhook_deliveries', key);
        const endpoint = delivery && (await tx.findOne('webhook_endpoints', { organization_id: row.organization_id, id: delivery.endpoint_id }));
        return delivery && { delivery, endpoint };
      },
      { readOnly: true },
    );
    // Sent meanwhile by another sender, or given up.
    if (!found || found.delivery.status !== 'pending') return found?.delivery.status === 'succeeded';
    const { delivery, endpoint } = found;
    const now = sending.clock.now();
    // Attempted meanwhile by another sender that saw it due in the same pending list and released
    // its claim before this one took it: the row is still pending, but its next attempt is later.
    if (delivery.next_attempt_at === null || delivery.next_attempt_at > now) return false;
    let status: number | null = null;
    let error: string | null = null;
    if (!endpoint) {
      error = 'the endpoint was deleted';
    } else {
      const timestamp = new Date(Math.floor(now / 1000) * 1000);
      const signature = await sign(endpoint.secret, delivery.event_id, timestamp.getTime() / 1000, delivery.payload);
      try {
        const response = await sending.fetch(endpoint.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'memberkit-webhooks/1',
            'webhook-id': delivery.event_id,
            'webhook-timestamp': String(timestamp.getTime() / 1000),
            'webhook-signature': signature,
          },
          body: delivery.payload,
          redirect: 'manual',
          signal: AbortSignal.timeout(attemptTimeoutMs),
        });
        status = response.status;
        await response.body?.cancel().catch(() => {});
        if (status < 200 || status > 299) error = `HTTP ${status}`;
      } catch (failure) {
        error = (failure as Error)?.name === 'TimeoutError' ? `no answer within ${attemptTimeoutMs / 1000} s` : `not delivered: ${(failure as Error)?.message ?? String(failure)}`;
      }
    }
    const attempts = delivery.attempts + 1;
    const succeeded = error === null;
    const delay = endpoint ? webhookRetryDelaysMs[attempts - 1] : undefined;
    await sending.storage.transaction((tx) =>
      tx.update('webhook_deliveries', key, {
        attempts,
        status: succeeded ? 'succeeded' : delay === undefined ? 'failed' : 'pending',
        next_attempt_at: succeeded || delay === undefined ? null : now + delay,
        last_status: status,
        last_error: error,
        last_attempt_at: new Date(now).toISOString(),
      }),
    );
    return succeeded;
  } finally {
    await claim.release();
  }
}

/** Attempts every pending delivery that is due; answers how many succeeded. */
export async function deliverDueWebhooks(sending: WebhookSending): Promise<number> {
  const now = sending.clock.now();
  const pending = await sending.storage.transaction((tx) => tx.find('webhook_deliveries', { status: 'pending' }), { readOnly: true });
  let succeeded = 0;
  for (const row of pending) {
    if (row.next_attempt_at === null || row.next_attempt_at > now) continue;
    try {
      if (await attemptDelivery(sending, row)) succeeded += 1;
    } catch (error) {
      sending.onError(error, `delivering webhook ${row.id}`);
    }
  }
  return succeeded;
}
