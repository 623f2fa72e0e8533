// Scale-out: two server processes on one PostgreSQL (one schema), as behind a load balancer. The
// same signup (same Idempotency-Key) sent to both at once makes one membership; 500 signups spread
// over both make 500; the one-membership rule holds under concurrent signups for two types.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import pg from 'pg';
import { describePostgres, freshSchema } from './databases.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

describePostgres('scale-out: two server processes on one PostgreSQL', (url) => {
  const schema = freshSchema();
  let servers: ServerProcess[] = [];
  let db: pg.Client;

  before(async () => {
    db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query(`create schema ${schema}`);
    await db.query(`set search_path = ${schema}`);
    const env = { DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`, DATABASE_POOL_SIZE: '5' };
    // The first seeds the demo organizations; the second finds them.
    servers.push(await startServerProcess(['--demo'], env));
    servers.push(await startServerProcess(['--demo'], env));
  });
  after(async () => {
    for (const server of servers) assert.equal(await server.stop(), 0);
    await db.end();
  });

  const signup = (server: ServerProcess, body: Record<string, unknown>, key: string, organization = 'demo') =>
    fetch(`${server.url}/v1/organizations/${organization}/signups`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ fields: {}, ...body }),
    });
  const person = (email: string) => ({ email, first_name: 'Scale', last_name: 'Out' });
  const count = async (query: string, values: unknown[]) => Number((await db.query(query, values)).rows[0].n);

  it('the same Idempotency-Key sent to both at once makes one membership, and both answer it', async () => {
    for (let round = 0; round < 10; round++) {
      const email = `same.${randomUUID()}@example.org`;
      const key = randomUUID();
      const body = { membership_type_id: 'free', member: person(email) };
      let answers = await Promise.all(servers.map((server) => signup(server, body, key)));
      // One runs it; the other is told it is running (409 idempotency_conflict) or gets the stored answer.
      for (let i = 0; i < answers.length; i++) {
        while (answers[i]!.status === 409) {
          assert.equal((await answers[i]!.json()).code, 'idempotency_conflict');
          await new Promise((resolve) => setTimeout(resolve, 20));
          answers[i] = await signup(servers[i]!, body, key);
        }
      }
      const signups = await Promise.all(answers.map(async (answer) => [answer.status, (await answer.json()).id]));
      assert.equal(signups[0]![0], 201);
      assert.deepEqual(signups[1], signups[0], 'both processes answer the one signup');
      assert.equal(await count(`select count(*) as n from memberships m join members p on p.organization_id = m.organization_id and p.id = m.member_id where p.email = $1`, [email]), 1);
    }
  });

  it('500 signups spread over both make 500 members and 500 memberships', async () => {
    const run = randomUUID().slice(0, 8);
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < 500) {
          const i = next++;
          const response = await signup(servers[i % 2]!, { membership_type_id: 'free', member: person(`spread.${run}.${i}@example.org`) }, randomUUID());
          statuses.push(response.status);
          await response.arrayBuffer();
        }
      }),
    );
    assert.deepEqual([...new Set(statuses)], [201]);
    const like = `spread.${run}.%`;
    assert.equal(await count(`select count(*) as n from members where email like $1`, [like]), 500);
    assert.equal(await count(`select count(*) as n from memberships m join members p on p.organization_id = m.organization_id and p.id = m.member_id where p.email like $1`, [like]), 500);
  });

  it('the one-membership rule under concurrent signups of one person for two types, on both processes', async () => {
    const run = randomUUID().slice(0, 8);
    const people = Array.from({ length: 15 }, (_, i) => `rule.${run}.${i}@example.org`);
    const types = [
      { organization: 'demo', type: 'free' },
      { organization: 'demo-kwd', type: 'junior' },
    ];
    const attempts = people.flatMap((email) => types.flatMap(({ organization, type }) => [0, 1, 2].map((n) => ({ email, organization, type, server: servers[n % 2]! }))));
    const answers = await Promise.all(
      attempts.map(async ({ email, organization, type, server }) => {
        const response = await signup(server, { membership_type_id: type, member: person(email) }, randomUUID(), organization);
        return { email, organization, status: response.status, code: response.status === 201 ? null : (await response.json()).code };
      }),
    );
    for (const email of people) {
      for (const { organization } of types) {
        const mine = answers.filter((answer) => answer.email === email && answer.organization === organization);
        assert.deepEqual(mine.filter((answer) => answer.status === 201).length, 1, `${email} in ${organization}: one signup made it`);
        for (const refused of mine.filter((answer) => answer.status !== 201)) assert.deepEqual([refused.status, refused.code], [409, 'already_member']);
        assert.equal(
          await count(`select count(*) as n from memberships m join members p on p.organization_id = m.organization_id and p.id = m.member_id where p.email = $1 and m.organization_id = $2`, [email, organization]),
          1,
        );
      }
    }
  });
});
