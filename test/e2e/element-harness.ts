// Shared by the element's end-to-end tests and bench: the demo's static server with the sandbox
// API answered in Node under /v1 (so pages need no service worker), test pages, and Chromium.
import { chromium, type Browser, type Page } from 'playwright-core';
import { createSandbox, type Sandbox } from '@memberkit/sandbox';
import { serve } from '../../demo/server.mjs';

// scripts/chromium.mjs has no type declarations; a computed specifier keeps tsc out of it.
const chromiumModule = '../../scripts/chromium.mjs';
const { chromiumArgs, findChromium } = (await import(chromiumModule)) as {
  chromiumArgs: string[];
  findChromium(): string | undefined;
};

export interface Site {
  url: string;
  sandbox: Sandbox;
  /** Adds a page at `path` (served with `headers`). */
  page(path: string, html: string, headers?: Record<string, string>): void;
  /** Adds a script of the host page at `path`. */
  script(path: string, code: string): void;
  close(): Promise<void>;
}

/** The static server + the sandbox API at `<origin>/v1`. */
export async function startSite(): Promise<Site> {
  const routes: Record<string, { body: string; type: string }> = {};
  const pageHeaders: Record<string, Record<string, string>> = {};
  const holder: { handlers: unknown[] } = { handlers: [] };
  const server = await serve({ port: 0, routes, sandbox: holder, headers: (path: string) => pageHeaders[path] ?? {} });
  const sandbox = createSandbox({ baseUrl: `${server.url}/v1` });
  holder.handlers = sandbox.handlers;
  return {
    url: server.url,
    sandbox,
    page(path, html, headers = {}) {
      routes[path] = { body: html, type: 'text/html; charset=utf-8' };
      pageHeaders[path] = headers;
    },
    script(path, code) {
      routes[path] = { body: code, type: 'text/javascript; charset=utf-8' };
    },
    close: () => server.close(),
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs, headless: true });
}

/** A host page with the element pasted in: `scripts` are the tags placed in <head>. */
export function hostPage(site: Site, scripts: string, attributes = ''): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Join</title>
    ${scripts}
  </head>
  <body>
    <membership-signup organization="demo" api-base="${site.url}/v1" ${attributes}></membership-signup>
  </body>
</html>`;
}

/** The step the element is on (`data-step` on its wrapper). */
export async function stepOf(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.querySelector('membership-signup')?.shadowRoot?.querySelector<HTMLElement>('.base')?.dataset.step);
}

export async function waitForStep(page: Page, step: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (name) => document.querySelector('membership-signup')?.shadowRoot?.querySelector<HTMLElement>('.base')?.dataset.step === name,
    step,
    { timeout },
  );
}

/** On the annual plan's details: fills in what the type asks for and continues to the review. */
export async function fillAnnualDetails(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('First name').fill('Eve');
  await page.getByLabel('Last name').fill('Endtoend');
  await page.getByLabel('Display name').fill('Eve E.');
  await page.getByLabel('T-shirt size').selectOption('m');
  await page.getByLabel('I accept the membership terms').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await waitForStep(page, 'review');
}

/** In the sandbox's stand-in checkout (the element's light-DOM slot): types `card` and pays. */
export async function payWithCard(page: Page, card = '4242 4242 4242 4242'): Promise<void> {
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: /^Pay / }).click();
}

/** Signs up for the annual plan and pays with 4242, through the accessible names a member sees. */
export async function completeAnnualSignup(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: 'Choose Annual' }).click();
  await waitForStep(page, 'details');
  await fillAnnualDetails(page, email);
  await page.getByRole('button', { name: 'Confirm and pay' }).click();
  await waitForStep(page, 'payment');
  await payWithCard(page);
  await waitForStep(page, 'done');
}

/** The sandbox's signups whose payer has `email` (every attempt, paid or not, replaced or not). */
export function signupsOf(sandbox: Sandbox, email: string): Sandbox['store']['state']['signups'][string][] {
  const { members, signups } = sandbox.store.state;
  return Object.values(signups).filter((signup) => members[signup.member_id]?.email === email);
}
