// Which Stripe the server talks to, as the demo and the docs promise: --demo without a key runs
// the in-process stand-in (test cards, no real money), and the official client is pointed at it;
// with STRIPE_SECRET_KEY the same adapter talks to Stripe itself (api.stripe.com, test mode with
// an sk_test_ key), with no stand-in. Nothing here sends a request to Stripe.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createServer, openPgliteStorage, parseConfig, type MemberkitServer } from '../src/index.js';

describe('the Stripe the server uses', () => {
  const servers: MemberkitServer[] = [];
  after(async () => {
    for (const server of servers) await server.close();
  });
  const start = async (env: Record<string, string>) => {
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', MEMBERKIT_LIFECYCLE_INTERVAL: '0', ...env }, { demo: true });
    const server = await createServer(config, { storage: await openPgliteStorage() });
    servers.push(server);
    return server;
  };
  /** Where the official client sends its requests. */
  const target = (server: MemberkitServer) => {
    const stripe = server.stripe.stripe!.stripe as unknown as { getApiField(field: string): unknown };
    return { host: stripe.getApiField('host'), port: Number(stripe.getApiField('port')), protocol: stripe.getApiField('protocol') };
  };

  it('the demo without a key: the stand-in in this process, which the official client is pointed at', async () => {
    const server = await start({});
    const standIn = server.stripe.standIn;
    assert.ok(standIn, 'a stand-in');
    const origin = new URL(standIn.origin);
    assert.deepEqual(target(server), { host: origin.hostname, port: Number(origin.port), protocol: 'http' });
    const account = await fetch(`${standIn.origin}/v1/customers?limit=1`, { headers: { authorization: 'Bearer sk_test_memberkit_demo' } });
    assert.equal(account.status, 200, 'it answers Stripe’s API');
  });

  it('STRIPE_SECRET_KEY=sk_test_…: the same adapter on Stripe itself, no stand-in', async () => {
    const server = await start({ STRIPE_SECRET_KEY: 'sk_test_51choice', STRIPE_WEBHOOK_SECRET: 'whsec_choice' });
    assert.equal(server.stripe.standIn, null);
    assert.ok(server.stripe.stripe, 'the Stripe adapter');
    assert.deepEqual(target(server), { host: 'api.stripe.com', port: 443, protocol: 'https' });
  });
});
