// A membership's life after its first term (@memberkit/api's lifecycle): the group it belongs
// to, the card renewals charge, when a termination takes effect, the progress of the current
// term's automatic renewal, and the history of its terms; payments of automatic renewals (no
// signup, no checkout: the membership they renewed); where an organization is told of
// terminations. Existing memberships get an empty history (their current term is on the row).
import { sql, type Kysely } from 'kysely';

const text = sql.raw('text collate "C"');

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('memberships')
    .addColumn('group_of', text)
    .addColumn('payment_customer', text)
    .addColumn('payment_method', text)
    .addColumn('terminated_on', text)
    .addColumn('renewal', 'json')
    .addColumn('terms', 'json', (column) => column.notNull().defaultTo(sql`'[]'::json`))
    .execute();
  await db.schema.createIndex('memberships_organization_id_group_of_idx').on('memberships').columns(['organization_id', 'group_of']).execute();
  await db.schema
    .alterTable('payments')
    .alterColumn('signup_id', (column) => column.dropNotNull())
    .execute();
  await db.schema
    .alterTable('payments')
    .alterColumn('checkout_id', (column) => column.dropNotNull())
    .execute();
  await db.schema.alterTable('payments').addColumn('membership_id', text).execute();
  await db.schema.alterTable('organizations').addColumn('notification_email', text).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').dropColumn('notification_email').execute();
  await db.schema.alterTable('payments').dropColumn('membership_id').execute();
  await db.schema.dropIndex('memberships_organization_id_group_of_idx').execute();
  await db.schema
    .alterTable('memberships')
    .dropColumn('group_of')
    .dropColumn('payment_customer')
    .dropColumn('payment_method')
    .dropColumn('terminated_on')
    .dropColumn('renewal')
    .dropColumn('terms')
    .execute();
}
