// A version number per organization that every committed change of what its signup page shows
// (its organizations row, its membership types) raises, kept by triggers so that no writer can
// forget it: whoever edits the rows (the API, the CLI, an operator in psql) moves the version
// with the same commit. Server processes cache anonymous signup-config answers under the
// version they read before computing one, and serve a cached answer only while the version is
// unchanged (http/config-cache.ts): commit-time invalidation across instances, one indexed read.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('config_versions')
    .addColumn('organization_id', sql.raw('text collate "C"'), (column) => column.primaryKey())
    .addColumn('version', 'bigint', (column) => column.notNull())
    .execute();
  // One function for both tables: TG_ARGV[0] names the column that holds the organization.
  await sql`
    create function bump_config_version() returns trigger language plpgsql as $$
    declare
      organization text;
    begin
      if TG_OP = 'DELETE' then
        organization := to_jsonb(old) ->> TG_ARGV[0];
      else
        organization := to_jsonb(new) ->> TG_ARGV[0];
      end if;
      insert into config_versions (organization_id, version) values (organization, 1)
        on conflict (organization_id) do update set version = config_versions.version + 1;
      if TG_OP = 'UPDATE' and (to_jsonb(old) ->> TG_ARGV[0]) is distinct from organization then
        insert into config_versions (organization_id, version) values (to_jsonb(old) ->> TG_ARGV[0], 1)
          on conflict (organization_id) do update set version = config_versions.version + 1;
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger organizations_config_version after insert or update or delete on organizations
    for each row execute function bump_config_version('id')`.execute(db);
  await sql`create trigger membership_types_config_version after insert or update or delete on membership_types
    for each row execute function bump_config_version('organization_id')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger membership_types_config_version on membership_types`.execute(db);
  await sql`drop trigger organizations_config_version on organizations`.execute(db);
  await sql`drop function bump_config_version()`.execute(db);
  await db.schema.dropTable('config_versions').execute();
}
