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
import { apiSuiteToday, type ApiSuiteHost, type SuitePayment } from './api-suite.js';

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
    async pay(nextAction, card = '4242424242424242'): Promise<SuitePayment> {
      if (nextAction.type !== 'payment') throw new Error(`nothing to pay: next_action ${nextAction.type}`);
      const secret = nextAction.ui_mode === 'embedded_page' ? nextAction.client_secret : new URL(nextAction.url).searchParams.get('client_secret')!;
      const year = Number(clock.today('UTC').slice(0, 4)) + 5;
      const decline = payments.confirm(secret, { number: card, exp_month: 12, exp_year: year, cvc: '123' });
      if (decline) return { paid: false, status: 402, code: 'card_declined' };
      const session = payments.sessionBySecret(secret)!;
      const settled = await api.settleCheckout(session.organization_id, session.id);
      if (settled.status === 'paid') return { paid: true };
      if (settled.status === 'closed') return { paid: false, status: settled.problem.status, code: settled.problem.code };
      return { paid: false, status: 409, code: 'checkout_closed' };
    },
    async saveCard(sessionId, card) {
      const year = Number(clock.today('UTC').slice(0, 4)) + 5;
      return payments.updateCard(sessionId, { number: card, exp_month: 12, exp_year: year, cvc: '123' }) === null;
    },
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
