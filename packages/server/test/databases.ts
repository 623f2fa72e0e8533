// The databases the server's tests run on: PGlite always; PostgreSQL when
// MEMBERKIT_TEST_DATABASE_URL names one (`npm test` sets it when 127.0.0.1:5432 answers, CI
// always does). Under CI a missing PostgreSQL is a failure, never a quietly halved suite.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';

export const postgresUrl = process.env.MEMBERKIT_TEST_DATABASE_URL || undefined;

/** `describe` for PostgreSQL tests: run where a database is given, a failure under CI without one. */
export function describePostgres(name: string, body: (url: string) => void): void {
  if (postgresUrl) {
    const url = postgresUrl;
    describe(name, () => {
      after(dropCreatedSchemas);
      body(url);
    });
  } else if (process.env.CI) {
    it(`${name}: PostgreSQL is required under CI`, () => {
      assert.fail('CI is set but MEMBERKIT_TEST_DATABASE_URL is not: .ci/run starts PostgreSQL and passes its URL');
    });
  }
}

let schemas = 0;
const created: string[] = [];

/** A new schema name for one suite or test (dropped when its describePostgres block ends). */
export function freshSchema(): string {
  const name = `mk_test_${process.pid}_${Date.now().toString(36)}_${++schemas}`;
  created.push(name);
  return name;
}

/** The schema freshSchema() named last (for a second storage on it). */
export function schemaOfLast(): string {
  return created.at(-1)!;
}

async function dropCreatedSchemas(): Promise<void> {
  if (created.length === 0) return;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const schema of created.splice(0)) await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
