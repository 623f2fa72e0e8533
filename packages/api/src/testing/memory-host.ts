// The API on memory ports as an ApiSuiteHost: what this package's tests run the conformance suite
// against, and the reference for what another host provides (the sandbox is the same, behind msw).
import { createMembershipApi, type MembershipApi } from '../api.js';
import { demoData } from '../demo/data.js';
import { seedRows } from '../demo/seed.js';
import { SettableClock } from '../memory/clock.js';
import { MemoryMailer } from '../memory/mailer.js';
import { MemoryMemberTokens } from '../memory/member-tokens.js';
import { MemoryPayments } from '../memory/payments.js';
import { MemoryStorage, type MemorySnapshot } from '../memory/storage.js';
import { randomHex } from '../random.js';
import { memberRecord } from '../domain/members.js';
import { normalizeEmail } from '@memberkit/sdk/calculators';
import { apiSuiteToday, type ApiSuiteHost } from './api-suite.js';
import { standInPaymentSteps } from './stand-in-payment-steps.js';

export interface MemorySuiteHost extends ApiSuiteHost {
  api: MembershipApi;
  storage: MemoryStorage;
  payments: MemoryPayments;
  mailer: MemoryMailer;
  clock: SettableClock;
  memberTokens: MemoryMemberTokens;
}

/** The API on MemoryStorage, MemoryPayments, MemoryMailer, a SettableClock and MemoryMemberTokens, answered by `handle()`. */
export function memorySuiteHost({ baseUrl = 'https://api.memberkit.test/v1' }: { baseUrl?: string } = {}): MemorySuiteHost {
  const data = demoData();
  const timeZone = (id: string) => data.organizations.find((org) => org.organization.id === id)!.organization.time_zone;
  const clock = new SettableClock({ today: apiSuiteToday, timeZone: timeZone('demo') });
  const storage = new MemoryStorage();
  const payments = new MemoryPayments({ clock });
  const mailer = new MemoryMailer();
  const memberTokens = new MemoryMemberTokens(clock);
  const api = createMembershipApi({
    storage,
    payments,
    mailer,
    clock,
    memberTokens,
    basePath: new URL(baseUrl).pathname,
    keyMode: 'test',
    validateResponses: true,
    onResponseSchemaError: (error) => {
      throw error;
    },
  });
  return {
    baseUrl,
    api,
    storage,
    payments,
    mailer,
    clock,
    memberTokens,
    fetch: (request) => api.handle(request),
    async reset() {
      clock.setToday(apiSuiteToday, { rebase: true });
      storage.load(seedRows(data, { today: (id) => clock.today(timeZone(id)), now: clock.now() }) as MemorySnapshot);
      payments.restore([]);
      memberTokens.restore([]);
      mailer.clear();
    },
    async setToday(date) {
      clock.setToday(date);
    },
    ...standInPaymentSteps({ api, payments, clock }),
    async runDay(organizationId, day) {
      await api.runDay(organizationId, day);
    },
    async outbox(organizationId, to) {
      return storage.rows('outbox', { organization_id: organizationId, to }).map((row) => ({ kind: row.kind, data: row.data }));
    },
    async memberToken(organizationId, email) {
      let member = storage.rows('members', { organization_id: organizationId, email: normalizeEmail(email) })[0];
      if (!member) {
        member = memberRecord(organizationId, `mem_${randomHex(8)}`, new Date(clock.now()).toISOString(), { email });
        await storage.transaction((tx) => tx.insert('members', member!));
      }
      return (await memberTokens.issue(organizationId, member.id, null)).token;
    },
  };
}
