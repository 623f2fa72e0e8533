// The server in this process with its Stripe adapter on a Stripe stand-in service (as it would
// be on Stripe's test mode), for the tests that drive payments end to end: the stand-in listens,
// the server (demo organizations, no scheduler) talks to it and receives its signed webhooks.
// Registered as the calling suite's before/after hooks; its fields are there once `before` ran.
import { after, before } from 'node:test';
import type { Clock } from '@memberkit/api';
import type { Logger } from 'pino';
import { createServer, openPgliteStorage, parseConfig, type MemberkitServer, type SqlStorage } from '../src/index.js';
import { StripeStandIn } from '../src/payments/stand-in/stand-in.js';

export interface StandInServer {
  readonly standIn: StripeStandIn;
  readonly server: MemberkitServer;
  /** The server's origin (http://127.0.0.1:port). */
  readonly url: string;
  /** The secret the stand-in signs its webhooks with (the server's STRIPE_WEBHOOK_SECRET). */
  readonly webhookSecret: string;
}

export interface StandInServerOptions {
  /** Names the suite's keys and secrets (`sk_test_{name}`, `whsec_test_{name}`). */
  name: string;
  /** The clock both the stand-in and the server read (a test moves it). */
  clock: Clock;
  /** Default: embedded PGlite in memory. */
  openStorage?: () => Promise<SqlStorage>;
  /** Default: silent. */
  logger?: Logger;
}

export function useStandInServer(options: StandInServerOptions): StandInServer {
  const webhookSecret = `whsec_test_${options.name}`;
  const env = { webhookSecret } as { -readonly [K in keyof StandInServer]: StandInServer[K] };
  before(async () => {
    // No retries of failed deliveries: a test resends what it means to.
    env.standIn = new StripeStandIn({ clock: options.clock, retryDelays: [] });
    await env.standIn.listen();
    const config = parseConfig(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        STRIPE_SECRET_KEY: `sk_test_${options.name}`,
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        MEMBERKIT_STRIPE_API_URL: env.standIn.origin,
        MEMBERKIT_LIFECYCLE_INTERVAL: '0',
      },
      { demo: true },
    );
    const storage = await (options.openStorage ?? (() => openPgliteStorage()))();
    env.server = await createServer(config, { clock: options.clock, storage, ...(options.logger && { logger: options.logger }) });
    env.url = await env.server.listen();
    env.standIn.addWebhookEndpoint({ url: `${env.url}/v1/webhooks/stripe`, secret: webhookSecret });
  });
  after(async () => {
    await env.server?.close();
    await env.standIn?.close();
  });
  return env;
}
