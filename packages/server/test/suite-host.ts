// The server as an ApiSuiteHost of @memberkit/api's conformance suite: createServer in this
// process, listening on loopback (the suite talks real HTTP to it), on a storage of the caller's,
// with a settable clock, the payment stand-in and the server's own signed member tokens.
import { apiSuiteToday, standInPaymentSteps, type ApiSuiteHost } from '@memberkit/api/testing';
import { demoData, MemoryPayments, seedStorage, SettableClock, tableSpecs } from '@memberkit/api';
import { sql } from 'kysely';
import pino from 'pino';
import { createServer, parseConfig, type MemberkitServer, type SqlStorage } from '../src/index.js';

export interface ServerSuiteHost extends ApiSuiteHost {
  server: MemberkitServer;
  close(): Promise<void>;
}

export async function serverSuiteHost(storage: SqlStorage): Promise<ServerSuiteHost> {
  const data = demoData();
  const zones = new Map(data.organizations.map((org) => [org.organization.id, org.organization.time_zone]));
  const clock = new SettableClock({ today: apiSuiteToday, timeZone: zones.get('demo')! });
  const payments = new MemoryPayments({ clock });
  const config = parseConfig(
    { PORT: '0', HOST: '127.0.0.1', MEMBERKIT_RATE_LIMIT_PER_CLIENT: '0', MEMBERKIT_RATE_LIMIT_PER_KEY: '0', LOG_LEVEL: 'silent' },
    { demo: true },
  );
  const server = await createServer(config, { storage, clock, payments, logger: pino({ level: 'silent' }) });
  const origin = await server.listen();
  const api = server.api!;
  const tables = Object.keys(tableSpecs);
  let seeded = false;
  return {
    server,
    baseUrl: `${origin}/v1`,
    async reset() {
      clock.setToday(apiSuiteToday, { rebase: true });
      payments.restore([]);
      await sql.raw(`truncate ${tables.join(', ')}`).execute(storage.db);
      if (seeded) {
        // The same day, so the same rows: copied back from the first seeding (hundreds of
        // inserts through the API's seed cost seconds per test on PGlite).
        for (const table of tables) await sql.raw(`insert into ${table} overriding system value select * from suite_seed_${table}`).execute(storage.db);
        return;
      }
      await seedStorage(storage, data, { today: (id) => clock.today(zones.get(id) ?? 'UTC'), now: clock.now() });
      for (const table of tables) await sql.raw(`create table suite_seed_${table} as select * from ${table}`).execute(storage.db);
      seeded = true;
    },
    async runDay(organizationId, day) {
      await api.runDay(organizationId, day);
    },
    async outbox(organizationId, to) {
      const rows = await storage.transaction((tx) => tx.find('outbox', { organization_id: organizationId, to }), { readOnly: true });
      return rows.map((row) => ({ kind: row.kind, data: row.data }));
    },
    async setToday(date) {
      clock.setToday(date);
    },
    ...standInPaymentSteps({ api, payments, clock }),
    async memberToken(organizationId, email) {
      const normalized = email.trim().toLowerCase();
      let member = await storage.transaction((tx) => tx.findOne('members', { organization_id: organizationId, email: normalized }));
      if (!member) {
        member = {
          organization_id: organizationId,
          id: `mem_suite_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
          email: normalized,
          first_name: null,
          last_name: null,
          company_id: null,
          fields: {},
          created_at: new Date(clock.now()).toISOString(),
          created_by_signup: null,
        };
        const created = member;
        await storage.transaction((tx) => tx.insert('members', created));
      }
      return (await server.memberTokens.issue(organizationId, member.id, null)).token;
    },
    close: () => server.close(),
  };
}
