// The SQL storage on PostgreSQL passes the Storage port's conformance suite, with a second pool
// on the same schema playing a second server process. Each test gets a fresh schema.
import { describe, it } from 'node:test';
import { storageSuite } from '@memberkit/api/testing';
import { openPostgresStorage } from '../src/index.js';
import { describePostgres, freshSchema } from './databases.js';
import { conflictBehaviour } from './storage-behaviour.js';

describePostgres('SQL storage on PostgreSQL', (url) => {
  const schemaOf = new WeakMap<object, string>();
  storageSuite(
    { describe, it },
    {
      createStorage: async () => {
        const schema = freshSchema();
        const storage = await openPostgresStorage({ url, schema, poolSize: 4 });
        schemaOf.set(storage, schema);
        return storage;
      },
      openSecond: (first) => openPostgresStorage({ url, schema: schemaOf.get(first)!, poolSize: 4, migrate: false }),
    },
  );
  conflictBehaviour('PostgreSQL', () => openPostgresStorage({ url, schema: freshSchema(), poolSize: 2 }), { sql: true });
});
