// The demo `npm start` serves on memberkit-server: the organization page at the server's origin
// loads the widget from that origin, named by the demo organization's publishable key as an
// organization pastes its own, and a member who joins a free plan is stored in the server's data
// directory (the embedded database), over real HTTP all the way. The data directory is one an
// older version seeded (no publishable keys): the server gives the demo organizations theirs at start.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { demoIds, systemClock } from '@memberkit/api';
import { createServer, openPgliteStorage, parseConfig, seedDemo, type MemberkitServer } from '@memberkit/server';
import { serverDemoPages } from '../../demo/server-pages.mjs';
import { launch, waitForStep } from './element-harness.js';

describe('the demo on memberkit-server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'memberkit-demo-'));
  let server: MemberkitServer;
  let url: string;
  let browser: Browser;

  before(async () => {
    // Seeded as a version before the demo organizations' publishable keys left it.
    const old = await openPgliteStorage({ dataDir });
    try {
      await seedDemo(old, systemClock);
      await old.transaction((tx) => tx.update('organizations', {}, { publishable_key: null }));
    } finally {
      await old.close();
    }
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
    const apiPaths: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/v1/')) apiPaths.push(path);
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
    const key = demoIds.organizationKeys.demo;
    assert.equal(await page.locator('membership-signup').getAttribute('organization'), key);
    assert.match(await page.locator('#paste').textContent() ?? '', new RegExp(`organization="${key}"`), 'the snippet to paste names the key');
    assert.ok(apiPaths.length > 0 && apiPaths.every((path) => path.startsWith(`/v1/organizations/${key}/`)), `every API request names the key: ${apiPaths.join(', ')}`);
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
