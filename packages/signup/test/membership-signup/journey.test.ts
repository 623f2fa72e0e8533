// Issue 12's dead ends and surprises, as a member meets them: leaving the payment step, a reload
// on it, the confirmation after a reload, "Sign up someone else", applications, donations and
// renewals worded as what they are.
import { expect, waitUntil } from '@open-wc/testing';
import { $, API, button, check, cleanup, http, HttpResponse, override, problem, field, fillAnnual, mount, payWith, plusYears, press, record, root, step, text, type, untilStep, useSandbox, words, TODAY } from './helpers.js';
import type { MembershipSignup } from '../../src/index.js';

const CARD_OK = '4242 4242 4242 4242';
const KEY = 'memberkit:signup:demo';
const draft = () => JSON.parse(sessionStorage.getItem(KEY)!);

function signupsOf(sandbox: Awaited<ReturnType<typeof useSandbox>>) {
  return Object.values(sandbox.store.state.signups);
}

async function toPayment(el: MembershipSignup) {
  await fillAnnual(el);
  await press(el, 'Continue');
  await untilStep(el, 'review');
  await press(el, 'Confirm and pay');
  await untilStep(el, 'payment');
  await waitUntil(() => el.querySelector('[slot="payment"] input'), 'no checkout form');
}

describe('<membership-signup> journey: no dead ends', function () {
  this.timeout(20_000);
  afterEach(cleanup);

  describe('payment is not a one-way door', () => {
    it('Back on the payment step returns to the review; the checkout goes; Confirm again is the same signup (same key)', async () => {
      const sandbox = await useSandbox();
      const el = await mount({ 'membership-type': 'annual' });
      await toPayment(el);
      const key = draft().idempotencyKey;
      await press(el, 'Back');
      await untilStep(el, 'review');
      expect(el.querySelector('[slot="payment"]'), 'the checkout is torn down').to.equal(null);
      expect(root(el).activeElement?.textContent).to.equal('Review and confirm');
      await expect(el).to.be.accessible();
      await press(el, 'Confirm and pay');
      await untilStep(el, 'payment');
      expect(draft().idempotencyKey).to.equal(key);
      await payWith(el, CARD_OK);
      await untilStep(el, 'done');
      expect(signupsOf(sandbox)).to.have.length(1);
      expect(signupsOf(sandbox)[0]!.status).to.equal('completed');
    });

    it('back to the details, a changed answer is a new attempt (a new key): the new signup is paid, the old checkout is not', async () => {
      const sandbox = await useSandbox();
      const el = await mount({ 'membership-type': 'annual' });
      await toPayment(el);
      const key = draft().idempotencyKey;
      const first = signupsOf(sandbox)[0]!.id;
      await press(el, 'Back');
      await untilStep(el, 'review');
      await press(el, 'Back');
      await untilStep(el, 'details');
      await type(el, 'First name', 'Nadia');
      expect(draft()).to.include({ idempotencyKey: null, signupId: null });
      await press(el, 'Continue');
      await untilStep(el, 'review');
      await press(el, 'Confirm and pay');
      await untilStep(el, 'payment');
      expect(draft().idempotencyKey).to.be.a('string').and.not.equal(key);
      await payWith(el, CARD_OK);
      await untilStep(el, 'done');
      const signups = signupsOf(sandbox);
      expect(signups).to.have.length(2);
      const second = signups.find((signup) => signup.id !== first)!;
      expect(second.status).to.equal('completed');
      expect(sandbox.store.state.signups[first]!.status).not.to.equal('completed');
    });

    it('a reload on an unpaid embedded checkout resumes at the review; Confirm opens the same signup', async () => {
      const sandbox = await useSandbox({ persist: 'memory' });
      const first = await mount({ 'membership-type': 'annual' });
      await toPayment(first);
      const key = draft().idempotencyKey;
      first.remove();
      const again = await mount({ 'membership-type': 'annual' });
      await untilStep(again, 'review');
      expect(text(again)).to.contain('new.member@example.org').and.contain('$60.00');
      expect(draft()).to.include({ step: 'review', idempotencyKey: key });
      await press(again, 'Confirm and pay');
      await untilStep(again, 'payment');
      await payWith(again, CARD_OK);
      await untilStep(again, 'done');
      expect(signupsOf(sandbox)).to.have.length(1);
    });
  });
  describe('a link to a plan that is not offered', () => {
    /** Mounts while capturing console.warn. */
    async function mountWarned(attributes: Record<string, string>) {
      const warned: string[] = [];
      const original = console.warn;
      console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
      try {
        const el = await mount(attributes);
        return { el, warned };
      } finally {
        console.warn = original;
      }
    }

    it('an unknown membership-type shows every plan with a notice, and the warning names the attribute and its value', async () => {
      const sandbox = await useSandbox();
      const { el, warned } = await mountWarned({ 'membership-type': 'no-such-plan' });
      expect(step(el)).to.equal('plans');
      expect(text(el)).to.contain('The plan in your link is not available. Choose one of the plans below.');
      expect(text(el)).not.to.contain('not set up correctly');
      const listed = sandbox.store.state.membership_types.demo!.filter((plan) => plan.status === 100 && plan.archived_at === null);
      expect(root(el).querySelectorAll('[part~="plan-card"]').length).to.equal(listed.length);
      expect(warned.filter((line) => line.includes('membership-type="no-such-plan"')), 'one warning naming the attribute and its value').to.have.length(1);
      expect(warned.some((line) => line.includes('organization')), 'the organization is not blamed').to.equal(false);
      await expect(el).to.be.accessible();
      // Choosing a plan is the member's answer: the notice goes.
      await press(el, 'Choose Annual');
      await untilStep(el, 'details');
      await press(el, 'Back');
      await untilStep(el, 'plans');
      expect(text(el)).not.to.contain('is not available');
    });

    it('a retired (archived) plan: every plan still offered, with the notice', async () => {
      const sandbox = await useSandbox();
      sandbox.storage.runSync((tx) => tx.update('membership_types', { organization_id: 'demo', id: 'monthly' }, { archived_at: new Date().toISOString() }));
      const { el, warned } = await mountWarned({ 'membership-type': 'monthly' });
      expect(step(el)).to.equal('plans');
      expect(text(el)).to.contain('The plan in your link is not available.');
      expect(() => button(el, 'Choose Monthly')).to.throw();
      button(el, 'Choose Annual');
      expect(warned.filter((line) => line.includes('membership-type="monthly"'))).to.have.length(1);
    });

    it('in French and in Arabic', async () => {
      await useSandbox();
      const fr = await mount({ 'membership-type': 'no-such-plan', locale: 'fr' });
      await waitUntil(() => text(fr).includes('L’adhésion de votre lien n’est pas disponible.'), 'no French notice');
      fr.remove();
      const ar = await mount({ 'membership-type': 'no-such-plan', locale: 'ar' });
      await waitUntil(() => text(ar).includes('العضوية الواردة في رابطك غير متاحة.'), 'no Arabic notice');
      await expect(ar).to.be.accessible();
    });
  });
  describe('a plan that renews automatically says so on the review', () => {
    /** The day the first term ends, when the renewed one starts (counted here from the calendar, not asked of the SDK). */
    const renewsOn = (months: number) => {
      const [y, m, d] = TODAY.split('-').map(Number) as [number, number, number];
      const end = new Date(Date.UTC(y, m - 1 + months, d));
      if (end.getUTCDate() !== d) end.setUTCDate(0);
      return end.toISOString().slice(0, 10);
    };

    it('a first term of 0 (a full discount) on a monthly plan: the review says what renews, when and for how much', async () => {
      const sandbox = await useSandbox();
      sandbox.storage.runSync((tx) =>
        tx.insert('discounts', {
          organization_id: 'demo', id: 'dc_firstfree', code: 'FIRSTFREE', code_key: 'FIRSTFREE', percent_off: 100, amount_off: null, currency: null,
          membership_type_ids: null, valid_from: null, valid_until: null, max_redemptions: null, times_redeemed: 0, deactivated_at: null,
          created_at: new Date().toISOString(),
        }),
      );
      const el = await mount({ 'membership-type': 'monthly', 'discount-code': 'FIRSTFREE' });
      await waitUntil(() => text(el).includes('Code FIRSTFREE applied'), 'the code was not applied');
      await type(el, 'Email', 'mo@example.org');
      await type(el, 'First name', 'Mo');
      await type(el, 'Last name', 'Monthly');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      const review = text(el);
      expect(review).to.contain('Total$0.00');
      expect(review).to.contain(`Renews automatically on ${words(renewsOn(1))} for $9.00.`);
      await expect(el).to.be.accessible();
    });

    it('a plan where the member chooses: the renewal line only when they ticked it; in French too', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'flexible' });
      await type(el, 'Email', 'q@example.org');
      await type(el, 'First name', 'Quinn');
      await type(el, 'Last name', 'Quarter');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      expect(text(el)).to.contain('Does not renew automatically').and.not.contain('Renews automatically on');
      await press(el, 'Back');
      await untilStep(el, 'details');
      await check(el, 'Renew automatically');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      expect(text(el)).to.contain(`Renews automatically on ${words(renewsOn(3))} for $18.00.`);
      el.setAttribute('locale', 'fr');
      await waitUntil(() => text(el).includes('Renouvellement automatique le ') && text(el).includes('pour 18,00'), `no French renewal line: ${text(el)}`);
    });
  });
  describe('invitation-only plans', () => {
    const founder = async (el: MembershipSignup, email: string) => {
      await type(el, 'Email', email);
      await type(el, 'First name', 'Fay');
      await type(el, 'Last name', 'Founder');
    };

    it('a refused invitation in the link says why (expired), with a field for another code; the right code opens the plan with its code field', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'founders', invitation: 'FOUNDERS-2019' });
      expect(step(el)).to.equal('error');
      expect(text(el)).to.contain('This invitation has expired.');
      expect(text(el)).not.to.contain('Something went wrong').and.not.contain('Try again');
      await expect(el).to.be.accessible();
      await type(el, 'Invitation code', 'FOUNDERS-2026');
      await press(el, 'Continue');
      await untilStep(el, 'details');
      expect(text(el)).to.contain('Founding member');
      expect(field(el, 'Invitation code').value).to.equal('FOUNDERS-2026');
    });

    it('"See all plans" leaves the link for the listed plans', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'founders' });
      expect(text(el)).to.contain('Enter the invitation code you received.');
      await press(el, 'See all plans');
      await untilStep(el, 'plans');
      expect(() => button(el, 'Choose Founding member')).to.throw();
      button(el, 'Choose Annual');
    });

    it('an invitation for another email is caught on the details step, on the email field; the invited address goes on', async () => {
      const sandbox = await useSandbox();
      const el = await mount({ 'membership-type': 'founders', invitation: 'FOUNDERS-ALICE' });
      await founder(el, 'fay@example.org');
      await press(el, 'Continue');
      await waitUntil(() => $(el, '[data-summary]'), 'no error summary');
      expect(step(el)).to.equal('details');
      expect($(el, '[data-summary]')!.textContent).to.contain('This invitation was sent to another email address.');
      expect(field(el, 'Email').getAttribute('aria-invalid')).to.equal('true');
      expect(signupsOf(sandbox), 'nothing sent yet').to.have.length(0);
      await expect(el).to.be.accessible();
      await type(el, 'Email', 'alice@example.org');
      expect(field(el, 'Email').getAttribute('aria-invalid')).to.equal('false');
      await press(el, 'Continue');
      await untilStep(el, 'review');
    });

    it('every refusal the API sends at the last step is worded on the code field (used; a reason this widget does not know), never "Try again"', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'founders', invitation: 'FOUNDERS-2026' });
      await founder(el, 'fay@example.org');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      for (const [reason, words] of [
        ['used', 'This invitation has already been used.'],
        ['revoked_for_good', 'This invitation cannot be used for this membership.'],
      ]) {
        override(
          http.post(`${API}/organizations/demo/signups`, () =>
            problem(422, 'invitation_required', { reason, errors: [{ field: 'invitation_code', code: reason, message: 'No.' }] }),
          ),
        );
        await press(el, 'Confirm and join');
        await untilStep(el, 'details');
        expect(root(el).getElementById('mk-invitation-error')!.textContent).to.equal(words);
        expect(text(el)).not.to.contain('Something went wrong');
        await type(el, 'Invitation code', 'FOUNDERS-2026');
        await press(el, 'Continue');
        await untilStep(el, 'review');
      }
    });

    it('in French', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'founders', invitation: 'FOUNDERS-2019', locale: 'fr' });
      await waitUntil(() => text(el).includes('Cette invitation a expiré.'), `no French refusal: ${text(el)}`);
      expect(text(el)).to.contain('Voir toutes les adhésions');
    });
  });
  describe('a first load that cannot reach the service', () => {
    it('says so and offers Try again, without claiming that anything entered is kept (nothing was); in Arabic too', async () => {
      const sandbox = await useSandbox();
      override(http.get(`${API}/organizations/demo/signup-config`, () => HttpResponse.error()));
      const errors: CustomEvent[] = [];
      const el = document.createElement('membership-signup') as MembershipSignup;
      el.addEventListener('membership-signup-error', (event) => errors.push(event as CustomEvent));
      el.setAttribute('organization', 'demo');
      el.setAttribute('api-base', API);
      document.body.append(el);
      await untilStep(el, 'error', 15000);
      expect(text(el)).to.contain('We could not reach the membership service. Check your connection and try again.');
      expect(text(el)).not.to.contain('kept');
      expect(errors[0]!.detail.message).not.to.contain('kept');
      el.setAttribute('locale', 'ar');
      await waitUntil(() => text(el).includes('تعذّر الوصول إلى الخدمة'), 'no Arabic message');
      expect(text(el)).not.to.contain('تم حفظ ما أدخلته');
      override(...sandbox.handlers); // the network is back
      await press(el, 'إعادة المحاولة');
      await untilStep(el, 'plans', 15000);
      el.remove();
    }).timeout(30000);
  });
  describe('the review reads back everything, each section with "Edit"', () => {
    it('the plan once, the name, the answers (option labels), and Edit goes to the plans or the details', async () => {
      await useSandbox();
      const el = await mount();
      await press(el, 'Choose Annual');
      await untilStep(el, 'details');
      await fillAnnual(el);
      await press(el, 'Continue');
      await untilStep(el, 'review');
      const review = text(el);
      expect(review.split('Annual').length - 1, 'the plan once').to.equal(1);
      expect(review).to.contain('NameNora Newman').and.contain('Emailnew.member@example.org');
      expect(review).to.contain('Display nameNora N.').and.contain('T-shirt sizeM').and.contain('Send me the monthly newsletterNo');
      expect(review).not.to.contain('I accept the membership terms');
      await expect(el).to.be.accessible();
      await press(el, 'Edit Your details');
      await untilStep(el, 'details');
      expect(field(el, 'First name').value).to.equal('Nora');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      await press(el, 'Edit Plan');
      await untilStep(el, 'plans');
    });

    it('a group: each group member\'s email; in German', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'family', locale: 'de' });
      await waitUntil(() => $(el, '.base')!.getAttribute('lang')?.startsWith('de'), 'German never loaded');
      await type(el, 'E-Mail', 'parent@example.org');
      await type(el, 'Vorname', 'Pat');
      await type(el, 'Nachname', 'Parent');
      await type(el, 'Household name', 'The Parents');
      await press(el, 'Gruppenmitglied hinzufügen');
      await type(el, 'E-Mail', 'parent@example.org');
      const kid = root(el).querySelector<HTMLInputElement>('#mk-group-0-email')!;
      kid.value = 'kid@example.org';
      kid.dispatchEvent(new Event('input'));
      await el.updateComplete;
      await press(el, 'Weiter');
      await untilStep(el, 'review');
      expect(text(el)).to.contain('kid@example.org').and.contain('NamePat Parent').and.contain('Household nameThe Parents');
      button(el, 'Bearbeiten');
    });
  });
  describe('forms: red, one message per field, human words', () => {
    it('an invalid input turns red (the error colour wins over the text inputs\' border), one message per field, consent and formats in words', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'annual' });
      await type(el, 'Email', 'nora');
      await type(el, 'Website', 'not a site');
      await press(el, 'Continue');
      expect(step(el)).to.equal('details');
      const email = field(el, 'Email');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      const errorColour = getComputedStyle(root(el).getElementById('mk-email-error')!).color;
      expect(getComputedStyle(email).borderTopColor).to.equal(errorColour);
      expect(getComputedStyle(field(el, 'First name')).borderTopColor).to.equal(errorColour);
      for (const box of root(el).querySelectorAll('[part~="field"]')) {
        expect(box.querySelectorAll(':scope > .error, :scope > p.error').length, box.textContent!).to.be.at.most(1);
      }
      const summary = $(el, '[data-summary]')!.textContent!.replace(/\s+/g, ' ');
      expect(summary).to.contain('I accept the membership terms: Please accept the terms to continue.');
      expect(summary).to.contain('Website: Enter a web address like example.org.');
      expect(summary).to.contain('Email: Enter an email address like name@example.org.');
    });

    it('a website typed as "example.org" is accepted and sent as https://example.org; an amount in full-width digits is read', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'annual' });
      const submits = record(el, 'membership-signup-submit');
      await fillAnnual(el);
      await type(el, 'Website', 'example.org');
      expect(field(el, 'Website').getAttribute('aria-invalid')).to.equal('false');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      await press(el, 'Confirm and pay');
      await waitUntil(() => submits['membership-signup-submit']!.length === 1, 'not submitted');
      expect(submits['membership-signup-submit']![0]!.detail.params.fields.website).to.equal('https://example.org');
      cleanup();
      const donation = await mount({ 'membership-type': 'supporter' });
      await type(donation, 'Amount', '３０');
      expect(text(donation)).to.contain('Total: $30.00');
    });

    it('on a right-to-left page, email, web address and phone inputs are left-to-right', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'annual', locale: 'ar' });
      await waitUntil(() => $(el, '.base')!.getAttribute('dir') === 'rtl', 'Arabic never loaded');
      for (const id of ['mk-email']) expect(root(el).getElementById(id)!.getAttribute('dir'), id).to.equal('ltr');
      for (const input of root(el).querySelectorAll<HTMLInputElement>('input[type="email"], input[type="url"], input[type="tel"]')) {
        expect(input.getAttribute('dir'), input.id).to.equal('ltr');
        expect(getComputedStyle(input).direction, input.id).to.equal('ltr');
      }
      expect(root(el).querySelectorAll('input[type="url"], input[type="tel"]').length).to.equal(2);
      expect(getComputedStyle(field(el, 'Display name')).direction).to.equal('rtl');
    });
  });
  describe('the confirmation of a free membership', () => {
    it('says the welcome email went to the member (no receipt for nothing paid) and what comes next; in Spanish too', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'free' });
      await type(el, 'Email', 'fran@example.org');
      await type(el, 'First name', 'Fran');
      await type(el, 'Last name', 'Free');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      await press(el, 'Confirm and join');
      await untilStep(el, 'done');
      const done = text(el);
      expect(done).to.contain('A welcome email was sent to fran@example.org.').and.not.contain('receipt');
      expect(done).to.match(/will be in touch by email about what comes next\./);
      await expect(el).to.be.accessible();
      el.setAttribute('locale', 'es');
      await waitUntil(() => text(el).includes('Se ha enviado un correo de bienvenida a fran@example.org.'), `no Spanish: ${text(el)}`);
      expect(text(el)).to.contain('te escribirá por correo con los próximos pasos');
    });
  });
  describe('the confirmation is no dead end', () => {
    it('says what was bought, until when and for how much; a reload shows it again (told to the page once); "Sign up someone else" is a new form', async () => {
      const sandbox = await useSandbox({ persist: 'memory' });
      const first = await mount();
      const firstEvents = record(first, 'membership-signup-complete');
      await press(first, 'Choose Annual');
      await untilStep(first, 'details');
      await fillAnnual(first);
      await press(first, 'Continue');
      await untilStep(first, 'review');
      await press(first, 'Confirm and pay');
      await untilStep(first, 'payment');
      await payWith(first, CARD_OK);
      await untilStep(first, 'done');
      const confirmation = text(first);
      expect(confirmation).to.contain('Your Annual membership is confirmed').and.contain('$60.00').and.contain(words(plusYears(TODAY, 1)));
      expect(confirmation).to.contain('A receipt was sent to new.member@example.org.');
      // The organization's next step (the API names none: it will write).
      expect(confirmation).to.match(/\S will be in touch by email about what comes next\./);
      expect(firstEvents['membership-signup-complete']).to.have.length(1);
      // The draft keeps only the signup: nothing the member typed.
      const stored = sessionStorage.getItem(KEY)!;
      expect(stored).not.to.contain('new.member@example.org');
      expect(draft()).to.include({ signupId: signupsOf(sandbox)[0]!.id, finished: true });
      first.remove(); // a reload…
      const again = document.createElement('membership-signup');
      const againEvents = record(again, 'membership-signup-complete'); // listening before it connects
      again.setAttribute('organization', 'demo');
      again.setAttribute('api-base', API);
      document.body.append(again);
      await untilStep(again, 'done');
      expect(text(again)).to.equal(confirmation);
      expect(againEvents['membership-signup-complete'], 'no second completion for the host page').to.have.length(0);
      await expect(again).to.be.accessible();
      await press(again, 'Sign up someone else');
      await untilStep(again, 'plans');
      expect(sessionStorage.getItem(KEY) ?? '').not.to.contain('finished":true');
      await press(again, 'Choose Annual');
      await untilStep(again, 'details');
      expect((root(again).querySelector('#mk-email') as HTMLInputElement).value).to.equal('');
      again.remove();
      expect(signupsOf(sandbox)).to.have.length(1);
    });

    it('an application sent shows again after a reload, and offers "Sign up someone else"', async () => {
      await useSandbox({ persist: 'memory' });
      const first = await mount({ 'membership-type': 'committee' });
      await type(first, 'Email', 'cy@example.org');
      await type(first, 'First name', 'Cy');
      await type(first, 'Last name', 'Clerk');
      await type(first, 'Why do you want to join?', 'I like committees a lot.');
      await press(first, 'Continue');
      await untilStep(first, 'review');
      await press(first, 'Send application');
      await untilStep(first, 'approval');
      first.remove();
      const again = await mount({ 'membership-type': 'committee' });
      await untilStep(again, 'approval');
      expect(text(again)).to.contain('will review your application');
      await press(again, 'Sign up someone else');
      await untilStep(again, 'details');
      expect(step(again)).to.equal('details');
      expect((root(again).querySelector('#mk-email') as HTMLInputElement).value).to.equal('');
    });
  });
  describe('an approval plan is an application', () => {
    it('the review sends an application; the result says what happens next (a review, then a link to pay), with no dates and nothing paid', async () => {
      const sandbox = await useSandbox();
      const el = await mount({ 'membership-type': 'committee' });
      await type(el, 'Email', 'cy@example.org');
      await type(el, 'First name', 'Cy');
      await type(el, 'Last name', 'Clerk');
      await type(el, 'Why do you want to join?', 'I like committees a lot.');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      expect(() => button(el, 'Confirm and pay')).to.throw();
      await press(el, 'Send application');
      await untilStep(el, 'approval');
      const result = text(el);
      expect(result).to.contain('Application received').and.contain('will review your application');
      expect(result).to.contain('Once it is approved, you will get a link to pay $20.00.');
      expect(result).to.contain('Committee').and.contain('Pending');
      expect(result).not.to.contain('Amount paid').and.not.contain('Starts').and.not.contain('Expires').and.not.contain('$0.00');
      expect(signupsOf(sandbox)[0]!.status).to.equal('awaiting_approval');
      await expect(el).to.be.accessible();
    });

    it('in French: « Envoyer la demande » and the link to pay', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'committee', locale: 'fr' });
      await waitUntil(() => text(el).includes('Adresse e-mail'), 'French never loaded');
      await type(el, 'Adresse e-mail', 'cy@example.org');
      await type(el, 'Prénom', 'Cy');
      await type(el, 'Nom', 'Clerk');
      await type(el, 'Why do you want to join?', 'I like committees a lot.');
      await press(el, 'Continuer');
      await untilStep(el, 'review');
      await press(el, 'Envoyer la demande');
      await untilStep(el, 'approval');
      expect(text(el)).to.contain('Une fois acceptée, vous recevrez un lien pour payer');
    });
  });
  describe('a donation charges what it shows', () => {
    const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

    it('opens with the amount that will be charged in the box and its preset pressed; that amount is sent', async () => {
      const sandbox = await useSandbox();
      const el = await mount({ 'membership-type': 'supporter' });
      expect(field(el, 'Amount').value).to.equal('25.00');
      expect(button(el, '$25.00').getAttribute('aria-pressed')).to.equal('true');
      expect(text(el)).to.contain('Total: $25.00');
      const submits = record(el, 'membership-signup-submit');
      await type(el, 'Email', 'dora@example.org');
      await type(el, 'First name', 'Dora');
      await type(el, 'Last name', 'Donor');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      expect(text(el)).to.contain('$25.00');
      await press(el, 'Confirm and pay');
      await untilStep(el, 'payment');
      expect(submits['membership-signup-submit']![0]!.detail.params.amount).to.equal(2500);
      expect(signupsOf(sandbox)[0]!.quote.total).to.equal(2500);
    });

    it('an emptied amount is asked for, with no total claimed; the minimum error shows once', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'supporter' });
      await type(el, 'Amount', '');
      expect(text(el)).not.to.contain('Total:');
      expect(root(el).querySelector('[aria-pressed="true"]')).to.equal(null);
      expect(text(el)).to.contain('Enter an amount.');
      expect(field(el, 'Amount').getAttribute('aria-invalid')).to.equal('true');
      await type(el, 'Amount', '10');
      expect(count(text(el), 'The minimum is $15.00.')).to.equal(1);
      await type(el, 'Email', 'dora@example.org');
      await type(el, 'First name', 'Dora');
      await type(el, 'Last name', 'Donor');
      await press(el, 'Continue');
      expect(step(el)).to.equal('details');
      await type(el, 'Amount', '');
      await press(el, 'Continue');
      expect(step(el)).to.equal('details');
      expect(root(el).querySelector('[data-summary]')!.textContent).to.contain('Amount').and.contain('Enter an amount.');
      await expect(el).to.be.accessible();
    });

    it('in Arabic: the emptied amount is asked for in Arabic', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'supporter', locale: 'ar' });
      await waitUntil(() => $(el, '.base')!.getAttribute('dir') === 'rtl', 'Arabic never loaded');
      const amount = root(el).querySelector<HTMLInputElement>('#mk-amount')!;
      amount.value = '';
      amount.dispatchEvent(new Event('input', { bubbles: true }));
      amount.dispatchEvent(new Event('blur'));
      await el.updateComplete;
      expect(text(el)).to.contain('أدخل مبلغًا.');
    });
  });
  describe('a renewal is confirmed as a renewal', () => {
    it('says "renewed until" the new expiry, and shows the new term (not the first start) and what it cost', async () => {
      const sandbox = await useSandbox();
      const token = sandbox.issueMemberToken('demo', 'alice@example.org');
      const el = await mount({ 'membership-type': 'annual' }, { authToken: token });
      await type(el, 'Display name', 'Alice');
      await type(el, 'T-shirt size', 'm');
      field(el, 'I accept the membership terms').click();
      await press(el, 'Continue');
      await untilStep(el, 'review');
      await press(el, 'Confirm and pay');
      await untilStep(el, 'renewal');
      await press(el, 'Renew');
      await untilStep(el, 'payment');
      await payWith(el, CARD_OK);
      await untilStep(el, 'done');
      // Alice bought hers 120 days ago: the renewal is her second year, from the anchor.
      const anchor = new Date(Date.parse(`${sandbox.today('demo')}T00:00:00Z`) - 120 * 86_400_000).toISOString().slice(0, 10);
      const result = text(el);
      expect(result).to.contain('Membership renewed').and.contain(`Your Annual membership is renewed until ${words(plusYears(anchor, 2))}.`);
      expect(result).not.to.contain('Welcome aboard');
      expect(result).to.contain(`Starts${words(plusYears(anchor, 1))}`).and.contain(`Expires${words(plusYears(anchor, 2))}`);
      expect(result).not.to.contain(words(anchor));
      expect(result).to.contain('Amount paid$60.00');
      expect(result).to.contain('Nothing else to do: your membership continues without a break.').and.not.contain('will be in touch');
      expect(root(el).querySelector('[role="status"]')!.textContent).to.equal('Membership renewed');
      await expect(el).to.be.accessible();
    });

    it('in German: „Mitgliedschaft verlängert"', async () => {
      const sandbox = await useSandbox();
      const token = sandbox.issueMemberToken('demo', 'alice@example.org');
      const el = await mount({ 'membership-type': 'annual', locale: 'de' }, { authToken: token });
      await waitUntil(() => $(el, '.base')!.getAttribute('lang')?.startsWith('de'), 'German never loaded');
      await type(el, 'Display name', 'Alice');
      await type(el, 'T-shirt size', 'm');
      field(el, 'I accept the membership terms').click();
      await press(el, 'Weiter');
      await untilStep(el, 'review');
      await press(el, 'Bestätigen und bezahlen');
      await untilStep(el, 'renewal');
      await press(el, 'Verlängern');
      await untilStep(el, 'payment');
      await payWith(el, CARD_OK);
      await untilStep(el, 'done');
      expect(text(el)).to.contain('Mitgliedschaft verlängert').and.contain('Ihre Mitgliedschaft Annual ist bis zum');
    });
  });
});
