// The server's configuration: environment variables, parsed once at start by one schema into a
// typed object. Each problem names its variable and what is wrong; `--help` prints `variables`.
import * as z from 'zod';

export interface ServerConfig {
  /** TCP port to listen on (0: any free port). */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** PostgreSQL URL; null: the embedded database in `dataDir`. */
  databaseUrl: string | null;
  databasePoolSize: number;
  /** The embedded database's directory (when `databaseUrl` is null). */
  dataDir: string;
  /** The origin clients reach this server at (checkout return URLs, the OpenAPI server). */
  publicUrl: string | null;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Rate limits (requests per minute; 0 turns a limit off). */
  rateLimits: RateLimits;
  /** Read the client's address from X-Forwarded-For (behind a load balancer you trust). */
  trustProxy: boolean;
  /** Member tokens' lifetime, in seconds. */
  memberTokenTtl: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Seconds that shutdown waits for requests in flight before closing them. */
  shutdownTimeout: number;
  /** SMTP for the API's messages (sign-in codes, receipts); null: not configured. */
  smtp: { url: string; from: string } | null;
  /** The checkout page of paid signups: framed in the widget (Stripe's embedded page) or Stripe's hosted page. */
  checkoutUiMode: 'embedded_page' | 'hosted_page';
  /** Stripe (the platform's account); null: the stand-in with --demo, else no payments. */
  stripe: StripeConfig | null;
  /** Seed the demo organizations and use the payment stand-in. */
  demo: boolean;
  /** Seconds between the lifecycle scheduler's ticks (0: it does not run in this process). */
  lifecycleInterval: number;
  /** How many of an organization's memberships a lifecycle run takes at once. */
  lifecycleConcurrency: number;
  /** NODE_ENV=production: no development inbox (mail needs SMTP_URL). */
  production: boolean;
}

export interface StripeConfig {
  /** The platform's secret key (sk_test_…, sk_live_…, or a restricted rk_…). */
  secretKey: string;
  /** The webhook endpoint's signing secrets (whsec_…): more than one while rolling it. */
  webhookSecrets: string[];
  /** Another Stripe API origin (the stand-in service), or null: Stripe's. */
  apiUrl: string | null;
}

export interface RateLimits {
  /** Per client address, per route kind. */
  perClient: number;
  /** Per organization (its key), per route kind. */
  perKey: number;
}

/** Every variable: its name, what it means, its default. */
export const variables = [
  ['PORT', 'TCP port to listen on', '4400 with --demo, else 8080'],
  ['HOST', 'interface to listen on', '0.0.0.0 (127.0.0.1 with --demo)'],
  ['DATABASE_URL', 'PostgreSQL URL (postgres://user:password@host:5432/db); unset: the embedded database', 'unset'],
  ['DATABASE_POOL_SIZE', 'PostgreSQL connections per server process', '10'],
  ['MEMBERKIT_DATA_DIR', "the embedded database's directory (one server process opens it at a time)", './.memberkit/data'],
  ['MEMBERKIT_PUBLIC_URL', 'the origin clients reach this server at, e.g. https://members.example.org', 'unset: the request\'s own origin'],
  ['MEMBERKIT_BODY_LIMIT', 'largest request body, in bytes', '65536 (64 KiB, the API contract\'s)'],
  ['MEMBERKIT_RATE_LIMIT_PER_CLIENT', 'sign-in, signup and discount-check requests per minute per client address (0: off)', '30'],
  ['MEMBERKIT_RATE_LIMIT_PER_KEY', 'the same, per organization (0: off)', '600'],
  ['MEMBERKIT_TRUST_PROXY', 'true: the client address is the first of X-Forwarded-For (behind your load balancer)', 'false'],
  ['MEMBERKIT_MEMBER_TOKEN_TTL', 'member token lifetime, in seconds', '900'],
  ['LOG_LEVEL', 'fatal, error, warn, info, debug, trace or silent', 'info'],
  ['MEMBERKIT_SHUTDOWN_TIMEOUT', 'seconds SIGTERM waits for requests in flight', '10'],
  ['SMTP_URL', 'where mail goes: smtp://user:password@host:587 or smtps://…:465', 'unset: no mail (--demo keeps it in memory)'],
  ['STRIPE_SECRET_KEY', "the Stripe platform account's secret key (sk_test_… for test mode); see docs/guides/payments.md", 'unset: --demo uses the Stripe stand-in; otherwise paid signups are refused'],
  ['STRIPE_WEBHOOK_SECRET', 'the signing secret of the webhook endpoint /v1/webhooks/stripe (whsec_…; several, comma-separated, while rolling it)', 'unset (needed with STRIPE_SECRET_KEY)'],
  ['MEMBERKIT_STRIPE_API_URL', 'talk to another Stripe API origin, e.g. the stand-in service (http://127.0.0.1:12111)', "unset: Stripe's"],
  ['MEMBERKIT_CHECKOUT_UI_MODE', "embedded_page (the card form inside the widget) or hosted_page (Stripe's page, then back)", 'embedded_page'],
  ['MAIL_FROM', 'the From address of every message, e.g. members@acme.example (needed with SMTP_URL); the display name is the organization\'s', 'unset'],
  ['MEMBERKIT_LIFECYCLE_INTERVAL', "seconds between the lifecycle's runs (renewals, reminders, terminations) for each organization's day; 0: not in this process", '300'],
  ['MEMBERKIT_LIFECYCLE_CONCURRENCY', "memberships a lifecycle run takes at once per organization (each holds a database connection while Stripe answers: keep it below DATABASE_POOL_SIZE)", '4'],
  ['NODE_ENV', 'production: mail needs SMTP_URL (otherwise it waits in the outbox); else, without SMTP_URL, mail is logged and shown at /dev/inbox', 'unset'],
] as const;

/** Variables whose values are secrets. */
const secretVariables = new Set(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const flag = z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).transform((value) => value === 'true' || value === '1');

const postgresUrl = z.string().refine((value) => {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be a postgres:// or postgresql:// URL');

const origin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && url.pathname === '/' && !url.search && !url.hash && !value.endsWith('/');
  } catch {
    return false;
  }
}, 'must be an origin: http(s)://host[:port], without a path or trailing slash');

const schema = z.object({
  PORT: integer(0, 65535).optional(),
  HOST: z.string().min(1, 'must not be empty').optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: integer(1, 1000).default(10),
  MEMBERKIT_DATA_DIR: z.string().min(1, 'must not be empty').default('./.memberkit/data'),
  MEMBERKIT_PUBLIC_URL: origin.optional(),
  MEMBERKIT_BODY_LIMIT: integer(1024, 100 * 1024 * 1024).default(65_536),
  MEMBERKIT_RATE_LIMIT_PER_CLIENT: integer(0, 1_000_000).default(30),
  MEMBERKIT_RATE_LIMIT_PER_KEY: integer(0, 1_000_000).default(600),
  MEMBERKIT_TRUST_PROXY: flag.default(false),
  MEMBERKIT_MEMBER_TOKEN_TTL: integer(60, 86_400).default(900),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  MEMBERKIT_SHUTDOWN_TIMEOUT: integer(0, 3600).default(10),
  SMTP_URL: z
    .string()
    .refine((value) => {
      try {
        return ['smtp:', 'smtps:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'must be an smtp:// or smtps:// URL')
    .optional(),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'must be a Stripe secret key: sk_test_…, sk_live_… or a restricted rk_… key').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=_]+(,\s*whsec_[A-Za-z0-9+/=_]+)*$/, 'must be whsec_… (several separated by commas)').optional(),
  MEMBERKIT_STRIPE_API_URL: origin.optional(),
  MEMBERKIT_CHECKOUT_UI_MODE: z.enum(['embedded_page', 'hosted_page'], { error: 'must be embedded_page or hosted_page' }).default('embedded_page'),
  MAIL_FROM: z.string().min(3, 'must be an address such as "Club <members@club.example>"').optional(),
  NODE_ENV: z.string().optional(),
  MEMBERKIT_LIFECYCLE_INTERVAL: integer(0, 86_400).default(300),
  MEMBERKIT_LIFECYCLE_CONCURRENCY: integer(1, 100).default(4),
}).superRefine((values, context) => {
  if (values.SMTP_URL && !values.MAIL_FROM) context.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'must be set when SMTP_URL is' });
  if (values.STRIPE_SECRET_KEY && !values.STRIPE_WEBHOOK_SECRET) {
    context.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'must be set when STRIPE_SECRET_KEY is (the Dashboard\'s endpoint secret, or the one `stripe listen` prints)' });
  }
});

/** A configuration that cannot be used: every problem, one per line, each naming its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigOverrides {
  demo?: boolean;
  port?: number;
}

/** Parses the environment (only the variables above are read; empty ones count as unset). */
export function parseConfig(env: Record<string, string | undefined>, overrides: ConfigOverrides = {}): ServerConfig {
  const input: Record<string, string> = {};
  for (const [name] of variables) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') input[name] = value.trim();
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        // A secret is never echoed (this goes to the terminal and the logs).
        const got = secretVariables.has(name) ? `${(input[name] ?? '').length} characters` : JSON.stringify(input[name] ?? '');
        return `${name}: ${issue.message} (got ${got})`;
      }),
    );
  }
  const values = parsed.data;
  const demo = overrides.demo ?? false;
  return {
    port: overrides.port ?? values.PORT ?? (demo ? 4400 : 8080),
    host: values.HOST ?? (demo ? '127.0.0.1' : '0.0.0.0'),
    databaseUrl: values.DATABASE_URL ?? null,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    dataDir: values.MEMBERKIT_DATA_DIR,
    publicUrl: values.MEMBERKIT_PUBLIC_URL ?? null,
    bodyLimit: values.MEMBERKIT_BODY_LIMIT,
    rateLimits: { perClient: values.MEMBERKIT_RATE_LIMIT_PER_CLIENT, perKey: values.MEMBERKIT_RATE_LIMIT_PER_KEY },
    trustProxy: values.MEMBERKIT_TRUST_PROXY,
    memberTokenTtl: values.MEMBERKIT_MEMBER_TOKEN_TTL,
    logLevel: values.LOG_LEVEL,
    shutdownTimeout: values.MEMBERKIT_SHUTDOWN_TIMEOUT,
    smtp: values.SMTP_URL && values.MAIL_FROM ? { url: values.SMTP_URL, from: values.MAIL_FROM } : null,
    checkoutUiMode: values.MEMBERKIT_CHECKOUT_UI_MODE,
    stripe: values.STRIPE_SECRET_KEY
      ? {
          secretKey: values.STRIPE_SECRET_KEY,
          webhookSecrets: (values.STRIPE_WEBHOOK_SECRET ?? '').split(',').map((secret) => secret.trim()).filter(Boolean),
          apiUrl: values.MEMBERKIT_STRIPE_API_URL ?? null,
        }
      : null,
    demo,
    production: values.NODE_ENV === 'production',
    lifecycleInterval: values.MEMBERKIT_LIFECYCLE_INTERVAL,
    lifecycleConcurrency: values.MEMBERKIT_LIFECYCLE_CONCURRENCY,
  };
}

/** The `--help` text's variables section. */
export function describeVariables(): string {
  const width = Math.max(...variables.map(([name]) => name.length));
  return variables.map(([name, meaning, fallback]) => `  ${name.padEnd(width)}  ${meaning}\n  ${' '.repeat(width)}  default: ${fallback}`).join('\n');
}
