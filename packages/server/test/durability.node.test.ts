// Durability of the embedded database: 200 concurrent signups through the SDK (retrying, with
// their Idempotency-Keys), the server SIGKILLed in the middle and started again on the same data
// directory and port. Every signup a client saw acknowledged exists exactly once, and nothing is
// half written (a member without its membership, a membership without its signup).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createClient, type Signup } from '@memberkit/sdk';
import { openPgliteStorage } from '../src/index.js';
import { freePort, startServerProcess } from './server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'memberkit-durability-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('durability: a SIGKILL in the middle of 200 concurrent signups', () => {
  it('every acknowledged signup exists exactly once, nothing is half written, and the retries finish the rest', async (t) => {
    const env = { MEMBERKIT_DATA_DIR: dataDir, PORT: String(await freePort()) };
    let server = await startServerProcess(['--demo'], env);
    const client = createClient({
      baseUrl: `${server.url}/v1`,
      organization: 'demo',
      maxRetries: 200,
      timeout: 30_000,
      backoff: { initialDelay: 50, maxDelay: 250 },
    });
    const run = Date.now().toString(36);
    const emails = Array.from({ length: 200 }, (_, i) => `durable.${run}.${i}@example.org`);
    const acknowledged = new Map<string, Signup>();
    let killed = false;
    let acknowledgedBeforeKill = 0;
    let downMs = 0;
    const restart = (async () => {
      while (acknowledged.size < 40) await new Promise((resolve) => setTimeout(resolve, 5));
      acknowledgedBeforeKill = acknowledged.size;
      const down = performance.now();
      await server.kill();
      killed = true;
      server = await startServerProcess(['--demo'], env);
      downMs = performance.now() - down;
    })();
    const outcomes = await Promise.allSettled(
      emails.map(async (email) => {
        const signup = await client.signups.create({ membership_type_id: 'free', member: { email, first_name: 'Dura', last_name: 'Ble' }, fields: {} });
        acknowledged.set(email, signup);
        return signup;
      }),
    );
    await restart;
    assert.ok(killed);
    const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
    assert.deepEqual(failed.map((outcome) => String((outcome as PromiseRejectedResult).reason)), [], 'every client got its signup in the end');
    assert.ok(acknowledgedBeforeKill >= 40 && acknowledgedBeforeKill < 200, `killed after ${acknowledgedBeforeKill} acknowledgements`);
    assert.equal(await server.stop(), 0);
    t.diagnostic(`SIGKILL after ${acknowledgedBeforeKill} of 200 signups were acknowledged; down for ${Math.round(downMs)} ms; all 200 acknowledged in the end`);

    const storage = await openPgliteStorage({ dataDir });
    try {
      const rows = await storage.transaction(async (tx) => ({
        members: await tx.find('members', { organization_id: 'demo', email: emails }),
        memberships: await tx.find('memberships', { organization_id: 'demo' }),
        signups: await tx.find('signups', { organization_id: 'demo' }),
      }));
      for (const email of emails) {
        const signup = acknowledged.get(email)!;
        const members = rows.members.filter((member) => member.email === email);
        assert.equal(members.length, 1, `${email}: one member`);
        assert.deepEqual(rows.signups.filter((row) => row.member_id === members[0]!.id).map((row) => row.id), [signup.id], `${email}: exactly the acknowledged signup`);
        const memberships = rows.memberships.filter((row) => row.member_id === members[0]!.id);
        assert.deepEqual(memberships.map((row) => [row.id, row.membership_type_id, row.signup_id]), [[signup.membership.id, 'free', signup.id]], `${email}: its one membership`);
      }
      // Nothing half written: every signup's memberships and member exist, every membership made by a signup has it.
      const signupIds = new Set(rows.signups.map((row) => row.id));
      const membershipIds = new Set(rows.memberships.map((row) => row.id));
      for (const signup of rows.signups) for (const id of signup.membership_ids) assert.ok(membershipIds.has(id), `${signup.id}'s membership ${id}`);
      for (const membership of rows.memberships) if (membership.signup_id) assert.ok(signupIds.has(membership.signup_id), `${membership.id}'s signup`);
      for (const member of rows.members) assert.ok(member.created_by_signup && signupIds.has(member.created_by_signup), `${member.email}'s signup`);
    } finally {
      await storage.close();
    }
  });
});
