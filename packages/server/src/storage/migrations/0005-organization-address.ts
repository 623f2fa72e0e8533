// Organizations gain the postal address and the tax note their receipts carry (both optional).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('address', 'text').execute();
  await db.schema.alterTable('organizations').addColumn('tax_note', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').dropColumn('tax_note').execute();
  await db.schema.alterTable('organizations').dropColumn('address').execute();
}
