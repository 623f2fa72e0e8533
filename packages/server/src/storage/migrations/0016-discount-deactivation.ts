// Staff deactivate a discount code (no new signups may use it) without losing its redemptions.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('discounts').addColumn('deactivated_at', sql.raw('text collate "C"')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('discounts').dropColumn('deactivated_at').execute();
}
