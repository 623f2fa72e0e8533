// verifyWebhook: a delivery signed per Standard Webhooks (signed here with node:crypto, as the
// specification says, not with the library the helper uses) is accepted and its event answered;
// anything else is a WebhookSignatureError.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { verifyWebhook, WebhookSignatureError } from '../src/webhooks.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const sign = (id: string, timestamp: number, body: string, key = secret) =>
  `v1,${createHmac('sha256', Buffer.from(key.slice(6), 'base64')).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
const event = { id: 'evt_1', type: 'membership.created', organization_id: 'club', created_at: '2026-03-01T10:00:00.000Z', data: { id: 'ms_1' } };

function delivery(body = JSON.stringify(event), id = 'evt_1', at = Math.floor(Date.now() / 1000)) {
  return { body, headers: new Headers({ 'webhook-id': id, 'webhook-timestamp': String(at), 'webhook-signature': sign(id, at, body) }) };
}

describe('verifyWebhook', () => {
  it('answers the event of a delivery signed with the secret (Headers or a plain object)', () => {
    const { body, headers } = delivery();
    assert.deepEqual(verifyWebhook(body, headers, secret), event);
    assert.deepEqual(verifyWebhook(body, Object.fromEntries(headers), secret), event);
    // A rotated secret is listed beside the old one: any valid signature passes.
    const both = new Headers(headers);
    both.set('webhook-signature', `v1,bm9wZQ== ${headers.get('webhook-signature')}`);
    assert.deepEqual(verifyWebhook(body, both, secret), event);
  });

  it('refuses a changed body, another secret, missing headers, an old or future timestamp, a body that is not an event or is another event', () => {
    const { body, headers } = delivery();
    const refused = (text: string, given: Headers | Record<string, string>, key = secret) => assert.throws(() => verifyWebhook(text, given, key), WebhookSignatureError);
    refused(body.replace('ms_1', 'ms_2'), headers);
    refused(body, headers, 'whsec_' + Buffer.from('another secret of 24 bytes!').toString('base64'));
    refused(body, {});
    refused(...Object.values(delivery(body, 'evt_1', Math.floor(Date.now() / 1000) - 600)) as [string, Headers]);
    refused(...Object.values(delivery(body, 'evt_1', Math.floor(Date.now() / 1000) + 600)) as [string, Headers]);
    refused(...Object.values(delivery('{"hello":"world"}')) as [string, Headers]);
    refused(...Object.values(delivery(body, 'evt_2')) as [string, Headers]);
  });
});
