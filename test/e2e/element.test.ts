// The built <membership-signup> bundles as an organization pastes them: a plain <script> tag (ES
// module and classic), a page with a strict CSP and Trusted Types (zero violations through a whole
// paid signup), a real browser reload in the middle of an attempt (one signup, never two), and the
// size budget of the script-tag build. Each runs on the sandbox and on memberkit-server
// (server-harness.ts): the bundles do not change, the API behind them does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import {
  completeAnnualSignup,
  fillAnnualDetails,
  hostPage,
  launch,
  backends,
  checkoutOf,
  payWithCard,
  startSite,
  stepOf,
  waitForStep,
  type Site,
} from './element-harness.js';

const dist = new URL('../../packages/signup/dist/', import.meta.url);
/**
 * The enforced budget guards against regressions at today's size (38,257 B gzip for the ES
 * build, 38,310 B for the classic one, after the fixes of November 2026: drafts that survive every
 * failure, unlimited hosted payment polling, worded configuration errors, stricter money rules and
 * a processor minimum for every currency in the SDK, discount checks that a newer code cancels,
 * draft keys claimed at connect), then 39,481 B and 39,535 B with the SDK's forward-compatible
 * reading (a status or field type a newer API adds, a list item that does not match: 1.2 kB of
 * the increase with `withResponse()`, the logger and connection errors that name their cause; a
 * widget deployed on many sites must not break when the API adds a value), then 40,222 B and
 * 40,269 B (December 2026) with the public client's member sign-in and self-service resources
 * (auth codes, receipts, auto-renew) and the lifecycle's and company fields in the schemas, less
 * 1.1 kB that the element's security work took off. This is over the 38,400 B the element issue
 * allows for the whole signup; its loader and two chunks are where it comes back down. The issue's
 * target is 20 kB, which this stack cannot reach: lit + @lit/context (6.4 kB) and zod/mini with
 * the signup schemas (≈ 8.4 kB) already take 14.8 kB before the client, calculators, element and
 * English (measured in `npm run bench element`). Then 40,816 B and 40,863 B with the plan page as a
 * pricing page (prices with their terms, badges, the three-column grid: about +570 B), which the
 * bundle's split into a first chunk (the plans) and a second is to take back. Lower this number
 * whenever the bundle shrinks.
 */
/**
 * Then (December 2026) the script-tag file became a loader (854 B gzip) that starts each widget's
 * signup-config request at once and imports chunks/element.js, and the steps after the plans
 * (details, review, payment and outcome screens) moved to chunks/steps.js, imported once the plans
 * are visible: 38,127 B before the plans and 3,721 B after (the split costs about 900 B in all, the
 * two files compressing apart). What must arrive before the plans, loader and first chunk, is held
 * to the single file's old cap; the whole signup (but languages and Stripe.js) to the total's.
 * Then the discount check became a controller in chunks/steps.js: 39,309 B before the plans
 * (855 + 38,454) and 44,027 B in all, so the critical path's cap came down to 39 kB. Moving code
 * after the plans costs total bytes (the two files compress apart and share names through
 * imports): the discount check's 560 B off the first chunk cost 166 B more in all. Then the plans
 * page of issue 12 (the loading skeleton, ten plans grouped by term, the invitation code's words
 * before the plans): 40,130 B, so 40 kB less 768 B, still under the element issue's 40 kB.
 */
/**
 * Then sign-in inside the widget (issue 12, below): its view, controller and English words are in
 * chunks/sign-in.js, but what the plans need of it stays here (the offer to sign in, the held
 * plan's badge, the session's token, signing in first): 40,538 B before the plans (855 + 39,683).
 * Raised by 384 B for it, still under the element issue's 40 kB; to be taken back by the
 * controllers' next moves into the steps chunk.
 */
/**
 * Then the attempt (submit, renewal, finish, Try again) and the payment (embedded checkout, hosted
 * page, poll) became controllers in the steps chunk, created once it is here, with the routing in
 * machine.ts: 39,716 B before the plans (855 + 38,861), 858 B less. Lowered to 39 kB less 128 B.
 */
/**
 * Then English's words of the steps after the plans moved to chunks/steps.js (i18n/en.ts; the
 * plans' words, i18n/en-first.ts, stay): 38,305 B before the plans (855 + 37,450), 1,339 B less,
 * for 107 B more in all (47,460 B). Lowered to 38,368 B.
 */
/**
 * Then the steps heading's and the hosted page opener's modules of their own (the rest of
 * views/view.ts and payment.ts left the first chunk) and the steps chunk's one export (no
 * namespace object beside its names): 38,089 B (855 + 37,234), 47,483 B in all. Lowered to 38,144 B.
 */
/**
 * Then the widget's client is the SDK's createSignupClient (only the calls it makes; no list
 * pages, receipts, cancelling, automatic renewal or card updates): 37,582 B (855 + 36,727), 507 B
 * less. Lowered to 37,632 B.
 */
/**
 * Then the form's timing and errors (controllers/form.ts), the form's rules, the server-error
 * mapping and the SDK's field, people and pricing rules went to chunks/steps.js, and sign-in is
 * imported through it: 33,570 B (855 + 32,715), 4,012 B less. Lowered to 33,600 B.
 */
/**
 * Then the draft, the session and the language in controllers of their own (controllers/draft.ts,
 * session.ts, locale.ts), the sign-in screen drawn by chunks/sign-in.js, and the build's html``
 * minifier dropping the quotes of static attribute values: 33,575 B (855 + 32,720). Held at 33,600 B.
 */
const CRITICAL_PATH = 33_600;
/**
 * Then 44,027 B in all (December 2026), 5 B under 43 kB, and issue 12's journey asks the review to
 * say when and for how much a plan renews automatically (the SDK's firstRenewal, its renewalQuote,
 * five words in English): 44,270 B; and the plans' loading skeleton (a row of empty cards as tall
 * as the plans', instead of one line of text and a screenful's jump): +175 B; and ten plans grouped
 * by term under headings, badges on the card's top edge (prices level across a row): +206 B,
 * 44,731 B. The total grows by what the member's journey needs, in steps that name it; lower it
 * whenever the bundle shrinks.
 * Then invitation-only plans (issue 12): a code field on the details step, the API asked with the
 * person's email before the review (an invitation for another address said on the email field),
 * a refused link's screen with a field for another code and "See all plans", and six refusal
 * reasons in words, English in chunks/steps.js: +721 B in all (44,525 → 45,246 B; 45,339 B with the plans' layout), +233 B before
 * the plans. With the plans grouped by term and the first load's own network message: 45,586 B.
 */
/**
 * Then the review reads back what the signup sends (issue 12): the plan once, the member's name,
 * each custom-field answer with its option's label, the group members' emails, and "Edit" on each
 * section to its step, English in chunks/steps.js: +334 B in all (45,586 → 45,920 B).
 */
/**
 * Then (the same month) sign-in inside the widget (issue 12): the sign-in view, its controller and
 * English words are a chunk of their own (chunks/sign-in.js, 2,339 B, loaded only when a member
 * signs in, so neither path here counts it), but the element keeps what must be there before
 * anyone signs in: "Already a member? Sign in" and the badge of the plan the member holds, the
 * session's token beside an injected one, the check for signing in first (signup-config's
 * signup_requires_sign_in) and the inline sign-in where the API answers already_member: 855 +
 * 39,683 + 5,848 = 46,386 B in all with the journey's changes: raised by 384 B for it, to be taken
 * back in the element.
 * Then the confirmation's next step (the API names none): the organization will be in touch, a
 * renewal needs nothing more, a free membership's welcome email; English in chunks/steps.js: +141 B
 * in all (with sign-in, 46,386 → 46,587 B).
 */
/**
 * Then the controllers' move after the plans (above): 858 B off the critical path cost 833 B in
 * all (47,420 B), the two files compressing apart. A decision, not a drift: what arrives before
 * the plans is what members wait for (the element issue's own words: the budget that matters),
 * so the total is raised to 46 kB + 384 B and the critical path lowered by as much.
 */
/**
 * Then the form's move to chunks/steps.js (the critical path above) cost 183 B in all, paid by the
 * widget's narrower SDK client (createSignupClient, 507 B less): 47,159 B in all (855 + 32,715 +
 * 13,589). Lowered to 47,200 B.
 */
/**
 * Then the draft, session and locale controllers, paid by the minifiers (static attribute values
 * unquoted, css `/` and !important unspaced): 47,144 B in all (855 + 32,720 + 13,569). Lowered to
 * 47,184 B.
 */
const TOTAL = 47_184;
/**
 * chunks/element.js on its own (the first chunk: lit, the client, the schemas, the element, the
 * plans, English), held where it is while the split toward the issue's 22,528 B (budgets.json's
 * firstChunk) goes on: 38,783 B (December 2026) once the SDK's schema files' zod calls were marked
 * pure in the build (a schema nothing reads is dropped: 360 B) and two unread catalogue keys went.
 */
/** Then English's steps words went to chunks/steps.js: 37,450 B; lowered to 37,504 B. */
/** Then views/view.ts's and payment.ts's helpers of the steps left it: 37,234 B; lowered to 37,280 B. */
/** Then the SDK's createSignupClient instead of createPublicClient: 36,727 B; lowered to 36,768 B. */
/** Then the form's timing, errors and rules went to chunks/steps.js: 32,715 B; lowered to 32,768 B. */
/** Then the draft, session and locale controllers, and the minifiers' quotes and spaces: 32,720 B; lowered to 32,752 B. */
const FIRST_CHUNK = 32_752;
const budgets = JSON.parse(readFileSync(new URL('../../packages/signup/budgets.json', import.meta.url), 'utf8')) as { loader: number };
/**
 * The bundle as pasted, with the backend's stand-in checkout handed to the element as its
 * `.stripeLoader` first: the payment step can open as soon as two requests answer, which can be
 * before a later module ran (it then loads the real Stripe.js).
 */
const withStandIn = (site: Site) => `${site.standIn}\n<script type="module" src="/dist/membership-signup.js"></script>`;

for (const backend of backends) describe(`built <membership-signup> bundles on the ${backend}`, () => {
  let site: Site;
  let browser: Browser;

  before(async () => {
    site = await startSite(backend);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  it('membership-signup.js (ES module) from a plain script tag completes a paid signup', async () => {
    site.page(
      '/es.html',
      hostPage(site, withStandIn(site)),
    );
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${site.url}/es.html`);
    await waitForStep(page, 'plans');
    await completeAnnualSignup(page, 'es-module@example.org');
    assert.equal(await page.locator('membership-signup [part~="summary"]').getByText('Active').count(), 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('membership-signup.classic.js (classic script) works and lazy-loads a language chunk from next to itself', async () => {
    site.page(
      '/classic.html',
      hostPage(site, '<script src="/dist/membership-signup.classic.js"></script>', 'locale="fr"'),
    );
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${site.url}/classic.html`);
    await waitForStep(page, 'plans');
    await page.getByRole('heading', { name: 'Choisissez une adhésion' }).waitFor();
    assert.ok(requests.includes('/dist/chunks/fr.js'), `French chunk not loaded: ${requests.join(', ')}`);
    assert.ok(!requests.some((path) => /chunks\/(de|es|ar|stripe)\.js/.test(path)), 'loads only what it needs');
    await page.close();
  });

  it('the loader asks for each widget\'s plans before the element\'s code arrives, the element does not ask again, and without api-base it talks to the server that served the script', async () => {
    // The script as an organization pastes it from the server that runs its API (the sandbox's
    // site serves both /dist and /v1), and no api-base.
    const scripts = site.server ? site.server.url : `${site.url}/dist`;
    site.page(
      '/loader.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Join</title>
<script type="module" src="${scripts}/membership-signup.js"></script>
<script type="module" src="/loader-later.js"></script></head>
<body><membership-signup organization="demo" id="first"></membership-signup></body></html>`,
    );
    // A widget a framework adds after the loader ran, while the element's code is still coming.
    site.script('/loader-later.js', `setTimeout(() => {
      const later = document.createElement('membership-signup');
      later.setAttribute('organization', 'demo');
      later.id = 'later';
      document.body.append(later);
    }, 50);`);
    const page = await browser.newPage();
    const events: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/signup-config')) events.push(`config ${new URL(request.url()).origin}`);
    });
    page.on('requestfinished', (request) => {
      if (request.url().endsWith('/chunks/element.js')) events.push('element code arrived');
    });
    // A slow connection for the element's code: the plans' request must not wait for it.
    await page.route('**/chunks/element.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.goto(`${site.url}/loader.html`);
    await page.waitForFunction(
      () => [...document.querySelectorAll('membership-signup')].filter((element) => element.shadowRoot?.querySelector('[part~="plan-card"]')).length === 2,
      null,
      { timeout: 10_000 },
    );
    const api = new URL(site.apiBase).origin;
    assert.deepEqual(events, [`config ${api}`, `config ${api}`, 'element code arrived'], 'one early request per widget, none after');
    await page.close();
  });

  it('a page that reserves the widget\'s height in its CSS sees nothing below move from first paint to the plans, even while the element\'s code is on its way', async () => {
    const shiftPage = (style: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Join</title>
<script>window.__shifts = []; new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__shifts.push(entry.value); }).observe({ type: 'layout-shift', buffered: true });</script>
<style>${style}</style><script type="module" src="/dist/membership-signup.js"></script></head>
<body><h1>Join us</h1><membership-signup organization="demo" api-base="${site.apiBase}"></membership-signup><p id="below">The organization's own text.</p></body></html>`;
    // The widget's height with its plans at this width, as an organization measures it once.
    site.page('/unreserved.html', shiftPage(''));
    const measuring = await browser.newPage();
    await measuring.goto(`${site.url}/unreserved.html`);
    await waitForStep(measuring, 'plans');
    const height = await measuring.evaluate(() => Math.ceil(document.querySelector('membership-signup')!.getBoundingClientRect().height));
    await measuring.close();

    site.page('/reserved.html', shiftPage(`membership-signup { display: block; min-height: ${height}px }`));
    const page = await browser.newPage();
    // The element's code comes late: the page paints first with an element the browser does not know yet.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/chunks/element.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${site.url}/reserved.html`);
    const beforeDefined = await page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return { defined: customElements.get('membership-signup') !== undefined, below: document.getElementById('below')!.getBoundingClientRect().top };
    });
    assert.equal(beforeDefined.defined, false);
    release();
    await waitForStep(page, 'plans');
    const after = await page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return { below: document.getElementById('below')!.getBoundingClientRect().top, shifts: (window as unknown as { __shifts: number[] }).__shifts };
    });
    assert.equal(after.below, beforeDefined.below, 'the text below the widget stays where it was first painted');
    assert.deepEqual(after.shifts, [], 'no layout shift');
    await page.close();
  });

  it('the steps after the plans load while the plans are read; a member faster than the network sees "Loading", a failed load says so and Try again resumes', async () => {
    site.page('/steps.html', hostPage(site, '<script type="module" src="/dist/membership-signup.js"></script>'));
    const page = await browser.newPage();
    const asked: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first request for the steps fails, the second waits until released.
    await page.route('**/chunks/steps.js', async (route) => {
      asked.push(route.request().url());
      if (asked.length === 1) return route.abort('connectionfailed');
      await held;
      return route.continue();
    });
    await page.goto(`${site.url}/steps.html`);
    await waitForStep(page, 'plans');
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/chunks/steps.js')));
    assert.equal(asked.length, 1, 'asked for as soon as the plans are visible, before any click');
    await page.getByRole('button', { name: 'Choose Annual' }).click();
    // The state is the details, the screen is not yet: data-step and the live region say Loading.
    assert.equal(await stepOf(page), 'loading');
    await page.getByText('Loading…', { exact: true }).waitFor();
    release();
    await waitForStep(page, 'details');
    // The step's heading takes the focus once it is drawn, as when the chunk was there already.
    await page.waitForFunction(() => document.querySelector('membership-signup')?.shadowRoot?.activeElement?.textContent?.includes('Your details'));
    await page.close();

    // Every request for the steps fails: an error the member can leave, and Try again resumes.
    const failing = await browser.newPage();
    let offline = true;
    await failing.route('**/chunks/steps.js', (route) => (offline ? route.abort('connectionfailed') : route.continue()));
    await failing.goto(`${site.url}/steps.html`);
    await waitForStep(failing, 'plans');
    await failing.getByRole('button', { name: 'Choose Annual' }).click();
    await waitForStep(failing, 'error');
    offline = false;
    await failing.getByRole('button', { name: 'Try again' }).click();
    await waitForStep(failing, 'details');
    await failing.close();
  });

  it('runs a whole paid signup under a strict CSP with Trusted Types and zero violations', async () => {
    const csp = site.csp([
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "img-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "require-trusted-types-for 'script'",
    ]);
    site.page(
      '/csp.html',
      hostPage(site, withStandIn(site)),
      { 'content-security-policy': csp },
    );
    const page = await browser.newPage();
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { reportViolation(text: string): void }).reportViolation(
          `${event.violatedDirective} ${event.blockedURI} ${event.sample}`,
        );
      });
    });
    page.on('console', (message) => {
      if (/content security policy|trusted type/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(String(error)));
    const response = await page.goto(`${site.url}/csp.html`);
    assert.equal(response?.headers()['content-security-policy'], csp);
    await waitForStep(page, 'plans');
    await completeAnnualSignup(page, 'strict-csp@example.org');
    assert.deepEqual(violations, []);
    await page.close();
  });

  describe('a host page that runs Lit itself, under a CSP naming Trusted Types policies', () => {
    // A host page's own Lit creates its `lit-html` policy before the widget's copy does, as this
    // script does. The widget's Lit then needs the second policy of that name.
    const ownLit = "window.trustedTypes.createPolicy('lit-html', { createHTML: (html) => html });";
    const cspWith = (trustedTypes: string) =>
      site.csp(["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "require-trusted-types-for 'script'", `trusted-types ${trustedTypes}`]);
    const open = async (path: string, trustedTypes: string) => {
      site.script('/host-own-lit.js', ownLit);
      site.page(path, hostPage(site, `<script src="/host-own-lit.js"></script>\n${withStandIn(site)}`), { 'content-security-policy': cspWith(trustedTypes) });
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(`${site.url}${path}`);
      return { page, errors };
    };

    it("with the documented trusted-types lit-html 'allow-duplicates', the widget shows its plans and completes a signup", async () => {
      const { page, errors } = await open('/own-lit.html', "lit-html 'allow-duplicates'");
      await waitForStep(page, 'plans');
      await completeAnnualSignup(page, 'own-lit@example.org');
      assert.deepEqual(errors.filter((text) => /trusted|policy/i.test(text)), []);
      await page.close();
    });

    it('without it, the page refuses the widget’s policy (why the guide asks for allow-duplicates)', async () => {
      const { page, errors } = await open('/own-lit-strict.html', 'lit-html');
      await page.waitForTimeout(1500);
      assert.notEqual(await stepOf(page), 'plans');
      assert.ok(errors.some((text) => /lit-html/.test(text) && /already exists|policy/i.test(text)), errors.join(' | '));
      await page.close();
    });
  });

  describe('a reload in the middle of an attempt (page.reload(): the draft in sessionStorage, nothing else)', () => {
    const draft = (page: Page) =>
      page.evaluate(() => JSON.parse(sessionStorage.getItem('memberkit:signup:demo') ?? 'null') as Record<string, unknown> | null);

    it('at the payment step with WELCOME20 applied: resumes at the review, Confirm opens the same signup, pays it, one signup in the store', async () => {
      const email = 'reload-payment@example.org';
      site.page('/reload-payment.html', hostPage(site, withStandIn(site), 'membership-type="annual"'));
      const page = await browser.newPage();
      await page.goto(`${site.url}/reload-payment.html`);
      await waitForStep(page, 'details');
      await page.getByLabel('Discount code').fill('WELCOME20');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByText('Code WELCOME20 applied').waitFor();
      await fillAnnualDetails(page, email);
      await page.getByRole('button', { name: 'Confirm and pay' }).click();
      await waitForStep(page, 'payment');
      await checkoutOf(page);
      assert.equal((await site.signupsOf(email)).length, 1);
      const before = await draft(page);
      assert.equal(typeof before?.signupId, 'string');
      assert.ok(!JSON.stringify(before).includes('4242'), 'no card data in the draft');

      await page.reload();
      // An unpaid embedded checkout resumes at the review (the member may still change their mind).
      await waitForStep(page, 'review');
      await page.getByRole('button', { name: 'Confirm and pay' }).click();
      await waitForStep(page, 'payment');
      await checkoutOf(page);
      assert.equal((await draft(page))?.signupId, before!.signupId, 'the same signup after the reload');
      await payWithCard(page);
      await waitForStep(page, 'done', 20_000);
      assert.equal(await page.locator('membership-signup [part~="summary"]').getByText('$48.00').count(), 1);

      const signups = await site.signupsOf(email);
      assert.deepEqual(signups.map((signup) => [signup.id, signup.status]), [[before!.signupId, 'completed']]);
      assert.deepEqual(
        [(await draft(page))?.signupId, (await draft(page))?.finished, (await draft(page))?.email],
        [before!.signupId, true, ''],
        'once the membership exists the draft keeps only its signup (a reload shows the confirmation)',
      );
      await page.close();
    });

    it('at the review after a Confirm whose response was lost, with WELCOME20: Confirm again sends the same attempt, one signup', async () => {
      const email = 'reload-lost@example.org';
      site.page('/reload-lost.html', hostPage(site, withStandIn(site), 'membership-type="annual" discount-code="WELCOME20"'));
      const page = await browser.newPage();
      await page.goto(`${site.url}/reload-lost.html`);
      await waitForStep(page, 'details');
      await page.getByText('Code WELCOME20 applied').waitFor();
      await fillAnnualDetails(page, email);
      // The POST reaches the API and creates the signup; its answer never reaches the page.
      await page.route('**/v1/organizations/demo/signups', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        await route.fetch();
        await route.abort('connectionreset');
      });
      await page.getByRole('button', { name: 'Confirm and pay' }).click();
      await waitForStep(page, 'error', 30_000);
      assert.equal((await site.signupsOf(email)).length, 1);
      const key = (await draft(page))?.idempotencyKey;
      assert.equal(typeof key, 'string');
      await page.unroute('**/v1/organizations/demo/signups');

      await page.reload();
      await waitForStep(page, 'review');
      assert.equal((await draft(page))?.idempotencyKey, key, 'the attempt keeps its idempotency key across the reload');
      await page.getByRole('button', { name: 'Confirm and pay' }).click();
      await waitForStep(page, 'payment');
      await payWithCard(page);
      await waitForStep(page, 'done', 20_000);
      const signups = await site.signupsOf(email);
      assert.equal(signups.length, 1, `one signup, not ${signups.length}: ${signups.map((s) => `${s.id} ${s.status}`).join(', ')}`);
      assert.equal(signups[0]!.quote.total, 4800);
      assert.equal(await stepOf(page), 'done');
      await page.close();
    });
  });
});

describe('built <membership-signup> bundles: size', () => {
  const gzip = (file: string) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;
  for (const file of ['membership-signup.js', 'membership-signup.classic.js']) {
    it(`${file}, the loader a page pastes, is at most ${budgets.loader} B gzip`, () => {
      const bytes = gzip(file);
      assert.ok(bytes <= budgets.loader, `${file} is ${bytes} bytes gzip, over the loader's ${budgets.loader}-byte budget`);
    });
  }
  it(`chunks/element.js, the first chunk (everything the plans need), is at most ${FIRST_CHUNK} B gzip`, () => {
    const bytes = gzip('chunks/element.js');
    assert.ok(bytes <= FIRST_CHUNK, `chunks/element.js is ${bytes} bytes gzip, over the first chunk's ${FIRST_CHUNK}-byte budget`);
  });
  it(`the loader and chunks/element.js (lit, context, client, schemas, calculators, element, plans, English), all that comes before the plans, are at most ${CRITICAL_PATH} B gzip`, () => {
    const bytes = gzip('membership-signup.js') + gzip('chunks/element.js');
    assert.ok(bytes <= CRITICAL_PATH, `loader + first chunk are ${bytes} bytes gzip, over the ${CRITICAL_PATH}-byte budget`);
  });
  it(`with chunks/steps.js (the steps after the plans), the whole signup but languages and Stripe.js is at most ${TOTAL} B gzip`, () => {
    const bytes = gzip('membership-signup.js') + gzip('chunks/element.js') + gzip('chunks/steps.js');
    assert.ok(bytes <= TOTAL, `loader + both chunks are ${bytes} bytes gzip, over the ${TOTAL}-byte budget`);
  });
});
