// The emails a renewal that cannot be charged sends (renewal failed, card needs updating) link
// to the organization's member page (`member_page_url`) with a one-time sign-in ticket in the
// fragment, as the emailed sign-in link does: the widget there exchanges it for a member token
// and offers the renewal. Without the setting, the email asks the member to sign in on the
// organization's site. Through the Stripe adapter on the stand-in, on PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '@memberkit/api';
import { openPostgresStorage, type SqlStorage } from '../src/index.js';
import { renderMail } from '../src/mail/render.js';
import { describePostgres, freshSchema } from './databases.js';
import { useStandInServer } from './stand-in-server.js';

const day = 86_400_000;
const admin = { authorization: 'Bearer sk_test_sandbox', 'content-type': 'application/json' };
const page = 'https://club.example/members';

function linkSuite(name: string, openStorage?: () => Promise<SqlStorage>) {
  let now = Date.now();
  const clock: Clock = {
    now: () => now,
    today: (timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now)),
  };
  const env = useStandInServer({ name, clock, ...(openStorage && { openStorage }) });

  const settings = async (body: unknown) => {
    const response = await fetch(`${env.url}/v1/organizations/demo/settings`, { method: 'POST', headers: admin, body: JSON.stringify(body) });
    assert.equal(response.status, 200, await response.clone().text());
  };
  async function join(email: string, card: string): Promise<{ membership: string; member: string }> {
    const created = (await (
      await fetch(`${env.url}/v1/organizations/demo/signups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `links-${name}-${email}` },
        body: JSON.stringify({ membership_type_id: 'monthly', member: { email, first_name: 'Li', last_name: 'Nk' }, fields: {} }),
      })
    ).json()) as { membership: { id: string }; member: { id: string }; next_action: { client_secret: string } };
    const paid = await fetch(`${env.standIn.origin}/c/api/${created.next_action.client_secret}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: card, exp_month: '12', exp_year: '40', cvc: '123' }),
    });
    assert.equal(paid.status, 200);
    await env.standIn.settled();
    return { membership: created.membership.id, member: created.member.id };
  }
  const messages = (email: string, kind: string) => env.server.storage.transaction((tx) => tx.find('outbox', { organization_id: 'demo', to: email, kind }));
  const organization = async () => (await env.server.storage.transaction((tx) => tx.findOne('organizations', { id: 'demo' })))!;
  /** Runs the lifecycle day by day until `done` (at most 40 days), then puts the clock back. */
  async function runUntil(done: () => Promise<boolean>): Promise<void> {
    const start = now;
    try {
      for (let at = start + day; at < start + 40 * day && !(await done()); at += day) {
        now = at;
        assert.deepEqual((await env.server.api!.runDay('demo', clock.today('America/New_York'))).errors, []);
      }
    } finally {
      now = start;
    }
    assert.ok(await done(), 'the lifecycle got there');
  }
  const exchange = (linkToken: string) =>
    fetch(`${env.url}/v1/organizations/demo/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ link_token: linkToken }) });
  /** The email's link is the member page with a ticket that signs in `member` once. */
  async function assertSignsInOnce(link: unknown, member: string): Promise<void> {
    assert.equal(typeof link, 'string');
    const url = new URL(link as string);
    assert.equal(`${url.origin}${url.pathname}`, page, 'the organization’s member page');
    const ticket = new URLSearchParams(url.hash.slice(1)).get('memberkit-sign-in');
    assert.match(ticket ?? '', /^slt_[0-9a-f]{48}$/, 'the ticket in the fragment, which no server receives');
    const first = await exchange(ticket!);
    const session = (await first.json()) as { member_id: string; token: string };
    assert.equal(first.status, 201, JSON.stringify(session));
    assert.equal(session.member_id, member);
    const me = await fetch(`${env.url}/v1/organizations/demo/me`, { headers: { authorization: `Bearer ${session.token}` } });
    assert.equal(((await me.json()) as { member: { id: string } }).member.id, member, 'a member token of that member');
    const again = await exchange(ticket!);
    assert.equal(again.status, 422);
    assert.equal(((await again.json()) as { reason: string }).reason, 'used', 'used once');
  }

  it('a declined renewal’s email links to the member page with a one-time sign-in ticket, in the text and the HTML', async () => {
    await settings({ embed_origins: ['https://club.example'], member_page_url: page });
    const { member } = await join(`declined-${name}@example.org`, '4000000000000341');
    await runUntil(async () => (await messages(`declined-${name}@example.org`, 'renewal_failed')).length > 0);
    const [failed] = await messages(`declined-${name}@example.org`, 'renewal_failed');
    const link = failed!.data.pay_url;
    const rendered = renderMail('renewal_failed', failed!.data, await organization());
    assert.ok(rendered.text.includes(link as string), 'the rendered text carries the link');
    assert.ok(rendered.html.includes((link as string).replaceAll('&', '&amp;')), 'so does the HTML’s button');
    assert.ok(failed!.text.includes(link as string), 'and the outbox’s plain text');
    await assertSignsInOnce(link, member);
  });

  it('a card-update email (automatic renewal, no card to charge) links the same way', async () => {
    await settings({ embed_origins: ['https://club.example'], member_page_url: page });
    const email = `no-card-${name}@example.org`;
    const { membership, member } = await join(email, '4242424242424242');
    await env.server.storage.transaction((tx) => tx.update('memberships', { organization_id: 'demo', id: membership }, { payment_method: null, payment_customer: null }));
    await runUntil(async () => (await messages(email, 'card_update_needed')).length > 0);
    const [asked] = await messages(email, 'card_update_needed');
    const link = asked!.data.update_url;
    assert.ok(renderMail('card_update_needed', asked!.data, await organization()).text.includes(link as string));
    await assertSignsInOnce(link, member);
  });

  it('without a member page, no link: the emails ask the member to sign in on the organization’s site, in its language', async () => {
    await settings({ member_page_url: null });
    const email = `unlinked-${name}@example.org`;
    await join(email, '4000000000000341');
    await runUntil(async () => (await messages(email, 'renewal_failed')).length > 0);
    const [failed] = await messages(email, 'renewal_failed');
    assert.equal(failed!.data.pay_url, null);
    const org = await organization();
    const english = renderMail('renewal_failed', failed!.data, org);
    assert.doesNotMatch(english.text, /https?:\/\//, 'no link at all');
    assert.match(english.text, new RegExp(`sign in on the ${org.name} website`));
    assert.match(renderMail('renewal_failed', failed!.data, { ...org, locale: 'fr-FR' }).text, /connectez-vous sur le site de/);
    assert.match(renderMail('card_update_needed', { ...failed!.data, update_url: null }, { ...org, locale: 'de-DE' }).text, /Website von/);
    assert.match(failed!.text, /sign in on .*'s website/);
  });
}

describe('renewal emails link to the member page (PGlite)', () => linkSuite('links'));

describePostgres('renewal emails link to the member page (PostgreSQL)', (url) => {
  linkSuite('linkspg', () => openPostgresStorage({ url, schema: freshSchema(), poolSize: 5 }));
});
