// The member's language a signup or renewal request said (`locale`), kept with it: the checkout
// speaks it, and an application's checkout opens when staff approve it, long after the request.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('signups').addColumn('locale', sql.raw('text collate "C"')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('signups').dropColumn('locale').execute();
}
