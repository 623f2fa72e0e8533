// The demo `npm start` serves on memberkit-server: the organization page at the server's origin
// loads the widget from that origin, and a member who joins a free plan is stored in the
// server's data directory (the embedded database), over real HTTP all the way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createServer, openPgliteStorage, parseConfig, type MemberkitServer } from '@memberkit/server';
import { serverDemoPages } from '../../demo/server-pages.mjs';
import { launch, waitForStep } from './element-harness.js';

describe('the demo on memberkit-server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'memberkit-demo-'));
  let server: MemberkitServer;
  let url: string;
  let browser: Browser;

  before(async () => {
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', MEMBERKIT_DATA_DIR: dataDir }, { demo: true });
    server = await createServer(config, { pages: serverDemoPages });
    url = await server.listen();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a member joins a free plan from the page, and the server keeps it', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).origin);
    });
    await page.goto(`${url}/?membership-type=free`);
    await waitForStep(page, 'details', 20_000);
    await page.getByLabel('Email', { exact: true }).fill('server-demo@example.org');
    await page.getByLabel('First name').fill('Server');
    await page.getByLabel('Last name').fill('Demo');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Confirm and join' }).click();
    await waitForStep(page, 'done', 20_000);
    assert.deepEqual(errors, []);
    assert.deepEqual([...new Set(scripts)], [url.replace('localhost', '127.0.0.1')], 'every script from the server’s own origin');
    await page.close();
    await server.close();
    // Read back from the data directory, as the next start of the server would.
    const storage = await openPgliteStorage({ dataDir });
    try {
      const member = await storage.transaction((tx) => tx.findOne('members', { organization_id: 'demo', email: 'server-demo@example.org' }));
      assert.ok(member);
      const memberships = await storage.transaction((tx) => tx.find('memberships', { organization_id: 'demo', member_id: member.id }));
      assert.deepEqual(memberships.map((row) => [row.membership_type_id, row.state]), [['free', 'confirmed']]);
    } finally {
      await storage.close();
    }
  });
});
