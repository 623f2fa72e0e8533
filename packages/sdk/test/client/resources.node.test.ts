import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { MemberkitError } from '../../src/core/errors.js';
import { ListPage } from '../../src/core/pagination.js';
import type { Member, Membership } from '../../src/schemas/index.js';
import { alice, aliceAnnual, annual, signup, signupConfig } from '../schemas/fixtures.js';
import { client, orgUrl, problem, useServer } from './helpers.js';

const server = useServer();

const members: Member[] = Array.from({ length: 5 }, (_, i) => ({ ...alice, id: `mem_${i}`, email: `m${i}@example.org` }));

/** Serves `members` two per page by `starting_after`; records each query. */
const pagedMembers = () => {
  const queries: string[] = [];
  server.use(
    http.get(`${orgUrl}/members`, ({ request }) => {
      const url = new URL(request.url);
      queries.push(url.search);
      const after = url.searchParams.get('starting_after');
      const start = after ? members.findIndex((m) => m.id === after) + 1 : 0;
      return HttpResponse.json({ data: members.slice(start, start + 2), has_more: start + 2 < members.length });
    }),
  );
  return queries;
};

describe('lists are pages, and for await walks every item across pages', () => {
  it('await gives the first page with data and has_more', async () => {
    pagedMembers();
    const page = await client({ secretKey: 'sk_test_sandbox' }).members.list({ limit: 2 });
    assert.ok(page instanceof ListPage);
    assert.deepEqual(
      page.data.map((m) => m.id),
      ['mem_0', 'mem_1'],
    );
    assert.equal(page.has_more, true);
    const next = await page.getNextPage();
    assert.deepEqual(
      next.data.map((m) => m.id),
      ['mem_2', 'mem_3'],
    );
  });
  it('for await over the call yields all 5 members, asking with starting_after the last id', async () => {
    const queries = pagedMembers();
    const ids: string[] = [];
    for await (const member of client({ secretKey: 'sk_test_sandbox' }).members.list({ limit: 2 })) ids.push(member.id);
    assert.deepEqual(ids, ['mem_0', 'mem_1', 'mem_2', 'mem_3', 'mem_4']);
    assert.deepEqual(queries, ['?limit=2', '?limit=2&starting_after=mem_1', '?limit=2&starting_after=mem_3']);
  });
  it('memberships.list sends status and member_id; a last page has no next page', async () => {
    let query = '';
    server.use(
      http.get(`${orgUrl}/memberships`, ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json({ data: [aliceAnnual], has_more: false });
      }),
    );
    const page = await client({ secretKey: 'sk_test_sandbox' }).memberships.list({ status: 'active', member_id: 'mem_alice' });
    assert.equal(query, '?status=active&member_id=mem_alice');
    assert.equal(page.hasNextPage(), false);
    await assert.rejects(page.getNextPage(), MemberkitError);
  });
});

describe('path parameters are encoded segment by segment; . and .. are refused', () => {
  it('an id with a slash and a space stays one segment', async () => {
    let pathname = '';
    server.use(
      http.get(`${orgUrl}/signups/:id`, ({ request }) => {
        pathname = new URL(request.url).pathname;
        return HttpResponse.json(signup);
      }),
    );
    await client().signups.retrieve('su 1/../x');
    assert.equal(pathname, '/v1/organizations/demo/signups/su%201%2F..%2Fx');
  });
  for (const id of ['..', '.', '']) {
    it(`id ${JSON.stringify(id)} is refused before any request`, async () => {
      await assert.rejects(client().membershipTypes.retrieve(id), MemberkitError);
    });
  }
  it('an organization ".." is refused when the client is created', () => {
    assert.throws(() => client({ organization: '..' }), MemberkitError);
  });
});

describe('each resource calls its endpoint', () => {
  it('signupConfig.retrieve sends membership_type and invitation as the query', async () => {
    let query = '';
    server.use(
      http.get(`${orgUrl}/signup-config`, ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json(signupConfig);
      }),
    );
    const config = await client().signupConfig.retrieve({ membership_type: 'founders', invitation: 'FOUNDERS-2026' });
    assert.equal(query, '?membership_type=founders&invitation=FOUNDERS-2026');
    assert.equal(config.payment?.publishable_key, 'pk_test_sandbox');
  });
  it('membershipTypes.list, discounts.validate body, signups.create body and 201', async () => {
    let discountBody: unknown;
    let signupBody: unknown;
    server.use(
      http.get(`${orgUrl}/membership-types`, () => HttpResponse.json({ data: [annual], has_more: false })),
      http.post(`${orgUrl}/discounts/validate`, async ({ request }) => {
        discountBody = await request.json();
        return HttpResponse.json({
          code: 'SAVE10',
          percent_off: null,
          amount_off: 1000,
          currency: 'USD',
          membership_type_ids: null,
          valid_from: null,
          valid_until: null,
          max_redemptions: null,
          times_redeemed: 0,
        });
      }),
      http.post(`${orgUrl}/signups`, async ({ request }) => {
        signupBody = await request.json();
        return HttpResponse.json(signup, { status: 201 });
      }),
    );
    const c = client();
    const types = [];
    for await (const t of c.membershipTypes.list()) types.push(t.id);
    assert.deepEqual(types, ['annual']);
    assert.equal((await c.discounts.validate({ code: 'SAVE10', membership_type_id: 'annual' })).amount_off, 1000);
    assert.deepEqual(discountBody, { code: 'SAVE10', membership_type_id: 'annual' });
    const params = {
      membership_type_id: 'annual',
      member: { email: 'bob@example.org', first_name: 'Bob', last_name: 'Stone' },
      fields: { terms: true },
      discount_code: 'SAVE10',
    };
    const created = await c.signups.create(params);
    assert.deepEqual(signupBody, params);
    assert.equal(created.next_action.type, 'payment');
  });
  it('me.memberships.renew(id, options): snake_case choices go in the body, the rest are request options', async () => {
    let body: unknown;
    let key: string | null = null;
    server.use(
      http.post(`${orgUrl}/me/memberships/ms_1/renew`, async ({ request }) => {
        body = await request.json();
        key = request.headers.get('idempotency-key');
        return HttpResponse.json({ ...signup, next_action: { type: 'none' } }, { status: 201 });
      }),
    );
    const renewal = await client({ token: 'mt_alice' }).me.memberships.renew('ms_1', {
      auto_renew: true,
      checkout: { ui_mode: 'hosted_page' },
      locale: 'fr-CA',
      idempotencyKey: 'renew-ms_1-2026',
      timeout: 5000,
    });
    assert.deepEqual(body, { auto_renew: true, checkout: { ui_mode: 'hosted_page' }, locale: 'fr-CA' });
    assert.equal(key, 'renew-ms_1-2026');
    assert.equal(renewal.next_action.type, 'none');
  });
  it('memberships.refund(id, params): POST …/refunds with the params as the body and an Idempotency-Key, the same on a retry; answers the typed membership', async () => {
    const requests: { method: string; path: string; body: unknown; key: string | null; auth: string | null }[] = [];
    const refunded: Membership = {
      ...aliceAnnual,
      status: 'terminated',
      terms: [
        {
          kind: 'new',
          starts_on: '2020-06-20',
          expires_on: '2021-06-20',
          amount_paid: 6000,
          currency: 'USD',
          paid_at: '2020-06-20T14:00:00.000Z',
          payment_reference: 'pi_123',
          refunds: [{ id: 're_123', amount: 6000, refunded_at: '2020-07-01T09:00:00.000Z', reason: 'Moved away' }],
        },
      ],
    };
    let failures = 1;
    server.use(
      http.post(`${orgUrl}/memberships/:id/refunds`, async ({ request }) => {
        requests.push({ method: request.method, path: new URL(request.url).pathname.slice(new URL(orgUrl).pathname.length + 1), body: await request.json(), key: request.headers.get('idempotency-key'), auth: request.headers.get('authorization') });
        // The first answer is lost to a 503: the retry must carry the same key (one refund).
        if (failures-- > 0) return problem(503, 'service_unavailable');
        return HttpResponse.json(refunded);
      }),
    );
    const c = client({ secretKey: 'sk_test_sandbox' });
    const membership = await c.memberships.refund('ms_1', { reason: 'Moved away' });
    assert.equal(requests.length, 2);
    assert.deepEqual(requests[0], { method: 'POST', path: 'memberships/ms_1/refunds', body: { reason: 'Moved away' }, key: requests[0]!.key, auth: 'Bearer sk_test_sandbox' });
    assert.match(requests[0]!.key ?? '', /\S{16,}/, 'a key is made when none is given');
    assert.equal(requests[1]!.key, requests[0]!.key, 'the retry is the same refund');
    assert.equal(membership.status, 'terminated');
    assert.deepEqual(membership.terms?.[0]?.refunds?.map((refund) => [refund.id, refund.amount, refund.reason]), [['re_123', 6000, 'Moved away']]);

    requests.length = 0;
    await c.memberships.refund('ms/2', { amount: 1500, keep_access: true }, { idempotencyKey: 'refund-ms2-1' });
    assert.deepEqual(requests.map((request) => [request.path, request.body, request.key]), [['memberships/ms%2F2/refunds', { amount: 1500, keep_access: true }, 'refund-ms2-1']], 'the id is one path segment; the given key is sent');
  });
  it('memberships.refund refuses an answer that is not a membership (strict validation)', async () => {
    server.use(http.post(`${orgUrl}/memberships/ms_1/refunds`, () => HttpResponse.json({ id: 'ms_1', status: 'terminated' })));
    await assert.rejects(client({ secretKey: 'sk_test_sandbox' }).memberships.refund('ms_1'), MemberkitError);
  });
  it('admin: members by email, companies add/remove member, permissions of a member', async () => {
    const company = { id: 'co_1', name: 'Acme', member_ids: ['mem_alice'], created_at: '2026-03-01T10:00:00Z' };
    const calls: string[] = [];
    server.use(
      http.get(`${orgUrl}/members`, ({ request }) => {
        calls.push(`GET members${new URL(request.url).search}`);
        return HttpResponse.json({ data: [alice], has_more: false });
      }),
      http.post(`${orgUrl}/companies/co_1/members`, async ({ request }) => {
        calls.push(`POST members ${JSON.stringify(await request.json())}`);
        return HttpResponse.json(company);
      }),
      http.delete(`${orgUrl}/companies/co_1/members/mem_alice`, () => {
        calls.push('DELETE member');
        return HttpResponse.json({ ...company, member_ids: [] });
      }),
      http.get(`${orgUrl}/members/mem_alice/permissions`, () =>
        HttpResponse.json({ permissions: ['member-area'], granted_by: [{ membership_id: 'ms_1', via_company: true }] }),
      ),
    );
    const c = client({ secretKey: 'sk_test_sandbox' });
    const found = await c.members.list({ email: 'alice@example.org' });
    assert.equal(found.data[0]?.id, 'mem_alice');
    await c.companies.addMember('co_1', 'mem_alice');
    assert.deepEqual((await c.companies.removeMember('co_1', 'mem_alice')).member_ids, []);
    assert.deepEqual((await c.permissions.retrieve('mem_alice')).granted_by, [{ membership_id: 'ms_1', via_company: true }]);
    assert.deepEqual(calls, ['GET members?email=alice%40example.org', 'POST members {"member_id":"mem_alice"}', 'DELETE member']);
  });
});
