// Automatic renewals on the server through Stripe (the stand-in service): the lifecycle charges
// the card the signup's checkout saved, off session, with one idempotency key per membership,
// term and attempt. A good card renews on the first attempt day; a card saved and then declined
// fails three times and the membership is terminated, the member told each time; a card that
// needs authentication waits for the member, who authenticates on the page the charge names,
// and the next attempt finds it paid.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '@memberkit/api';
import { useStandInServer } from './stand-in-server.js';

const day = 86_400_000;

describe('automatic renewals charged on Stripe', () => {
  let now = Date.now();
  const clock: Clock = {
    now: () => now,
    today: (timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now)),
  };
  const env = useStandInServer({ name: 'renewals', clock });

  async function join(email: string, card: string): Promise<string> {
    const created = (await (
      await fetch(`${env.url}/v1/organizations/demo/signups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `renewal-${email}` },
        body: JSON.stringify({ membership_type_id: 'monthly', member: { email, first_name: 'Re', last_name: 'New' }, fields: {} }),
      })
    ).json()) as { id: string; membership: { id: string }; next_action: { client_secret: string } };
    const paid = await fetch(`${env.standIn.origin}/c/api/${created.next_action.client_secret}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: card, exp_month: '12', exp_year: '40', cvc: '123' }),
    });
    assert.equal(paid.status, 200);
    await env.standIn.settled();
    return created.membership.id;
  }
  const membership = (id: string) => env.server.storage.transaction(async (tx) => (await tx.findOne('memberships', { organization_id: 'demo', id }))!);
  const mail = (email: string) => env.server.storage.transaction(async (tx) => (await tx.find('outbox', { organization_id: 'demo', to: email })).map((message) => message.kind));
  const offSessionCharges = (membershipId: string) => Object.values(env.standIn.snapshot().payment_intents).filter((intent) => intent.metadata.membership_id === membershipId);

  it('renewed, failed three times and terminated, and authenticated by the member: each as Stripe answers the saved card', async () => {
    const good = await join('good@example.org', '4242424242424242');
    const failing = await join('failing@example.org', '4000000000000341');
    const sca = await join('sca@example.org', '4000002760003184');
    const expires = (await membership(good)).expires_on!;
    assert.ok((await membership(good)).payment_method, 'the checkout saved the card');
    const outcomes: Record<string, string[]> = {};
    const note = (kind: string, ids: string[]) => {
      for (const id of ids) (outcomes[id] ??= []).push(kind);
    };
    const start = now;
    try {
      for (let at = start + day; clock.today('UTC') <= new Date(Date.parse(expires) + 9 * day).toISOString().slice(0, 10); at += day) {
        now = at;
        const today = clock.today('America/New_York');
        const report = await env.server.api!.runDay('demo', today);
        assert.deepEqual(report.errors, [], today);
        note('renewed', report.renewed);
        note('failed', report.failed);
        note('terminated', report.terminated);
        note('waiting', report.waiting);
        // The same day again changes nothing, and charges nothing more.
        const charges = Object.keys(env.standIn.snapshot().payment_intents).length;
        const again = await env.server.api!.runDay('demo', today);
        assert.deepEqual([again.renewed, again.failed, again.terminated], [[], [], []], today);
        assert.equal(Object.keys(env.standIn.snapshot().payment_intents).length, charges);
        if (report.waiting.includes(sca)) {
          const [charge] = offSessionCharges(sca).filter((intent) => intent.status === 'requires_action');
          assert.ok(charge, 'the charge waits for the member');
          // Against Stripe itself the member confirms on the server's page, with Stripe.js.
          const ours = await fetch(`${env.url}/payments/authenticate/demo/${charge.id}`);
          assert.equal(ours.status, 200);
          assert.match(ours.headers.get('content-security-policy')!, /script-src 'self' https:\/\/js\.stripe\.com/);
          assert.match(await ours.text(), new RegExp(`data-client-secret="${charge.client_secret}"`));
          assert.equal((await fetch(`${env.url}/payments/authenticate/demo-jpy/${charge.id}`)).status, 404, 'another organization’s link finds nothing');
          const action = charge.next_action!;
          assert.equal(action.type, 'redirect_to_url', 'off session, the member authenticates on the bank’s page');
          const page = action.type === 'redirect_to_url' ? action.redirect_to_url.url : '';
          assert.equal((await fetch(page)).status, 200);
          await fetch(page, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'succeed' }) });
        }
      }
    } finally {
      now = start;
    }
    assert.deepEqual(outcomes[good], ['renewed']);
    assert.deepEqual(offSessionCharges(good).map((intent) => [intent.status, intent.amount_received]), [['succeeded', 900]]);
    assert.deepEqual(outcomes[failing]?.slice(0, 3), ['failed', 'failed', 'terminated'], 'the third failure terminates it (reported again the day it takes effect)');
    assert.equal((await membership(failing)).state, 'terminated');
    assert.equal(offSessionCharges(failing).length, 3, 'one charge per attempt');
    assert.ok(offSessionCharges(failing).every((intent) => intent.amount_received === 0), 'nothing charged');
    assert.deepEqual(outcomes[sca], ['failed', 'waiting', 'renewed'], 'a failed attempt waiting for the member; authenticated, then found paid');
    assert.equal(offSessionCharges(sca).filter((intent) => intent.status === 'succeeded').length, 1);
    const paidCharge = offSessionCharges(sca).find((intent) => intent.status === 'succeeded')!;
    assert.match(await (await fetch(`${env.url}/payments/authenticate/demo/${paidCharge.id}`)).text(), /This payment is complete/);
    assert.deepEqual(await mail('good@example.org'), ['receipt', 'receipt'], 'the signup’s receipt and the renewal’s');
    assert.deepEqual(await mail('failing@example.org'), ['receipt', 'renewal_failed', 'renewal_failed', 'renewal_failed', 'membership_terminated']);
    assert.deepEqual(await mail('sca@example.org'), ['receipt', 'renewal_failed', 'receipt']);
    const asked = await env.server.storage.transaction(async (tx) => (await tx.find('outbox', { organization_id: 'demo', to: 'sca@example.org', kind: 'renewal_failed' }))[0]!);
    assert.match(asked.text, new RegExp(`${env.standIn.origin}/authenticate/`), 'the message links to the page where the member authenticates the charge');
  });

  it('a day run twice at once (two instances, several memberships each at a time): every membership renewed and charged once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await join(`together-${i}@example.org`, '4242424242424242'));
    const renewsOn = (await membership(ids[0]!)).expires_on!;
    const start = now;
    const renewed: string[] = [];
    try {
      for (let at = start + day; clock.today('UTC') <= new Date(Date.parse(renewsOn) + 2 * day).toISOString().slice(0, 10); at += day) {
        now = at;
        const today = clock.today('America/New_York');
        const reports = await Promise.all([env.server.api!.runDay('demo', today), env.server.api!.runDay('demo', today)]);
        for (const report of reports) {
          assert.deepEqual(report.errors, [], today);
          renewed.push(...report.renewed.filter((id) => ids.includes(id)));
        }
      }
    } finally {
      now = start;
    }
    assert.deepEqual([...renewed].sort(), [...ids].sort(), 'each renewed once, by one of the two runs');
    for (const id of ids) {
      assert.deepEqual(offSessionCharges(id).map((intent) => [intent.status, intent.amount_received]), [['succeeded', 900]], id);
      assert.notEqual((await membership(id)).expires_on, renewsOn, 'its term moved on');
    }
    for (let i = 0; i < 6; i++) assert.deepEqual(await mail(`together-${i}@example.org`), ['receipt', 'receipt'], 'one renewal receipt');
  });
});
