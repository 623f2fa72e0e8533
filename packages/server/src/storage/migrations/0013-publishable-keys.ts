// Organizations gain a publishable key (`pk_live_…`): the public name of the organization in
// script tags and API paths beside its id, replaceable without renaming it; unique (several
// organizations may have none).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('publishable_key', sql.raw('text collate "C"')).execute();
  await db.schema.createIndex('organizations_publishable_key_key').unique().on('organizations').column('publishable_key').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('organizations_publishable_key_key').execute();
  await db.schema.alterTable('organizations').dropColumn('publishable_key').execute();
}
