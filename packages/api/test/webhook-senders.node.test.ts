// Several senders (the after-commit attempt, the delivery loop, other instances) can hold the same
// pending list. A sender that takes a delivery's claim after another one attempted it and let go
// must see that the next attempt is not due yet, and send nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStorage } from '../src/index.js';
import { attemptDelivery, deliverDueWebhooks, type WebhookSending } from '../src/domain/webhooks.js';
import type { WebhookDeliveryRecord } from '../src/ports/records.js';

describe('webhook senders holding the same pending list', () => {
  async function setUp() {
    const storage = new MemoryStorage();
    let now = Date.parse('2026-12-06T12:00:00Z');
    const sent: string[] = [];
    const sending: WebhookSending = {
      storage,
      clock: { now: () => now, today: () => new Date(now).toISOString().slice(0, 10) },
      fetch: (async () => {
        sent.push(new Date(now).toISOString());
        return new Response('down', { status: 500 });
      }) as typeof fetch,
      onError: (error) => assert.fail(String(error)),
    };
    const delivery: WebhookDeliveryRecord = {
      organization_id: 'org',
      id: 'whd_1',
      event_id: 'evt_1',
      endpoint_id: 'we_1',
      type: 'signup.completed',
      payload: '{"id":"evt_1"}',
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_status: null,
      last_error: null,
      last_attempt_at: null,
      created_at: new Date(now).toISOString(),
    };
    await storage.transaction(async (tx) => {
      await tx.insert('webhook_endpoints', { organization_id: 'org', id: 'we_1', url: 'https://hooks.example.org/in', events: ['*'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: null, created_at: delivery.created_at });
      await tx.insert('webhook_deliveries', delivery);
    });
    return { storage, sending, delivery, sent, advance: (ms: number) => void (now += ms) };
  }

  it('a sender that claims a delivery just attempted by another sends nothing until it is due', async () => {
    const { sending, delivery, sent, storage } = await setUp();
    // Both read the list while the delivery was due; the first attempts it (HTTP 500) and releases.
    assert.equal(await attemptDelivery(sending, delivery), false);
    assert.equal(await attemptDelivery(sending, delivery), false);
    assert.equal(sent.length, 1, 'the second sender did not send the same attempt again');
    const row = await storage.transaction((tx) => tx.findOne('webhook_deliveries', { organization_id: 'org', id: 'whd_1' }));
    assert.deepEqual([row!.attempts, row!.status, row!.last_error], [1, 'pending', 'HTTP 500']);
  });

  it('the next attempt goes out once it is due, once however many senders run', async () => {
    const { sending, sent, advance } = await setUp();
    await deliverDueWebhooks(sending);
    advance(30_000);
    await Promise.all([deliverDueWebhooks(sending), deliverDueWebhooks(sending), deliverDueWebhooks(sending)]);
    await deliverDueWebhooks(sending);
    assert.equal(sent.length, 2);
  });
});
