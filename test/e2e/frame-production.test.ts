// The production frame page exactly as built (packages/signup/dist/frame.html + frame-assets),
// talking to /v1 on its own origin (memberkit-server serves both) under a strict CSP with Trusted
// Types on both the host page and the frame page: a signed-in member joins the free plan without
// typing anything, with zero violations. The test answers the frame origin's /v1 twice: with a
// Node-side sandbox, and with memberkit-server (server-harness.ts), each request forwarded to it
// over real HTTP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { createSandbox, type Sandbox } from '@memberkit/sandbox';
import { hostScript, js, launch, root, routeSandbox, routeToServer, serve, until, type StaticServer } from './frame-server.js';
import { backends, startDemoServer, type DemoServer } from './server-harness.js';

const DIST = `${root}packages/signup/dist`;


const strict = (extra: string[]) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    ...extra,
  ].join('; ');

for (const backend of backends) describe(`production frame page (built) under a strict CSP on the ${backend}`, () => {
  let browser: Browser;
  let sandbox: Sandbox | null = null;
  let server: DemoServer | null = null;
  let frameServer: StaticServer;
  let hostServer: StaticServer;
  let FRAME: string;
  let HOST: string;

  before(async () => {
    [frameServer, hostServer] = await Promise.all([serve(), serve()]);
    FRAME = `http://127.0.0.1:${frameServer.port}`;
    HOST = `http://localhost:${hostServer.port}`;
    if (backend === 'sandbox') {
      // The production frame page talks to /v1 on its own origin, as memberkit-server serves both.
      sandbox = createSandbox({ baseUrl: `${FRAME}/v1`, today: '2026-11-21' });
      sandbox.update('organizations', { id: 'demo' }, (organization) => ({ embed_origins: [...organization.embed_origins, HOST] }));
    } else {
      server = await startDemoServer();
      // The frame's own origin calls the server too (its CORS follows embed_origins); in
      // production the frame page is served from the API's origin.
      await server.allowOrigins([HOST, FRAME]);
    }

    const frameCsp = strict(["connect-src 'self'", `frame-ancestors ${HOST}`]);
    frameServer.routes.set('/frame.html', {
      type: 'text/html; charset=utf-8',
      body: readFileSync(`${DIST}/frame.html`),
      headers: { 'content-security-policy': frameCsp },
    });
    for (const file of readdirSync(`${DIST}/frame-assets`)) {
      if (file.endsWith('.js')) frameServer.routes.set(`/frame-assets/${file}`, js(readFileSync(`${DIST}/frame-assets/${file}`)));
    }

    const hostCsp = strict(["connect-src 'self'", `frame-src ${FRAME}`]);
    hostServer.routes.set('/membership-signup-frame.js', js(await hostScript()));
    hostServer.routes.set(
      '/host.js',
      js(`const frame = document.getElementById('signup');
        window.events = [];
        for (const name of ['membership-signup-ready', 'membership-signup-submit', 'membership-signup-complete', 'membership-signup-error']) {
          frame.addEventListener(name, (event) => window.events.push({ name, detail: event.detail }));
        }
        const token = new URLSearchParams(location.hash.slice(1)).get('t');
        history.replaceState(null, '', location.pathname);
        frame.authToken = token;
        frame.setAttribute('src', '${FRAME}/frame.html?organization=demo&membership-type=free');`),
    );
    hostServer.routes.set('/host.html', {
      type: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': hostCsp },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme</title>
        <script type="module" src="/membership-signup-frame.js"></script>
        <script type="module" src="/host.js"></script></head>
        <body><h1>Acme members</h1><membership-signup-frame id="signup"></membership-signup-frame></body></html>`,
    });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await Promise.all([frameServer, hostServer].map((server) => server?.close()));
    await server?.close();
  });

  describe('signing up', () => {
    it('a signed-in member joins the free plan through the frame with zero CSP or Trusted Types violations', async () => {
      const names = { first_name: 'Erin', last_name: 'Evans' };
      const token = sandbox ? sandbox.issueMemberToken('demo', 'erin@example.org', names) : await server!.memberToken('erin@example.org', names);
      const context = await browser.newContext();
      if (sandbox) await routeSandbox(context, sandbox);
      else await routeToServer(context, `${FRAME}/v1`, server!.apiBase);
      const violations: string[] = [];
      await context.exposeBinding('reportViolation', (_source, text: string) => violations.push(text));
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          (window as unknown as { reportViolation(text: string): void }).reportViolation(`${location.origin} ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
        });
      });
      const page = await context.newPage();
      const console: string[] = [];
      page.on('console', (message) => console.push(message.text()));
      page.on('pageerror', (error) => violations.push(String(error)));
      await page.goto(`${HOST}/host.html#t=${token}`);
      const frame = await until(() => page.frames().find((f) => f.url().startsWith(`${FRAME}/frame.html`)), Boolean, 'frame');
      await frame!.getByText('Signed in as erin@example.org').waitFor();
      await frame!.getByRole('button', { name: 'Continue' }).click();
      await frame!.getByRole('button', { name: 'Confirm and join' }).click();
      const events = await until(
        () => page.evaluate(() => (window as unknown as { events: { name: string; detail: { membership?: { membership_type_id: string } } }[] }).events),
        (list) => list.some((e) => e.name === 'membership-signup-complete'),
        'complete',
      );
      assert.equal(events.find((e) => e.name === 'membership-signup-complete')!.detail.membership!.membership_type_id, 'free');
      // The submit event carries the request as sent: the production frame asks for Stripe's hosted page.
      const submitted = events.find((e) => e.name === 'membership-signup-submit')!.detail as { params?: { checkout?: unknown } };
      assert.deepEqual(submitted.params?.checkout, { ui_mode: 'hosted_page' });
      // Kept by the backend the test answers with: one completed signup of Erin's.
      const signups = sandbox
        ? Object.values(sandbox.store.state.signups).filter((signup) => sandbox!.store.state.members[signup.member_id]?.email === 'erin@example.org')
        : await server!.signupsOf('erin@example.org');
      assert.deepEqual(signups.map((signup) => signup.status), ['completed']);
      assert.deepEqual(violations, []);
      assert.ok(!console.some((line) => /content security policy|trusted type/i.test(line)), console.join('\n'));
      assert.ok(!console.join('\n').includes(token));
      await context.close();
    });
  });
});
