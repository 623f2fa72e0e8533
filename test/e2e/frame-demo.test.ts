// The iframe-mode demo as `npm start` serves it (demo/server.mjs, built demo/dist/frame.html and
// dist/membership-signup-frame.js), with the frame origin's API answered by a Node-side sandbox:
// the path that works even where the browser blocks storage in third-party frames.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { createSandbox, type Sandbox } from '@memberkit/sandbox';
import { serve } from '../../demo/server.mjs';
import { launch, until } from './frame-server.js';

interface Running {
  url: string;
  port: number;
  close(): Promise<void>;
}

let browser: Browser;
let sandbox: Sandbox;
let host: Running;
let frame: Running;
let token: string;

before(async () => {
  const holder: { handlers: unknown[] } = { handlers: [] };
  frame = (await serve({ port: 0, host: '127.0.0.1', sandbox: holder })) as Running;
  sandbox = createSandbox({ baseUrl: `${frame.url}/v1`, today: '2026-11-21' });
  holder.handlers = sandbox.handlers;
  token = sandbox.issueMemberToken('demo', 'alice@example.org');
  // The host site's backend: mints the member token the page hands to the frame element.
  const routes = { '/frame-demo/member-token': { body: JSON.stringify({ token }), type: 'application/json' } };
  host = (await serve({ port: 0, host: '127.0.0.1', routes })) as Running;
  sandbox.update('organizations', { id: 'demo' }, (organization) => ({ embed_origins: [...organization.embed_origins, `http://localhost:${host.port}`] }));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([host, frame].map((server) => server?.close()));
});

describe('iframe-mode demo page', () => {
  it('shows the plans in the frame, signs alice in through the host, and logs the re-dispatched events', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://localhost:${host.port}/frame-host.html?frame-origin=${encodeURIComponent(frame.url)}`);
    const frameOf = () => page.frames().find((f) => f.url().startsWith(`${frame.url}/demo/dist/frame.html`));
    await until(frameOf, Boolean, 'the frame');
    await frameOf()!.getByRole('button', { name: 'Choose Monthly' }).waitFor();
    await page.getByText(/^ready/).waitFor();

    await page.getByRole('button', { name: 'Sign in as alice@example.org (demo token)' }).click();
    await page.getByText('Signed in as alice@example.org (the site passed a member token).').waitFor();
    // The new token means a new handshake: the frame reloads and signs in.
    await until(async () => (await frameOf()?.getByRole('button', { name: 'Choose Monthly' }).count().catch(() => 0)) ?? 0, (n) => n === 1, 'plans after sign-in');
    await frameOf()!.getByRole('button', { name: 'Choose Monthly' }).click();
    await frameOf()!.getByText('Signed in as alice@example.org').waitFor();
    await page.getByText('plan-select · Monthly').waitFor();

    const height = await page.evaluate(() => document.getElementById('signup')!.shadowRoot!.querySelector('iframe')!.getBoundingClientRect().height);
    assert.ok(height > 200, `the frame is sized to its content (${height}px)`);
    assert.ok(!(await page.content()).includes(token));
    assert.deepEqual(errors, []);
    await page.close();
  });
});
