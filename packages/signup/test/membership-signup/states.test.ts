// Failure is a state, not a blank box; a member token skips retyping and opens the renewal; the
// element is safe on any page (configuration errors, invalid attributes, two widgets, define twice).
import { expect, waitUntil } from '@open-wc/testing';
import {
  $,
  API,
  button,
  cleanup,
  field,
  fillAnnual,
  http,
  HttpResponse,
  problem,
  mount,
  override,
  plusYears,
  press,
  record,
  root,
  step,
  text,
  type,
  untilStep,
  useSandbox,
  words,
} from './helpers.js';
import { ContextConsumer } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import { MembershipSignup, clientContext, configContext, memberContext, safeDefine } from '../../src/index.js';

const CONFIG = `${API}/organizations/demo/signup-config`;

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86400000).toISOString().slice(0, 10);
}

/** Captures console.warn while `run` runs. */
async function warnings(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => seen.push(args.join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return seen;
}


/** Signed in as Alice (the API knows her email and names): the annual plan's own fields, to the review. */
async function toReviewSignedIn(el: MembershipSignup): Promise<void> {
  await type(el, 'Display name', 'Alice');
  await type(el, 'T-shirt size', 'm');
  field(el, 'I accept the membership terms').click();
  await press(el, 'Continue');
  await untilStep(el, 'review');
}

/** A widget inside a component's shadow root: `host`'s, or a new component's (added to `hosts`). */
function widgetInShadowRoot(hosts: HTMLElement[], membershipType: string, host?: HTMLElement): MembershipSignup {
  if (!host) {
    host = document.createElement('div');
    host.attachShadow({ mode: 'open' });
    document.body.append(host);
    hosts.push(host);
  }
  const el = document.createElement('membership-signup');
  for (const [name, value] of Object.entries({ organization: 'demo', 'api-base': API, 'membership-type': membershipType })) {
    el.setAttribute(name, value);
  }
  host.shadowRoot!.append(el);
  return el;
}

describe('<membership-signup> states', function () {
  this.timeout(20_000); // a whole signup runs several requests; the machine may be busy
  afterEach(cleanup);

  describe('member token', () => {
    it('prefills from signup-config and does not ask for the email again', async () => {
      const sandbox = await useSandbox();
      const token = sandbox.issueMemberToken('demo', 'dana@example.org', { first_name: 'Dana', last_name: 'Diaz' });
      const el = await mount({ 'membership-type': 'monthly' }, { authToken: token });
      expect(text(el)).to.contain('Signed in as dana@example.org');
      expect(() => field(el, 'Email')).to.throw();
      expect(() => field(el, 'First name')).to.throw();
      // Never reflected, stored or put in the DOM.
      expect(el.getAttribute('auth-token')).to.equal(null);
      expect(el.outerHTML + root(el).innerHTML).not.to.contain(token);
      expect(JSON.stringify({ ...sessionStorage })).not.to.contain(token);
      await type(el, 'Phone', '+1 555 0100');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      expect(text(el)).to.contain('dana@example.org');
    });

    it('adopts a token set by the page before the element was defined', async () => {
      const sandbox = await useSandbox();
      const token = sandbox.issueMemberToken('demo', 'early@example.org', { first_name: 'Early', last_name: 'Bird' });
      // A tag not defined yet stands for <membership-signup> before its module ran.
      const tag = `membership-signup-early-${Math.random().toString(36).slice(2)}`;
      const el = document.createElement(tag) as MembershipSignup;
      el.setAttribute('organization', 'demo');
      el.setAttribute('api-base', API);
      el.setAttribute('membership-type', 'monthly');
      (el as { authToken?: string }).authToken = token;
      document.body.append(el);
      try {
        customElements.define(tag, class extends MembershipSignup {});
        await waitUntil(() => step(el) === 'details', `never reached details (at ${step(el)})`, { timeout: 10_000 });
        expect(text(el)).to.contain('Signed in as early@example.org');
        expect(Object.prototype.hasOwnProperty.call(el, 'authToken'), 'no own property left shadowing the accessor').to.equal(false);
      } finally {
        el.remove();
      }
    });

    it('asks .getAuthToken for a fresh token when the injected one has expired', async () => {
      const sandbox = await useSandbox();
      const expired = sandbox.issueMemberToken('demo', 'erin@example.org', { expiresIn: -60 });
      let asked = 0;
      const el = await mount(
        {},
        {
          authToken: expired,
          getAuthToken: async () => {
            asked++;
            return sandbox.issueMemberToken('demo', 'erin@example.org');
          },
        },
      );
      expect(asked).to.equal(1);
      await press(el, 'Choose Monthly');
      expect(text(el)).to.contain('Signed in as erin@example.org');
    });

    it('an expired token and nothing to refresh it: carries on signed out with one warning, not an error loop', async () => {
      const sandbox = await useSandbox();
      const expired = sandbox.issueMemberToken('demo', 'erin@example.org', { expiresIn: -60 });
      let el!: MembershipSignup;
      const seen = await warnings(async () => {
        el = await mount({}, { authToken: expired });
      });
      expect(step(el)).to.equal('plans');
      expect(seen.filter((line) => line.includes('signed out'))).to.have.length(1);
      expect(seen.join('\n')).not.to.contain(expired);
      await press(el, 'Choose Monthly');
      expect(field(el, 'Email').value).to.equal('');
    });

    it('offers an existing member the renewal, with the new expiry from calculateExpiry', async () => {
      const sandbox = await useSandbox();
      const token = sandbox.issueMemberToken('demo', 'alice@example.org');
      const el = await mount({ 'membership-type': 'annual' }, { authToken: token });
      const errors = record(el, 'membership-signup-error');
      await toReviewSignedIn(el);
      await press(el, 'Confirm and pay');
      await untilStep(el, 'renewal');
      expect(errors['membership-signup-error'], 'an ordinary case: no -error for the host page').to.have.length(0);
      // Bought 120 days ago: renewing before the lapse extends from the anchor, two years in all.
      const anchor = daysBefore(sandbox.today('demo'), 120); // the organization's today (New York), not UTC's
      expect(text(el)).to.contain(`valid until ${words(plusYears(anchor, 1))}`);
      expect(text(el)).to.contain(`extend it until ${words(plusYears(anchor, 2))}`);
      await expect(el).to.be.accessible();
      // Back returns to the details with everything kept.
      await press(el, 'Back');
      await untilStep(el, 'details');
      expect(field(el, 'Display name').value).to.equal('Alice');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      await press(el, 'Confirm and pay');
      await untilStep(el, 'renewal');
      // The renewal is announced like a signup (cancelable -submit naming the membership).
      const submits = record(el, 'membership-signup-submit');
      el.addEventListener('membership-signup-submit', (event) => event.preventDefault(), { once: true });
      await press(el, 'Renew');
      expect(step(el)).to.equal('renewal');
      expect(submits['membership-signup-submit']![0]!.detail.renewal!.membership_type_id).to.equal('annual');
      await press(el, 'Renew');
      await untilStep(el, 'payment');
      expect(submits['membership-signup-submit']).to.have.length(2);
    });

    it('a renewal lost on the network: the same renewal again (same key) from "Try again", one signup', async () => {
      const sandbox = await useSandbox();
      const token = sandbox.issueMemberToken('demo', 'alice@example.org');
      const el = await mount({ 'membership-type': 'annual' }, { authToken: token });
      await toReviewSignedIn(el);
      await press(el, 'Confirm and pay');
      await untilStep(el, 'renewal');
      const before = Object.keys(sandbox.store.state.signups).length;
      sandbox.setFaults({ rate: 1, kinds: ['lost_response'] }); // renewed, but the answers are lost
      await press(el, 'Renew');
      await untilStep(el, 'error', 15000);
      sandbox.setFaults(null);
      expect(text(el)).to.contain('What you entered is kept.');
      expect(() => button(el, 'Start over'), 'nothing is thrown away').to.throw();
      const key = JSON.parse(sessionStorage.getItem('memberkit:signup:demo')!).renewalKey;
      expect(key).to.be.a('string');
      await press(el, 'Try again');
      await untilStep(el, 'payment');
      expect(JSON.parse(sessionStorage.getItem('memberkit:signup:demo')!).renewalKey).to.equal(key);
      expect(Object.keys(sandbox.store.state.signups).length - before, 'one renewal').to.equal(1);
    }).timeout(30000);

    it('says why it cannot offer the renewal when the member\'s memberships cannot be read (not "sign in")', async () => {
      const sandbox = await useSandbox();
      const token = sandbox.issueMemberToken('demo', 'alice@example.org');
      const el = await mount({ 'membership-type': 'annual' }, { authToken: token });
      await toReviewSignedIn(el);
      override(http.get(`${API}/organizations/demo/me`, () => HttpResponse.error()));
      await press(el, 'Confirm and pay');
      await untilStep(el, 'error', 15000);
      expect(text(el)).to.contain('could not reach').and.not.contain('Sign in');
      // A way out that is not the same request again: Back to the review, answers kept.
      await press(el, 'Back');
      await untilStep(el, 'review');
      expect(text(el)).to.contain('alice@example.org');
      await press(el, 'Confirm and pay');
      await untilStep(el, 'error', 15000);
      override(...sandbox.handlers); // the network is back
      await press(el, 'Try again');
      await untilStep(el, 'renewal');
      expect(text(el)).to.contain('Renew now to extend it');
    }).timeout(45000);

    it('a page whose .getAuthToken answers "" (nobody signed in, as a frame without a member) is told to sign in to renew, without asking /me', async () => {
      await useSandbox();
      let asked = 0;
      // Counts the requests and lets the sandbox answer them (a resolver that returns nothing).
      override(http.get(`${API}/organizations/demo/me`, () => void (asked += 1)));
      const el = await mount({ 'membership-type': 'annual' }, { getAuthToken: async () => '' });
      await fillAnnual(el, 'alice@example.org');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      await press(el, 'Confirm and pay');
      await untilStep(el, 'renewal');
      expect(text(el)).to.contain('Sign in to your member account to renew it.');
      expect(asked).to.equal(0);
    });

    it('a token /me refuses (401, also after a refresh) means signed out: the sign-in hint, not an error with only "Try again"', async () => {
      const sandbox = await useSandbox();
      const el = await mount(
        { 'membership-type': 'annual' },
        {
          authToken: sandbox.issueMemberToken('demo', 'alice@example.org'),
          getAuthToken: async () => sandbox.issueMemberToken('demo', 'alice@example.org'),
        },
      );
      await toReviewSignedIn(el);
      // The session ended between the review and the renewal lookup.
      override(http.get(`${API}/organizations/demo/me`, () => problem(401, 'unauthorized')));
      await press(el, 'Confirm and pay');
      await untilStep(el, 'renewal');
      expect(text(el)).to.contain('Sign in to your member account to renew it.');
    });

    it('tells an anonymous existing member to sign in to renew', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'annual' });
      await fillAnnual(el, 'alice@example.org');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      await press(el, 'Confirm and pay');
      await untilStep(el, 'renewal');
      expect(text(el)).to.contain('Sign in to your member account to renew it.');
    });
  });

  describe('failures', () => {
    it('network down while loading: a retry button, then the plans', async () => {
      const sandbox = await useSandbox();
      override(http.get(CONFIG, () => HttpResponse.error()));
      const el = document.createElement('membership-signup') as MembershipSignup;
      el.setAttribute('organization', 'demo');
      el.setAttribute('api-base', API);
      document.body.append(el);
      await untilStep(el, 'error', 15000);
      expect(text(el)).to.contain('could not reach');
      override(...sandbox.handlers); // the network is back
      await press(el, 'Try again');
      await untilStep(el, 'plans', 15000);
      el.remove();
    }).timeout(30000);

    it('network down at submit: the draft is kept and "Try again" submits the same attempt', async () => {
      const sandbox = await useSandbox();
      const el = await mount({ 'membership-type': 'annual' });
      const errors = record(el, 'membership-signup-error');
      await fillAnnual(el);
      await press(el, 'Continue');
      await untilStep(el, 'review');
      override(http.post(`${API}/organizations/demo/signups`, () => HttpResponse.error()));
      await press(el, 'Confirm and pay');
      await untilStep(el, 'error', 15000);
      expect(errors['membership-signup-error']![0]!.detail.code).to.equal('network');
      expect(text(el)).to.contain('What you entered is kept.');
      await expect(el).to.be.accessible();
      const key = JSON.parse(sessionStorage.getItem('memberkit:signup:demo')!).idempotencyKey;
      expect(key).to.be.a('string');
      override(...sandbox.handlers); // the network is back
      const back = sandbox;
      await press(el, 'Try again');
      await untilStep(el, 'payment');
      expect(JSON.parse(sessionStorage.getItem('memberkit:signup:demo')!).idempotencyKey).to.equal(key);
      expect(Object.values(back.store.state.signups)).to.have.length(1);
    }).timeout(30000);

    it('a signup answer that fails the schema keeps the draft and key: "Try again" sends the same attempt', async () => {
      const sandbox = await useSandbox();
      const el = await mount({ 'membership-type': 'annual' });
      await fillAnnual(el);
      await press(el, 'Continue');
      await untilStep(el, 'review');
      override(http.post(`${API}/organizations/demo/signups`, () => HttpResponse.json({ id: 'su_odd' }, { status: 201 }), { once: true }));
      await press(el, 'Confirm and pay');
      await untilStep(el, 'error');
      expect(text(el)).to.contain('could not read');
      expect(() => button(el, 'Start over'), 'the signup may exist: nothing is thrown away').to.throw();
      const key = JSON.parse(sessionStorage.getItem('memberkit:signup:demo')!).idempotencyKey;
      expect(key).to.be.a('string');
      await press(el, 'Try again');
      await untilStep(el, 'payment');
      expect(JSON.parse(sessionStorage.getItem('memberkit:signup:demo')!).idempotencyKey).to.equal(key);
      expect(Object.values(sandbox.store.state.signups)).to.have.length(1);
    });

    it('a refusal after sending keeps the draft: "Back" returns to the review, and unmapped field errors are named', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'flexible' });
      await type(el, 'Email', 'flex@example.org');
      await type(el, 'First name', 'Flo');
      await type(el, 'Last name', 'Flex');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      const errors = record(el, 'membership-signup-error');
      override(
        http.post(`${API}/organizations/demo/signups`, () =>
          problem(422, 'validation_failed', { errors: [{ field: 'auto_renew', code: 'invalid_type', message: 'no' }] }),
        ),
      );
      await press(el, 'Confirm and pay');
      await untilStep(el, 'error');
      expect(errors['membership-signup-error']![0]!.detail.code).to.equal('validation_failed');
      expect(text(el)).to.contain('Some of your details were not accepted').and.not.contain('on our side');
      expect(button(el, 'Try again')).to.exist;
      await expect(el).to.be.accessible();
      await press(el, 'Back');
      await untilStep(el, 'review');
      expect(text(el)).to.contain('flex@example.org');
    });

    it('a request that hangs times out within seconds: an error with "Try again", the draft and key kept, one signup', async () => {
      const sandbox = await useSandbox();
      const el = await mount({ 'membership-type': 'annual' });
      await fillAnnual(el);
      await press(el, 'Continue');
      await untilStep(el, 'review');
      const draft = () => JSON.parse(sessionStorage.getItem('memberkit:signup:demo')!);
      // The signup request hangs on the server; the client gives up on it, and its retries (same
      // key) find it still running.
      const hold = sandbox.holdNextRequest();
      await press(el, 'Confirm and pay');
      await hold.held;
      await untilStep(el, 'error', 25_000); // the SDK's default (3 × 30 s) would still be waiting
      expect(button(el, 'Try again')).to.exist;
      const key = draft().idempotencyKey;
      expect(key).to.be.a('string');
      expect(draft().email).to.equal('new.member@example.org');
      hold.release(); // the hung request finishes on the server
      await press(el, 'Try again');
      await untilStep(el, 'payment');
      expect(draft().idempotencyKey).to.equal(key);
      expect(Object.values(sandbox.store.state.signups)).to.have.length(1);
    }).timeout(45_000);

    it('an application of the member still waiting (review or payment) is named on the email, not a format complaint', async () => {
      await useSandbox();
      const apply = async () => {
        const el = await mount({ 'membership-type': 'committee' });
        await type(el, 'Email', 'again@example.org');
        await type(el, 'First name', 'Ann');
        await type(el, 'Last name', 'Again');
        await type(el, 'Why do you want to join?', 'I like committees a lot.');
        await press(el, 'Continue');
        await untilStep(el, 'review');
        await press(el, 'Send application');
        return el;
      };
      const first = await apply();
      await untilStep(first, 'approval');
      first.remove();
      sessionStorage.clear(); // another visit (a new tab: this one would show the application sent)
      const second = await apply(); // the same person applies again
      // The API names the email: back to the details, the message on that field.
      await untilStep(second, 'details');
      const email = field(second, 'Email');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(root(second).getElementById(email.getAttribute('aria-describedby')!)!.textContent).to.contain(
        'already applied for this membership',
      );
      expect(text(second)).not.to.contain('on our side');
    });

    it('a response that fails the schema is an error state, never a half-rendered form', async () => {
      await useSandbox();
      override(http.get(CONFIG, () => HttpResponse.json({ organization: { id: 'demo' }, membership_types: 'nope' })));
      const el = await mount();
      expect(step(el)).to.equal('error');
      expect(text(el)).to.contain('could not read');
      expect(root(el).querySelector('form, [part="plan-card"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('maps API errors to friendly messages by code (429 rate limited)', async () => {
      await useSandbox();
      override(
        http.get(CONFIG, () =>
          problem(429, 'rate_limited', {}, { 'retry-after': '0' }),
        ),
      );
      const el = await mount();
      await untilStep(el, 'error', 15000);
      expect(text(el)).to.contain('Too many attempts');
      expect(button(el, 'Try again')).to.exist;
    }).timeout(20000);

    it('server-side validation errors go back to the details with a focused summary', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'annual' });
      await fillAnnual(el);
      await press(el, 'Continue');
      await untilStep(el, 'review');
      override(
        http.post(`${API}/organizations/demo/signups`, () =>
          problem(422, 'validation_failed', { errors: [{ field: 'fields.display_name', code: 'too_long', message: 'too long' }] }),
        ),
      );
      await press(el, 'Confirm and pay');
      await untilStep(el, 'details');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="error-summary"]'));
      expect(field(el, 'Display name').getAttribute('aria-invalid')).to.equal('true');
    });
    it('a value the API says has the wrong type gets its own message on the field, not a format complaint', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'annual' });
      await fillAnnual(el);
      await press(el, 'Continue');
      await untilStep(el, 'review');
      override(
        http.post(`${API}/organizations/demo/signups`, () =>
          problem(422, 'validation_failed', { errors: [{ field: 'fields.newsletter', code: 'invalid_type', message: 'expected a boolean' }] }),
        ),
      );
      await press(el, 'Confirm and pay');
      await untilStep(el, 'details');
      await el.updateComplete;
      const input = field(el, 'Send me the monthly newsletter');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      const message = root(el).getElementById(input.getAttribute('aria-describedby')!.split(' ').at(-1)!);
      expect(message!.textContent).to.equal('This answer does not fit this field. Please enter it again.');
    });
  });

  describe('configuration', () => {
    it('a missing organization shows a configuration message inside the element and warns once', async () => {
      await useSandbox();
      const el = document.createElement('membership-signup') as MembershipSignup;
      const seen = await warnings(async () => {
        document.body.append(el);
        await waitUntil(() => step(el) === 'error');
      });
      expect(text(el)).to.contain('not set up correctly').and.contain('organization');
      expect(seen.filter((line) => line.includes('organization'))).to.have.length(1);
      await expect(el).to.be.accessible();
      el.remove();
    });

    it('an invalid organization is named as invalid (not missing), with one warning and a configuration event', async () => {
      await useSandbox();
      const el = document.createElement('membership-signup') as MembershipSignup;
      el.setAttribute('organization', 'acme!');
      const errors = record(el, 'membership-signup-error');
      const seen = await warnings(async () => {
        document.body.append(el);
        await waitUntil(() => step(el) === 'error');
      });
      expect(text(el)).to.contain('not set up correctly').and.contain('not a valid organization id: acme!').and.not.contain('missing');
      expect(seen.filter((line) => line.includes('organization'))).to.have.length(1);
      expect(errors['membership-signup-error']!.map((event) => event.detail.code)).to.deep.equal(['configuration']);
      el.remove();
    });

    it('an organization the API does not know: a configuration message, one warning, a configuration event', async () => {
      await useSandbox();
      let el!: MembershipSignup;
      const codes: string[] = [];
      document.addEventListener('membership-signup-error', (event) => codes.push(event.detail.code), { once: true });
      const seen = await warnings(async () => {
        el = await mount({ organization: 'nobody' });
      });
      expect(step(el)).to.equal('error');
      expect(text(el)).to.contain('not set up correctly').and.contain('could not be found');
      expect(() => button(el, 'Try again')).to.throw();
      expect(seen.filter((line) => line.includes('organization="nobody"'))).to.have.length(1);
      expect(codes).to.deep.equal(['configuration']);
    });

    it('words a configuration error in the page\'s language (French), even though it is found before French loads', async () => {
      await useSandbox();
      document.documentElement.lang = 'fr';
      try {
        const el = document.createElement('membership-signup') as MembershipSignup;
        document.body.append(el);
        await waitUntil(() => text(el).includes('L’attribut organization est manquant'), `not in French: ${text(el)}`);
        expect(text(el)).to.contain('pas configuré correctement');
        el.remove();
      } finally {
        document.documentElement.lang = 'en';
      }
    });

    it('ignores an invalid optional attribute with one console warning', async () => {
      await useSandbox();
      let el!: MembershipSignup;
      const seen = await warnings(async () => {
        el = await mount({ theme: 'neon', locale: 'not a locale!!' });
        el.requestUpdate();
        await el.updateComplete;
      });
      expect(step(el)).to.equal('plans');
      expect(seen.filter((line) => line.includes('theme'))).to.have.length(1);
      expect(seen.filter((line) => line.includes('locale'))).to.have.length(1);
    });

    it('keeps two widgets on one page apart', async () => {
      await useSandbox();
      const a = await mount({ id: 'first', 'membership-type': 'annual' });
      const b = await mount({ id: 'second' });
      await type(a, 'Email', 'a@example.org');
      expect(step(b)).to.equal('plans');
      await press(b, 'Choose Supporter');
      expect(text(a)).to.contain('Annual');
      expect((root(a).querySelector('#mk-email') as HTMLInputElement).value).to.equal('a@example.org');
      expect(sessionStorage.getItem('memberkit:signup:demo#first')).to.contain('a@example.org');
      expect(sessionStorage.getItem('memberkit:signup:demo#second')).not.to.contain('a@example.org');
    });

    it('keeps separate drafts for two widgets of one organization without ids', async () => {
      await useSandbox();
      const a = await mount({ 'membership-type': 'annual' });
      const b = await mount({ 'membership-type': 'supporter' });
      await type(a, 'Email', 'first@example.org');
      await type(b, 'Email', 'second@example.org');
      a.remove();
      b.remove();
      const again = await mount({ 'membership-type': 'annual' });
      expect((root(again).querySelector('#mk-email') as HTMLInputElement).value).to.equal('first@example.org');
    });

    it('keeps the drafts of widgets inside shadow roots apart, and asks for ids with one warning each', async () => {
      await useSandbox();
      const hosts: HTMLElement[] = [];
      const add = (membershipType: string, host?: HTMLElement) => widgetInShadowRoot(hosts, membershipType, host);
      const drafts = () => Object.keys(sessionStorage).filter((key) => key.startsWith('memberkit:signup:demo'));
      try {
        let a!: MembershipSignup;
        let b!: MembershipSignup;
        let c!: MembershipSignup;
        const seen = await warnings(async () => {
          a = add('annual');
          b = add('supporter', hosts[0]); // the same shadow root
          c = add('monthly'); // another component's shadow root
          for (const el of [a, b, c]) await untilStep(el, 'details');
        });
        await type(a, 'Email', 'first@example.org');
        await type(b, 'Email', 'second@example.org');
        await type(c, 'Email', 'third@example.org');
        expect(drafts()).to.have.length(3);
        // One warning for each widget past the first that has no id (the first needs none).
        expect(seen.filter((line) => line.includes('its own id'))).to.have.length(2);
        for (const el of [a, b, c]) el.remove(); // a reload…
        const again = add('annual', hosts[0]);
        await untilStep(again, 'details');
        expect(field(again, 'Email').value).to.equal('first@example.org');
      } finally {
        for (const host of hosts) host.remove();
      }
    });

    it('gives id-less widgets in two shadow roots the same drafts after a reload, whichever configuration answers first', async () => {
      await useSandbox();
      const hosts: HTMLElement[] = [];
      const add = (membershipType: string) => widgetInShadowRoot(hosts, membershipType);
      // The first page load: the annual widget's configuration answers only after the monthly one's.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      override(
        http.get(CONFIG, async ({ request }) => {
          if (new URL(request.url).searchParams.get('membership_type') === 'annual') await gate;
        }),
      );
      try {
        await warnings(async () => {
          const annual = add('annual');
          const monthly = add('monthly');
          await untilStep(monthly, 'details');
          release();
          await untilStep(annual, 'details');
          await type(annual, 'Email', 'annual@example.org');
          await type(monthly, 'Email', 'monthly@example.org');
          for (const host of hosts.splice(0)) host.remove(); // a reload…
          const annualAgain = add('annual');
          const monthlyAgain = add('monthly');
          for (const el of [annualAgain, monthlyAgain]) await untilStep(el, 'details');
          expect(field(annualAgain, 'Email').value).to.equal('annual@example.org');
          expect(field(monthlyAgain, 'Email').value).to.equal('monthly@example.org');
        });
      } finally {
        for (const host of hosts) host.remove();
      }
    });

    it('prefills a discount code from the discount-code attribute', async () => {
      await useSandbox();
      const el = await mount({ 'membership-type': 'annual', 'discount-code': 'WELCOME20' });
      await waitUntil(() => $(el, '[part="total"]')!.textContent!.includes('$48.00'), 'discount not applied');
      expect(text(el)).to.contain('Code WELCOME20 applied');
    });

    it('takes the member token from the auth-token attribute, then removes the attribute and stays signed in', async () => {
      const sandbox = await useSandbox();
      const token = sandbox.issueMemberToken('demo', 'attr@example.org', { first_name: 'Ada', last_name: 'Attr' });
      let el!: MembershipSignup;
      const seen = await warnings(async () => {
        el = await mount({ 'membership-type': 'monthly', 'auth-token': token });
      });
      expect(text(el)).to.contain('Signed in as attr@example.org');
      expect(el.hasAttribute('auth-token'), 'the token does not stay in the DOM').to.equal(false);
      expect(seen.filter((line) => line.includes('.authToken'))).to.have.length(1);
      expect(seen.join('\n')).not.to.contain(token);
      // Removing the attribute did not sign the member out (no reload without the token).
      await type(el, 'Phone', '+1 555 0100');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      expect(text(el)).to.contain('attr@example.org');
      expect(root(el).innerHTML).not.to.contain(token);
      expect(JSON.stringify({ ...sessionStorage })).not.to.contain(token);
    });

    it('provides the client, the configuration and the member to its parts through context', async () => {
      const sandbox = await useSandbox();
      const token = sandbox.issueMemberToken('demo', 'ctx@example.org');
      const el = await mount({}, { authToken: token });
      // A part (here a plain light-DOM child acting as a controller host) asks for each context.
      const part = document.createElement('div') as HTMLDivElement & ReactiveControllerHost;
      Object.assign(part, { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) });
      el.append(part);
      const client = new ContextConsumer(part, { context: clientContext });
      const config = new ContextConsumer(part, { context: configContext });
      const member = new ContextConsumer(part, { context: memberContext });
      client.hostConnected();
      config.hostConnected();
      member.hostConnected();
      expect(client.value?.signupConfig).to.exist;
      expect(config.value?.organization.id).to.equal('demo');
      expect(member.value?.email).to.equal('ctx@example.org');
      part.remove();
    });

    it('defines the tag once and warns when another version is already registered', async () => {
      class Other extends HTMLElement {
        static version = '0.0.1';
      }
      const seen = await warnings(async () => {
        safeDefine('membership-signup', MembershipSignup); // same class: silent
        safeDefine('mk-other-test', Other);
        safeDefine('mk-other-test', class extends HTMLElement { static version = '9.9.9'; });
      });
      expect(customElements.get('membership-signup')).to.equal(MembershipSignup);
      expect(seen).to.have.length(1);
      expect(seen[0]).to.contain('0.0.1').and.contain('9.9.9');
    });
  });
});
