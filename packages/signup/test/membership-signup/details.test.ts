// The details step: autocomplete tokens, every custom field type validated as the member types
// (the SDK's validateFields), the error summary, donation bounds and presets, group members,
// terms, and discount codes checked by the API with a live price preview.
import { expect, waitUntil } from '@open-wc/testing';
import {
  $,
  button,
  check,
  cleanup,
  field,
  fillAnnual,
  mount,
  press,
  record,
  root,
  step,
  text,
  type,
  untilStep,
  useSandbox,
  API,
  http,
  HttpResponse,
  problem,
  override,
} from './helpers.js';
import { demoData } from '@memberkit/sandbox';

describe('<membership-signup> details', function () {
  this.timeout(20_000); // a whole signup runs several requests; the machine may be busy
  beforeEach(() => useSandbox());
  afterEach(cleanup);

  it('asks for email and names with the right autocomplete tokens', async () => {
    const el = await mount({ 'membership-type': 'annual' });
    expect(field(el, 'Email').autocomplete).to.equal('email');
    expect(field(el, 'Email').type).to.equal('email');
    expect(field(el, 'First name').autocomplete).to.equal('given-name');
    expect(field(el, 'Last name').autocomplete).to.equal('family-name');
  });

  it('an answer its pattern refuses says what the organization says the pattern allows (its pattern_description, as text), else that the format is not the expected one', async () => {
    let el = await mount({ 'membership-type': 'annual' });
    await type(el, 'Display name', 'Alice ♥');
    expect(text(el)).to.contain('Use letters, digits, spaces, dots, dashes and underscores.');
    expect(text(el)).not.to.contain('expected format');
    cleanup();
    const data = demoData();
    const annual = data.organizations.find((org) => org.organization.id === 'demo')!.membership_types.find((t) => t.id === 'annual')!;
    annual.fields[0]!.pattern_description = '<b>Letters</b> only';
    await useSandbox({ data });
    el = await mount({ 'membership-type': 'annual' });
    await type(el, 'Display name', 'Alice ♥');
    expect(text(el), 'text, not markup').to.contain('<b>Letters</b> only');
    expect($(el, 'b')).to.equal(null);
    cleanup();
    annual.fields[0]!.pattern_description = null;
    await useSandbox({ data });
    el = await mount({ 'membership-type': 'annual' });
    await type(el, 'Display name', 'Alice ♥');
    expect(text(el)).to.contain('This value is not in the expected format.');
  });

  it('renders every custom field type with its label in the same shadow root', async () => {
    const el = await mount({ 'membership-type': 'annual' });
    const kinds = {
      'Display name': 'text',
      'About you': 'textarea',
      'Work email': 'email',
      Phone: 'tel',
      Website: 'url',
      'Years of experience': 'number',
      'Date of birth': 'date',
      'T-shirt size': 'select-one',
      'Send me the monthly newsletter': 'checkbox',
      'I accept the membership terms': 'checkbox',
    };
    for (const [label, kind] of Object.entries(kinds)) expect(field(el, label).type, label).to.equal(kind);
    const interests = [...root(el).querySelectorAll('fieldset legend')].find((legend) => legend.textContent!.includes('Interests'));
    expect(interests, 'multiselect as a group of checkboxes').to.exist;
    expect(interests!.parentElement!.querySelectorAll('input[type="checkbox"]').length).to.be.greaterThan(1);
  });

  it('validates as the member types, with a linked message per field', async () => {
    const el = await mount({ 'membership-type': 'annual' });
    await type(el, 'Email', 'not-an-email');
    const email = field(el, 'Email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    const message = root(el).getElementById(email.getAttribute('aria-describedby')!);
    expect(message!.textContent).to.contain('Enter an email address');
    await type(el, 'Email', 'nora@example.org');
    expect(field(el, 'Email').getAttribute('aria-invalid')).to.equal('false');
    await type(el, 'Years of experience', '120');
    expect(text(el)).to.contain('Enter 80 or less.');
    await type(el, 'Website', 'ftp://example.org');
    expect(text(el)).to.contain('Enter a web address');
  });

  it('shows a custom field\'s error once the member leaves it, like the built-in inputs', async () => {
    const el = await mount({ 'membership-type': 'annual' });
    const website = field(el, 'Website');
    website.focus();
    website.value = 'ftp';
    website.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    expect(website.getAttribute('aria-invalid'), 'no complaint while typing').to.equal('false');
    expect(text(el)).not.to.contain('Enter a web address');
    website.blur();
    await el.updateComplete;
    expect(website.getAttribute('aria-invalid')).to.equal('true');
    expect(text(el)).to.contain('Enter a web address');
  });

  it('moves focus to an error summary listing each problem after a failed Continue', async () => {
    const el = await mount({ 'membership-type': 'annual' });
    const events = record(el, 'membership-signup-submit');
    await press(el, 'Continue');
    await el.updateComplete;
    const summary = $(el, '[part="error-summary"]')!;
    expect(summary).to.exist;
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    expect(summary.textContent).to.contain('Email').and.contain('Display name').and.contain('I accept the membership terms');
    expect(step(el)).to.equal('details');
    expect(events['membership-signup-submit']).to.have.length(0);
    // A link in the summary takes the member to the field.
    summary.querySelector('a')!.click();
    expect(el.shadowRoot!.activeElement).to.equal(field(el, 'Email'));
    await expect(el).to.be.accessible();
  });

  it('goes to the review once every field is valid', async () => {
    const el = await mount({ 'membership-type': 'annual' });
    await fillAnnual(el);
    await press(el, 'Continue');
    await untilStep(el, 'review');
    expect(text(el)).to.contain('$60.00').and.contain('new.member@example.org');
  });

  it('links the organization terms only when they are https, next to the consent', async () => {
    const el = await mount({ 'membership-type': 'annual' });
    const link = root(el).querySelector<HTMLAnchorElement>('a[target="_blank"]')!;
    expect(link.href).to.match(/^https:\/\//);
    expect(link.rel).to.contain('noopener');
  });

  describe('donation (supporter: minimum $15, maximum $1,000, presets)', () => {
    it('offers presets and previews the chosen amount', async () => {
      const el = await mount({ 'membership-type': 'supporter' });
      expect(text(el)).to.contain('Between $15.00 and $1,000.00');
      await press(el, '$50.00');
      expect(button(el, '$50.00').getAttribute('aria-pressed')).to.equal('true');
      expect($(el, '[part="total"]')!.textContent).to.contain('Total: $50.00');
      expect($(el, '[part="total"]')!.getAttribute('aria-live')).to.equal('polite');
    });

    it('refuses an amount under the minimum or over the maximum', async () => {
      const el = await mount({ 'membership-type': 'supporter' });
      await type(el, 'Amount', '10');
      expect(text(el)).to.contain('The minimum is $15.00.');
      await type(el, 'Amount', '2000');
      expect(text(el)).to.contain('The maximum is $1,000.00.');
      await type(el, 'Amount', '12.345');
      expect(text(el)).to.contain('more decimals');
      await type(el, 'Amount', '42.50');
      expect($(el, '[part="total"]')!.textContent).to.contain('$42.50');
    });

    it('reads an amount as the member types it: grouping, a decimal comma, a currency sign', async () => {
      const el = await mount({ 'membership-type': 'supporter' });
      await type(el, 'Amount', '1,000.50');
      expect(text(el)).to.contain('The maximum is $1,000.00.');
      await type(el, 'Amount', '1,000');
      expect($(el, '[part="total"]')!.textContent).to.contain('Total: $1,000.00');
      await type(el, 'Amount', '12,50');
      expect(text(el)).to.contain('The minimum is $15.00.');
      await type(el, 'Amount', '$15');
      expect($(el, '[part="total"]')!.textContent).to.contain('Total: $15.00');
    });
  });

  describe('group (family: up to 5 people)', () => {
    it('adds group members up to the limit', async () => {
      const el = await mount({ 'membership-type': 'family' });
      for (let n = 0; n < 4; n++) await press(el, 'Add a group member');
      expect(() => button(el, 'Add a group member')).to.throw();
      expect(root(el).querySelectorAll('fieldset.person')).to.have.length(4);
      await press(el, 'Remove group member 4');
      expect(root(el).querySelectorAll('fieldset.person')).to.have.length(3);
      expect(button(el, 'Add a group member')).to.exist;
    });

    it('asks each person for their own email before submitting', async () => {
      const el = await mount({ 'membership-type': 'family' });
      await type(el, 'Email', 'pat@example.org');
      await press(el, 'Add a group member');
      await press(el, 'Add a group member');
      const emailOf = (index: number) => root(el).querySelector<HTMLInputElement>(`#mk-group-${index}-email`)!;
      for (const [index, email] of [[0, 'kim@example.org'], [1, 'KIM@example.org ']] as const) {
        emailOf(index).value = email;
        emailOf(index).dispatchEvent(new Event('input', { bubbles: true }));
        emailOf(index).dispatchEvent(new Event('blur'));
        await el.updateComplete;
      }
      expect(emailOf(0).getAttribute('aria-invalid')).to.equal('false');
      expect(emailOf(1).getAttribute('aria-invalid')).to.equal('true');
      expect(text(el)).to.contain('Each person needs their own email address.');
      await press(el, 'Continue');
      expect(step(el)).to.equal('details');
      expect($(el, '[part="error-summary"]')!.textContent).to.contain('Group member 2 – Email: Each person needs their own email address.');
    });
  });

  describe('discount codes (checked by the API, previewed by quotePrice)', () => {
    async function applyCode(code: string, membershipType = 'annual') {
      const el = await mount({ 'membership-type': membershipType });
      const events = record(el, 'membership-signup-discount-apply');
      await type(el, 'Discount code', code);
      await press(el, 'Apply');
      await waitUntil(() => events['membership-signup-discount-apply']!.length === 1, 'no discount answer');
      await el.updateComplete;
      return { el, detail: events['membership-signup-discount-apply']![0]!.detail };
    }

    it('WELCOME20 takes 20 % off $60.00: total $48.00', async () => {
      const { el, detail } = await applyCode('WELCOME20');
      expect(detail.reason).to.equal(null);
      expect($(el, '[part="total"]')!.textContent).to.contain('Total: $48.00');
      expect(text(el)).to.contain('Code WELCOME20 applied');
    });

    it('reads a refusal from the problem\'s codes, not from its wording', async () => {
      override(
        http.post(`${API}/organizations/demo/discounts/validate`, () =>
          problem(422, 'invalid_discount', {
            detail: 'This code has expired or is used up.',
            errors: [{ field: 'code', code: 'invalid', message: 'expired' }],
          }),
        ),
      );
      // A refusal without a reason the widget knows: not "does not exist", which would be untrue.
      const unexplained = await applyCode('OLDCODE');
      expect(unexplained.detail.reason).to.equal('unexplained');
      expect(text(unexplained.el)).to.contain('This code cannot be used for this membership.');
      expect(text(unexplained.el)).not.to.contain('does not exist');
      cleanup();
      override(
        http.post(`${API}/organizations/demo/discounts/validate`, () =>
          problem(422, 'invalid_discount', { detail: 'No.', reason: 'used_up' }),
        ),
      );
      const { el, detail } = await applyCode('OLDCODE');
      expect(detail.reason).to.equal('used_up');
      expect(text(el)).to.contain('used up');
    });

    it('words every reason the API gives (the SDK\'s list), and a reason newer than this widget as "cannot be used for this membership"', async () => {
      const cases: [string, string, string][] = [
        ['currency_mismatch', 'currency_mismatch', 'This code is for another currency.'],
        ['conflicting_discount', 'conflicting_discount', 'This code cannot be used.'],
        ['members_only', 'unexplained', 'This code cannot be used for this membership.'],
      ];
      for (const [sent, reason, words] of cases) {
        override(http.post(`${API}/organizations/demo/discounts/validate`, () => problem(422, 'invalid_discount', { detail: 'No.', reason: sent })));
        const { el, detail } = await applyCode('SOMECODE');
        expect(detail.reason).to.equal(reason);
        expect(typeof detail.reason).to.equal('string');
        expect(text(el)).to.contain(words);
        cleanup();
      }
    });

    it('SAVE10 takes $10.00 off', async () => {
      const { el } = await applyCode('SAVE10');
      expect($(el, '[part="total"]')!.textContent).to.contain('Total: $50.00');
    });

    it('says why a code is refused: expired, used up, not for this plan, unknown', async () => {
      expect((await applyCode('SPRING2020')).detail.reason).to.equal('expired');
      cleanup();
      expect((await applyCode('LAUNCH')).detail.reason).to.equal('used_up');
      cleanup();
      const { el, detail } = await applyCode('ANNUALONLY', 'monthly');
      expect(detail.reason).to.equal('not_for_this_type');
      expect(text(el)).to.contain('This code does not apply to this membership.');
      expect(field(el, 'Discount code').getAttribute('aria-invalid')).to.equal('true');
      expect($(el, '[part="total"]')!.textContent).to.contain('$9.00');
      cleanup();
      expect((await applyCode('NO-SUCH-CODE')).detail.reason).to.equal('unknown');
    });

    it('a check that fails (network, server, unreadable answer) says so next to the code, and Apply tries again', async () => {
      const el = await mount({ 'membership-type': 'annual' });
      const errors = record(el, 'membership-signup-error');
      override(http.post(`${API}/organizations/demo/discounts/validate`, () => HttpResponse.error(), { once: true }));
      await type(el, 'Discount code', 'WELCOME20');
      await press(el, 'Apply');
      const status = () => root(el).getElementById('mk-discount-status')!;
      await waitUntil(() => status().textContent!.includes('could not check this code'), 'the failed check is invisible');
      // In the polite live region tied to the input, styled as an error; the step stays.
      expect(status().getAttribute('aria-live')).to.equal('polite');
      expect(field(el, 'Discount code').getAttribute('aria-describedby')).to.equal('mk-discount-status');
      expect(status().getAttribute('part')).to.equal('error');
      expect(step(el)).to.equal('details');
      expect(errors['membership-signup-error']![0]!.detail.code).to.equal('network');
      await expect(el).to.be.accessible();
      await press(el, 'Apply'); // the network is back
      await waitUntil(() => text(el).includes('Code WELCOME20 applied'), 'the second try did not apply the code');
      expect(status().textContent).not.to.contain('could not check');
    });

    /** Holds the next code check until `release()`, then lets the sandbox answer it; `held` once it waits. */
    function holdNextCheck() {
      let release!: () => void;
      let arrived!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const held = new Promise<void>((resolve) => (arrived = resolve));
      override(
        http.post(
          `${API}/organizations/demo/discounts/validate`,
          async () => {
            arrived();
            await gate;
          },
          { once: true },
        ),
      );
      return { held, release };
    }

    it('a check answered after the member changed the code is dropped: the new code is checked, priced and sent', async () => {
      const el = await mount({ 'membership-type': 'annual' });
      const submits = record(el, 'membership-signup-submit');
      const check = holdNextCheck();
      await type(el, 'Discount code', 'WELCOME20');
      await press(el, 'Apply');
      await check.held;
      await type(el, 'Discount code', 'SAVE10');
      await press(el, 'Apply');
      await waitUntil(() => text(el).includes('Code SAVE10 applied'), `SAVE10 was not checked: ${text(el)}`);
      check.release(); // WELCOME20's answer comes too late to count
      await fillAnnual(el);
      await press(el, 'Continue');
      await untilStep(el, 'review');
      expect(text(el)).to.contain('Discount (SAVE10)').and.contain('$50.00').and.not.contain('WELCOME20');
      await press(el, 'Confirm and pay');
      await untilStep(el, 'payment');
      expect(submits['membership-signup-submit']![0]!.detail.params.discount_code).to.equal('SAVE10');
    });

    it('a check answered after the member chose another plan is dropped: the code is checked again for the new plan', async () => {
      const el = await mount({ 'membership-type': 'annual' });
      const check = holdNextCheck();
      await type(el, 'Discount code', 'ANNUALONLY'); // 25 % off, the annual plan only
      await press(el, 'Apply');
      await check.held;
      await press(el, 'Back');
      await untilStep(el, 'plans');
      await press(el, 'Choose Monthly');
      await waitUntil(() => text(el).includes('This code does not apply to this membership.'), `not checked for Monthly: ${text(el)}`);
      check.release(); // the answer for Annual comes too late to count
      await type(el, 'Email', 'monthly@example.org');
      await type(el, 'First name', 'Mo');
      expect($(el, '[part="total"]')!.textContent).to.contain('$9.00');
      expect(text(el)).not.to.contain('Code ANNUALONLY applied');
    });

    it('sends the code as the API accepted it, not as typed (" welcome20 " is sent as WELCOME20)', async () => {
      const el = await mount({ 'membership-type': 'annual' });
      const submits = record(el, 'membership-signup-submit');
      await type(el, 'Discount code', ' welcome20 ');
      await press(el, 'Apply');
      await waitUntil(() => text(el).includes('applied'), 'code not applied');
      await fillAnnual(el);
      await press(el, 'Continue');
      await untilStep(el, 'review');
      expect(text(el)).to.contain('Discount (WELCOME20)');
      await press(el, 'Confirm and pay');
      await untilStep(el, 'payment');
      expect(submits['membership-signup-submit']![0]!.detail.params.discount_code).to.equal('WELCOME20');
    });
  });

  it('lets the member choose auto-renewal when the type leaves it open', async () => {
    const el = await mount({ 'membership-type': 'flexible' });
    await check(el, 'Renew automatically');
    expect(field(el, 'Renew automatically').checked).to.equal(true);
  });
});
