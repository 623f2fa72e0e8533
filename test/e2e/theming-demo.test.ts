// The theming playground (demo/theming.html), as the theming guide promises it: an editor for
// every custom property and part of the element's manifest, each edit restyling the element as
// it is typed, through a style sheet (never an inline style), with the CSS to paste shown.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { serve } from '../../demo/server.mjs';
import { launch, waitForStep } from './element-harness.js';
import { root } from './frame-server.js';

interface Declaration {
  tagName?: string;
  cssProperties?: { name: string }[];
  cssParts?: { name: string }[];
}
const declaration = (JSON.parse(readFileSync(`${root}packages/signup/custom-elements.json`, 'utf8')).modules as { declarations?: Declaration[] }[])
  .flatMap((module) => module.declarations ?? [])
  .find((candidate) => candidate.tagName === 'membership-signup');
const properties = (declaration?.cssProperties ?? []).map((property) => property.name);
const parts = (declaration?.cssParts ?? []).map((part) => part.name);

/** A computed style of the first element carrying `part` in the widget's shadow root. */
const styleOfPart = (page: Page, part: string, property: string) =>
  page.evaluate(
    ([part, property]) => {
      const node = document.querySelector('membership-signup')?.shadowRoot?.querySelector(`[part~="${part}"]`);
      return node ? getComputedStyle(node).getPropertyValue(property) : undefined;
    },
    [part, property] as const,
  );

describe('the theming playground (demo/theming.html)', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    server = await serve({ port: 0 });
    browser = await launch();
    page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${server.url}/theming.html`);
    await waitForStep(page, 'plans', 20_000);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has an editor, labelled by its name, for every custom property and every part the manifest lists', async () => {
    assert.ok(properties.length > 10 && parts.length > 10, 'the manifest lists the properties and parts');
    for (const name of properties) assert.equal(await page.getByLabel(name, { exact: false }).and(page.locator(`[data-property="${name}"]`)).count(), 1, name);
    for (const name of parts) assert.equal(await page.getByLabel(`::part(${name})`, { exact: false }).and(page.locator(`[data-part="${name}"]`)).count(), 1, name);
    assert.deepEqual(await page.locator('[data-property]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLElement).dataset.property)), properties);
    assert.deepEqual(await page.locator('[data-part]').evaluateAll((areas) => areas.map((area) => (area as HTMLElement).dataset.part)), parts);
  });

  it('restyles the element as a custom property and a part rule are typed, and shows the stylesheet to paste', async () => {
    const textBefore = await styleOfPart(page, 'heading', 'color');
    await page.locator('[data-property="--mk-color-text"]').pressSequentially('rgb(200, 0, 0)');
    assert.equal(await styleOfPart(page, 'heading', 'color'), 'rgb(200, 0, 0)');
    assert.notEqual(textBefore, 'rgb(200, 0, 0)');
    await page.locator('[data-part="plan-card"]').fill('outline: 3px solid rgb(0, 0, 255);');
    assert.equal(await styleOfPart(page, 'plan-card', 'outline'), 'rgb(0, 0, 255) solid 3px');
    assert.equal(
      await page.locator('#theme-css').textContent(),
      'membership-signup {\n  --mk-color-text: rgb(200, 0, 0);\n}\nmembership-signup::part(plan-card) {\n  outline: 3px solid rgb(0, 0, 255);\n}',
    );
    // Through a style sheet, as a page with a strict Content-Security-Policy must: no style attribute.
    assert.equal(await page.locator('membership-signup').getAttribute('style'), null);
  });

  it('switches the built-in palette, and clearing every edit restores the element', async () => {
    await page.locator('[data-property="--mk-color-text"]').fill('');
    const lightText = await styleOfPart(page, 'heading', 'color');
    assert.notEqual(lightText, 'rgb(200, 0, 0)');
    await page.getByLabel('Built-in palette').selectOption('dark');
    assert.equal(await page.locator('membership-signup').getAttribute('theme'), 'dark');
    assert.notEqual(await styleOfPart(page, 'heading', 'color'), lightText);
    await page.getByLabel('Built-in palette').selectOption('light');
    assert.equal(await styleOfPart(page, 'heading', 'color'), lightText);
    await page.getByRole('button', { name: 'Clear every edit' }).click();
    assert.equal(await page.locator('[data-part="plan-card"]').inputValue(), '');
    assert.equal(await styleOfPart(page, 'plan-card', 'outline-color'), await styleOfPart(page, 'plan-card', 'color'));
    assert.equal(await page.locator('#theme-css').textContent(), '/* No edits yet. */');
    assert.deepEqual(errors, []);
  });
});
