// Card updates on the server through Stripe's Billing Portal (the stand-in service): the member's
// POST /me/memberships/{id}/card-update-session opens a portal session of their customer, with a
// way back (the organization's page they came from, else the server's own page); the card they
// save there is the customer's default, and the next renewal charges it, not the signup's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '@memberkit/api';
import { useStandInServer } from './stand-in-server.js';

const day = 86_400_000;

describe('card updates through the Billing Portal', () => {
  let now = Date.now();
  const clock: Clock = {
    now: () => now,
    today: (timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now)),
  };
  const env = useStandInServer({ name: 'card_update', clock });

  const card = (number: string) => JSON.stringify({ number, exp_month: '12', exp_year: '40', cvc: '123' });

  it('the member saves a new card on the portal page, comes back, and the next renewal charges that card', async () => {
    const created = (await (
      await fetch(`${env.url}/v1/organizations/demo/signups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'card-update-join' },
        body: JSON.stringify({ membership_type_id: 'monthly', member: { email: 'card@example.org', first_name: 'Car', last_name: 'D' }, fields: {} }),
      })
    ).json()) as { id: string; member: { id: string }; membership: { id: string }; next_action: { client_secret: string } };
    const paid = await fetch(`${env.standIn.origin}/c/api/${created.next_action.client_secret}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: card('4242424242424242') });
    assert.equal(paid.status, 200);
    await env.standIn.settled();
    const membershipId = created.membership.id;
    const signupCard = (await env.server.storage.transaction((tx) => tx.findOne('memberships', { organization_id: 'demo', id: membershipId })))!;
    assert.ok(signupCard.payment_method && signupCard.payment_customer, 'the checkout saved the card');

    const token = (await env.server.memberTokens.issue('demo', created.member.id, null)).token;
    let keys = 0;
    const open = (body?: unknown) =>
      fetch(`${env.url}/v1/organizations/demo/me/memberships/${membershipId}/card-update-session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `card-update-${++keys}` },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });

    // No page of the organization's given: the portal's way back is the server's own page.
    const plain = await open();
    assert.equal(plain.status, 201);
    const session = (await plain.json()) as { id: string; membership_id: string; url: string };
    assert.equal(session.membership_id, membershipId);
    assert.match(session.id, /^bps_/);
    assert.equal(new URL(session.url).origin, env.standIn.origin, 'the portal is Stripe’s page');
    const portal = env.standIn.billingPortalSession(session.id)!;
    assert.equal(portal.customer, signupCard.payment_customer, 'the member’s own customer');
    assert.equal(portal.return_url, `${env.url}/payments/card-updated`);
    const back = await fetch(portal.return_url!);
    assert.equal(back.status, 200);
    assert.match(back.headers.get('content-security-policy')!, /default-src 'none'/);
    assert.match(await back.text(), /it is saved and your next renewal charges it/);

    // The organization's page the member came from, when it is one of its embed origins.
    const fromAccount = (await (await open({ return_url: 'http://localhost:4400/account' })).json()) as { id: string };
    assert.equal(env.standIn.billingPortalSession(fromAccount.id)!.return_url, 'http://localhost:4400/account');
    const elsewhere = await open({ return_url: 'https://evil.example/' });
    assert.equal(elsewhere.status, 422);
    assert.equal(((await elsewhere.json()) as { errors: { code: string }[] }).errors[0]!.code, 'invalid_redirect');

    // On the portal page: a refused card is not saved; one that Stripe takes (and that will be
    // declined at renewal, to tell the two cards apart) becomes the customer's default.
    const page = await fetch(session.url);
    assert.equal(page.status, 200);
    const save = (number: string) => fetch(session.url.replace('/p/session/', '/p/api/'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: card(number) });
    assert.equal((await save('4000000000000002')).status, 402);
    const saved = await save('4000000000000341');
    assert.equal(saved.status, 200);
    assert.equal(((await saved.json()) as { redirect_url: string }).redirect_url, `${env.url}/payments/card-updated`, 'back to the server’s page');
    const replacement = env.standIn.customers().find((customer) => customer.id === signupCard.payment_customer)!.invoice_settings.default_payment_method;
    assert.ok(replacement && replacement !== signupCard.payment_method);

    // The renewal's first attempt day: the portal's card is charged (and declines), not the signup's.
    const expires = Date.parse(signupCard.expires_on!);
    const start = now;
    let failed: string[] = [];
    try {
      for (let at = start + day; failed.length === 0 && at < expires + 2 * day; at += day) {
        now = at;
        const report = await env.server.api!.runDay('demo', clock.today('America/New_York'));
        assert.deepEqual(report.errors, []);
        assert.deepEqual(report.renewed, [], 'the signup’s good card is not the one charged');
        failed = report.failed;
      }
    } finally {
      now = start;
    }
    assert.deepEqual(failed, [membershipId]);
    const charges = Object.values(env.standIn.snapshot().payment_intents).filter((intent) => intent.metadata.membership_id === membershipId);
    assert.deepEqual(charges.map((intent) => intent.payment_method), [replacement]);
  });
});
