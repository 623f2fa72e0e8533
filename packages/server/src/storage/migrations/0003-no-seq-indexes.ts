// Drops the `_seq` indexes of 0001: a query ordered by insertion (`ORDER BY _seq`, every find's
// tiebreaker) made PostgreSQL walk that index instead of the one its filter has, and under
// SERIALIZABLE such a scan predicate-locks the whole table: concurrent signups then failed each
// other by the hundred (measured: 704 retries in 600 signup-shaped transactions, 10 at a time).
// Sorting the few rows a filter finds costs nothing.
import type { Kysely } from 'kysely';

const tables = [
  'organizations',
  'membership_types',
  'discounts',
  'invitations',
  'members',
  'memberships',
  'signups',
  'checkouts',
  'payments',
  'companies',
  'idempotency_keys',
  'outbox',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await db.schema.dropIndex(`${table}_seq_idx`).ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await db.schema.createIndex(`${table}_seq_idx`).on(table).column('_seq').execute();
}
