// Membership types staff manage: `featured` (highlighted by signup pages) and `archived_at` (no
// new signups; the memberships sold keep running). Existing types are neither.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('membership_types').addColumn('featured', 'boolean', (column) => column.notNull().defaultTo(false)).execute();
  await db.schema.alterTable('membership_types').addColumn('archived_at', sql.raw('text collate "C"')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('membership_types').dropColumn('archived_at').execute();
  await db.schema.alterTable('membership_types').dropColumn('featured').execute();
}
