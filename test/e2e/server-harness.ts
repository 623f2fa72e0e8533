// The element's and the frame's end-to-end suites run twice: once on the sandbox (answered in
// Node), once on memberkit-server as `memberkit-server --demo` runs it (createServer on the demo
// organizations and the Stripe stand-in, real HTTP on a free port): on PostgreSQL, in a schema of
// its own, when MEMBERKIT_TEST_DATABASE_URL names one, else on PGlite in a temporary directory.
// The test drives it as a host site's backend would (the secret key over HTTP) and reads its
// database for what it asserts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { SignupRecord } from '@memberkit/api';
import { createServer, parseConfig, type MemberkitServer } from '@memberkit/server';

export type Backend = 'sandbox' | 'server';

/**
 * The backends the suites run on: both, or the one MEMBERKIT_E2E_BACKEND names (to run one half
 * while working on it).
 */
export const backends: Backend[] = (() => {
  const only = process.env.MEMBERKIT_E2E_BACKEND;
  if (only === 'sandbox' || only === 'server') return [only];
  if (only) throw new Error(`MEMBERKIT_E2E_BACKEND must be sandbox or server (got "${only}")`);
  return ['sandbox', 'server'];
})();

/** The demo organizations' secret key (sk_test_sandbox, seeded hashed like any other). */
const SECRET_KEY = 'sk_test_sandbox';

export interface DemoServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** `${url}/v1` */
  apiBase: string;
  database: 'PostgreSQL' | 'PGlite';
  server: MemberkitServer;
  /** The origin of the Stripe stand-in's checkout page, which the widget frames. */
  checkoutOrigin: string;
  /** Adds `origins` to the demo organization's embed_origins (its settings, with the secret key). */
  allowOrigins(origins: string[]): Promise<void>;
  /**
   * A member token for `email`, minted as a host site's backend does (POST member-tokens with the
   * secret key; the member is created with the names given when new). `expiresIn: 0` (a token
   * already expired, which the API does not mint) is signed by the server's own member tokens.
   */
  memberToken(email: string, options?: { expiresIn?: number; first_name?: string; last_name?: string }): Promise<string>;
  /** The demo organization's signups whose payer has `email`, from the database. */
  signupsOf(email: string): Promise<SignupRecord[]>;
  close(): Promise<void>;
}

async function admin(apiBase: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${apiBase}/organizations/demo${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${SECRET_KEY}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

export async function startDemoServer(): Promise<DemoServer> {
  const postgresUrl = process.env.MEMBERKIT_TEST_DATABASE_URL || undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'memberkit-e2e-'));
  // A schema per run: other sessions' tests share the database.
  const schema = `mk_e2e_${process.pid}_${Date.now().toString(36)}`;
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    MEMBERKIT_DATA_DIR: join(dataDir, 'data'),
    // Every page of a suite comes from 127.0.0.1: the per-client limit would answer 429 midway.
    MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0',
    MEMBERKIT_RATE_LIMIT_PER_KEY: '0',
  };
  if (postgresUrl) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(`create schema ${schema}`);
    } finally {
      await client.end();
    }
    env.DATABASE_URL = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    env.DATABASE_POOL_SIZE = '4';
  }
  const server = await createServer(parseConfig(env, { demo: true }));
  const url = await server.listen();
  const apiBase = `${url}/v1`;
  const memberIdOf = async (email: string, names: { first_name?: string; last_name?: string }): Promise<string> => {
    const page = (await admin(apiBase, 'GET', `/members?email=${encodeURIComponent(email)}`)) as { data: { id: string }[] };
    if (page.data[0]) return page.data[0].id;
    return ((await admin(apiBase, 'POST', '/members', { email, ...names })) as { id: string }).id;
  };
  return {
    url,
    apiBase,
    database: postgresUrl ? 'PostgreSQL' : 'PGlite',
    server,
    checkoutOrigin: server.stripe.standIn!.origin,
    async allowOrigins(origins) {
      const settings = (await admin(apiBase, 'GET', '/settings')) as { embed_origins: string[] };
      await admin(apiBase, 'POST', '/settings', { embed_origins: [...settings.embed_origins, ...origins] });
    },
    async memberToken(email, { expiresIn, ...names } = {}) {
      const memberId = await memberIdOf(email, names);
      if (expiresIn === 0) return (await server.memberTokens.issue('demo', memberId, 0)).token;
      const issued = (await admin(apiBase, 'POST', '/member-tokens', { member_id: memberId, ...(expiresIn ? { expires_in: expiresIn } : {}) })) as { token: string };
      return issued.token;
    },
    signupsOf: (email) =>
      server.storage.transaction(async (tx) => {
        const member = await tx.findOne('members', { organization_id: 'demo', email });
        return member ? tx.find('signups', { organization_id: 'demo', member_id: member.id }) : [];
      }, { readOnly: true }),
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (postgresUrl) {
        const client = new pg.Client({ connectionString: postgresUrl });
        await client.connect();
        try {
          await client.query(`drop schema if exists ${schema} cascade`);
        } finally {
          await client.end();
        }
      }
    },
  };
}
