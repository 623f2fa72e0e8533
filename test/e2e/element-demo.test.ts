// The demo a newcomer opens after `npm start`: the organization page loads the sandbox in the
// browser, then the script-tag bundle, and a member can sign up on it; the demo links preselect.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { serve } from '../../demo/server.mjs';
import { launch, stepOf, waitForStep } from './element-harness.js';

describe('demo page', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  before(async () => {
    server = await serve({ port: 0 });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the demo organization’s plans from the in-browser sandbox', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await waitForStep(page, 'plans', 20_000);
    await page.getByRole('heading', { name: 'Choose a membership' }).waitFor();
    assert.ok((await page.locator('membership-signup [part~="plan-card"]').count()) >= 8);
    await page.close();
  });

  it('opens the donation type from its demo link and joins a free plan for good', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?membership-type=supporter`);
    await waitForStep(page, 'details', 20_000);
    await page.getByRole('button', { name: '$50.00' }).click();
    await page.getByText('Total: $50.00').waitFor();
    await page.goto(`${server.url}/?membership-type=free`);
    await waitForStep(page, 'details', 20_000);
    await page.getByLabel('Email', { exact: true }).fill('demo-visitor@example.org');
    await page.getByLabel('First name').fill('Demo');
    await page.getByLabel('Last name').fill('Visitor');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Confirm and join' }).click();
    await waitForStep(page, 'done');
    assert.equal(await stepOf(page), 'done');
    await page.close();
  });
});
