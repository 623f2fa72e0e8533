// Staff lists, status filters and exports read many members' statuses at once, in batches of a
// thousand: what they say about each member is what that member's own record says, across the
// batches' edges, with memberships of their own and of their companies.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { memorySuiteHost } from '../src/testing/index.js';
import { sampleRowsForTest } from './helpers.js';
import type { Member } from '@memberkit/sdk';

const sample = sampleRowsForTest('demo');

describe('member statuses read in batches', () => {
  it('the list filtered by status and the export agree with each member’s own record, for 2,300 members over three batches', async () => {
    const host = memorySuiteHost();
    await host.reset();
    const admin = { authorization: 'Bearer sk_test_sandbox' };
    const get = async (path: string) => {
      const answer = await host.api.handle(new Request(`${host.baseUrl}/organizations/demo${path}`, { headers: admin }));
      assert.equal(answer.status, 200, `${path}: ${answer.status === 200 ? "" : await answer.clone().text()}`);
      return answer;
    };
    await host.storage.transaction(async (tx) => {
      for (const c of ['0', '1', '2', '3', '4', 'late']) {
        await tx.insert('companies', { ...sample.companies, id: `co_batch_${c}`, name: `Company ${c}` });
        // Companies 0, 2, 4 and the late one hold a running membership; their members are active through it.
        if (c !== '1' && c !== '3') await tx.insert('memberships', { ...sample.memberships, id: `ms_co_batch_${c}`, member_id: null, company_id: `co_batch_${c}` });
      }
      for (let n = 0; n < 2300; n++) {
        const id = `mem_batch_${String(n).padStart(4, '0')}`;
        // Every seventh member belongs to a company: the same five recur in every batch, and one
        // company's members come only in the last batch.
        const company = n % 7 === 0 ? (n >= 2000 ? 'co_batch_late' : `co_batch_${n % 5}`) : null;
        await tx.insert('members', { ...sample.members, id, email: `batch${n}@example.org`, company_id: company, fields: {} });
        // Every eleventh holds an annual membership of their own, every thirteenth a cancelled-long-ago one.
        if (n % 11 === 0) await tx.insert('memberships', { ...sample.memberships, id: `ms_batch_${n}`, member_id: id });
        if (n % 13 === 0) await tx.insert('memberships', { ...sample.memberships, id: `ms_old_${n}`, member_id: id, starts_on: '2020-01-01', expires_on: '2021-01-01', anchor_on: '2020-01-01', duration: 1, duration_interval_type: 'year' });
      }
    });
    const one = async (id: string) => ((await (await get(`/members/${id}`)).json()) as Member).status;
    const everyId = Array.from({ length: 2300 }, (_, n) => `mem_batch_${String(n).padStart(4, '0')}`);
    const expected = new Map<string, string>();
    for (const id of everyId) expected.set(id, await one(id));
    assert.ok(new Set(expected.values()).size >= 3, `several statuses among them: ${[...new Set(expected.values())].join(', ')}`);

    for (const status of new Set(expected.values())) {
      const listed: string[] = [];
      let after = '';
      for (;;) {
        const page = (await (await get(`/members?q=batch&status=${status}&limit=100${after}`)).json()) as { data: Member[]; has_more: boolean };
        listed.push(...page.data.map((member) => member.id));
        assert.ok(page.data.every((member) => member.status === status));
        if (!page.has_more) break;
        after = `&starting_after=${page.data.at(-1)!.id}`;
      }
      assert.deepEqual(listed, everyId.filter((id) => expected.get(id) === status), `members ${status}`);
    }

    const rows = (await (await get('/members/export?q=batch')).text()).trim().split('\r\n').slice(1).map((row) => row.split(','));
    assert.deepEqual(new Map(rows.map((cells) => [cells[0]!, cells[4]!])), expected);
  });
});
