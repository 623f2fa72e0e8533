// Issue 12's dead ends and surprises, as a member meets them: leaving the payment step, a reload
// on it, the confirmation after a reload, "Sign up someone else", applications, donations and
// renewals worded as what they are.
import { expect, waitUntil } from '@open-wc/testing';
import { cleanup, fillAnnual, mount, payWith, press, root, text, type, untilStep, useSandbox } from './helpers.js';
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
});
