// The SQL storage on PGlite passes the Storage port's conformance suite. One PGlite for the file
// (it takes seconds to start): each test gets it emptied, through the same SqlStorage class.
import { after, before, describe, it } from 'node:test';
import { tableSpecs, type Storage } from '@memberkit/api';
import { storageSuite } from '@memberkit/api/testing';
import { sql } from 'kysely';
import { MemoryStorage } from '@memberkit/api';
import { openPgliteStorage, type SqlStorage } from '../src/index.js';
import { conflictBehaviour } from './storage-behaviour.js';

describe('SQL storage on PGlite', () => {
  let shared: SqlStorage;
  before(async () => {
    shared = await openPgliteStorage();
  });
  after(() => shared.close());

  const emptied = async (): Promise<Storage> => {
    await sql.raw(`truncate ${Object.keys(tableSpecs).join(', ')} restart identity`).execute(shared.db);
    return {
      transaction: (work, options) => shared.transaction(work, options),
      claim: (key) => shared.claim(key),
      close: async () => {},
    };
  };
  storageSuite({ describe, it }, { createStorage: emptied });
  conflictBehaviour('PGlite', emptied, { sql: true });
});

describe('the memory storage, for parity', () => {
  conflictBehaviour('memory', async () => new MemoryStorage(), { sql: false });
});
