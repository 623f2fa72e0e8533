// The organization's membership policy and whether signing up needs signing in first. Existing
// organizations get the defaults: one running membership per organization, no sign-in needed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('organizations')
    .addColumn('membership_policy', sql.raw('text collate "C"'), (column) => column.notNull().defaultTo('one_per_organization'))
    .execute();
  await db.schema
    .alterTable('organizations')
    .addColumn('signup_requires_sign_in', 'boolean', (column) => column.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').dropColumn('signup_requires_sign_in').execute();
  await db.schema.alterTable('organizations').dropColumn('membership_policy').execute();
}
