// An organization's own account at the payment processor (Stripe Connect: its connected account),
// set by staff through POST /settings and read with the organization, so that a payment call
// made inside a transaction needs no lookup of its own.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('payment_account', sql.raw('text collate "C"')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').dropColumn('payment_account').execute();
}
