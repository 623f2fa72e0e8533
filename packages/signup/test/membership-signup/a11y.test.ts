// axe finds no violations in the states the other suites do not check: loading, a donation with its
// presets, a group with its people, a refused discount code, the renewal offer to a member who is
// not signed in, theme="auto" in both colour schemes, and configuration errors. Each screen also
// carries no inline style attribute (a strict CSP would block it).
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import {
  $,
  API,
  button,
  cleanup,
  expectNoInlineStyles,
  field,
  fillAnnual,
  http,
  mount,
  override,
  press,
  record,
  root,
  step,
  text,
  type,
  untilStep,
  useSandbox,
} from './helpers.js';
import type { MembershipSignup } from '../../src/index.js';

/** The WCAG contrast ratio of two opaque computed colours (`rgb(r, g, b)`). */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = color.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((part) => {
      const value = Number(part) / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

async function expectAccessible(el: MembershipSignup): Promise<void> {
  await el.updateComplete;
  expectNoInlineStyles(el);
  await expect(el).to.be.accessible();
}

describe('<membership-signup> accessibility in every state', function () {
  this.timeout(20_000); // a whole signup runs several requests; the machine may be busy
  afterEach(cleanup);

  it('loading: a busy message, announced, while the signup-config request is on its way', async () => {
    const sandbox = await useSandbox();
    const hold = sandbox.holdNextRequest();
    const el = document.createElement('membership-signup') as MembershipSignup;
    el.setAttribute('organization', 'demo');
    el.setAttribute('api-base', API);
    document.body.append(el);
    try {
      await hold.held;
      await el.updateComplete;
      expect(step(el)).to.equal('loading');
      expect($(el, '[aria-busy="true"]')!.textContent).to.contain('Loading');
      await expectAccessible(el);
    } finally {
      hold.release();
    }
    await untilStep(el, 'plans');
    el.remove();
  });

  it('donation details: presets as toggle buttons, the chosen one pressed, the amount hint linked', async () => {
    await useSandbox();
    const el = await mount({ 'membership-type': 'supporter' });
    await expectAccessible(el);
    await press(el, '$25.00');
    expect(button(el, '$25.00').getAttribute('aria-pressed')).to.equal('true');
    expect(button(el, '$50.00').getAttribute('aria-pressed')).to.equal('false');
    const amount = field(el, 'Amount');
    expect(root(el).getElementById(amount.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent).to.contain(
      'Between $15.00 and $1,000.00',
    );
    await expectAccessible(el);
    await type(el, 'Amount', '5');
    expect(amount.getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(el);
  });

  it('group details: the group and each person in their own fieldset, a duplicate email flagged', async () => {
    await useSandbox();
    const el = await mount({ 'membership-type': 'family' });
    await type(el, 'Email', 'pat@example.org');
    await press(el, 'Add a group member');
    await press(el, 'Add a group member');
    const email = (index: number) => root(el).querySelector<HTMLInputElement>(`#mk-group-${index}-email`)!;
    email(0).value = 'pat@example.org';
    email(0).dispatchEvent(new Event('input', { bubbles: true }));
    email(0).dispatchEvent(new Event('blur'));
    await el.updateComplete;
    expect(email(0).getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).querySelectorAll('fieldset.person legend')).to.have.length(2);
    await expectAccessible(el);
    await press(el, 'Continue');
    expect(step(el)).to.equal('details');
    expect(root(el).activeElement).to.equal($(el, '[part="error-summary"]'));
    await expectAccessible(el);
  });

  it('a refused discount code: the reason next to the code, the code marked invalid', async () => {
    await useSandbox();
    const el = await mount({ 'membership-type': 'monthly' });
    const applied = record(el, 'membership-signup-discount-apply');
    await type(el, 'Discount code', 'ANNUALONLY');
    await press(el, 'Apply');
    await waitUntil(() => applied['membership-signup-discount-apply']!.length === 1, 'no discount answer');
    await el.updateComplete;
    const code = field(el, 'Discount code');
    expect(code.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).getElementById(code.getAttribute('aria-describedby')!)!.textContent).to.equal(
      'This code does not apply to this membership.',
    );
    await expectAccessible(el);
  });

  it('the renewal offer to an existing member who is not signed in', async () => {
    await useSandbox();
    const el = await mount({ 'membership-type': 'annual' });
    await fillAnnual(el, 'alice@example.org');
    await press(el, 'Continue');
    await untilStep(el, 'review');
    await press(el, 'Confirm and pay');
    await untilStep(el, 'renewal');
    expect(text(el)).to.contain('Sign in to your member account to renew it.');
    await expectAccessible(el);
  });

  for (const theme of ['light', 'dark']) {
    it(`a button in flight (busy) keeps AA contrast in the ${theme} theme (no opacity), and axe passes`, async () => {
      await useSandbox();
      const el = await mount({ theme });
      await press(el, 'Sign in');
      await untilStep(el, 'signin');
      await type(el, 'Email', 'alice@example.org');
      let answer = () => {};
      override(http.post(`${API}/organizations/demo/auth/email-codes`, () => new Promise<undefined>((resolve) => (answer = () => resolve(undefined)))));
      await press(el, 'Send code');
      const busy = $(el, 'button[aria-disabled="true"]')!;
      expect(busy, 'a busy button').to.exist;
      const style = getComputedStyle(busy);
      expect(style.opacity).to.equal('1');
      const background = style.backgroundColor === 'rgba(0, 0, 0, 0)' ? getComputedStyle($(el, '.base')!).backgroundColor : style.backgroundColor;
      const ratio = contrast(style.color, background === 'rgba(0, 0, 0, 0)' ? getComputedStyle(el).backgroundColor : background);
      expect(ratio, `${style.color} on ${background}`).to.be.at.least(4.5);
      await expectAccessible(el);
      answer();
    });
  }

  describe('theme="auto" follows prefers-color-scheme', () => {
    after(() => emulateMedia({ colorScheme: 'no-preference' }));

    it('dark system colours: the dark palette, and axe passes on the plans and on details with errors', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      await useSandbox();
      const el = await mount({ theme: 'auto' });
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(17, 24, 39)');
      await expectAccessible(el);
      await press(el, 'Choose Annual');
      await untilStep(el, 'details');
      await press(el, 'Continue');
      expect($(el, '[part="error-summary"]')).to.exist;
      await expectAccessible(el);
    });

    it('light system colours: the light palette, and axe passes', async () => {
      await emulateMedia({ colorScheme: 'light' });
      await useSandbox();
      const el = await mount({ theme: 'auto' });
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(255, 255, 255)');
      await expectAccessible(el);
    });
  });

  describe('configuration errors (a clear message inside the element, one console warning)', () => {
    /** Mounts with `organization` while capturing console.warn. */
    async function mountWarned(organization: string): Promise<{ el: MembershipSignup; warned: string[] }> {
      const warned: string[] = [];
      const original = console.warn;
      console.warn = (...args: unknown[]) => warned.push(args.join(' '));
      try {
        const el = await mount({ organization });
        await untilStep(el, 'error');
        return { el, warned };
      } finally {
        console.warn = original;
      }
    }

    it('an organization id that is not valid ("acme!"): named as invalid, not as missing; no form', async () => {
      await useSandbox();
      const { el, warned } = await mountWarned('acme!');
      const message = $(el, '[role="alert"]')!.textContent!;
      expect(message).to.contain('acme!');
      expect(message, 'the attribute is there: it is wrong, not missing').not.to.match(/missing/i);
      expect(warned.filter((line) => line.includes('organization'))).to.have.length(1);
      expect(root(el).querySelector('form, [part="plan-card"]')).to.equal(null);
      await expectAccessible(el);
    });

    it('an organization the API does not know ("no-such-club"): a configuration message, one warning, nothing to retry', async () => {
      await useSandbox();
      const { el, warned } = await mountWarned('no-such-club');
      expect(text(el)).to.contain('not set up correctly');
      expect(root(el).querySelector('form, [part="plan-card"], button')).to.equal(null);
      expect(warned.filter((line) => line.includes('organization')), 'one console warning naming the attribute').to.have.length(1);
      await expectAccessible(el);
    });
  });
});
