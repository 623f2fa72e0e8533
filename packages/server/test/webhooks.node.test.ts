// Webhooks to the organization, on the server over real HTTP, on PGlite and PostgreSQL: an
// endpoint subscribed through the SDK receives the events of a signup, signed per Standard
// Webhooks (checked with the SDK's verifyWebhook and, independently, with node:crypto); a 500
// is retried with backoff and the log says so; after the last attempt it gives up; a change that
// rolls back tells nothing; several senders at once send an attempt once.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '@memberkit/api';
import { createClient, type MemberkitClient } from '@memberkit/sdk';
import { localDate } from '@memberkit/sdk/calculators';
import { verifyWebhook, WebhookSignatureError } from '@memberkit/sdk/webhooks';
import pino from 'pino';
import { createServer, openPgliteStorage, openPostgresStorage, parseConfig, type MemberkitServer, type SqlStorage } from '../src/index.js';
import { guardedWebhookFetch, resolveAll, type ResolveAll } from '../src/webhooks/address-guard.js';
import { describePostgres, freshSchema } from './databases.js';

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A clock the test moves forward (retries come due). */
class MovableClock implements Clock {
  offset = 0;
  now = () => Date.now() + this.offset;
  today = (timeZone: string) => localDate(new Date(this.now()), timeZone);
}

async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The signature Standard Webhooks specifies, computed here without the library. */
function expectedSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** A resolver with a few names of the test's own: one points inside, one mixes a public and an internal address. */
const fakeDns: Record<string, string[]> = {
  'hooks.inside.test': ['10.0.0.7'],
  'hooks.mixed.test': ['93.184.216.34', 'fd00::5'],
};
const resolveFake: ResolveAll = async (hostname) => {
  const addresses = fakeDns[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

function webhookSuite(openStorage: () => Promise<SqlStorage>) {
  const received: Received[] = [];
  const failures = new Map<string, number>();
  let receiver: Server;
  let receiverUrl: string;
  let server: MemberkitServer;
  let client: MemberkitClient;
  let origin: string;
  const clock = new MovableClock();

  before(async () => {
    receiver = createHttpServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ path: request.url!, headers: request.headers as Record<string, string>, body });
        const left = failures.get(request.url!) ?? 0;
        if (left !== 0) failures.set(request.url!, left - 1);
        response.writeHead(left !== 0 ? 500 : 204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0', MEMBERKIT_RATE_LIMIT_PER_KEY: '0', LOG_LEVEL: 'silent' }, { demo: true });
    server = await createServer(config, { storage: await openStorage(), clock, logger: pino({ level: 'silent' }), resolveWebhookHost: resolveFake });
    origin = await server.listen();
    client = createClient({ baseUrl: `${origin}/v1`, organization: 'demo', secretKey: 'sk_test_sandbox', maxRetries: 0 });
  });
  after(async () => {
    await server.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const signup = (email: string) =>
    client.signups.create({ membership_type_id: 'free', member: { email, first_name: 'Hook', last_name: 'Test' }, fields: {} });

  it('an endpoint receives the events it subscribed to, signed per Standard Webhooks, verified by the SDK', async () => {
    const endpoint = await client.webhookEndpoints.create({ url: `${receiverUrl}/crm`, events: ['member.created', 'membership.created', 'signup.completed'], description: 'CRM' });
    assert.match(endpoint.secret, /^whsec_[A-Za-z0-9+/]{32}$/);
    const other = await client.webhookEndpoints.create({ url: `${receiverUrl}/cancellations`, events: ['membership.cancelled'] });
    const listed = await client.webhookEndpoints.list();
    assert.deepEqual(listed.data.map((e) => e.id), [endpoint.id, other.id]);
    assert.ok(!JSON.stringify(listed).includes(endpoint.secret), 'the secret is answered once, at creation');

    const created = await signup('hooked@example.org');
    const deliveries = await until(() => {
      const mine = received.filter((r) => r.path === '/crm');
      return mine.length >= 3 && mine;
    }, 'three deliveries');
    const events = deliveries.map((delivery) => verifyWebhook(delivery.body, delivery.headers, endpoint.secret));
    assert.deepEqual(events.map((e) => e.type).sort(), ['member.created', 'membership.created', 'signup.completed']);
    const completed = events.find((e) => e.type === 'signup.completed')!;
    assert.deepEqual([completed.organization_id, completed.data.id, completed.data.member_id], ['demo', created.id, created.member.id]);
    assert.equal(events.find((e) => e.type === 'membership.created')!.data.id, created.membership!.id);
    for (const delivery of deliveries) {
      assert.equal(delivery.headers['content-type'], 'application/json');
      assert.equal(delivery.headers['webhook-signature'], expectedSignature(endpoint.secret, delivery.headers['webhook-id']!, delivery.headers['webhook-timestamp']!, delivery.body));
    }
    assert.equal(received.filter((r) => r.path === '/cancellations').length, 0, 'not subscribed to these');

    // What verification refuses: another body, another secret, a replay of an old delivery.
    const [first] = deliveries;
    assert.throws(() => verifyWebhook(first!.body.replace('demo', 'dem0'), first!.headers, endpoint.secret), WebhookSignatureError);
    assert.throws(() => verifyWebhook(first!.body, first!.headers, other.secret), WebhookSignatureError);
    const old = String(Math.floor(Date.now() / 1000) - 600);
    const replayed = { ...first!.headers, 'webhook-timestamp': old, 'webhook-signature': expectedSignature(endpoint.secret, first!.headers['webhook-id']!, old, first!.body) };
    assert.throws(() => verifyWebhook(first!.body, replayed, endpoint.secret), /timestamp/i);

    const log = await client.webhookEndpoints.deliveries(endpoint.id);
    assert.equal(log.data.length, 3);
    for (const entry of log.data) assert.deepEqual([entry.status, entry.attempts, entry.last_status, entry.next_attempt_at], ['succeeded', 1, 204, null]);
    await client.webhookEndpoints.delete(endpoint.id);
    await client.webhookEndpoints.delete(other.id);
  });

  it('a renewal by hand, paid at the Stripe stand-in: membership.renewed and payment.succeeded are delivered, signed, with the renewed term and the payment', async () => {
    const endpoint = await client.webhookEndpoints.create({ url: `${receiverUrl}/renewals`, events: ['membership.renewed', 'payment.succeeded'] });
    const token = (await server.memberTokens.issue('demo', 'mem_alice', null)).token;
    const member = createClient({ baseUrl: `${origin}/v1`, organization: 'demo', token, maxRetries: 0 });
    const before = (await member.me.retrieve()).memberships.find((held) => held.id === 'ms_alice_annual')!;
    const renewal = await member.me.memberships.renew('ms_alice_annual');
    const action = renewal.next_action;
    assert.ok(action.type === 'payment' && action.ui_mode === 'embedded_page', JSON.stringify(action));
    const secret = action.client_secret;
    const paid = await fetch(`${server.stripe.standIn!.origin}/c/api/${secret}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: '4242424242424242', exp_month: '12', exp_year: '40', cvc: '123' }),
    });
    assert.equal(paid.status, 200);
    assert.equal((await client.signups.retrieve(renewal.id)).status, 'completed');
    const deliveries = await until(() => {
      const mine = received.filter((r) => r.path === '/renewals');
      return mine.length >= 2 && mine;
    }, 'the renewal’s deliveries');
    const events = deliveries.map((delivery) => verifyWebhook(delivery.body, delivery.headers, endpoint.secret));
    assert.deepEqual(events.map((each) => each.type).sort(), ['membership.renewed', 'payment.succeeded']);
    const payment = events.find((each) => each.type === 'payment.succeeded')!.data as Record<string, unknown>;
    const intent = server.stripe.standIn!.sessionBySecret(secret)!.payment_intent;
    assert.deepEqual(
      [payment.amount, payment.currency, payment.reference, payment.signup_id, payment.membership_id, payment.card_last4],
      [6000, 'USD', intent, renewal.id, 'ms_alice_annual', '4242'],
    );
    const event = events.find((each) => each.type === 'membership.renewed')!;
    const data = event.data as { id: string; signup_id: string; expires_on: string; terms: { kind: string; amount_paid: number }[] };
    assert.deepEqual([data.id, data.signup_id], ['ms_alice_annual', renewal.id]);
    assert.ok(data.expires_on > before.expires_on!, `renewed beyond ${before.expires_on}: ${data.expires_on}`);
    assert.deepEqual([data.terms.at(-1)!.kind, data.terms.at(-1)!.amount_paid], ['renewal', 6000]);
    await client.webhookEndpoints.delete(endpoint.id);
  });

  it('applications and cancellations: application.received, .approved and .declined, then membership.cancelled with its reason, each delivered signed', async () => {
    const endpoint = await client.webhookEndpoints.create({
      url: `${receiverUrl}/decisions`,
      events: ['application.received', 'application.approved', 'application.declined', 'membership.cancelled'],
    });
    const apply = (email: string) =>
      client.signups.create({ membership_type_id: 'committee', member: { email, first_name: 'Ap', last_name: 'Plicant' }, fields: { motivation: 'I would like to help run the club.' } });
    const approved = await apply('approved-hook@example.org');
    const declined = await apply('declined-hook@example.org');
    await client.applications.approve(approved.id);
    await client.applications.decline(declined.id);
    const free = await signup('cancel-hook@example.org');
    const token = (await server.memberTokens.issue('demo', free.member.id, null)).token;
    const member = createClient({ baseUrl: `${origin}/v1`, organization: 'demo', token, maxRetries: 0 });
    await member.me.memberships.cancel(free.membership!.id, { reason: 'Moving away' });

    const deliveries = await until(() => {
      const mine = received.filter((r) => r.path === '/decisions');
      return mine.length >= 5 && mine;
    }, 'five deliveries');
    const events = deliveries.map((delivery) => verifyWebhook(delivery.body, delivery.headers, endpoint.secret));
    const told = events.map((event) => [event.type, (event.data as { signup_id?: string }).signup_id ?? (event.data as { id: string }).id]).sort();
    assert.deepEqual(told, [
      ['application.approved', approved.id],
      ['application.declined', declined.id],
      ['application.received', approved.id],
      ['application.received', declined.id],
      ['membership.cancelled', free.membership!.id],
    ].sort());
    const cancelled = events.find((event) => event.type === 'membership.cancelled')!.data as { status: string; cancel_reason: string | null };
    assert.deepEqual([cancelled.status, cancelled.cancel_reason], ['cancelled', 'Moving away'], 'the member’s reason, for the organization');
    await client.webhookEndpoints.delete(endpoint.id);
  });

  it('a 500 is retried with backoff, under the same webhook-id, and the log tells each attempt', async () => {
    const endpoint = await client.webhookEndpoints.create({ url: `${receiverUrl}/flaky`, events: ['signup.completed'] });
    failures.set('/flaky', 2);
    await signup('flaky@example.org');
    await until(() => received.some((r) => r.path === '/flaky'), 'the first attempt');
    // The first attempt's answer is recorded just after the receiver saw it.
    let [entry] = (await client.webhookEndpoints.deliveries(endpoint.id)).data;
    for (let i = 0; i < 100 && entry!.attempts === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      [entry] = (await client.webhookEndpoints.deliveries(endpoint.id)).data;
    }
    assert.deepEqual([entry!.status, entry!.attempts, entry!.last_status, entry!.last_error], ['pending', 1, 500, 'HTTP 500']);
    const wait = Date.parse(entry!.next_attempt_at!) - Date.parse(entry!.last_attempt_at!);
    assert.equal(wait, 30_000, 'the second attempt 30 s later');
    assert.equal(await server.api!.deliverWebhooks(), 0, 'not due yet');
    assert.equal(received.filter((r) => r.path === '/flaky').length, 1);

    clock.offset += 30_000;
    assert.equal(await server.api!.deliverWebhooks(), 0, 'the second attempt failed too');
    [entry] = (await client.webhookEndpoints.deliveries(endpoint.id)).data;
    assert.deepEqual([entry!.attempts, entry!.last_status], [2, 500]);
    assert.equal(Date.parse(entry!.next_attempt_at!) - Date.parse(entry!.last_attempt_at!), 300_000, 'the third 5 min later');

    clock.offset += 300_000;
    assert.equal(await server.api!.deliverWebhooks(), 1);
    [entry] = (await client.webhookEndpoints.deliveries(endpoint.id)).data;
    assert.deepEqual([entry!.status, entry!.attempts, entry!.last_status, entry!.next_attempt_at], ['succeeded', 3, 204, null]);
    const attempts = received.filter((r) => r.path === '/flaky');
    assert.equal(attempts.length, 3);
    assert.equal(new Set(attempts.map((a) => a.headers['webhook-id'])).size, 1, 'one event id: the receiver can drop repeats');
    // Each attempt is signed anew at its own time (this clock runs ahead, so the SDK's tolerance would refuse them here).
    for (const attempt of attempts) {
      assert.equal(attempt.headers['webhook-signature'], expectedSignature(endpoint.secret, attempt.headers['webhook-id']!, attempt.headers['webhook-timestamp']!, attempt.body));
    }
    assert.equal(Number(attempts[2]!.headers['webhook-timestamp']) - Number(attempts[0]!.headers['webhook-timestamp']) >= 330, true);
    await client.webhookEndpoints.delete(endpoint.id);
  });

  it('an endpoint that keeps failing is given up after nine attempts, within three days; several senders at once send each attempt once', async () => {
    const endpoint = await client.webhookEndpoints.create({ url: `${receiverUrl}/down`, events: ['signup.completed'] });
    failures.set('/down', -1);
    await signup('down@example.org');
    await until(() => received.some((r) => r.path === '/down'), 'the first attempt');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const startedAt = clock.now();
    for (let attempt = 2; attempt <= 9; attempt += 1) {
      const [entry] = (await client.webhookEndpoints.deliveries(endpoint.id)).data;
      assert.equal(entry!.status, 'pending', `before attempt ${attempt}`);
      clock.offset += Date.parse(entry!.next_attempt_at!) - clock.now() + 1;
      await Promise.all([server.api!.deliverWebhooks(), server.api!.deliverWebhooks(), server.api!.deliverWebhooks()]);
      assert.equal(received.filter((r) => r.path === '/down').length, attempt, `attempt ${attempt} sent once`);
    }
    const [entry] = (await client.webhookEndpoints.deliveries(endpoint.id)).data;
    assert.deepEqual([entry!.status, entry!.attempts, entry!.next_attempt_at], ['failed', 9, null]);
    assert.ok(clock.now() - startedAt < 3 * 86_400_000, 'within three days');
    clock.offset += 7 * 86_400_000;
    await server.api!.deliverWebhooks();
    assert.equal(received.filter((r) => r.path === '/down').length, 9, 'nothing after giving up');
    failures.delete('/down');
    await client.webhookEndpoints.delete(endpoint.id);
  });

  it('a change that rolls back tells nothing; a deleted endpoint is owed nothing more, its log stays', async () => {
    const endpoint = await client.webhookEndpoints.create({ url: `${receiverUrl}/audit`, events: ['*'] });
    await assert.rejects(client.signups.create({ membership_type_id: 'no-such-type', member: { email: 'rolled@example.org', first_name: 'R', last_name: 'B' }, fields: {} }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(received.filter((r) => r.path === '/audit').length, 0);
    failures.set('/audit', -1);
    await signup('audit@example.org');
    await until(() => received.filter((r) => r.path === '/audit').length >= 3, 'the attempts');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await client.webhookEndpoints.delete(endpoint.id);
    failures.delete('/audit');
    const log = await client.webhookEndpoints.deliveries(endpoint.id).catch((error: { status?: number }) => error);
    assert.equal((log as { status?: number }).status, 404, 'the endpoint is gone from the API');
    const rows = await server.storage.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpoint.id).execute();
    assert.ok(rows.length >= 3);
    for (const row of rows) assert.deepEqual([row.status, row.last_error], ['failed', 'the endpoint was deleted']);
    await assert.rejects(client.webhookEndpoints.create({ url: 'http://hooks.example.org/x', events: ['*'] }), /https/);
  });

  it('an endpoint whose hostname resolves to an internal address is never connected to: the attempt fails, saying why, on the usual backoff', async () => {
    await assert.rejects(client.webhookEndpoints.create({ url: 'https://169.254.169.254/latest', events: ['*'] }), /internal address \(169\.254\.169\.254 is a link-local address\)/);
    const inside = await client.webhookEndpoints.create({ url: 'https://hooks.inside.test/hook', events: ['signup.completed'] });
    const mixed = await client.webhookEndpoints.create({ url: 'https://hooks.mixed.test/hook', events: ['signup.completed'] });
    const before = received.length;
    await signup('inside@example.org');
    const first = await until(async () => {
      const [entry] = (await client.webhookEndpoints.deliveries(inside.id)).data;
      return entry?.attempts === 1 && entry;
    }, 'the refused attempt');
    assert.equal(first.status, 'pending');
    assert.equal(first.last_status, null, 'no HTTP status: nothing was connected to');
    assert.match(first.last_error!, /refused: hooks\.inside\.test resolves to 10\.0\.0\.7, a private address/);
    assert.equal(Date.parse(first.next_attempt_at!) - Date.parse(first.last_attempt_at!), 30_000, 'the first retry in 30 s, like any failure');
    const other = await until(async () => {
      const [entry] = (await client.webhookEndpoints.deliveries(mixed.id)).data;
      return entry?.attempts === 1 && entry;
    }, 'the attempt to the mixed endpoint');
    assert.match(other.last_error ?? '', /resolves to fd00::5, a private address/, 'one internal address among public ones is enough to refuse');
    assert.equal(received.length, before);
    // Running the retries now sends nothing more: the next attempt is not due yet.
    await server.api!.deliverWebhooks();
    assert.equal((await client.webhookEndpoints.deliveries(inside.id)).data[0]!.attempts, 1);
    await client.webhookEndpoints.delete(inside.id);
    await client.webhookEndpoints.delete(mixed.id);
  });
}

describe('the delivery-time address guard', () => {
  const sent: string[] = [];
  const send: typeof fetch = async (input) => {
    sent.push(String(input));
    return new Response(null, { status: 204 });
  };

  it('a hostname resolving to 127.0.0.1 is refused in production, before anything is sent', async () => {
    const guarded = guardedWebhookFetch({ allowLoopback: false, fetch: send, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    await assert.rejects(guarded('https://hooks.example.org/x', { method: 'POST' }), { name: 'InternalAddressError', message: /hooks\.example\.org resolves to 127\.0\.0\.1, this machine/ });
    await assert.rejects(guarded('https://localhost/x'), /this machine/);
    await assert.rejects(guarded('https://[::ffff:127.0.0.1]/x'), /this machine/);
    assert.deepEqual(sent, []);
  });

  it('the system resolver is what the server uses: localhost resolves to loopback and is refused in production', async () => {
    const addresses = (await resolveAll('localhost')).map((found) => found.address);
    assert.ok(addresses.some((address) => address === '127.0.0.1' || address === '::1'), addresses.join(', '));
    const guarded = guardedWebhookFetch({ allowLoopback: false, fetch: send });
    await assert.rejects(guarded('http://localhost./x'), /this machine/);
    assert.deepEqual(sent, []);
  });

  it('in development loopback is allowed, other internal ranges are not; a public address is sent to', async () => {
    const dns: Record<string, string> = { 'dev.test': '127.0.0.1', 'lan.test': '192.168.1.20', 'cgnat.test': '100.64.0.9', 'public.test': '93.184.216.34' };
    const guarded = guardedWebhookFetch({ allowLoopback: true, fetch: send, resolve: async (host) => [{ address: dns[host]!, family: 4 }] });
    await guarded('http://dev.test/x');
    await assert.rejects(guarded('https://lan.test/x'), /192\.168\.1\.20, a private address/);
    await assert.rejects(guarded('https://cgnat.test/x'), /shared \(CGNAT\)/);
    await guarded('https://public.test/x');
    assert.deepEqual(sent, ['http://dev.test/x', 'https://public.test/x']);
  });

  it('a name that does not resolve is a failed attempt saying so', async () => {
    const guarded = guardedWebhookFetch({ allowLoopback: false, fetch: send, resolve: resolveFake });
    await assert.rejects(guarded('https://nowhere.test/x'), /nowhere\.test could not be resolved \(ENOTFOUND\)/);
  });
});

describe('webhooks to the organization, on PGlite', () => webhookSuite(() => openPgliteStorage()));
describePostgres('webhooks to the organization, on PostgreSQL', (url) => webhookSuite(() => openPostgresStorage({ url, schema: freshSchema(), poolSize: 4 })));
