// The organization's page where its widget lives (`member_page_url`, set through POST /settings):
// a failed renewal's and a card update's emails link there with a one-time sign-in ticket.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('member_page_url', sql.raw('text collate "C"')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').dropColumn('member_page_url').execute();
}
