// The widget's layout on a phone and on a desktop: one level of borders (the inputs' own), so a
// 375 px screen gives the inputs the widget's width; compact group-member rows; the household's
// name (the group plan's own field) before the group block.
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { $, cleanup, mount, press, root, type, useSandbox } from './helpers.js';
import { states } from './every-state.js';
import type { MembershipSignup } from '../../src/index.js';

const box = (node: Element) => node.getBoundingClientRect();

async function familyWithTwo(): Promise<MembershipSignup> {
  const el = await mount({ 'membership-type': 'family' });
  await type(el, 'Email', 'pat@example.org');
  await press(el, 'Add a group member');
  await press(el, 'Add a group member');
  return el;
}

describe('<membership-signup> layout', function () {
  this.timeout(20_000);
  afterEach(async () => {
    cleanup();
    await setViewport({ width: 800, height: 600 });
  });

  it('on a 375 px phone: no borders around fieldsets, so a group member\'s email is as wide as the member\'s own', async () => {
    await setViewport({ width: 375, height: 800 });
    await useSandbox();
    const el = await familyWithTwo();
    const own = box(root(el).getElementById('mk-email')!);
    const theirs = box(root(el).getElementById('mk-group-1-email')!);
    expect(own.width, 'the widget\'s padding only').to.be.at.least(375 - 2 * 8 - 2 * 16 - 1);
    expect(theirs.width).to.equal(own.width);
    for (const fieldset of root(el).querySelectorAll('fieldset')) {
      expect(getComputedStyle(fieldset).borderInlineStartWidth, 'a fieldset without a frame').to.equal('0px');
    }
  });

  it('a group member is one compact row of inputs: the email, then first and last name side by side, on a phone too', async () => {
    for (const width of [375, 1280]) {
      await setViewport({ width, height: 800 });
      await useSandbox();
      const el = await familyWithTwo();
      const first = box(root(el).getElementById('mk-group-0-first_name')!);
      const last = box(root(el).getElementById('mk-group-0-last_name')!);
      expect(first.top, `names side by side at ${width} px`).to.equal(last.top);
      // On a desktop the people are rows under one frame (the group's), not frames in a frame.
      const person = $(el, 'fieldset.person')!;
      expect(getComputedStyle(person).borderInlineStartWidth).to.equal('0px');
      cleanup();
    }
  });

  it('the household name comes before the group block', async () => {
    await useSandbox();
    const el = await familyWithTwo();
    const household = root(el).querySelector('#mk-field-0')!;
    const group = $(el, 'fieldset.group')!;
    expect(household.compareDocumentPosition(group) & Node.DOCUMENT_POSITION_FOLLOWING, 'group after the household name').to.be.greaterThan(0);
    expect(box(household).bottom).to.be.below(box(group).top);
  });

  it('the review on a 375 px phone in Arabic: the plan and its term on one line, a long email on a line of its own, never split', async () => {
    await setViewport({ width: 375, height: 800 });
    await useSandbox();
    // The review as every-state.ts reaches it (English labels typed), then drawn in Arabic.
    const review = states.find((state) => state.name === 'review')!;
    const { el } = await review.reach({ theme: 'light', locale: 'ar' });
    const plan = $(el, 'p.review')!;
    const lineHeight = parseFloat(getComputedStyle(plan).lineHeight);
    expect(box(plan).height, 'the plan line').to.be.below(lineHeight * 1.5);
    const email = [...root(el).querySelectorAll('.review dd')].find((dd) => dd.textContent === 'new.member@example.org')!;
    expect(box(email).height, 'the email in one piece').to.be.below(lineHeight * 1.5);
  });

  it('the review on a 375 px phone: each section\'s heading is level with its "Edit" (centre on centre), in both directions', async () => {
    await setViewport({ width: 375, height: 800 });
    await useSandbox();
    const review = states.find((state) => state.name === 'review')!;
    for (const locale of ['en', 'ar'] as const) {
      const { el } = await review.reach({ theme: 'light', locale });
      const rows = [...root(el).querySelectorAll('.actions')].filter((row) => row.querySelector('h3'));
      expect(rows.length, 'plan and details sections').to.equal(2);
      for (const row of rows) {
        const [heading, edit] = [box(row.querySelector('h3')!), box(row.querySelector('button')!)];
        const middle = (rect: DOMRect) => rect.top + rect.height / 2;
        expect(Math.abs(middle(heading) - middle(edit)), `${locale}: ${row.textContent}`).to.be.below(1.5);
        expect(heading.height, 'the heading is not stretched to the button').to.be.below(edit.height);
      }
      cleanup();
    }
  });

  it('a plan card\'s name starts where its price starts (at the card\'s start edge), in both directions, on a phone and a desktop', async () => {
    await useSandbox();
    for (const width of [375, 1280]) {
      await setViewport({ width, height: 800 });
      for (const locale of ['en', 'ar']) {
        const el = await mount({ locale });
        await waitUntil(() => $(el, `.base[lang^="${locale}"]`), `never drawn in ${locale}`);
        for (const card of root(el).querySelectorAll('[part~="plan-card"]')) {
          const [price, name] = [box(card.querySelector('[part="price"]')!), box(card.querySelector('[part="plan-name"]')!)];
          const start = locale === 'ar' ? (rect: DOMRect) => rect.right : (rect: DOMRect) => rect.left;
          expect(Math.abs(start(name) - start(price)), `${width} px, ${locale}: ${card.textContent}`).to.be.below(1);
        }
        cleanup();
      }
    }
  });

  it('speaks in the page\'s font family at 1rem/1.5, unless --mk-font names another', async () => {
    await useSandbox();
    const page = document.createElement('div');
    page.className = 'font-page';
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.font-page{font:italic 12px/1 Georgia, serif}.font-page .told{--mk-font:1.25rem/1.6 "Courier New", monospace}');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      document.body.append(page);
      const el = await mount({}, {}, page);
      const base = getComputedStyle($(el, '.base')!);
      expect([base.fontFamily, base.fontSize, base.lineHeight]).to.deep.equal(['Georgia, serif', '16px', '24px']);
      const told = await mount({ class: 'told' }, {}, page);
      const styled = getComputedStyle($(told, '.base')!);
      expect([styled.fontFamily, styled.fontSize]).to.deep.equal(['"Courier New", monospace', '20px']);
    } finally {
      page.remove();
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((one) => one !== sheet);
    }
  });
});
