// Shared by the element's end-to-end tests and bench: the demo's static server (the bundles, test
// pages) with the API on one of two backends: the sandbox answered in Node under the site's own
// /v1 (so pages need no service worker), or memberkit-server on its own origin (server-harness.ts),
// as an organization's page talks to it; and Chromium.
import { chromium, type Browser, type Frame, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { createSandbox, type Sandbox } from '@memberkit/sandbox';
import { serve } from '../../demo/server.mjs';
import { startDemoServer, type Backend, type DemoServer } from './server-harness.js';

export { backends, type Backend } from './server-harness.js';

// scripts/chromium.mjs has no type declarations; a computed specifier keeps tsc out of it.
const chromiumModule = '../../scripts/chromium.mjs';
const { chromiumArgs, findChromium } = (await import(chromiumModule)) as {
  chromiumArgs: string[];
  findChromium(): string | undefined;
};

export interface Site {
  url: string;
  backend: Backend;
  /** The element's `api-base`: the site's own /v1 (sandbox), or the server's. */
  apiBase: string;
  /** The sandbox (sandbox backend only). */
  sandbox: Sandbox;
  /** The server (server backend only). */
  server: DemoServer | null;
  /**
   * The tag to place before the bundle that hands the element the backend's test-mode checkout
   * as its `.stripeLoader`: the sandbox's (the card form in the element's light DOM) or the
   * server's Stripe stand-in's (its checkout page framed, as Stripe's embedded checkout is).
   */
  standIn: string;
  /** `directives` (a CSP) with the backend's origins added to script-src, connect-src and frame-src. */
  csp(directives: string[]): string;
  /** The signups of the demo organization whose payer has `email` (every attempt, paid or not). */
  signupsOf(email: string): Promise<{ id: string; status: string; quote: { total: number } }[]>;
  /** Adds a page at `path` (served with `headers`). */
  page(path: string, html: string, headers?: Record<string, string>): void;
  /** Adds a script of the host page at `path`. */
  script(path: string, code: string): void;
  close(): Promise<void>;
}

/** The static server, and the sandbox API at `<origin>/v1` or memberkit-server on its own origin. */
export async function startSite(backend: Backend = 'sandbox'): Promise<Site> {
  const routes: Record<string, { body: string; type: string }> = {};
  const pageHeaders: Record<string, Record<string, string>> = {};
  const holder: { handlers: unknown[] } = { handlers: [] };
  const server = await serve({
    port: 0,
    routes,
    ...(backend === 'sandbox' ? { sandbox: holder } : {}),
    headers: (path: string) => pageHeaders[path] ?? {},
  });
  const sandbox = createSandbox({ baseUrl: `${server.url}/v1` });
  holder.handlers = sandbox.handlers;
  let api: DemoServer | null = null;
  if (backend === 'server') {
    try {
      api = await startDemoServer();
      await api.allowOrigins([server.url]);
    } catch (error) {
      await server.close();
      throw error;
    }
    // The stand-in's own Stripe.js (served with CORS, as js.stripe.com is), by a static import:
    // the loader is in place before the bundle's module runs.
    routes['/server-stand-in.js'] = {
      type: 'text/javascript; charset=utf-8',
      body: `import { loadStripe } from '${api.checkoutOrigin}/js/stripe.js';
for (const element of document.querySelectorAll('membership-signup')) element.stripeLoader = loadStripe;`,
    };
  }
  const extra = api ? { 'script-src': [api.checkoutOrigin], 'connect-src': [api.url], 'frame-src': [api.checkoutOrigin] } : {};
  return {
    url: server.url,
    backend,
    apiBase: api ? api.apiBase : `${server.url}/v1`,
    sandbox,
    server: api,
    standIn: api
      ? '<script type="module" src="/server-stand-in.js"></script>'
      : '<script type="module" src="/demo/dist/stripe-standin.js"></script>',
    csp(directives) {
      const out = [...directives];
      for (const [name, sources] of Object.entries(extra)) {
        const at = out.findIndex((directive) => directive.split(' ')[0] === name);
        if (at >= 0) out[at] = `${out[at]} ${sources.join(' ')}`;
        else out.push(`${name} 'self' ${sources.join(' ')}`);
      }
      return out.join('; ');
    },
    async signupsOf(email) {
      if (api) return api.signupsOf(email);
      const { members, signups } = sandbox.store.state;
      return Object.values(signups).filter((signup) => members[signup.member_id]?.email === email);
    },
    page(path, html, headers = {}) {
      routes[path] = { body: html, type: 'text/html; charset=utf-8' };
      pageHeaders[path] = headers;
    },
    script(path, code) {
      routes[path] = { body: code, type: 'text/javascript; charset=utf-8' };
    },
    close: async () => {
      await server.close();
      await api?.close();
    },
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
    <membership-signup organization="demo" api-base="${site.apiBase}" ${attributes}></membership-signup>
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

/** Where the card is typed: a checkout page framed by the element, or the sandbox's form in its light DOM. */
export type Checkout = Pick<Page, 'getByLabel' | 'getByRole'> | FrameLocator;

/**
 * The checkout the element shows once it is up: the server's Stripe stand-in frames its page (as
 * Stripe's embedded checkout does); the sandbox's stand-in renders its form in the element's
 * light-DOM slot.
 */
export async function checkoutOf(target: Page | Frame): Promise<Checkout> {
  const framed = target.locator('iframe[title="Secure payment (test mode)"]');
  const card: Locator = target.getByLabel('Card number');
  await framed.or(card).first().waitFor({ timeout: 20_000 });
  if ((await framed.count()) === 0) return target;
  const checkout = target.frameLocator('iframe[title="Secure payment (test mode)"]');
  await checkout.getByLabel('Card number').waitFor({ timeout: 20_000 });
  return checkout;
}

/** In the backend's stand-in checkout: types `card` and pays. */
export async function payWithCard(target: Page | Frame, card = '4242 4242 4242 4242'): Promise<void> {
  const checkout = await checkoutOf(target);
  await checkout.getByLabel('Card number').fill(card);
  await checkout.getByLabel('Expiry (MM / YY)').fill('12 / 34');
  await checkout.getByLabel('CVC').fill('123');
  await checkout.getByRole('button', { name: /^Pay / }).click();
}

/** Signs up for the annual plan and pays with 4242, through the accessible names a member sees. */
export async function completeAnnualSignup(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: 'Choose Annual' }).click();
  await waitForStep(page, 'details');
  await fillAnnualDetails(page, email);
  await page.getByRole('button', { name: 'Confirm and pay' }).click();
  await waitForStep(page, 'payment');
  await payWithCard(page);
  await waitForStep(page, 'done', 20_000);
}
