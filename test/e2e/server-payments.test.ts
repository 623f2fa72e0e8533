// Paid signups on memberkit-server in Chromium, as `npm start` runs them: the demo page, the
// widget from the server, Stripe Checkout played by the server's Stripe stand-in service (the
// official `stripe` package talks to it; it sends its webhooks to the server). Embedded (the
// card form framed in the widget) and hosted (the member goes to the checkout page and back).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { createServer, parseConfig, type MemberkitServer } from '@memberkit/server';
import { serverDemoPages } from '../../demo/server-pages.mjs';
import { fillAnnualDetails, launch, waitForStep } from './element-harness.js';

async function startDemo(env: Record<string, string> = {}): Promise<{ server: MemberkitServer; url: string; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'memberkit-pay-'));
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', MEMBERKIT_DATA_DIR: join(dataDir, 'data'), ...env }, { demo: true });
  const server = await createServer(config, { pages: serverDemoPages });
  return { server, url: await server.listen(), dataDir };
}

async function typeCard(frame: Page | Frame, number: string): Promise<void> {
  await frame.getByLabel('Card number').fill(number);
  await frame.getByLabel('Expiry (MM / YY)').fill('12 / 34');
  await frame.getByLabel('CVC').fill('123');
  await frame.getByRole('button', { name: /^Pay / }).click();
}

async function membershipOf(server: MemberkitServer, email: string) {
  return server.storage.transaction(async (tx) => {
    const member = await tx.findOne('members', { organization_id: 'demo', email });
    if (!member) return null;
    const [membership] = await tx.find('memberships', { organization_id: 'demo', member_id: member.id });
    const signups = await tx.find('signups', { organization_id: 'demo', member_id: member.id });
    const payments = await tx.find('payments', { organization_id: 'demo', signup_id: signups[0]!.id });
    return { membership, signups, payments };
  });
}

describe('paid signups on memberkit-server (the Stripe stand-in)', () => {
  let browser: Browser;
  const started: { server: MemberkitServer; dataDir: string }[] = [];
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    for (const { server, dataDir } of started) {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('embedded: a declined card, then a good one; the widget shows the membership, paid once and captured', async () => {
    const demo = await startDemo();
    started.push(demo);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${demo.url}/?membership-type=annual`);
    await waitForStep(page, 'details', 20_000);
    await fillAnnualDetails(page, 'embedded@example.org');
    await page.getByRole('button', { name: 'Confirm and pay' }).click();
    await waitForStep(page, 'payment');
    const frame = page.frameLocator('iframe[title="Secure payment (test mode)"]');
    await frame.getByText('TEST MODE').waitFor({ timeout: 20_000 });
    await frame.getByText(/60\.00/).first().waitFor();
    await typeCard(frame as unknown as Frame, '4000 0000 0000 0002');
    await frame.getByRole('alert').filter({ hasText: 'Your card was declined.' }).waitFor();
    await typeCard(frame as unknown as Frame, '4242 4242 4242 4242');
    await waitForStep(page, 'done', 20_000);
    assert.deepEqual(errors, []);
    const stored = await membershipOf(demo.server, 'embedded@example.org');
    assert.equal(stored?.membership?.state, 'confirmed');
    assert.deepEqual(stored?.payments.map((payment) => [payment.amount, payment.currency, payment.card_last4]), [[6000, 'USD', '4242']]);
    const standIn = demo.server.stripe.standIn!;
    const intent = standIn.paymentIntent(stored!.payments[0]!.reference)!;
    assert.deepEqual([intent.status, intent.amount_received], ['succeeded', 6000], 'captured once the signup completed');
    await standIn.settled();
    const completed = standIn.deliveries.filter((delivery) => delivery.type === 'checkout.session.completed');
    assert.deepEqual(completed.map((delivery) => delivery.status), [200], 'the webhook arrived and was accepted (after the poll: nothing more to do)');
    await page.close();
  });

  it('embedded: 4000 0025 0000 3155 asks for authentication; failed, the checkout stays open with the reason; completed, the signup is paid', async () => {
    const demo = await startDemo();
    started.push(demo);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${demo.url}/?membership-type=annual`);
    await waitForStep(page, 'details', 20_000);
    await fillAnnualDetails(page, 'sca-embedded@example.org');
    await page.getByRole('button', { name: 'Confirm and pay' }).click();
    await waitForStep(page, 'payment');
    const frame = page.frameLocator('iframe[title="Secure payment (test mode)"]');
    await frame.getByText('TEST MODE').waitFor({ timeout: 20_000 });
    await typeCard(frame as unknown as Frame, '4000 0025 0000 3155');
    const challenge = frame.getByRole('dialog', { name: 'Authenticate your payment (test)' });
    await challenge.waitFor();
    await challenge.getByRole('button', { name: 'Fail authentication' }).click();
    await frame.getByRole('alert').filter({ hasText: 'We are unable to authenticate your payment method.' }).waitFor();
    assert.equal(await challenge.count(), 0);
    const standIn = demo.server.stripe.standIn!;
    await standIn.settled();
    const failed = standIn.events('payment_intent.payment_failed').map((event) => (event.data.object as { last_payment_error: { code: string } }).last_payment_error.code);
    assert.deepEqual(failed, ['payment_intent_authentication_failure']);
    assert.equal((await membershipOf(demo.server, 'sca-embedded@example.org'))?.signups[0]?.status, 'awaiting_payment', 'the checkout stays open for another card');
    await typeCard(frame as unknown as Frame, '4000 0025 0000 3155');
    await challenge.getByRole('button', { name: 'Complete authentication' }).click();
    await waitForStep(page, 'done', 20_000);
    assert.deepEqual(errors, []);
    const stored = await membershipOf(demo.server, 'sca-embedded@example.org');
    assert.equal(stored?.membership?.state, 'confirmed');
    assert.deepEqual(stored?.payments.map((payment) => [payment.amount, payment.card_last4]), [[6000, '3155']]);
    await standIn.settled();
    assert.equal(standIn.events('checkout.session.completed').length, 1);
    await page.close();
  });

  it('hosted: 4000 0025 0000 3155 fails authentication once, then is authenticated on the checkout page and the member comes back completed', async () => {
    const demo = await startDemo({ MEMBERKIT_CHECKOUT_UI_MODE: 'hosted_page' });
    started.push(demo);
    const page = await browser.newPage();
    await page.goto(`${demo.url}/?membership-type=annual`);
    await waitForStep(page, 'details', 20_000);
    await fillAnnualDetails(page, 'sca-hosted@example.org');
    await page.getByRole('button', { name: 'Confirm and pay' }).click();
    await page.waitForURL((address) => address.pathname.startsWith('/c/pay/'), { timeout: 20_000 });
    await typeCard(page, '4000 0025 0000 3155');
    const challenge = page.getByRole('dialog', { name: 'Authenticate your payment (test)' });
    await challenge.getByRole('button', { name: 'Fail authentication' }).click();
    await page.getByRole('alert').filter({ hasText: 'We are unable to authenticate your payment method.' }).waitFor();
    assert.ok(new URL(page.url()).pathname.startsWith('/c/pay/'), 'still on the checkout page');
    await typeCard(page, '4000 0025 0000 3155');
    await challenge.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((address) => address.pathname === '/checkout/complete', { timeout: 20_000 });
    await page.getByText('Payment received').first().waitFor();
    await demo.server.stripe.standIn!.settled();
    const stored = await membershipOf(demo.server, 'sca-hosted@example.org');
    assert.equal(stored?.membership?.state, 'confirmed');
    assert.deepEqual(stored?.payments.map((payment) => payment.card_last4), ['3155']);
    await page.close();
  });

  it('hosted: the member pays on the checkout page, comes back, and the signup is completed', async () => {
    const demo = await startDemo({ MEMBERKIT_CHECKOUT_UI_MODE: 'hosted_page' });
    started.push(demo);
    const page = await browser.newPage();
    await page.goto(`${demo.url}/?membership-type=annual`);
    await waitForStep(page, 'details', 20_000);
    await fillAnnualDetails(page, 'hosted@example.org');
    await page.getByRole('button', { name: 'Confirm and pay' }).click();
    await page.waitForURL((address) => address.pathname.startsWith('/c/pay/'), { timeout: 20_000 });
    await page.getByText('TEST MODE').waitFor();
    await typeCard(page, '4242 4242 4242 4242');
    await page.waitForURL((address) => address.pathname === '/checkout/complete', { timeout: 20_000 });
    await page.getByText('Payment received').first().waitFor();
    const stored = await membershipOf(demo.server, 'hosted@example.org');
    // The webhook (or the return page's poll) completed it; wait for the webhook if needed.
    await demo.server.stripe.standIn!.settled();
    const after = stored?.membership?.state === 'confirmed' ? stored : await membershipOf(demo.server, 'hosted@example.org');
    assert.equal(after?.membership?.state, 'confirmed');
    assert.equal(after?.payments.length, 1);
    // Back on the signup page, the widget finds its signup completed.
    await page.goto(`${demo.url}/?membership-type=annual`);
    await waitForStep(page, 'done', 20_000);
    await page.close();
  });
});
