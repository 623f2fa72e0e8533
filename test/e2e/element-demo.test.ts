// The demo a newcomer opens after `npm start`: the organization page loads the sandbox in the
// browser, then the script-tag bundle, and a member can sign up on it; every "Try a path" link
// opens the element on its plan (or organization) with that plan's price in its currency.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { serve } from '../../demo/server.mjs';
import { launch, stepOf, waitForStep } from './element-harness.js';

/** The element's visible text, whitespace (Intl's no-break spaces too) collapsed to one space. */
function textOf(page: Page): Promise<string> {
  return page.evaluate(() =>
    (document.querySelector('membership-signup')?.shadowRoot?.querySelector('.base')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );
}

/** Each plan card's name and price, in page order. */
function cardsOf(page: Page): Promise<[string, string][]> {
  return page.evaluate(() =>
    [...(document.querySelector('membership-signup')?.shadowRoot?.querySelectorAll('[part~="plan-card"]') ?? [])].map((card) => [
      card.querySelector('[part~="plan-name"]')?.textContent?.trim() ?? '',
      (card.querySelector('[part~="price"]')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    ]),
  );
}

interface Expected {
  step: 'details' | 'plans';
  /** What the member must see: the plan's name, its price text and what makes the path special. */
  shows: (string | RegExp)[];
  /** On the plans: every card's name and price, in order (Intl's no-break spaces read as spaces). */
  cards?: [string, string][];
}

/** Every membership-type / organization link of demo/index.html's "Try a path" list. */
const links: Record<string, Expected> = {
  '/?membership-type=supporter': { step: 'details', shows: ['Supporter', 'Between $15.00 and $1,000.00', '$25.00', '$50.00', '$100.00'] },
  '/?membership-type=school-year': { step: 'details', shows: ['School year', 'Total: $45.00'] },
  '/?membership-type=family': { step: 'details', shows: ['Family', 'Total: $90.00', 'Add a group member', 'Household name'] },
  '/?membership-type=founders&invitation=FOUNDERS-2026': { step: 'details', shows: ['Founding member', 'Total: $0.00'] },
  '/?membership-type=committee': { step: 'details', shows: ['Committee', 'Total: $20.00', 'Why do you want to join?'] },
  '/?organization=demo-jpy': {
    step: 'plans',
    shows: ['Choose a membership'],
    cards: [['正会員 (Regular)', '¥5,000 / year'], ['Monthly', '¥800 / month'], ['Patron', 'From ¥3,000 / year'], ['友の会 (Friend)', 'Free']],
  },
  '/?organization=demo-kwd': {
    step: 'plans',
    shows: ['Choose a membership'],
    cards: [['Standard', 'KWD 12.500 / year'], ['Monthly', 'KWD 1.250 / month'], ['Junior', 'Free']],
  },
  '/?organization=demo-sections': {
    step: 'plans',
    shows: ['Choose a membership'],
    cards: [['Club member', 'Free'], ['Tennis section', '€120 / year'], ['Swimming section', '€80 / year']],
  },
  '/?organization=demo-passes': {
    step: 'plans',
    shows: ['Choose a membership'],
    cards: [['Newsletter', 'Free'], ['10-class pass', '€90 / 3 months']],
  },
};

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

  it('lists a link for every path this test expects, and no preselecting link it does not know', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    const hrefs = await page.locator('aside a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')!));
    const preselecting = hrefs.filter((href) => /[?&](membership-type|organization)=/.test(href));
    assert.deepEqual(preselecting.sort(), Object.keys(links).sort());
    await page.close();
  });

  for (const [href, expected] of Object.entries(links)) {
    it(`the link ${href} opens on ${expected.step === 'details' ? 'its plan' : 'its organization’s plans'} with the price in its currency`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(`${server.url}/`);
      await waitForStep(page, 'plans', 20_000);
      await page.locator(`aside a[href="${href}"]`).click(); // a member follows the link
      await page.waitForURL(`${server.url}${href}`);
      await waitForStep(page, expected.step, 20_000);
      const text = await textOf(page);
      for (const shown of expected.shows) {
        if (typeof shown === 'string') assert.ok(text.includes(shown), `${href}: "${shown}" not in: ${text.slice(0, 400)}`);
        else assert.match(text, shown, `${href}: ${shown} not in: ${text.slice(0, 400)}`);
      }
      if (expected.cards) assert.deepEqual(await cardsOf(page), expected.cards, href);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

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
