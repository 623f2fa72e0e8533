// From the review to a membership: free and approval plans, each payment outcome with the
// sandbox's Stripe stand-in, Stripe.js failing to load, the hosted page, double submits, and a
// reload in the middle that resumes without a second signup.
import { expect, waitUntil } from '@open-wc/testing';
import { createSandboxStripe } from '@memberkit/sandbox/stripe';
import { sendKeys } from '@web/test-runner-commands';
import {
  $,
  API,
  button,
  cleanup,
  field,
  fillAnnual,
  mount,
  payWith,
  press,
  record,
  root,
  step,
  text,
  type,
  untilStep,
  useSandbox,
  TODAY,
  http,
  override,
} from './helpers.js';
import type { MembershipSignup } from '../../src/index.js';
import type { Signup } from '@memberkit/sdk';
import { openHostedPage, sleep } from '../../src/membership-signup/payment.js';
import { pollSignup } from '../../src/membership-signup/controllers/payment.js';

const CARD_OK = '4242 4242 4242 4242';
const CARD_DECLINED = '4000 0000 0000 0002';
const CARD_NO_FUNDS = '4000 0000 0000 9995';

/** `date` plus whole days. */
function daysAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function toReview(el: MembershipSignup, email?: string) {
  await fillAnnual(el, email);
  await press(el, 'Continue');
  await untilStep(el, 'review');
}

/** The stand-in checkout's error message (its role="alert" paragraph). */
function cardError(el: MembershipSignup): string {
  return el.querySelector('[slot="payment"] [role="alert"]')?.textContent ?? '';
}

function signupsOf(sandbox: Awaited<ReturnType<typeof useSandbox>>) {
  return Object.values(sandbox.store.state.signups);
}

/** The member pays on the hosted page the element opened (here: the stand-in mounted off-element);
 * resolves once the payment went through. */
async function payOnHostedPage(url: string, card: string): Promise<void> {
  const page = document.createElement('div');
  document.body.append(page);
  let paid!: () => void;
  const done = new Promise<void>((resolve) => (paid = resolve));
  const checkout = await createSandboxStripe({ baseUrl: API }).createEmbeddedCheckoutPage({
    clientSecret: new URL(url).searchParams.get('client_secret')!,
    onComplete: () => paid(),
  });
  checkout.mount(page);
  const inputs = [...page.querySelectorAll('input')];
  inputs[0]!.value = card;
  inputs[1]!.value = '12 / 34';
  inputs[2]!.value = '123';
  page.querySelector('button')!.click();
  await done;
  checkout.destroy();
  page.remove();
}

/**
 * Runs `body` with every timer of half a second or more stretched to ten minutes (a poll that
 * would check again on its own never does within the test). `body` gets a waitUntil whose own
 * timeout runs on the real clock, so a regression fails with its message, not a mocha timeout.
 */
async function withSlowTimers(body: (until: typeof waitUntil) => Promise<void>): Promise<void> {
  const real = window.setTimeout;
  const slow = ((handler: TimerHandler, ms?: number, ...args: unknown[]) =>
    real(handler, (ms ?? 0) >= 500 ? 600_000 : ms, ...args)) as typeof window.setTimeout;
  // waitUntil arms its timeout synchronously, when called: with the real setTimeout here.
  const until: typeof waitUntil = (...args) => {
    window.setTimeout = real;
    try {
      return waitUntil(...args);
    } finally {
      window.setTimeout = slow;
    }
  };
  window.setTimeout = slow;
  try {
    await body(until);
  } finally {
    window.setTimeout = real;
  }
}

describe('<membership-signup> signup and payment', function () {
  this.timeout(20_000); // a whole signup runs several requests; the machine may be busy
  afterEach(cleanup);

  it('joins a free plan without a payment step', async () => {
    await useSandbox();
    const el = await mount({ 'membership-type': 'free' });
    const events = record(el, 'membership-signup-complete', 'membership-signup-payment-start');
    await type(el, 'Email', 'free@example.org');
    await type(el, 'First name', 'Fay');
    await type(el, 'Last name', 'Free');
    await press(el, 'Continue');
    await untilStep(el, 'review');
    expect(button(el, 'Confirm and join')).to.exist;
    await press(el, 'Confirm and join');
    await untilStep(el, 'done');
    expect(events['membership-signup-payment-start']).to.have.length(0);
    expect(events['membership-signup-complete']![0]!.detail.membership.status).to.equal('active');
    expect(text(el)).to.contain('Friend').and.contain('Active').and.contain('$0.00');
    expect(text(el), 'nothing paid, no receipt').not.to.contain('receipt');
    await expect(el).to.be.accessible();
  });

  it('shows an approval plan as pending, with no payment yet', async () => {
    await useSandbox();
    const el = await mount({ 'membership-type': 'committee' });
    await type(el, 'Email', 'cy@example.org');
    await type(el, 'First name', 'Cy');
    await type(el, 'Last name', 'Clerk');
    await type(el, 'Why do you want to join?', 'I like committees a lot.');
    await press(el, 'Continue');
    await untilStep(el, 'review');
    await press(el, 'Send application');
    await untilStep(el, 'approval');
    expect(text(el)).to.contain('will review your application').and.contain('Pending');
    await expect(el).to.be.accessible();
  });

  it('pays with 4242 4242 4242 4242 and confirms the membership (review → payment → done)', async () => {
    const sandbox = await useSandbox();
    const el = await mount({ 'membership-type': 'annual' });
    const events = record(el, 'membership-signup-submit', 'membership-signup-payment-start', 'membership-signup-complete');
    await toReview(el);
    expect(text(el)).to.contain('Subtotal').and.contain('$60.00').and.contain('Your membership runs until');
    await expect(el).to.be.accessible();
    await press(el, 'Confirm and pay');
    await untilStep(el, 'payment');
    expect(events['membership-signup-submit']).to.have.length(1);
    expect(events['membership-signup-payment-start']).to.have.length(1);
    // The checkout lives in light DOM (Stripe refuses shadow roots), shown through the slot.
    await waitUntil(() => el.querySelector('[slot="payment"]'));
    expect(root(el).querySelector('slot[name="payment"]')).to.exist;
    await expect(el).to.be.accessible();
    await payWith(el, CARD_OK);
    await untilStep(el, 'done');
    const { signup, membership } = events['membership-signup-complete']![0]!.detail;
    expect(signup.status).to.equal('completed');
    expect(membership.price_paid).to.equal(6000);
    expect(text(el)).to.contain('Annual').and.contain('$60.00').and.contain('Active');
    expect(el.querySelector('[slot="payment"]')).to.equal(null);
    expect(signupsOf(sandbox)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('after a declined card, pays with another card on the same signup', async () => {
    const sandbox = await useSandbox();
    const el = await mount({ 'membership-type': 'annual' });
    await toReview(el);
    await press(el, 'Confirm and pay');
    await untilStep(el, 'payment');
    await payWith(el, CARD_DECLINED);
    await waitUntil(() => /declined/i.test(cardError(el)), 'no decline message');
    expect(step(el)).to.equal('payment');
    await payWith(el, CARD_OK);
    await untilStep(el, 'done');
    expect(signupsOf(sandbox)).to.have.length(1);
    expect(signupsOf(sandbox)[0]!.status).to.equal('completed');
  });

  it('shows insufficient funds in the form and lets the member try again', async () => {
    await useSandbox();
    const el = await mount({ 'membership-type': 'annual' });
    await toReview(el);
    await press(el, 'Confirm and pay');
    await untilStep(el, 'payment');
    await payWith(el, CARD_NO_FUNDS);
    await waitUntil(() => /insufficient/i.test(cardError(el)), 'no insufficient funds message');
    await payWith(el, CARD_OK);
    await untilStep(el, 'done');
  });

  it('a signup that failed for good (its checkout expired) shows as declined; "Try again" is a new attempt from the review', async () => {
    const sandbox = await useSandbox({ persist: 'memory' });
    const first = await mount({ 'membership-type': 'annual' });
    await toReview(first);
    await press(first, 'Confirm and pay');
    await untilStep(first, 'payment');
    const failed = signupsOf(sandbox)[0]!.id;
    first.remove(); // the member leaves the checkout unpaid…
    sandbox.setToday(daysAfter(TODAY, 2)); // …for two days: the session expires and the signup fails
    const el = await mount({ 'membership-type': 'annual' });
    const events = record(el, 'membership-signup-payment-start');
    await waitUntil(() => text(el).includes('did not go through'), `no declined state: ${text(el)}`);
    expect(sandbox.store.state.signups[failed]!.status).to.equal('failed');
    await expect(el).to.be.accessible();
    await press(el, 'Try again');
    await untilStep(el, 'review');
    expect(JSON.parse(sessionStorage.getItem('memberkit:signup:demo')!)).to.include({ signupId: null, idempotencyKey: null });
    await press(el, 'Confirm and pay');
    await payWith(el, CARD_OK);
    await untilStep(el, 'done');
    expect(events['membership-signup-payment-start']).to.have.length(1);
    expect(signupsOf(sandbox).map((signup) => signup.status)).to.deep.equal(['failed', 'completed']);
  });

  it('says "payment unavailable" when Stripe.js fails to load, and retries', async () => {
    await useSandbox();
    let attempts = 0;
    const el = await mount(
      { 'membership-type': 'annual' },
      {
        stripeLoader: async () => {
          attempts++;
          if (attempts === 1) throw new Error('blocked by an extension');
          return createSandboxStripe();
        },
      },
    );
    const errors = record(el, 'membership-signup-error');
    await toReview(el);
    await press(el, 'Confirm and pay');
    await waitUntil(() => text(el).includes('Payment is unavailable'), 'no unavailable message');
    expect(errors['membership-signup-error']![0]!.detail.code).to.equal('payment_unavailable');
    await expect(el).to.be.accessible();
    await press(el, 'Try again');
    await payWith(el, CARD_OK);
    await untilStep(el, 'done');
  });

  it('sends a hosted-page checkout to the top-level page through the opener seam, then polls', async () => {
    const sandbox = await useSandbox({ hostedCheckoutUrl: 'https://checkout.example.test/pay' });
    const opened: string[] = [];
    const el = await mount({ 'membership-type': 'annual' }, { hostedPageOpener: (url: string) => opened.push(url) });
    await toReview(el);
    await press(el, 'Confirm and pay');
    await waitUntil(() => opened.length === 1, 'hosted page not opened');
    expect(opened[0]).to.match(/^https:\/\/checkout\.example\.test\/pay\?client_secret=/);
    expect(text(el)).to.contain('Complete the payment on the secure page');
    await expect(el).to.be.accessible();
    await payOnHostedPage(opened[0]!, CARD_OK);
    await untilStep(el, 'done', 8000);
    expect(signupsOf(sandbox)).to.have.length(1);
  });

  it('a renewal asks for the element’s checkout page too (.checkout), as a signup does: embedded asked on a hosted-page host is paid in the widget', async () => {
    const sandbox = await useSandbox({ hostedCheckoutUrl: 'https://checkout.example.test/pay' });
    const opened: string[] = [];
    const token = sandbox.issueMemberToken('demo', 'alice@example.org');
    const el = await mount(
      { 'membership-type': 'annual', locale: 'en-GB' },
      { authToken: token, checkout: { ui_mode: 'embedded_page' }, hostedPageOpener: (url: string) => opened.push(url) },
    );
    await type(el, 'Display name', 'Alice');
    await type(el, 'T-shirt size', 'm');
    field(el, 'I accept the membership terms').click();
    await press(el, 'Continue');
    await untilStep(el, 'review');
    await press(el, 'Confirm and pay');
    await untilStep(el, 'renewal');
    await press(el, 'Renew');
    await untilStep(el, 'payment');
    const renewal = signupsOf(sandbox).find((signup) => signup.renewal_of !== null)!;
    expect(renewal.checkout_ui_mode).to.equal('embedded_page');
    expect(renewal.locale, 'the member’s language goes with the renewal, as with a signup').to.equal('en-GB');
    await payWith(el, CARD_OK);
    await untilStep(el, 'done');
    expect(opened, 'no hosted page opened').to.deep.equal([]);
  });

  it('keeps polling a hosted payment for as long as the member takes, waiting longer between tries', async () => {
    const real = window.setTimeout;
    const waits: number[] = [];
    // No real waiting: record each pause the poll asks for and run it at once.
    window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
      waits.push(ms ?? 0);
      return real(handler, 0, ...args);
    }) as typeof window.setTimeout;
    let tries = 0;
    let signup: Signup | undefined;
    try {
      // 300 checks is over 40 minutes of waiting: far past the old limit of 90 tries (≈ 87 s).
      signup = await pollSignup(
        async () => ({ status: ++tries < 300 ? 'awaiting_payment' : 'completed' }) as Signup,
        new AbortController().signal,
        () => false,
      );
    } finally {
      window.setTimeout = real;
    }
    expect(signup?.status).to.equal('completed');
    expect(tries).to.equal(300);
    expect(waits[0]).to.equal(500);
    expect(waits.every((ms, n) => n === 0 || ms >= waits[n - 1]!), 'the waits never shrink').to.equal(true);
    expect(Math.max(...waits)).to.equal(10_000);
  });

  it('refreshPayment() checks the hosted payment at once when the member comes back', async () => {
    const sandbox = await useSandbox({ hostedCheckoutUrl: 'https://checkout.example.test/pay' });
    const opened: string[] = [];
    const el = await mount({ 'membership-type': 'annual' }, { hostedPageOpener: (url: string) => opened.push(url) });
    await toReview(el);
    await withSlowTimers(async (until) => {
      await press(el, 'Confirm and pay');
      await until(() => opened.length === 1, 'hosted page not opened', { timeout: 5000 });
      await payOnHostedPage(opened[0]!, CARD_OK);
      // Paid, but the element's next check is minutes away (its timers are stretched here).
      expect(step(el)).to.equal('payment');
      el.refreshPayment();
      await until(() => step(el) === 'done', 'refreshPayment() did not check the signup', { timeout: 5000 });
    });
    expect(signupsOf(sandbox)).to.have.length(1);
    // Elsewhere it does nothing.
    el.refreshPayment();
    expect(step(el)).to.equal('done');
  });

  it('after a hosted payment failed for good, "Try again" is a new attempt from the review: no second decline, a new page', async () => {
    const sandbox = await useSandbox({ hostedCheckoutUrl: 'https://checkout.example.test/pay' });
    const opened: string[] = [];
    const el = await mount({ 'membership-type': 'annual' }, { hostedPageOpener: (url: string) => opened.push(url) });
    const errors = record(el, 'membership-signup-error');
    const declines = () => errors['membership-signup-error']!.filter((event) => event.detail.code === 'payment_declined');
    await toReview(el);
    await press(el, 'Confirm and pay');
    await waitUntil(() => opened.length === 1, 'hosted page not opened');
    // The member never pays there; two days later the session has expired and the signup failed.
    sandbox.setToday(daysAfter(TODAY, 2));
    await waitUntil(() => text(el).includes('did not go through'), 'no declined state', { timeout: 8000 });
    expect(declines()).to.have.length(1);
    await press(el, 'Try again');
    await untilStep(el, 'review');
    await el.updateComplete;
    expect(root(el).activeElement?.tagName, 'the focus moves to the heading, not the page').to.equal('H2');
    expect(opened, 'the expired page is not opened again').to.have.length(1);
    await press(el, 'Confirm and pay');
    await waitUntil(() => opened.length === 2, 'no page for the new attempt');
    expect(opened[1]).not.to.equal(opened[0]);
    await payOnHostedPage(opened[1]!, CARD_OK);
    await untilStep(el, 'done');
    expect(declines()).to.have.length(1);
    expect(signupsOf(sandbox).map((signup) => signup.status)).to.deep.equal(['failed', 'completed']);
  });

  it('opens the hosted page from a frame in a new tab with no opener and no referrer', () => {
    const calls: unknown[][] = [];
    const original = window.open;
    window.open = ((...args: unknown[]) => {
      calls.push(args);
      return null;
    }) as typeof window.open;
    try {
      openHostedPage('https://checkout.example.test/pay', true);
    } finally {
      window.open = original;
    }
    expect(calls).to.have.length(1);
    expect(calls[0]![0]).to.equal('https://checkout.example.test/pay');
    expect(String(calls[0]![2]).split(',')).to.include.members(['noopener', 'noreferrer']);
  });

  it('waits between polls without leaving abort listeners behind', async () => {
    const controller = new AbortController();
    const { signal } = controller;
    let listeners = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      add(...args);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners--;
      remove(...args);
    }) as typeof signal.removeEventListener;
    for (let n = 0; n < 3; n++) await sleep(1, signal);
    expect(listeners).to.equal(0);
    const waiting = sleep(10_000, signal);
    controller.abort(new Error('stopped'));
    let reason: unknown;
    await waiting.catch((error: unknown) => (reason = error));
    expect((reason as Error).message).to.equal('stopped');
  });

  it('signs up a group: the payer and the group members, one price', async () => {
    const sandbox = await useSandbox();
    const el = await mount({ 'membership-type': 'family' });
    await type(el, 'Email', 'parent@example.org');
    await type(el, 'First name', 'Pat');
    await type(el, 'Last name', 'Parent');
    await type(el, 'Household name', 'The Parents');
    await press(el, 'Add a group member');
    const childEmail = root(el).querySelector<HTMLInputElement>('#mk-group-0-email')!;
    childEmail.value = 'kid@example.org';
    childEmail.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await press(el, 'Continue');
    await untilStep(el, 'review');
    expect(text(el)).to.contain('kid@example.org').and.contain('$90.00');
    await press(el, 'Confirm and pay');
    await payWith(el, CARD_OK);
    await untilStep(el, 'done');
    const signup = signupsOf(sandbox)[0]!;
    expect(signup.membership_ids).to.have.length(2);
  });

  it('submits once on Enter spam: in the details form, then on Confirm while the signup is on its way', async () => {
    const sandbox = await useSandbox();
    const el = await mount({ 'membership-type': 'free' });
    const submits = record(el, 'membership-signup-submit');
    await type(el, 'Email', 'enter@example.org');
    await type(el, 'First name', 'En');
    await type(el, 'Last name', 'Ter');
    field(el, 'Last name').focus();
    for (let n = 0; n < 3; n++) await sendKeys({ press: 'Enter' }); // real key presses
    await untilStep(el, 'review');
    expect(submits['membership-signup-submit'], 'Enter in the form only reaches the review').to.have.length(0);
    const hold = sandbox.holdNextRequest(); // the signup stays on its way while the member presses on
    const confirm = button(el, 'Confirm and join');
    confirm.focus();
    for (let n = 0; n < 5; n++) await sendKeys({ press: 'Enter' });
    await hold.held;
    expect(root(el).activeElement).to.equal(confirm);
    expect(confirm.getAttribute('aria-disabled')).to.equal('true');
    hold.release();
    await untilStep(el, 'done');
    expect(submits['membership-signup-submit']).to.have.length(1);
    expect(signupsOf(sandbox)).to.have.length(1);
  });

  it('submits once on a double click', async () => {
    const sandbox = await useSandbox();
    const el = await mount({ 'membership-type': 'free' });
    const submits = record(el, 'membership-signup-submit');
    await type(el, 'Email', 'double@example.org');
    await type(el, 'First name', 'Dee');
    await type(el, 'Last name', 'Double');
    await press(el, 'Continue');
    await untilStep(el, 'review');
    const hold = sandbox.holdNextRequest();
    const confirm = button(el, 'Confirm and join');
    confirm.click();
    confirm.click();
    await hold.held;
    await el.updateComplete;
    expect(confirm.getAttribute('aria-disabled')).to.equal('true');
    confirm.click();
    hold.release();
    await untilStep(el, 'done');
    expect(submits['membership-signup-submit']).to.have.length(1);
    expect(signupsOf(sandbox)).to.have.length(1);
  });

  it('is cancelable: preventDefault on -submit keeps the member on the review', async () => {
    const sandbox = await useSandbox();
    const el = await mount({ 'membership-type': 'free' });
    el.addEventListener('membership-signup-submit', (event) => event.preventDefault());
    await type(el, 'Email', 'cancel@example.org');
    await type(el, 'First name', 'Can');
    await type(el, 'Last name', 'Cel');
    await press(el, 'Continue');
    await untilStep(el, 'review');
    await press(el, 'Confirm and join');
    expect(step(el)).to.equal('review');
    expect(signupsOf(sandbox)).to.have.length(0);
  });

  it('resumes after a reload on the payment step at the review, with the same signup (no second signup)', async () => {
    const sandbox = await useSandbox({ persist: 'memory' });
    const first = await mount({ 'membership-type': 'annual' });
    await toReview(first);
    await press(first, 'Confirm and pay');
    await untilStep(first, 'payment');
    // The member types a card (declined here, so it stays in the form): none of it is stored.
    await payWith(first, CARD_DECLINED);
    await waitUntil(() => /declined/i.test(cardError(first)), 'no decline message');
    const stored = JSON.stringify({ ...sessionStorage });
    for (const secret of [CARD_DECLINED, CARD_DECLINED.replace(/ /g, ''), '12 / 34', '"123"']) {
      expect(stored, secret).not.to.contain(secret);
    }
    expect(JSON.parse(sessionStorage.getItem('memberkit:signup:demo')!).signupId).to.be.a('string');
    first.remove(); // the page goes away…
    const again = await mount({ 'membership-type': 'annual' }); // …and comes back to the review
    await untilStep(again, 'review');
    await press(again, 'Confirm and pay');
    await untilStep(again, 'payment');
    await payWith(again, CARD_OK);
    await untilStep(again, 'done');
    expect(signupsOf(sandbox)).to.have.length(1);
    // Only the finished signup stays (a reload shows its confirmation): nothing the member typed.
    expect(JSON.parse(sessionStorage.getItem('memberkit:signup:demo')!)).to.include({ finished: true, email: '', membershipTypeId: null });
  });

  describe('a reload with a discount code (one signup per attempt)', () => {
    const draft = () => JSON.parse(sessionStorage.getItem('memberkit:signup:demo')!);
    const applied = (el: MembershipSignup) => () => text(el).includes('Code WELCOME20 applied');

    it('after a lost response, resumes the same attempt with the same key: one signup, discounted', async () => {
      const sandbox = await useSandbox();
      const first = await mount({ 'membership-type': 'annual', 'discount-code': 'WELCOME20' });
      await waitUntil(applied(first), 'code not applied');
      await toReview(first);
      // The signup is made but its answer never arrives (nor those of the client's retries).
      sandbox.setFaults({ rate: 1, kinds: ['lost_response'] });
      await press(first, 'Confirm and pay');
      await untilStep(first, 'error', 15000);
      sandbox.setFaults(null);
      expect(signupsOf(sandbox)).to.have.length(1);
      const key = draft().idempotencyKey;
      expect(key).to.be.a('string');
      first.remove(); // the member reloads…
      const again = await mount({ 'membership-type': 'annual', 'discount-code': 'WELCOME20' });
      await untilStep(again, 'review');
      expect(text(again)).to.contain('$48.00');
      expect(draft().idempotencyKey).to.equal(key);
      await press(again, 'Confirm and pay'); // …and confirms again
      await untilStep(again, 'payment');
      expect(draft().idempotencyKey).to.equal(key);
      expect(signupsOf(sandbox)).to.have.length(1);
      expect(signupsOf(sandbox)[0]!.quote.total).to.equal(4800);
    }).timeout(30000);

    it('a Confirm while the resumed code is checked again waits for the check and sends the code', async () => {
      const sandbox = await useSandbox();
      const first = await mount({ 'membership-type': 'annual', 'discount-code': 'WELCOME20' });
      await waitUntil(applied(first), 'code not applied');
      await toReview(first);
      first.remove(); // a reload before confirming: the code is checked again
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      // Holds the check, then falls through to the sandbox (a resolver that returns nothing).
      override(http.post(`${API}/organizations/demo/discounts/validate`, async () => void (await gate)));
      const again = await mount({ 'membership-type': 'annual', 'discount-code': 'WELCOME20' });
      await untilStep(again, 'review');
      const submits = record(again, 'membership-signup-submit');
      await press(again, 'Confirm and pay');
      expect(submits['membership-signup-submit'], 'nothing is sent while the code is checked').to.have.length(0);
      expect(button(again, 'Sending').getAttribute('aria-disabled')).to.equal('true');
      release();
      await untilStep(again, 'payment');
      expect(submits['membership-signup-submit']![0]!.detail.params.discount_code).to.equal('WELCOME20');
      expect(signupsOf(sandbox)).to.have.length(1);
      expect(signupsOf(sandbox)[0]!.quote.total).to.equal(4800);
    });
  });

  it('resumes at the review when the saved signup is unknown to the API (new attempt, no error)', async () => {
    await useSandbox();
    sessionStorage.setItem(
      'memberkit:signup:demo',
      JSON.stringify({
        v: 1,
        step: 'payment',
        membershipTypeId: 'free',
        email: 'ghost@example.org',
        firstName: 'Gus',
        lastName: 'Ghost',
        fields: {},
        amount: '',
        autoRenew: false,
        groupMembers: [],
        discountCode: '',
        idempotencyKey: 'stale-key',
        signupId: 'su_does_not_exist',
      }),
    );
    const el = await mount({ 'membership-type': 'free' });
    await untilStep(el, 'review');
    expect(text(el)).to.contain('ghost@example.org');
    await press(el, 'Confirm and join');
    await untilStep(el, 'done');
  });

  it('resumes the details after a reload, values kept', async () => {
    await useSandbox();
    const first = await mount({ 'membership-type': 'annual' });
    await type(first, 'Email', 'kept@example.org');
    await type(first, 'Display name', 'Kept');
    first.remove();
    const again = await mount({ 'membership-type': 'annual' });
    expect(step(again)).to.equal('details');
    expect((root(again).querySelector('#mk-email') as HTMLInputElement).value).to.equal('kept@example.org');
    expect(text(again)).to.contain('Annual');
    void $;
  });
});
