// The iframe mode with the real widget, in Chromium, on two origins: the host page on
// http://localhost:<port> loads the built host script; the frame page (frame-page logic + the
// real <membership-signup>) on http://127.0.0.1:<port>. Each test runs on two backends: the API
// as one Node-side sandbox that every page of the browser context reaches (the frame, and the
// hosted checkout popup), and memberkit-server on its own origin over real HTTP with its Stripe
// stand-in (server-harness.ts), as an organization's frame talks to it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { createSandbox, type Sandbox } from '@memberkit/sandbox';
import { checkoutOf } from './element-harness.js';
import { bundle, hostScript, html, instrument, js, launch, postTargets, routeSandbox, serve, until, type StaticServer } from './frame-server.js';
import { backends, startDemoServer, type DemoServer } from './server-harness.js';

const EVENTS = [
  'membership-signup-ready',
  'membership-signup-plan-select',
  'membership-signup-submit',
  'membership-signup-payment-start',
  'membership-signup-complete',
  'membership-signup-error',
];

/**
 * What the tests need of the API behind the frame: where it answers, member tokens as a host
 * site's backend mints them, the demo organization's embed_origins, and the hosted checkout.
 */
interface Api {
  apiBase: string;
  /** The frame page's entry (test/e2e/frame-fixtures) and what it is bundled with. */
  framePage: { entry: string; define: Record<string, unknown> };
  memberToken(email: string, options?: { expiresIn?: number; first_name?: string; last_name?: string }): Promise<string>;
  /** The last sign-in code emailed to `email`, as the member reads it in their email. */
  signInCode(email: string): Promise<string>;
  /** The one-click link of the last sign-in email to `email` (null when it carried none). */
  signInLink(email: string): Promise<string | null>;
  allowOrigins(origins: string[]): Promise<void>;
  /** Makes the API reachable from every page of the context (the sandbox is answered in Node; the server is on the network). */
  reach(context: BrowserContext): Promise<void>;
  /** Switches paid signups to a hosted checkout page opened in a popup (true) or back to the embedded one. */
  hostedCheckout(on: boolean): Promise<void>;
  /** Where the hosted checkout popup opens. */
  hostedCheckoutPrefix: string;
  /** The host element's checkout-origins: where the frame may ask it to open that popup, besides the frame's own origin. */
  checkoutOrigins: string | null;
  /** The hosted page closes itself once paid (the sandbox's test page) or shows the server's return page. */
  hostedClosesItself: boolean;
  close(): Promise<void>;
}

async function sandboxApi(frameServer: StaticServer, FRAME: string): Promise<Api> {
  const sandbox: Sandbox = createSandbox({ today: '2026-11-21' });
  const define = { __API_BASE__: sandbox.baseUrl };
  frameServer.routes.set('/checkout.html', html('<main id="checkout"></main><script type="module" src="/checkout.js"></script>'));
  frameServer.routes.set('/checkout.js', js(await bundle('test/e2e/frame-fixtures/hosted-checkout.ts', define)));
  return {
    apiBase: sandbox.baseUrl,
    framePage: { entry: 'test/e2e/frame-fixtures/sandbox-frame.ts', define },
    memberToken: async (email, options) => sandbox.issueMemberToken('demo', email, options),
    signInCode: async (email) => String(sandbox.outbox(email).filter((mail) => mail.kind === 'sign_in_code').at(-1)?.data.code),
    signInLink: async (email) => (sandbox.outbox(email).filter((mail) => mail.kind === 'sign_in_code').at(-1)?.data.link as string | null) ?? null,
    async allowOrigins(origins) {
      sandbox.update('organizations', { id: 'demo' }, (organization) => ({ embed_origins: [...organization.embed_origins, ...origins] }));
    },
    reach: (context) => routeSandbox(context, sandbox),
    async hostedCheckout(on) {
      sandbox.setHostedCheckoutUrl(on ? `${FRAME}/checkout.html` : null);
    },
    hostedCheckoutPrefix: `${FRAME}/checkout.html?`,
    checkoutOrigins: null,
    hostedClosesItself: true,
    close: async () => {},
  };
}

async function serverApi(): Promise<Api> {
  const server: DemoServer = await startDemoServer();
  const config = server.server.ports.config as { checkoutUiMode: 'embedded_page' | 'hosted_page' };
  return {
    apiBase: server.apiBase,
    framePage: { entry: 'test/e2e/frame-fixtures/server-frame.ts', define: { __API_BASE__: server.apiBase, __STRIPE_JS__: `${server.checkoutOrigin}/js/stripe.js` } },
    memberToken: (email, options) => server.memberToken(email, options),
    // Without SMTP the server keeps its mail in the development inbox (newest first).
    signInCode: async (email) => String(server.server.ports.inbox?.messages(email).find((mail) => mail.kind === 'sign_in_code')?.data.code),
    signInLink: async (email) => (server.server.ports.inbox?.messages(email).find((mail) => mail.kind === 'sign_in_code')?.data.link as string | null) ?? null,
    allowOrigins: (origins) => server.allowOrigins(origins),
    reach: async () => {},
    // MEMBERKIT_CHECKOUT_UI_MODE, which the API reads at each checkout, switched for one test.
    async hostedCheckout(on) {
      config.checkoutUiMode = on ? 'hosted_page' : 'embedded_page';
    },
    hostedCheckoutPrefix: `${server.checkoutOrigin}/`,
    // An organization paying on the stand-in names its origin, as it would Stripe's (the default).
    checkoutOrigins: server.checkoutOrigin,
    hostedClosesItself: false,
    close: () => server.close(),
  };
}

for (const backend of backends) describe(`iframe mode with the real widget on the ${backend}`, () => {
  let browser: Browser;
  let api: Api;
  let frameServer: StaticServer;
  let hostServer: StaticServer;
  let FRAME: string;
  let HOST: string;

  before(async () => {
    [frameServer, hostServer] = await Promise.all([serve(), serve()]);
    FRAME = `http://127.0.0.1:${frameServer.port}`;
    HOST = `http://localhost:${hostServer.port}`;
    api = backend === 'sandbox' ? await sandboxApi(frameServer, FRAME) : await serverApi();
    // The host may frame the signup; on the server the frame's own origin also calls the API
    // (CORS follows embed_origins), where the sandbox is answered in the browser context.
    await api.allowOrigins(backend === 'sandbox' ? [HOST] : [HOST, FRAME]);
    const [framePage, host] = await Promise.all([bundle(api.framePage.entry, api.framePage.define), hostScript()]);
    frameServer.routes.set('/frame.html', html('<script type="module" src="/frame.js"></script>'));
    frameServer.routes.set('/frame.js', js(framePage));
    hostServer.routes.set('/membership-signup-frame.js', js(host));
    hostServer.routes.set(
      '/host.html',
      html(`<h1>Acme members</h1>
        <style>body { --mk-color-accent: #0f5e4a; --mk-radius: 3px; --mk-color-text: url(https://evil.test/x) }</style>
        <script type="module" src="/membership-signup-frame.js"></script>
        <membership-signup-frame id="signup"${api.checkoutOrigins ? ` checkout-origins="${api.checkoutOrigins}"` : ''}></membership-signup-frame>
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
    await api?.close();
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
    await api.reach(context);
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

  /** Pays with 4242 on the backend's checkout: the sandbox's form in the widget's light DOM, the server stand-in's page framed in it, or a hosted page. */
  async function payWithTestCard(target: Page | Frame): Promise<void> {
    const checkout = await checkoutOf(target);
    await checkout.getByLabel('Card number').fill('4242 4242 4242 4242');
    await checkout.getByLabel('Expiry (MM / YY)').fill('12 / 30');
    await checkout.getByLabel('CVC').fill('123');
    await checkout.getByRole('button', { name: /^Pay / }).click();
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

  describe('signups through the frame', () => {
    it('a signed-in member pays for a plan through the frame without typing their email; the host gets the membership', async () => {
      // Bob holds no membership of his own (his company's does not count against his): under the
      // demo's one-membership-per-member policy Alice, who holds Annual, would be offered a renewal.
      const token = await api.memberToken('bob@example.org');
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

    it('a member signs in inside the frame (a host without a login of its own): email, the emailed code, then her plan marked and her details known; the code stays in the frame', async () => {
      const session = await open();
      const { page, frame } = session;
      await frame.getByRole('button', { name: 'Sign in' }).click();
      await frame.getByLabel('Email').fill('alice@example.org');
      await frame.getByRole('button', { name: 'Send code' }).click();
      await frame.getByLabel('Sign-in code').waitFor();
      const code = await until(() => api.signInCode('alice@example.org'), (found) => /^\d{6}$/.test(found), 'the sign-in email');
      await frame.getByLabel('Sign-in code').fill(code);
      await frame.getByRole('button', { name: 'Sign in' }).click();
      // Signed in without leaving the page: Alice's plan is marked, her details are known.
      await frame.getByText('Your membership', { exact: true }).waitFor();
      await frame.getByRole('button', { name: 'Choose Annual' }).click();
      await frame.getByText('Signed in as alice@example.org').waitFor();
      const events = await hostEvents(page);
      assert.ok(!events.some((e) => e.name === 'membership-signup-error'), 'no error told to the host');
      for (const f of page.frames()) assert.ok(!(await traces(f)).includes(code), `the code left in ${f.url()}`);
      assert.ok(!JSON.stringify(events).includes('Bearer'), 'nothing of the session in an event');
      await session.context.close();
    });

    it('the sign-in email\'s link brings the member back to the host page, signed in inside the frame with one press; its ticket leaves the address bar and is nowhere after', async () => {
      const first = await open();
      await first.frame.getByRole('button', { name: 'Sign in' }).click();
      await first.frame.getByLabel('Email').fill('alice@example.org');
      await first.frame.getByRole('button', { name: 'Send code' }).click();
      await first.frame.getByText('Or open the link in that email').waitFor();
      await first.context.close();
      const link = await until(() => api.signInLink('alice@example.org'), (found) => Boolean(found), 'the sign-in email');
      // The link opens the page with the widget (the host page), not the frame page.
      assert.ok(link!.startsWith(`${HOST}/host.html#memberkit-sign-in=`), link!);
      const ticket = new URL(link!).hash.slice('#memberkit-sign-in='.length);
      const context = await browser.newContext();
      await instrument(context);
      await api.reach(context);
      const page = await context.newPage();
      await page.goto(link!);
      const frame = (await until(() => page.frames().find((f) => f.url().startsWith(`${FRAME}/frame.html`)), Boolean, 'the frame'))!;
      await frame.getByText('You opened the sign-in link from your email.').waitFor();
      assert.equal(await page.evaluate(() => location.hash), '', 'the ticket left the address bar');
      await frame.getByRole('button', { name: 'Sign in' }).click();
      await frame.getByText('Your membership', { exact: true }).waitFor();
      await frame.getByRole('button', { name: 'Choose Annual' }).click();
      await frame.getByText('Signed in as alice@example.org').waitFor();
      for (const f of page.frames()) assert.ok(!(await traces(f)).includes(ticket), `the ticket left in ${f.url()}`);
      assert.ok(!JSON.stringify(await hostEvents(page)).includes(ticket), 'the ticket in an event');
      await context.close();
    });

    it('an expired token is refreshed through the host’s getAuthToken, on request from the frame', async () => {
      // Issued already expired (expiresIn: 0), as a stale token a site still holds would be.
      const expired = await api.memberToken('frank@example.org', { expiresIn: 0, first_name: 'Frank', last_name: 'Fisher' });
      const fresh = await api.memberToken('frank@example.org');
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

    it('the framed widget takes the host page\'s theme (its --mk-* custom properties, invalid values dropped)', async () => {
      const session = await open();
      const choose = session.frame.getByRole('button', { name: 'Choose Annual' });
      await choose.waitFor();
      const look = await choose.evaluate((button) => {
        const style = getComputedStyle(button);
        const widget = getComputedStyle(document.querySelector('membership-signup')!);
        return [style.backgroundColor, style.borderTopLeftRadius, widget.getPropertyValue('--mk-color-text'), document.querySelector('membership-signup')!.hasAttribute('style')];
      });
      assert.deepEqual(look, ['rgb(15, 94, 74)', '3px', '', false]);
      await session.context.close();
    });

    it('the frame passes its URL settings on: a hidden invite-only type opens directly, in French', async () => {
      const query = 'organization=demo&membership-type=founders&invitation=FOUNDERS-2026&locale=fr';
      const session = await open(`&q=${encodeURIComponent(query)}`);
      await session.frame.getByRole('heading', { name: 'Vos informations' }).waitFor();
      await session.frame.getByText('Founding member').first().waitFor();
      assert.equal(await session.frame.evaluate(() => document.querySelector('membership-signup')!.getAttribute('invitation')), 'FOUNDERS-2026');
      await session.context.close();
      // Without the invitation the widget itself asks for the code (or offers every plan); the
      // frame page does not refuse.
      const uninvited = await open(`&q=${encodeURIComponent('organization=demo&membership-type=founders')}`);
      await uninvited.frame.getByText('Enter the invitation code you received.').waitFor();
      await uninvited.frame.getByRole('button', { name: 'See all plans' }).waitFor();
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
      await api.hostedCheckout(true);
      try {
        const token = await api.memberToken('dana@example.org', { first_name: 'Dana', last_name: 'Diaz' });
        const session = await open(token);
        const { context, page, frame } = session;
        await frame.getByRole('button', { name: 'Choose Monthly' }).click();
        await frame.getByRole('button', { name: 'Continue' }).click();
        await frame.getByRole('button', { name: 'Confirm and pay' }).click();
        const popupOpened = context.waitForEvent('page');
        await frame.getByRole('button', { name: 'Continue to the secure payment page' }).click();
        const popup = await popupOpened;
        assert.ok(popup.url().startsWith(api.hostedCheckoutPrefix), popup.url());
        // The host cleared the popup's opener: the checkout page cannot script the host page.
        assert.equal(await popup.evaluate(() => window.opener), null, 'the popup has no opener');
        await payWithTestCard(popup);
        // The sandbox's test page closes itself once paid; the server stand-in's goes on to the
        // server's return page, which asks the member to close it.
        if (api.hostedClosesItself) await popup.waitForEvent('close');
        const events = await until(() => hostEvents(page), (list) => list.some((e) => e.name === 'membership-signup-complete'), 'complete after the popup', 20000);
        const complete = events.find((e) => e.name === 'membership-signup-complete')!.detail as { membership: { membership_type_id: string } };
        assert.equal(complete.membership.membership_type_id, 'monthly');
        assert.ok(!session.console.join('\n').includes(token));
        await context.close();
      } finally {
        await api.hostedCheckout(false);
      }
    });
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
