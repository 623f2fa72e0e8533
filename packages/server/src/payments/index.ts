// The server's payments, as the configuration says: Stripe with STRIPE_SECRET_KEY (or the
// stand-in service that MEMBERKIT_STRIPE_API_URL names), the in-process stand-in service with
// --demo and no key, else none. What server.ts mounts: the Payments port, the webhook route and
// the member's pages (a hosted checkout's return page, a renewal's authentication page).
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import type { Clock, MembershipApi, Payments, Storage } from '@memberkit/api';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import Stripe from 'stripe';
import type { ServerConfig } from '../config.js';
import { memberPaymentPages } from './pages.js';
import { StripeStandIn } from './stand-in/stand-in.js';
import { StripePayments } from './stripe-payments.js';
import { StripeWebhooks } from './stripe-webhooks.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the server's own tables */
type Database = Kysely<any>;

/** The path Stripe's events are posted to. */
export const stripeWebhookPath = '/v1/webhooks/stripe';

export interface ServerPayments {
  /** null: no processor configured (paid signups are refused by the server's fallback). */
  stripe: StripePayments | null;
  /** The in-process stand-in service (--demo without a key). */
  standIn: StripeStandIn | null;
  /** The webhook route's handler, once the API exists. */
  webhooks(api: MembershipApi): StripeWebhooks | null;
  /** GET pages (path → response). */
  pages: Record<string, (request: Request) => Response | Promise<Response>>;
  /** The server listens at `origin`: the stand-in starts sending its events there. */
  listening(origin: string): void;
  close(): Promise<void>;
}

export interface OpenPaymentsOptions {
  config: ServerConfig;
  db: Database;
  /** The API's storage (the organizations' publishable keys). */
  storage: Storage;
  clock: Clock;
  logger: Logger;
  /** The origin members reach this server at. */
  origin: () => string;
  /** Keep the stand-in's objects beside the embedded database (default true). */
  persist?: boolean;
}

export async function openPayments(options: OpenPaymentsOptions): Promise<ServerPayments> {
  const { config, db, storage, clock, logger, origin } = options;
  let standIn: StripeStandIn | null = null;
  let secretKey: string;
  let secrets: string[];
  let apiUrl: string | null;
  if (config.stripe) {
    ({ secretKey, webhookSecrets: secrets, apiUrl } = config.stripe);
  } else if (config.demo) {
    // The demo's own Stripe: its objects next to the embedded database, its events signed with
    // a secret made for this run.
    // (Beside the embedded database only: processes sharing a PostgreSQL database each run their own.)
    const dataFile = config.databaseUrl || options.persist === false ? undefined : join(dirname(resolve(config.dataDir)), 'stripe-stand-in.json');
    standIn = new StripeStandIn({ clock, ...(dataFile && { dataFile }), sweepSeconds: 15 });
    apiUrl = await standIn.listen(0, '127.0.0.1');
    secretKey = 'sk_test_memberkit_demo';
    secrets = [`whsec_${randomBytes(24).toString('base64url').replace(/[-]/g, 'A')}`];
    logger.info({ stand_in: apiUrl }, 'payments: the Stripe stand-in (test cards, no real money); set STRIPE_SECRET_KEY for Stripe test mode');
  } else {
    return { stripe: null, standIn: null, webhooks: () => null, pages: {}, listening() {}, async close() {} };
  }
  const target = apiUrl ? new URL(apiUrl) : null;
  const stripe = new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: 'memberkit-server' },
    ...(target && { host: target.hostname, port: Number(target.port || (target.protocol === 'https:' ? 443 : 80)), protocol: target.protocol === 'https:' ? 'https' : 'http' }),
  });
  const payments = new StripePayments({
    stripe,
    now: () => clock.now(),
    pages: {
      checkoutComplete: () => `${origin()}/checkout/complete?session_id={CHECKOUT_SESSION_ID}`,
      authenticate: (organizationId, intentId) => `${origin()}/payments/authenticate/${encodeURIComponent(organizationId)}/${encodeURIComponent(intentId)}`,
      cardUpdated: () => `${origin()}/payments/card-updated`,
    },
  });
  return {
    stripe: payments,
    standIn,
    webhooks: (api) => new StripeWebhooks({ api, db, clock, logger, secrets, organizationOfPayment: (reference) => payments.organizationOfPayment(reference) }),
    pages: memberPaymentPages({
      standIn,
      stripe: payments,
      publishableKey: async (organizationId) => {
        const organization = await storage.transaction((tx) => tx.findOne('organizations', { id: organizationId }), { readOnly: true });
        return organization?.payment?.publishable_key ?? null;
      },
    }),
    listening(at) {
      standIn?.addWebhookEndpoint({ url: `${at}${stripeWebhookPath}`, secret: secrets[0]! });
    },
    async close() {
      await standIn?.close();
    },
  };
}

export type { Payments };
export { StripePayments, StripeWebhooks, StripeStandIn };
