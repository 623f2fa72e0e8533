// A paid membership with the keyboard alone: Tab to a plan, type the details, choose a T-shirt size
// in a select by typing, tick the consent with Space, apply a discount code with Enter on "Apply",
// confirm, and pay in the sandbox's stand-in checkout (light DOM, reached through the slot) by
// typing the card — real key presses from the browser (sendKeys), no clicks, no value setting.
// Focus follows each step, and no screen on the way carries an inline style attribute.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, cleanup, expectNoInlineStyles, field, mount, root, step, text, untilStep, useSandbox } from './helpers.js';

describe('<membership-signup> keyboard only, through a paid plan', function () {
  this.timeout(30_000); // about 150 key presses and six requests on a busy machine
  afterEach(cleanup);

  it('annual plan with WELCOME20, paid with 4242 4242 4242 4242: plans → details → review → payment → done', async () => {
    const sandbox = await useSandbox();
    const el = await mount();
    expect(step(el)).to.equal('plans');
    expectNoInlineStyles(el);

    /** What has focus: inside the shadow root, or in the element's light DOM (the checkout). */
    const focused = (): Element | null => root(el).activeElement ?? document.activeElement;
    const tabTo = async (what: string, matches: (active: Element) => boolean, limit = 80) => {
      for (let n = 0; n < limit; n++) {
        const active = focused();
        if (active && matches(active)) return;
        await sendKeys({ press: 'Tab' });
      }
      throw new Error(`${what} never reached by Tab (at ${focused()?.outerHTML.slice(0, 100)})`);
    };
    const tabToField = (label: string) => {
      const input = field(el, label);
      return tabTo(label, (active) => active === input);
    };
    const tabToButton = (label: string) => tabTo(label, (active) => active.tagName === 'BUTTON' && active.textContent!.trim().startsWith(label));
    const headingFocused = async (name: string) => {
      await el.updateComplete;
      expect(root(el).activeElement?.tagName, `focus on the ${name} heading`).to.equal('H2');
      expect(root(el).activeElement!.textContent).to.equal(name);
    };

    el.focus(); // delegatesFocus: the first focusable inside
    await tabToButton('Choose Annual');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'details');
    await headingFocused('Your details');
    expectNoInlineStyles(el);

    await tabToField('Email');
    await sendKeys({ type: 'keys@example.org' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Kay' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Board' });
    await tabToField('Display name');
    await sendKeys({ type: 'Kay B.' });
    await tabToField('T-shirt size');
    await sendKeys({ press: 'M' }); // a closed select takes the option whose label starts with M
    await el.updateComplete;
    expect(field(el, 'T-shirt size').value).to.equal('m');
    await tabToField('I accept the membership terms');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(field(el, 'I accept the membership terms').checked).to.equal(true);
    expectNoInlineStyles(el, 'details, filled in');

    await tabToField('Discount code');
    await sendKeys({ type: 'WELCOME20' });
    await sendKeys({ press: 'Tab' });
    expect(focused()?.textContent!.trim()).to.equal('Apply');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el).includes('Code WELCOME20 applied'), 'the code was never applied');
    expect($(el, '[part="total"]')!.textContent).to.contain('Total: $48.00');
    expectNoInlineStyles(el, 'details, discount applied');

    await tabToButton('Continue');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'review');
    await headingFocused('Review and confirm');
    expect($(el, '[role="status"]')!.textContent).to.equal('Step 3 of 4: Review and confirm');
    expect(text(el)).to.contain('WELCOME20').and.contain('$48.00');
    expectNoInlineStyles(el);

    await tabToButton('Confirm and pay');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'payment');
    await headingFocused('Payment');
    await waitUntil(() => el.querySelector('[slot="payment"] input'), 'no checkout form', { timeout: 10_000 });
    expectNoInlineStyles(el);

    // The stand-in checkout sits in the element's light DOM: Tab reaches it through the slot.
    const card = el.querySelector<HTMLInputElement>('[slot="payment"] input[autocomplete="cc-number"]')!;
    await tabTo('Card number', (active) => active === card);
    await sendKeys({ type: '4242 4242 4242 4242' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '12 / 34' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '123' });
    expectNoInlineStyles(el, 'payment, card typed');
    await sendKeys({ press: 'Enter' }); // submits the checkout form
    await untilStep(el, 'done');
    await headingFocused('Welcome aboard');
    expect(text(el)).to.contain('Annual').and.contain('$48.00').and.contain('Active');
    expectNoInlineStyles(el);

    const signups = Object.values(sandbox.store.state.signups);
    expect(signups).to.have.length(1);
    expect(signups[0]!.status).to.equal('completed');
  });

  it('donation: a preset chosen with Space, then an amount typed over it', async () => {
    await useSandbox();
    const el = await mount({ 'membership-type': 'supporter' });
    el.focus();
    for (let n = 0; n < 30 && root(el).activeElement?.textContent!.trim() !== '$50.00'; n++) await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.textContent!.trim()).to.equal('$50.00');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(root(el).activeElement?.getAttribute('aria-pressed')).to.equal('true');
    expect($(el, '[part="total"]')!.textContent).to.contain('Total: $50.00');
    for (let n = 0; n < 5 && root(el).activeElement !== field(el, 'Amount'); n++) await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(field(el, 'Amount'));
    expect(field(el, 'Amount').value).to.equal('50.00');
    await sendKeys({ press: 'End' });
    for (let n = 0; n < '50.00'.length; n++) await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '75' });
    await el.updateComplete;
    expect($(el, '[part="total"]')!.textContent).to.contain('Total: $75.00');
    expect(root(el).querySelector('[aria-pressed="true"]')).to.equal(null);
    expectNoInlineStyles(el);
  });
});
