// The iframe mode with the real widget, in Chromium, on two origins: the host page on
// http://localhost:<port> loads the built host script; the frame page (frame-page logic + the
// real <membership-signup>) on http://127.0.0.1:<port>; the API is one Node-side sandbox that
// every page of the browser context reaches (the frame, and the hosted checkout popup).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { createSandbox, type Sandbox } from '@memberkit/sandbox';
import { bundle, hostScript, html, instrument, js, launch, postTargets, routeSandbox, serve, until, type StaticServer } from './frame-server.js';

const EVENTS = [
  'membership-signup-ready',
  'membership-signup-plan-select',
  'membership-signup-submit',
  'membership-signup-payment-start',
  'membership-signup-complete',
  'membership-signup-error',
];

let browser: Browser;
let sandbox: Sandbox;
let frameServer: StaticServer;
let hostServer: StaticServer;
let FRAME: string;
let HOST: string;

before(async () => {
  sandbox = createSandbox({ today: '2026-11-21' });
  [frameServer, hostServer] = await Promise.all([serve(), serve()]);
  FRAME = `http://127.0.0.1:${frameServer.port}`;
  HOST = `http://localhost:${hostServer.port}`;
  sandbox.update('organizations', { id: 'demo' }, (organization) => ({ embed_origins: [...organization.embed_origins, HOST] }));
  const define = { __API_BASE__: sandbox.baseUrl };
  const [framePage, checkoutPage, host] = await Promise.all([
    bundle('test/e2e/frame-fixtures/sandbox-frame.ts', define),
    bundle('test/e2e/frame-fixtures/hosted-checkout.ts', define),
    hostScript(),
  ]);
  frameServer.routes.set('/frame.html', html('<script type="module" src="/frame.js"></script>'));
  frameServer.routes.set('/frame.js', js(framePage));
  frameServer.routes.set('/checkout.html', html('<main id="checkout"></main><script type="module" src="/checkout.js"></script>'));
  frameServer.routes.set('/checkout.js', js(checkoutPage));
  hostServer.routes.set('/membership-signup-frame.js', js(host));
  hostServer.routes.set(
    '/host.html',
    html(`<h1>Acme members</h1>
      <script type="module" src="/membership-signup-frame.js"></script>
      <membership-signup-frame id="signup"></membership-signup-frame>
      <script type="module">
        window.events = [];
        for (const name of ${JSON.stringify(EVENTS)}) document.addEventListener(name, (event) => window.events.push({ name, detail: event.detail }));
        // What a host site does: its backend minted the token; it hands it to the element in memory.
        const settings = new URLSearchParams(location.hash.slice(1));
        history.replaceState(null, '', location.pathname);
        const element = document.getElementById('signup');
        if (settings.get('t')) element.authToken = settings.get('t');
        // A site that can mint a fresh token when the frame asks (its backend, here /fresh-token).
        if (settings.has('refresh')) element.getAuthToken = async () => (await (await fetch('/fresh-token')).json()).token;
        element.setAttribute('src', '${FRAME}/frame.html?' + (settings.get('q') ?? 'organization=demo&locale=en'));
      </script>`),
  );
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([frameServer, hostServer].map((server) => server?.close()));
});

interface Session {
  context: BrowserContext;
  page: Page;
  frame: Frame;
  console: string[];
}

/** Opens the host page signed in with `token` (handed over in the fragment, which the page erases at once). */
async function open(token?: string): Promise<Session> {
  const context = await browser.newContext();
  await instrument(context);
  await routeSandbox(context, sandbox);
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (message) => console.push(message.text()));
  context.on('page', (popup) => popup.on('console', (message) => console.push(message.text())));
  await page.goto(`${HOST}/host.html${token ? `#t=${token}` : ''}`);
  const frame = await until(() => page.frames().find((f) => f.url().startsWith(`${FRAME}/frame.html`)), Boolean, 'the frame');
  return { context, page, frame: frame!, console };
}

const hostEvents = (page: Page) => page.evaluate(() => (window as unknown as { events: { name: string; detail: Record<string, unknown> }[] }).events);
const frameHeight = (page: Page) => page.evaluate(() => document.getElementById('signup')!.shadowRoot!.querySelector('iframe')!.getBoundingClientRect().height);
const contentHeight = (frame: Frame) => frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
const heightsMatch = async (session: Session, what: string) => {
  const [outer] = await until(() => Promise.all([frameHeight(session.page), contentHeight(session.frame)]), ([a, b]) => a === b, what);
  return outer;
};

async function payWithTestCard(target: Page | Frame): Promise<void> {
  await target.getByLabel('Card number').fill('4242 4242 4242 4242');
  await target.getByLabel('Expiry (MM / YY)').fill('12 / 30');
  await target.getByLabel('CVC').fill('123');
  await target.getByRole('button', { name: /^Pay / }).click();
}

/** Everything where a token could leak in one document: URL, storage, cookies, DOM with shadow roots and form values. */
async function traces(frame: Frame): Promise<string> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  return frame.evaluate(`(() => {
    const dump = (root) => {
      let text = root instanceof Document ? root.documentElement.outerHTML : root.innerHTML;
      for (const element of root.querySelectorAll('*')) {
        if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) text += ' ' + element.value;
        if (element.shadowRoot) text += dump(element.shadowRoot);
      }
      return text;
    };
    const storage = (name) => {
      try {
        return Object.entries({ ...window[name] }).flat().join(' ');
      } catch {
        return '';
      }
    };
    return [location.href, document.referrer, document.cookie, storage('localStorage'), storage('sessionStorage'), JSON.stringify(history.state), dump(document)].join('\\n');
  })()`);
}

describe('iframe mode with the real widget', () => {
  it('a signed-in member pays for a plan through the frame without typing their email; the host gets the membership', async () => {
    // Bob holds no membership of his own (his company's does not count against his): under the
    // demo's one-membership-per-member policy Alice, who holds Annual, would be offered a renewal.
    const token = sandbox.issueMemberToken('demo', 'bob@example.org');
    const session = await open(token);
    const { page, frame } = session;
    await frame.getByRole('button', { name: 'Choose Monthly' }).click();
    await frame.getByText('Signed in as bob@example.org').waitFor();
    assert.equal(await frame.getByLabel('Email').count(), 0, 'no email field to fill');
    await frame.getByRole('button', { name: 'Continue' }).click();
    await frame.getByRole('button', { name: 'Confirm and pay' }).click();
    await payWithTestCard(frame);
    const events = await until(() => hostEvents(page), (list) => list.some((e) => e.name === 'membership-signup-complete'), 'membership-signup-complete', 20000);

    const complete = events.find((e) => e.name === 'membership-signup-complete')!.detail as {
      signup: { status: string; email?: string };
      membership: { membership_type_id: string; member_id: string; status: string };
    };
    assert.equal(complete.membership.membership_type_id, 'monthly');
    assert.equal(complete.membership.member_id, 'mem_bob');
    assert.equal(complete.signup.status, 'completed');
    assert.deepEqual(
      events.map((e) => e.name).filter((name, i, all) => all.indexOf(name) === i),
      ['membership-signup-ready', 'membership-signup-plan-select', 'membership-signup-submit', 'membership-signup-payment-start', 'membership-signup-complete'],
    );
    await frame.getByText('Your Monthly membership is confirmed.').waitFor();
    await heightsMatch(session, 'the iframe to fit the confirmation');

    // The token is nowhere: URLs, storage, DOM (with shadow roots and form values), console, events.
    for (const f of page.frames()) assert.ok(!(await traces(f)).includes(token), `token found in ${f.url()}`);
    assert.ok(!session.console.join('\n').includes(token), 'token in the console');
    assert.ok(!JSON.stringify(events).includes(token), 'token in an event');
    for (const target of await postTargets(page)) assert.notEqual(target, '*');
    await session.context.close();
  });

  it('an expired token is refreshed through the host’s getAuthToken, on request from the frame', async () => {
    // Issued already expired (expiresIn: 0), as a stale token a site still holds would be.
    const expired = sandbox.issueMemberToken('demo', 'frank@example.org', { expiresIn: 0, first_name: 'Frank', last_name: 'Fisher' });
    const fresh = sandbox.issueMemberToken('demo', 'frank@example.org');
    hostServer.routes.set('/fresh-token', { type: 'application/json', body: JSON.stringify({ token: fresh }) });
    const session = await open(`${expired}&refresh`);
    await session.frame.getByRole('button', { name: 'Choose Monthly' }).click();
    await session.frame.getByText('Signed in as frank@example.org').waitFor();
    const posted = await session.page.evaluate(() => (window as unknown as { __ports: { data: { type: string } }[] }).__ports.map((p) => p.data.type));
    assert.ok(posted.includes('token'), `the host answered a token request (${posted.join(', ')})`);
    for (const f of session.page.frames()) {
      const text = await traces(f);
      assert.ok(!text.includes(fresh) && !text.includes(expired), `a token in ${f.url()}`);
    }
    await session.context.close();
  });

  it('the frame passes its URL settings on: a hidden invite-only type opens directly, in French', async () => {
    const query = 'organization=demo&membership-type=founders&invitation=FOUNDERS-2026&locale=fr';
    const session = await open(`&q=${encodeURIComponent(query)}`);
    await session.frame.getByRole('heading', { name: 'Vos informations' }).waitFor();
    await session.frame.getByText('Founding member').first().waitFor();
    assert.equal(await session.frame.evaluate(() => document.querySelector('membership-signup')!.getAttribute('invitation')), 'FOUNDERS-2026');
    await session.context.close();
    // Without the invitation the widget itself explains; the frame page does not refuse.
    const uninvited = await open(`&q=${encodeURIComponent('organization=demo&membership-type=founders')}`);
    await uninvited.frame.getByText('This membership needs a valid invitation.').waitFor();
    assert.equal(await uninvited.frame.getByText(/This signup form/).count(), 0);
    await uninvited.context.close();
  });

  it('the iframe height follows the form as it grows (errors, group members) and shrinks', async () => {
    const session = await open();
    const { frame } = session;
    await frame.getByRole('button', { name: 'Choose Family' }).click();
    await frame.getByRole('button', { name: 'Add a group member' }).waitFor();
    const details = await heightsMatch(session, 'the details step to fit');
    await frame.getByRole('button', { name: 'Add a group member' }).click();
    await frame.getByRole('button', { name: 'Remove group member 1' }).waitFor();
    const withMember = await until(() => heightsMatch(session, 'a group member'), (h) => h > details, 'growth with a group member');
    // The new member's email has focus; leave it first (its blur error moves the buttons down).
    await frame.evaluate(() => (document.querySelector('membership-signup')!.shadowRoot!.activeElement as HTMLElement | null)?.blur());
    await frame.getByRole('button', { name: 'Continue' }).click();
    await frame.getByText(/Please fix \d+ problems?:/).waitFor();
    const withErrors = await until(() => heightsMatch(session, 'errors'), (h) => h > withMember, 'growth with errors');
    await frame.getByRole('button', { name: 'Remove group member 1' }).click();
    await until(() => heightsMatch(session, 'removed member'), (h) => h < withErrors, 'shrinking');
    await frame.getByRole('button', { name: 'Back' }).click();
    await frame.getByRole('button', { name: 'Choose Monthly' }).waitFor();
    await heightsMatch(session, 'the plans again');
    await session.context.close();
  });

  it('a hosted checkout opens as a popup from the host page, and the frame completes when it is paid', async () => {
    sandbox.setHostedCheckoutUrl(`${FRAME}/checkout.html`);
    try {
      const token = sandbox.issueMemberToken('demo', 'dana@example.org', { first_name: 'Dana', last_name: 'Diaz' });
      const session = await open(token);
      const { context, page, frame } = session;
      await frame.getByRole('button', { name: 'Choose Monthly' }).click();
      await frame.getByRole('button', { name: 'Continue' }).click();
      await frame.getByRole('button', { name: 'Confirm and pay' }).click();
      const popupOpened = context.waitForEvent('page');
      await frame.getByRole('button', { name: 'Continue to the secure payment page' }).click();
      const popup = await popupOpened;
      assert.ok(popup.url().startsWith(`${FRAME}/checkout.html?`));
      // The host cleared the popup's opener: the checkout page cannot script the host page.
      assert.equal(await popup.evaluate(() => window.opener), null, 'the popup has no opener');
      await payWithTestCard(popup);
      await popup.waitForEvent('close');
      const events = await until(() => hostEvents(page), (list) => list.some((e) => e.name === 'membership-signup-complete'), 'complete after the popup', 20000);
      const complete = events.find((e) => e.name === 'membership-signup-complete')!.detail as { membership: { membership_type_id: string } };
      assert.equal(complete.membership.membership_type_id, 'monthly');
      // The submit event carries the request as sent: the framed widget asks for the hosted page.
      const submitted = events.find((e) => e.name === 'membership-signup-submit')!.detail as { params: { checkout?: unknown } };
      assert.deepEqual(submitted.params.checkout, { ui_mode: 'hosted_page' });
      assert.ok(!session.console.join('\n').includes(token));
      await context.close();
    } finally {
      sandbox.setHostedCheckoutUrl(null);
    }
  });
});

describe('iframe mode: the production frame page', () => {
  it('the built dist/frame.html ships no sandbox', () => {
    const require = createRequire(import.meta.url);
    const path = require.resolve('@memberkit/signup/package.json').replace(/package\.json$/, 'dist/frame.html');
    const page = readFileSync(path, 'utf8');
    const scripts = [...page.matchAll(/src="([^"]+\.js)"/g)].map((m) => m[1]!);
    assert.ok(scripts.length > 0, 'frame.html loads a script');
    for (const script of scripts) {
      const code = readFileSync(new URL(script.replace(/^\//, ''), `file://${path}`), 'utf8');
      assert.ok(!code.includes('mockServiceWorker'), `${script} contains msw`);
      assert.ok(!code.includes('api.memberkit.test'), `${script} contains the sandbox's base URL`);
    }
  });
});
