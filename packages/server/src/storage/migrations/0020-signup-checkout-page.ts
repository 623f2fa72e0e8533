// The checkout page a signup asked for (checkout.ui_mode), kept with it: an application's checkout
// opens when staff approve it, and must be on the page the member's widget can show (a framed
// widget cannot show the embedded card form).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('signups').addColumn('checkout_ui_mode', sql.raw('text collate "C"')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('signups').dropColumn('checkout_ui_mode').execute();
}
