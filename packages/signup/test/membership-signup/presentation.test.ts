// Language, direction, theme and keyboard: the catalogue follows the locale attribute, then the
// nearest lang, then <html lang>; Arabic lays out right to left; themes switch through custom
// properties (no inline styles anywhere); the whole path works with the keyboard alone.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, cleanup, mount, root, step, text, untilStep, useSandbox } from './helpers.js';
import type { MembershipSignup } from '../../src/index.js';

describe('<membership-signup> language, theme, keyboard', function () {
  this.timeout(20_000); // a whole signup runs several requests; the machine may be busy
  beforeEach(() => useSandbox());
  afterEach(() => {
    cleanup();
    document.documentElement.lang = 'en';
  });

  it('speaks French from the locale attribute, with money and dates in French', async () => {
    const el = await mount({ locale: 'fr-FR' });
    expect(text(el)).to.contain('Choisissez une adhésion');
    expect(text(el)).to.match(/60\s\$US \/ an/);
    expect($(el, '.base')!.getAttribute('lang')).to.equal('fr-FR');
    await expect(el).to.be.accessible();
  });

  it('takes the language from the nearest lang ancestor (German), then from <html lang> (Spanish)', async () => {
    const wrapper = document.createElement('section');
    wrapper.lang = 'de';
    document.body.append(wrapper);
    const german = await mount({}, {}, wrapper);
    expect(text(german)).to.contain('Mitgliedschaft wählen');
    document.documentElement.lang = 'es';
    const spanish = await mount();
    expect(text(spanish)).to.contain('Elige una membresía');
  });

  it('lays Arabic out right to left', async () => {
    const el = await mount({ locale: 'ar' });
    const base = $(el, '.base')!;
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(base).direction).to.equal('rtl');
    expect(text(el)).to.contain('اختر عضوية');
    await expect(el).to.be.accessible();
  });

  it('follows a change of language after load: <html lang>, then the element\'s own lang', async () => {
    const el = await mount();
    expect(text(el)).to.contain('Choose a membership');
    document.documentElement.lang = 'fr';
    await waitUntil(() => text(el).includes('Choisissez une adhésion'), 'ignored <html lang="fr">');
    el.lang = 'de';
    await waitUntil(() => text(el).includes('Mitgliedschaft wählen'), 'ignored lang="de" on the element');
    expect($(el, '.base')!.getAttribute('lang')).to.equal('de');
  });

  it('follows a change of lang on an ancestor inside a component\'s shadow root', async () => {
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    const wrapper = document.createElement('section');
    wrapper.lang = 'en';
    shadow.append(wrapper);
    document.body.append(host);
    try {
      const el = await mount({}, {}, wrapper);
      expect(text(el)).to.contain('Choose a membership');
      wrapper.lang = 'de';
      await waitUntil(() => text(el).includes('Mitgliedschaft wählen'), 'ignored lang="de" on an ancestor in the shadow root');
    } finally {
      host.remove();
    }
  });

  it('falls back to English for a language without a catalogue', async () => {
    const el = await mount({ locale: 'ja-JP' });
    expect(text(el)).to.contain('Choose a membership');
  });

  it('switches to dark colours with theme="dark" and exposes custom properties and parts', async () => {
    const light = await mount();
    const dark = await mount({ theme: 'dark' });
    const background = (el: MembershipSignup) => getComputedStyle(el).backgroundColor;
    expect(background(light)).to.equal('rgb(255, 255, 255)');
    expect(background(dark)).to.equal('rgb(17, 24, 39)');
    dark.style.setProperty('--mk-color-background', 'rgb(1, 2, 3)');
    expect(background(dark)).to.equal('rgb(1, 2, 3)');
    expect(root(light).querySelector('[part~="plan-card"]')).to.exist;
    expect(root(light).querySelector('[part~="button"]')).to.exist;
    await expect(dark).to.be.accessible();
  });

  it('can be hidden by the page with the hidden attribute', async () => {
    const el = await mount();
    expect(getComputedStyle(el).display).to.equal('block');
    el.hidden = true;
    expect(getComputedStyle(el).display).to.equal('none');
  });

  it('has no inline style attributes anywhere in its shadow root', async () => {
    const el = await mount({ 'membership-type': 'annual' });
    expect(root(el).querySelectorAll('[style]')).to.have.length(0);
  });

  it('can be completed with the keyboard alone, focus following each step', async () => {
    const el = await mount();
    expect(step(el)).to.equal('plans');
    el.focus(); // delegatesFocus: the first focusable inside
    const tabTo = async (matches: (active: Element) => boolean, limit = 60) => {
      for (let n = 0; n < limit; n++) {
        const active = root(el).activeElement;
        if (active && matches(active)) return;
        await sendKeys({ press: 'Tab' });
      }
      throw new Error(`never reached by Tab (at ${root(el).activeElement?.outerHTML.slice(0, 80)})`);
    };
    await tabTo((active) => active.textContent!.includes('Choose Friend'));
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'details');
    await el.updateComplete;
    expect(root(el).activeElement?.tagName).to.equal('H2');
    expect($(el, '[role="status"]')!.textContent).to.equal('Step 2 of 4: Your details');
    await tabTo((active) => active.id === 'mk-email');
    await sendKeys({ type: 'keys@example.org' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Kay' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Board' });
    await sendKeys({ press: 'Enter' }); // submits the details form
    await untilStep(el, 'review');
    await tabTo((active) => active.textContent!.includes('Confirm and join'));
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'done');
    expect(text(el)).to.contain('Friend');
  });
});
