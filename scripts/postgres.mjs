// Finds the PostgreSQL the server's tests use: MEMBERKIT_TEST_DATABASE_URL when set, else the
// project machines' default (127.0.0.1:5432, trust auth, database `test`) when it answers.
const fallback = 'postgres://postgres@127.0.0.1:5432/test';

/** The URL with any password hidden, for printing. */
function shown(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

/** Resolves `{ url, shown }` when a database answers `select 1`, else `{ reason }`. */
export async function findTestDatabase() {
  const given = process.env.MEMBERKIT_TEST_DATABASE_URL;
  const url = given || fallback;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { url, shown: shown(url) };
  } catch (error) {
    return { reason: `${shown(url)}: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await client.end().catch(() => {});
  }
}
