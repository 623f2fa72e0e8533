// `createServer(config, { api })`: the storage the configuration names (PostgreSQL, or the
// embedded database), the server's member tokens, the HTTP front around the API's handle, and a
// listen/close pair with a graceful end (stop accepting, drain requests in flight, close the pool).
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import {
  createMembershipApi,
  demoData,
  seedStorage,
  systemClock,
  type Clock,
  type Mailer,
  type MembershipApi,
  type Payments,
  type Storage,
} from '@memberkit/api';
import pino, { type Logger } from 'pino';
import type { ServerConfig } from './config.js';
import { createApp, type Handle } from './http/app.js';
import { SignupConfigCache } from './http/config-cache.js';
import { WidgetFiles } from './http/static-files.js';
import { SignedMemberTokens } from './member-tokens.js';
import { openApiText } from './openapi.js';
import { DevInbox } from './mail/dev-inbox.js';
import { TemplatedMailer } from './mail/templated-mailer.js';
import { SmtpMailer } from './mailer.js';
import { openPayments, stripeWebhookPath, type ServerPayments } from './payments/index.js';
import { LifecycleScheduler, type LifecycleRunner } from './scheduler.js';
import { guardedWebhookFetch, resolveAll, type ResolveAll } from './webhooks/address-guard.js';
import { DeliveryLoop } from './webhooks/delivery-loop.js';
import { openPgliteStorage } from './storage/pglite.js';
import { openPostgresStorage } from './storage/postgres.js';
import type { SqlStorage } from './storage/sql-storage.js';

/** How long an idle keep-alive connection stays open (ms): above a load balancer's usual 60 s. */
const KEEP_ALIVE_MS = 65_000;

/** What the API is built from: the server's implementations of its ports. */
export interface ServerPorts {
  storage: Storage;
  memberTokens: SignedMemberTokens;
  /**
   * Renders each message from its kind and data (mail/), then: SMTP when configured; else,
   * outside production, the development inbox; else a mailer that refuses (and says why).
   */
  mailer: Mailer;
  /** The development inbox (/dev/inbox), or null: SMTP is configured, or NODE_ENV=production. */
  inbox: DevInbox | null;
  /** Stripe (STRIPE_SECRET_KEY), the Stripe stand-in service for --demo; else one that refuses paid checkouts. */
  payments: Payments;
  clock: Clock;
  logger: Logger;
  config: ServerConfig;
  /** Resolves webhook endpoints' hostnames before each delivery (node:dns lookup, all addresses). */
  resolveWebhookHost: ResolveAll;
}

export interface CreateServerOptions {
  /**
   * Builds the API from the server's ports (default: @memberkit/api's createMembershipApi on
   * them); a bare handle is enough for tests of the HTTP front.
   */
  api?: (ports: ServerPorts) => MembershipApi | Handle | Promise<MembershipApi | Handle>;
  /** The payments port (default: see ServerPorts.payments). */
  payments?: Payments;
  /** Resolves webhook endpoints' hostnames (default: node:dns lookup, every address); tests name their own. */
  resolveWebhookHost?: ResolveAll;
  /** Where the widget's built files are (default: @memberkit/signup's dist/). */
  widgetDir?: string;
  /** Extra GET routes (path → response). */
  pages?: Record<string, (request: Request) => Response | Promise<Response>>;
  /** A logger of the caller's (default: pino JSON on stdout at config.logLevel). */
  logger?: Logger;
  clock?: Clock;
  /** A storage opened by the caller instead of the one config names (closed with the server). */
  storage?: SqlStorage;
  /**
   * Run the background work while listening: the lifecycle scheduler (every
   * config.lifecycleInterval seconds) and the retries of webhook deliveries and mail (every 30
   * seconds). Default false: `memberkit-server` turns it on; tests drive `scheduler.tick()`,
   * `api.deliverWebhooks()` and `api.deliverOutbox()` themselves.
   */
  background?: boolean;
}

export interface MemberkitServer {
  /** The API (null when `api` gave a bare handle). */
  readonly api: MembershipApi | null;
  readonly ports: ServerPorts;
  readonly storage: SqlStorage;
  readonly memberTokens: SignedMemberTokens;
  readonly logger: Logger;
  /** Stripe, its webhooks and the stand-in service (--demo), as configured. */
  readonly stripe: ServerPayments;
  /** The anonymous signup-config answers it keeps (see http/config-cache.ts). */
  readonly configCache: SignupConfigCache;
  /** The lifecycle's scheduler (null when the API has no lifecycle: a bare handle). */
  readonly scheduler: LifecycleScheduler | null;
  /** The Hono app: `app.request(…)` answers without a socket. */
  readonly app: ReturnType<typeof createApp>;
  /** Starts listening at config.host:config.port; resolves with the origin (http://host:port). */
  listen(): Promise<string>;
  /** Stops accepting, waits for requests in flight (config.shutdownTimeout at most), closes the storage. */
  close(): Promise<void>;
}

/** In production without SMTP_URL: every message is refused, saying what to set (the API keeps it and retries). */
class UnconfiguredMailer implements Mailer {
  async send(): Promise<void> {
    throw new Error('No mail is sent: set SMTP_URL and MAIL_FROM');
  }
}

/** Without a payment processor configured: a checkout is refused, saying so. */
class UnconfiguredPayments implements Payments {
  #refuse(): never {
    throw new Error('No payment processor is configured on this server: paid signups need one (the payments issue adds Stripe; --demo uses the stand-in)');
  }
  async createCheckout(): Promise<never> {
    this.#refuse();
  }
  async retrieveCheckout(): Promise<never> {
    this.#refuse();
  }
  async expireCheckout(): Promise<never> {
    this.#refuse();
  }
  async capturePayment(): Promise<never> {
    this.#refuse();
  }
  async chargeOffSession(): Promise<never> {
    this.#refuse();
  }
  async retrieveCharge(): Promise<never> {
    this.#refuse();
  }
  async cancelCharge(): Promise<never> {
    this.#refuse();
  }
  async createCardUpdateSession(): Promise<never> {
    this.#refuse();
  }
  async refund(): Promise<never> {
    this.#refuse();
  }
  async retrieveRefunds(): Promise<never> {
    this.#refuse();
  }
  async retrieveDispute(): Promise<never> {
    this.#refuse();
  }
}

/** The API on the server's ports, answering under /v1. */
export function membershipApi(ports: ServerPorts): MembershipApi {
  return createMembershipApi({
    storage: ports.storage,
    payments: ports.payments,
    mailer: ports.mailer,
    clock: ports.clock,
    memberTokens: ports.memberTokens,
    maxBodyBytes: ports.config.bodyLimit,
    // MEMBERKIT_CHECKOUT_UI_MODE is the default: a signup may ask for the other page.
    checkoutUiMode: (_, requested) => requested ?? ports.config.checkoutUiMode,
    // Webhook endpoints on this machine only in development; internal addresses never.
    allowLoopbackWebhooks: !ports.config.production,
    webhookFetch: guardedWebhookFetch({ allowLoopback: !ports.config.production, resolve: ports.resolveWebhookHost }),
    onError: (error, during) => ports.logger.error({ err: error, during }, 'after a commit'),
    lifecycleConcurrency: ports.config.lifecycleConcurrency,
  });
}

/**
 * Seeds the demo organizations into an empty database; answers what it did: 'seeded', 'updated'
 * (a database seeded by an older version, before the demo organizations had publishable keys:
 * each one without a key gets its demo key, so pages that paste the key work there too), or null
 * (nothing to do). A key an organization has already (rotated, say) is kept.
 */
export async function seedDemo(storage: Storage, clock: Clock): Promise<'seeded' | 'updated' | null> {
  const data = demoData();
  const present = await storage.transaction((tx) => tx.findOne('organizations', { id: data.organizations[0]!.organization.id }), { readOnly: true });
  if (!present) {
    const zones = new Map(data.organizations.map((org) => [org.organization.id, org.organization.time_zone]));
    await seedStorage(storage, data, { today: (id) => clock.today(zones.get(id) ?? 'UTC'), now: clock.now() });
    return 'seeded';
  }
  const updated = await storage.transaction(async (tx) => {
    let count = 0;
    for (const { organization, publishable_key } of data.organizations) {
      if (!publishable_key) continue;
      const row = await tx.findOne('organizations', { id: organization.id });
      // A missing demo organization stays missing; a key another organization took is left to it.
      if (!row || row.publishable_key || (await tx.findOne('organizations', { publishable_key }))) continue;
      count += await tx.update('organizations', { id: organization.id }, { publishable_key });
    }
    return count;
  });
  return updated > 0 ? 'updated' : null;
}

/** The storage a configuration names. */
export function openStorage(config: Pick<ServerConfig, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>): Promise<SqlStorage> {
  return config.databaseUrl
    ? openPostgresStorage({ url: config.databaseUrl, poolSize: config.databasePoolSize })
    : openPgliteStorage({ dataDir: config.dataDir });
}

export function defaultWidgetDir(): string {
  return fileURLToPath(new URL('../../signup/dist/', import.meta.url));
}

export async function createServer(config: ServerConfig, options: CreateServerOptions = {}): Promise<MemberkitServer> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'memberkit-server' } });
  const clock = options.clock ?? systemClock;
  const storage = options.storage ?? (await openStorage(config));
  storage.onRetry = (attempt, error) =>
    logger.debug({ attempt, reason: (error as { detail?: string } | null)?.detail ?? String(error) }, 'transaction run again after a serialization failure');
  let accepting = true;
  const closeFirst: (() => Promise<void>)[] = [];
  try {
    const memberTokens = new SignedMemberTokens({ db: storage.db, clock, maxTtl: config.memberTokenTtl });
    await memberTokens.load();
    const smtp = config.smtp ? new SmtpMailer({ ...config.smtp, storage }) : null;
    const inbox = !smtp && !config.production ? new DevInbox({ logger }) : null;
    const mailer = smtp || inbox ? new TemplatedMailer({ storage, transport: smtp ?? inbox!, ...(storage.versionsInDatabase && { versions: storage }) }) : new UnconfiguredMailer();
    let origin = config.publicUrl;
    // A caller's own payments port replaces Stripe (and the stand-in) entirely; a caller's own
    // storage is not in config.dataDir, so the stand-in keeps nothing on disk then.
    const stripe = await openPayments({
      config: options.payments ? { ...config, stripe: null, demo: false } : config,
      db: storage.db,
      storage,
      clock,
      logger,
      origin: () => origin ?? `http://${config.host}:${config.port}`,
      persist: !options.storage,
    });
    closeFirst.push(() => stripe.close());
    const payments = options.payments ?? stripe.stripe ?? new UnconfiguredPayments();
    const ports: ServerPorts = { storage, memberTokens, mailer, inbox, payments, clock, logger, config, resolveWebhookHost: options.resolveWebhookHost ?? resolveAll };
    const demo = config.demo ? await seedDemo(storage, clock) : null;
    if (demo === 'seeded') logger.info('seeded the demo organizations');
    if (demo === 'updated') logger.info('gave the demo organizations seeded by an older version their publishable keys');
    const built = await (options.api ?? membershipApi)(ports);
    const api = typeof built === 'function' ? null : built;
    const lifecycle = api && typeof (api as Partial<LifecycleRunner>).runDay === 'function' ? (api as unknown as LifecycleRunner) : null;
    const retries = api ? new DeliveryLoop(api, { logger }) : null;
    const scheduler = lifecycle ? new LifecycleScheduler({ storage, clock, lifecycle, logger, intervalMs: Math.max(1, config.lifecycleInterval) * 1000 }) : null;
    const handle: Handle = typeof built === 'function' ? built : (request) => built.handle(request);
    const webhooks = api ? stripe.webhooks(api) : null;
    const configCache = new SignupConfigCache(storage);
    const app = createApp({
      handle,
      storage,
      logger,
      bodyLimit: config.bodyLimit,
      rateLimits: config.rateLimits,
      trustProxy: config.trustProxy,
      configCache,
      widgetFiles: new WidgetFiles(options.widgetDir ?? defaultWidgetDir()),
      routes: webhooks ? [{ method: 'POST', path: stripeWebhookPath, handle: (request) => webhooks.handle(request) }] : [],
      pages: {
        ...stripe.pages,
        '/openapi.json': (request) =>
          new Response(openApiText(`${config.publicUrl ?? new URL(request.url).origin}/v1`), {
            headers: { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
          }),
        ...inbox?.pages(),
        ...options.pages,
      },
      accepting: () => accepting,
    });
    const http = createAdaptorServer({ fetch: app.fetch }) as import('node:http').Server;
    // Node closes an idle keep-alive connection after 5 s, which races clients and load balancers
    // that reuse it a moment later (an ECONNRESET, or a 502 from a balancer whose own idle timeout
    // is 60 s): idle connections stay open longer than theirs. Shutdown closes them at once.
    http.keepAliveTimeout = KEEP_ALIVE_MS;
    http.headersTimeout = KEEP_ALIVE_MS + 1_000;
    let closing: Promise<void> | undefined;
    return {
      api,
      scheduler,
      ports,
      storage,
      memberTokens,
      logger,
      stripe,
      configCache,
      app,
      listen: () =>
        new Promise((resolve, reject) => {
          http.once('error', reject);
          http.listen(config.port, config.host, () => {
            http.off('error', reject);
            const { port } = http.address() as AddressInfo;
            if (scheduler && options.background && config.lifecycleInterval > 0) scheduler.start();
            if (retries && options.background) retries.start();
            const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
            const url = `http://${host}:${port}`;
            origin = config.publicUrl ?? url;
            stripe.listening(url);
            resolve(url);
          });
        }),
      close: () =>
        (closing ??= (async () => {
          accepting = false;
          await new Promise<void>((resolve) => {
            if (!http.listening) return resolve();
            const force = setTimeout(() => {
              logger.warn('shutdown: requests still in flight after the timeout were cut off');
              http.closeAllConnections();
            }, config.shutdownTimeout * 1000);
            force.unref();
            // Keep-alive connections that carry no request are closed now, busy ones as soon as their
            // answer is sent (they would otherwise idle for KEEP_ALIVE_MS before the process exits).
            http.closeIdleConnections();
            const idle = setInterval(() => http.closeIdleConnections(), 50);
            http.close(() => {
              clearTimeout(force);
              clearInterval(idle);
              resolve();
            });
          });
          await scheduler?.stop();
          await retries?.stop();
          smtp?.close();
          await stripe.close();
          await storage.close();
          logger.info('shutdown complete');
        })()),
    };
  } catch (error) {
    for (const close of closeFirst) await close();
    await storage.close();
    throw error;
  }
}
