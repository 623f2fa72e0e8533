// @memberkit/api's conformance suite against the server over real HTTP: on PGlite, and on
// PostgreSQL (a fresh schema). One server per database for the file; the suite resets its data.
import { after, before, describe, it } from 'node:test';
import { apiSuite, type ApiSuiteHost } from '@memberkit/api/testing';
import { openPgliteStorage, openPostgresStorage } from '../src/index.js';
import { describePostgres, freshSchema } from './databases.js';
import { serverSuiteHost, type ServerSuiteHost } from './suite-host.js';

/** A host whose server starts before the suite's first test (the suite reads baseUrl late). */
function lateHost(start: () => Promise<ServerSuiteHost>): ApiSuiteHost {
  let host: ServerSuiteHost;
  before(async () => {
    host = await start();
  });
  after(() => host.close());
  return {
    get baseUrl() {
      return host.baseUrl;
    },
    reset: () => host.reset(),
    setToday: (date) => host.setToday(date),
    pay: (action, card) => host.pay(action, card),
    saveCard: (session, card) => host.saveCard(session, card),
    memberToken: (org, email) => host.memberToken(org, email),
    runDay: (org, day) => host.runDay(org, day),
    outbox: (org, to) => host.outbox(org, to),
  };
}

describe('the API over HTTP on PGlite', () => {
  apiSuite({ describe, it }, lateHost(async () => serverSuiteHost(await openPgliteStorage())));
});

describePostgres('the API over HTTP on PostgreSQL', (url) => {
  apiSuite({ describe, it }, lateHost(async () => serverSuiteHost(await openPostgresStorage({ url, schema: freshSchema(), poolSize: 5 }))));
});
