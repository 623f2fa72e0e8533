// The page a signup's checkout happens on, asked for by the signup itself (`checkout.ui_mode`):
// MEMBERKIT_CHECKOUT_UI_MODE is the server's default, and a widget that cannot show Stripe's card
// form (the framed widget) asks for the hosted page, which the member pays on and comes back from
// to the server's completion page. Through the Stripe adapter on the stand-in service.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createServer, openPgliteStorage, parseConfig, type MemberkitServer } from '../src/index.js';
import { StripeStandIn } from '../src/payments/stand-in/stand-in.js';

const webhookSecret = 'whsec_test_checkout_page';

describe('the checkout page a signup asks for', () => {
  let standIn: StripeStandIn;
  const servers: MemberkitServer[] = [];

  async function start(uiMode?: 'embedded_page' | 'hosted_page'): Promise<{ server: MemberkitServer; url: string }> {
    const config = parseConfig(
      {
        PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STRIPE_SECRET_KEY: 'sk_test_checkout_page', STRIPE_WEBHOOK_SECRET: webhookSecret,
        MEMBERKIT_STRIPE_API_URL: standIn.origin, MEMBERKIT_LIFECYCLE_INTERVAL: '0', ...(uiMode && { MEMBERKIT_CHECKOUT_UI_MODE: uiMode }),
      },
      { demo: true },
    );
    const server = await createServer(config, { storage: await openPgliteStorage() });
    servers.push(server);
    return { server, url: await server.listen() };
  }

  before(async () => {
    standIn = new StripeStandIn({ retryDelays: [] });
    await standIn.listen();
  });
  after(async () => {
    for (const server of servers) await server.close();
    await standIn?.close();
  });

  let count = 0;
  async function join(url: string, checkout?: unknown) {
    const email = `page-${++count}@example.org`;
    const response = await fetch(`${url}/v1/organizations/demo/signups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `checkout-page-${count}` },
      body: JSON.stringify({ membership_type_id: 'monthly', member: { email, first_name: 'Pa', last_name: 'Ge' }, fields: {}, ...(checkout !== undefined && { checkout }) }),
    });
    return { email, status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  it('on an embedded-page server, a signup asking for the hosted page gets Stripe’s page, pays there and completes', async () => {
    const { url } = await start();
    const plain = await join(url);
    assert.equal(plain.body.next_action.ui_mode, 'embedded_page', 'unsaid: the server’s default');
    assert.equal(typeof plain.body.next_action.client_secret, 'string');

    const hosted = await join(url, { ui_mode: 'hosted_page' });
    assert.equal(hosted.status, 201);
    assert.equal(hosted.body.status, 'awaiting_payment');
    assert.equal(hosted.body.next_action.ui_mode, 'hosted_page');
    assert.equal(hosted.body.next_action.client_secret, undefined, 'no secret for a page the widget does not mount');
    const page = new URL(hosted.body.next_action.url);
    assert.equal(page.origin, standIn.origin);
    const session = [...Object.values(standIn.snapshot().checkout_sessions)].find((candidate) => candidate.client_reference_id === hosted.body.id)!;
    assert.equal(session.ui_mode, 'hosted_page', 'the Checkout Session itself is a hosted one');
    assert.equal(session.success_url, `${url}/checkout/complete?session_id={CHECKOUT_SESSION_ID}`, 'the member comes back to the server’s page');
    assert.equal((await fetch(page)).status, 200);
    const key = page.pathname.split('/').at(-1)!;
    const paid = await fetch(`${standIn.origin}/c/api/${key}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: '4242424242424242', exp_month: '12', exp_year: '40', cvc: '123' }),
    });
    assert.equal(paid.status, 200);
    assert.equal(((await paid.json()) as { redirect_url: string }).redirect_url, `${url}/checkout/complete?session_id=${session.id}`);
    const polled = (await (await fetch(`${url}/v1/organizations/demo/signups/${hosted.body.id}`)).json()) as { status: string };
    assert.equal(polled.status, 'completed');

    const embedded = await join(url, { ui_mode: 'embedded_page' });
    assert.equal(embedded.body.next_action.ui_mode, 'embedded_page');
  });

  it('on a hosted-page server (MEMBERKIT_CHECKOUT_UI_MODE=hosted_page), a signup may ask for the embedded page', async () => {
    const { url } = await start('hosted_page');
    assert.equal((await join(url)).body.next_action.ui_mode, 'hosted_page');
    const embedded = await join(url, { ui_mode: 'embedded_page' });
    assert.equal(embedded.body.next_action.ui_mode, 'embedded_page');
    assert.match(embedded.body.next_action.client_secret, /_secret_/);
  });

  /** The Checkout Session the stand-in opened for signup `id`. */
  const sessionOf = (id: string) => Object.values(standIn.snapshot().checkout_sessions).find((candidate) => candidate.client_reference_id === id)!;

  let renewals = 0;
  async function renew(server: MemberkitServer, url: string, body: unknown) {
    const token = (await server.memberTokens.issue('demo', 'mem_alice', null)).token;
    const response = await fetch(`${url}/v1/organizations/demo/me/memberships/ms_alice_annual/renew`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `checkout-page-renewal-${++renewals}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  it('a renewal by hand is paid on the page it asks for, as a signup is: hosted on an embedded-page server, embedded on a hosted-page one', async () => {
    const embeddedServer = await start();
    const hosted = await renew(embeddedServer.server, embeddedServer.url, { checkout: { ui_mode: 'hosted_page' } });
    assert.equal(hosted.status, 201, JSON.stringify(hosted.body));
    assert.equal(hosted.body.next_action.ui_mode, 'hosted_page');
    assert.equal(new URL(hosted.body.next_action.url).origin, standIn.origin);
    assert.equal(sessionOf(hosted.body.id).ui_mode, 'hosted_page', 'the Checkout Session itself is a hosted one');
    assert.equal(sessionOf(hosted.body.id).locale, 'auto', 'no locale said: auto');
    const unsaid = await renew(embeddedServer.server, embeddedServer.url, { locale: 'fr' });
    assert.equal(unsaid.body.next_action.ui_mode, 'embedded_page', 'unsaid: the server’s default');
    assert.equal(sessionOf(unsaid.body.id).locale, 'fr', 'a renewal by hand in the French member’s language');

    const hostedServer = await start('hosted_page');
    const embedded = await renew(hostedServer.server, hostedServer.url, { checkout: { ui_mode: 'embedded_page' } });
    assert.equal(embedded.body.next_action.ui_mode, 'embedded_page');
    assert.match(embedded.body.next_action.client_secret, /_secret_/);
    assert.equal(sessionOf(embedded.body.id).ui_mode, 'embedded_page');

    const refused = await renew(hostedServer.server, hostedServer.url, { checkout: { ui_mode: 'popup' } });
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.body.errors.map((error: { field: string; code: string }) => [error.field, error.code]), [['checkout.ui_mode', 'invalid_value']]);
  });

  it('an application keeps the page its signup asked for: the checkout staff’s approval opens is on it', async () => {
    const { url } = await start();
    const admin = { authorization: 'Bearer sk_test_sandbox', 'content-type': 'application/json' };
    const apply = async (checkout?: unknown, locale?: string) => {
      const response = await fetch(`${url}/v1/organizations/demo/signups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `checkout-page-application-${++count}` },
        body: JSON.stringify({
          membership_type_id: 'committee',
          member: { email: `applicant-${count}@example.org`, first_name: 'Ap', last_name: 'Plicant' },
          fields: { motivation: 'I would like to help run the club.' },
          ...(checkout !== undefined && { checkout }),
          ...(locale !== undefined && { locale }),
        }),
      });
      const body = (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.equal(response.status, 201, JSON.stringify(body));
      assert.equal(body.status, 'awaiting_approval');
      return body;
    };
    const approve = async (id: string) => {
      const response = await fetch(`${url}/v1/organizations/demo/applications/${id}/approve`, { method: 'POST', headers: admin });
      assert.equal(response.status, 200);
      return (await (await fetch(`${url}/v1/organizations/demo/signups/${id}`)).json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const framed = await apply({ ui_mode: 'hosted_page' }, 'es-ES');
    const plain = await apply();
    const approvedFramed = await approve(framed.id);
    assert.equal(approvedFramed.status, 'awaiting_payment');
    assert.equal(approvedFramed.next_action.ui_mode, 'hosted_page', 'the page the application asked for');
    assert.equal(approvedFramed.next_action.client_secret, undefined);
    assert.equal(sessionOf(framed.id).ui_mode, 'hosted_page');
    assert.equal(sessionOf(framed.id).locale, 'es', 'the applicant’s language, kept until staff approve');
    const approvedPlain = await approve(plain.id);
    assert.equal(approvedPlain.next_action.ui_mode, 'embedded_page', 'unsaid: the server’s default');
    assert.equal(sessionOf(plain.id).ui_mode, 'embedded_page');
  });

  it('the Checkout Session a paid signup opens: mode payment, the quote’s total as price_data (a discount, a donation), authorized only, the card saved when the membership renews automatically, the member’s one customer reused, the member’s locale (not the organization’s; `auto` when unknown), metadata linking session and signup', async () => {
    const { url } = await start();
    const signUp = async (organization: string, body: Record<string, unknown>) => {
      const response = await fetch(`${url}/v1/organizations/${organization}/signups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `checkout-session-${++count}` },
        body: JSON.stringify({ fields: {}, ...body }),
      });
      const created = (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.equal(response.status, 201, JSON.stringify(created));
      assert.equal(created.status, 'awaiting_payment');
      return { created, session: sessionOf(created.id) };
    };
    const member = { email: 'session-shape@example.org', first_name: 'Ses', last_name: 'Sion' };

    const monthly = await signUp('demo', { membership_type_id: 'monthly', member, discount_code: 'WELCOME20', locale: 'fr-FR' });
    assert.equal(monthly.created.quote.total, 720);
    assert.deepEqual(
      [monthly.session.mode, monthly.session.amount_total, monthly.session.currency, monthly.session.stand_in.line_item, monthly.session.locale],
      ['payment', 720, 'usd', 'Monthly', 'fr'],
      'one line of the quote’s total (900 less 20%), no Stripe price; a French member (fr-FR) of an en-US organization pays in Stripe’s fr',
    );
    assert.deepEqual([monthly.session.stand_in.capture_method, monthly.session.stand_in.setup_future_usage], ['manual', 'off_session'], 'authorized only; the card kept for the renewals');
    assert.equal(monthly.session.client_reference_id, monthly.created.id);
    const link = { organization_id: 'demo', signup_id: monthly.created.id, member_id: monthly.created.member.id };
    for (const metadata of [monthly.session.metadata, monthly.session.stand_in.payment_intent_metadata]) {
      assert.deepEqual({ organization_id: metadata.organization_id, signup_id: metadata.signup_id, member_id: metadata.member_id }, link);
    }
    const [customer] = standIn.customers().filter((candidate) => candidate.email === member.email);
    assert.equal(monthly.session.customer, customer!.id);

    const donation = await signUp('demo', { membership_type_id: 'supporter', member, amount: 2500 });
    assert.deepEqual([donation.session.amount_total, donation.session.stand_in.setup_future_usage], [2500, null], 'the member’s amount; no renewal, no card kept');
    assert.equal(donation.session.locale, 'auto', 'no locale said: Stripe picks the member’s browser language, not the organization’s en');
    assert.equal(donation.session.customer, customer!.id, 'the member’s customer again');
    assert.equal(standIn.customers().filter((candidate) => candidate.email === member.email).length, 1);

    const tennis = await signUp('demo-sections', { membership_type_id: 'tennis', member: { ...member, email: 'session-shape-de@example.org' }, locale: 'fr-CA' });
    assert.deepEqual([tennis.session.amount_total, tennis.session.currency, tennis.session.locale], [12000, 'eur', 'fr-CA'], 'a German club’s Québécois member pays in Stripe’s fr-CA');
    const arabic = await signUp('demo-sections', { membership_type_id: 'tennis', member: { ...member, email: 'session-shape-ar@example.org' }, locale: 'ar-KW' });
    assert.equal(arabic.session.locale, 'auto', 'a language Checkout does not speak: auto, not the club’s German');
  });

  it('a locale that is no language tag is refused by name, and no Checkout Session opens', async () => {
    const { url } = await start();
    const sessions = Object.keys(standIn.snapshot().checkout_sessions).length;
    const response = await fetch(`${url}/v1/organizations/demo/signups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `checkout-locale-${++count}` },
      body: JSON.stringify({ membership_type_id: 'monthly', member: { email: 'bad-locale@example.org', first_name: 'Ba', last_name: 'D' }, fields: {}, locale: 'not a tag!' }),
    });
    const body = (await response.json()) as { errors: { field: string; code: string }[] };
    assert.equal(response.status, 422);
    assert.deepEqual(body.errors.map((error) => [error.field, error.code]), [['locale', 'invalid_locale']]);
    assert.equal(Object.keys(standIn.snapshot().checkout_sessions).length, sessions);
  });

  it('a page that is not one of the two, or not in an object, is refused by name, and nothing is stored', async () => {
    const { server, url } = await start();
    const sessions = Object.keys(standIn.snapshot().checkout_sessions).length;
    for (const [checkout, code] of [[{ ui_mode: 'popup' }, 'invalid_value'], ['hosted_page', 'invalid_type'], [{}, 'required']] as const) {
      const refused = await join(url, checkout);
      assert.equal(refused.status, 422, JSON.stringify(checkout));
      assert.equal(refused.body.code, 'validation_failed');
      assert.deepEqual(refused.body.errors.map((error: { field: string; code: string }) => [error.field, error.code]), [[typeof checkout === 'string' ? 'checkout' : 'checkout.ui_mode', code]]);
      const member = await server.storage.transaction((tx) => tx.findOne('members', { organization_id: 'demo', email: refused.email }));
      assert.equal(member, undefined, 'no member for a refused signup');
    }
    assert.equal(Object.keys(standIn.snapshot().checkout_sessions).length, sessions, 'no Checkout Session opened');
  });
});
