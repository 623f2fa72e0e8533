// The first schema: one table per record type of @memberkit/api (ports/records.ts), with its
// key, its unique column sets and its JSON columns (tableSpecs). Never edit a migration that has
// landed: add the next file instead (index.ts lists them in order).
//
// - Text is compared by code unit (COLLATE "C"), as the memory storage compares strings.
// - `_seq` keeps insertion order, the order rows are answered in when a query names none.
// - Integers are bigint (PGlite and the pg driver here read int8 as a JS number), fractions
//   double precision; JSON columns are `json`, which keeps the text as written (key order too).
// - Dates and instants are the API's ISO strings, stored as text so that they read back as
//   written; epoch milliseconds (checkouts.expires_at) are bigint.
import { sql, type Kysely } from 'kysely';

type Type = 'text' | 'bigint' | 'double' | 'boolean' | 'json';
/** A column: its type, and whether it may hold null (`?` after the type). */
type Column = `${Type}` | `${Type}?`;

interface Table {
  columns: Record<string, Column>;
  key: string[];
  unique?: string[][];
  indexes?: string[][];
}

const tables: Record<string, Table> = {
  organizations: {
    columns: {
      id: 'text',
      name: 'text',
      currency: 'text',
      time_zone: 'text',
      locale: 'text',
      logo_url: 'text?',
      terms_url: 'text?',
      embed_origins: 'json',
      secret_key_hashes: 'json',
      payment: 'json?',
      created_at: 'text',
    },
    key: ['id'],
  },
  membership_types: {
    columns: {
      organization_id: 'text',
      id: 'text',
      position: 'bigint',
      membership_name: 'text',
      description: 'text?',
      status: 'bigint',
      is_default: 'boolean',
      invite_only: 'boolean',
      registration_type: 'text',
      group_size_max: 'bigint?',
      duration: 'bigint?',
      duration_interval_type: 'text',
      duration_display: 'text',
      cycle: 'json?',
      grace_days: 'bigint',
      requires_approval: 'boolean',
      price: 'json',
      recurring: 'boolean?',
      fields: 'json',
      permissions: 'json',
    },
    key: ['organization_id', 'id'],
  },
  discounts: {
    columns: {
      organization_id: 'text',
      id: 'text',
      code: 'text',
      code_key: 'text',
      percent_off: 'double?',
      amount_off: 'bigint?',
      currency: 'text?',
      membership_type_ids: 'json?',
      valid_from: 'text?',
      valid_until: 'text?',
      max_redemptions: 'bigint?',
      times_redeemed: 'bigint',
      created_at: 'text',
    },
    key: ['organization_id', 'id'],
    unique: [['organization_id', 'code_key']],
  },
  invitations: {
    columns: {
      organization_id: 'text',
      id: 'text',
      code: 'text',
      code_key: 'text',
      membership_type_id: 'text',
      email: 'text?',
      expires_on: 'text?',
      used_by_member_id: 'text?',
      redeemed_at: 'text?',
      created_at: 'text',
    },
    key: ['organization_id', 'id'],
    unique: [['organization_id', 'code_key']],
  },
  members: {
    columns: {
      organization_id: 'text',
      id: 'text',
      email: 'text',
      first_name: 'text?',
      last_name: 'text?',
      company_id: 'text?',
      fields: 'json',
      created_at: 'text',
      created_by_signup: 'text?',
    },
    key: ['organization_id', 'id'],
    unique: [['organization_id', 'email']],
    indexes: [['organization_id', 'company_id']],
  },
  memberships: {
    columns: {
      organization_id: 'text',
      id: 'text',
      member_id: 'text?',
      company_id: 'text?',
      membership_type_id: 'text',
      membership_name: 'text',
      kind: 'text',
      state: 'text',
      starts_on: 'text',
      expires_on: 'text?',
      anchor_on: 'text',
      duration: 'bigint?',
      duration_interval_type: 'text',
      cycle: 'json?',
      grace_days: 'bigint',
      auto_renew: 'boolean',
      cancelled_on: 'text?',
      price_paid: 'bigint',
      currency: 'text',
      permissions: 'json',
      created_at: 'text',
      signup_id: 'text?',
    },
    key: ['organization_id', 'id'],
    indexes: [['organization_id', 'member_id'], ['organization_id', 'company_id'], ['organization_id', 'signup_id']],
  },
  signups: {
    columns: {
      organization_id: 'text',
      id: 'text',
      member_id: 'text',
      membership_ids: 'json',
      status: 'text',
      quote: 'json',
      discount_code: 'text?',
      invitation_code: 'text?',
      fields: 'json',
      updates_member: 'boolean',
      renewal_of: 'text?',
      auto_renew: 'boolean?',
      checkout_id: 'text?',
      created_at: 'text',
      completed_at: 'text?',
      replaced_by: 'text?',
      approved_at: 'text?',
    },
    key: ['organization_id', 'id'],
    indexes: [['organization_id', 'member_id']],
  },
  checkouts: {
    columns: {
      organization_id: 'text',
      id: 'text',
      signup_id: 'text',
      ui_mode: 'text',
      client_secret: 'text?',
      url: 'text?',
      amount: 'bigint',
      currency: 'text',
      status: 'text',
      closed_reason: 'text?',
      expires_at: 'bigint?',
      payment_id: 'text?',
      created_at: 'text',
    },
    key: ['organization_id', 'id'],
    indexes: [['organization_id', 'signup_id']],
  },
  payments: {
    columns: {
      organization_id: 'text',
      id: 'text',
      signup_id: 'text',
      checkout_id: 'text',
      amount: 'bigint',
      currency: 'text',
      reference: 'text',
      card_last4: 'text?',
      created_at: 'text',
    },
    key: ['organization_id', 'id'],
    indexes: [['organization_id', 'signup_id']],
  },
  companies: {
    columns: { organization_id: 'text', id: 'text', name: 'text', created_at: 'text' },
    key: ['organization_id', 'id'],
  },
  idempotency_keys: {
    columns: {
      organization_id: 'text',
      id: 'text',
      fingerprint: 'text',
      status: 'bigint',
      headers: 'json',
      body: 'text',
      created_at: 'text',
    },
    key: ['organization_id', 'id'],
  },
  outbox: {
    columns: {
      organization_id: 'text',
      id: 'text',
      kind: 'text',
      to: 'text',
      subject: 'text',
      text: 'text',
      html: 'text?',
      data: 'json',
      created_at: 'text',
      sent_at: 'text?',
      attempts: 'bigint',
    },
    key: ['organization_id', 'id'],
    indexes: [['sent_at']],
  },
};

const sqlTypes: Record<Type, string> = {
  text: 'text collate "C"',
  bigint: 'bigint',
  double: 'double precision',
  boolean: 'boolean',
  json: 'json',
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table] of Object.entries(tables)) {
    let create = db.schema
      .createTable(name)
      .addColumn('_seq', 'bigint', (column) => column.generatedAlwaysAsIdentity().notNull());
    for (const [column, type] of Object.entries(table.columns)) {
      const nullable = type.endsWith('?');
      const base = type.replace('?', '') as Type;
      create = create.addColumn(column, sql.raw(sqlTypes[base]), (built) => (nullable ? built : built.notNull()));
    }
    create = create.addPrimaryKeyConstraint(`${name}_pkey`, table.key as never);
    for (const columns of table.unique ?? []) {
      create = create.addUniqueConstraint(`${name}_${columns.join('_')}_key`, columns as never);
    }
    await create.execute();
    await db.schema.createIndex(`${name}_seq_idx`).on(name).column('_seq').execute();
    for (const columns of table.indexes ?? []) {
      await db.schema.createIndex(`${name}_${columns.join('_')}_idx`).on(name).columns(columns).execute();
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of Object.keys(tables).reverse()) await db.schema.dropTable(name).execute();
}
