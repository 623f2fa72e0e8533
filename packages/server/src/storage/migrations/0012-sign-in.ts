// Member sign-in: the codes sent by email and the refresh tokens, both kept as hashes only.
// Like the first tables: an insertion sequence (`_seq`), text compared by code unit.
import { sql, type Kysely } from 'kysely';

const text = sql.raw('text collate "C"');

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_codes')
    .addColumn('_seq', 'bigint', (column) => column.generatedAlwaysAsIdentity().notNull())
    .addColumn('organization_id', text, (column) => column.notNull())
    .addColumn('id', text, (column) => column.notNull())
    .addColumn('email', text, (column) => column.notNull())
    .addColumn('code_hash', text, (column) => column.notNull())
    .addColumn('link_token_hash', text)
    .addColumn('client', text)
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addColumn('wrong_tries', 'bigint', (column) => column.notNull())
    .addColumn('used_at', text)
    .addColumn('created_at', text, (column) => column.notNull())
    .addPrimaryKeyConstraint('sign_in_codes_pkey', ['organization_id', 'id'])
    .execute();
  await db.schema.createIndex('sign_in_codes_organization_id_email_idx').on('sign_in_codes').columns(['organization_id', 'email']).execute();
  await db.schema.createIndex('sign_in_codes_organization_id_link_token_hash_idx').on('sign_in_codes').columns(['organization_id', 'link_token_hash']).execute();
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('_seq', 'bigint', (column) => column.generatedAlwaysAsIdentity().notNull())
    .addColumn('organization_id', text, (column) => column.notNull())
    .addColumn('id', text, (column) => column.notNull())
    .addColumn('member_id', text, (column) => column.notNull())
    .addColumn('token_hash', text, (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addColumn('used_at', text)
    .addColumn('created_at', text, (column) => column.notNull())
    .addPrimaryKeyConstraint('refresh_tokens_pkey', ['organization_id', 'id'])
    .addUniqueConstraint('refresh_tokens_organization_id_token_hash_key', ['organization_id', 'token_hash'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('refresh_tokens').execute();
  await db.schema.dropTable('sign_in_codes').execute();
}
