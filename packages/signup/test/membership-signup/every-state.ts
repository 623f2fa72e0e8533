// Every state a member can see, reached as a member would (typing, pressing, paying with the
// stand-in's test cards), in a given theme and direction. Shared by the axe test in every state
// (every-state.test.ts) and the screenshot run (npm run screens), so both see the same screens.
import { waitUntil } from '@open-wc/testing';
import {
  API,
  button,
  fillAnnual,
  http,
  HttpResponse,
  mount,
  override,
  payWith,
  press,
  type,
  untilStep,
  useSandbox,
} from './helpers.js';
import { demoData } from '@memberkit/sandbox';
import type { MembershipSignup } from '../../src/index.js';

export interface Look {
  theme: 'light' | 'dark';
  /** `ar` lays the widget out right to left. */
  locale: 'en' | 'ar';
}

export interface Shown {
  el: MembershipSignup;
  /** Lets anything held for the screen go (a held request). */
  release?: () => void;
}

export interface State {
  name: string;
  reach(look: Look): Promise<Shown>;
}

const CARD_OK = '4242 4242 4242 4242';
const CARD_DECLINED = '4000 0000 0000 0002';

/**
 * Mounts in the look's theme. The flows type English labels; the language is switched once the
 * screen is reached (the widget follows a `locale` change where it is), see `inLook`.
 */
function open(look: Look, attributes: Record<string, string> = {}, properties: Partial<MembershipSignup> = {}) {
  return mount({ theme: look.theme, ...attributes }, properties);
}

/** Switches to the look's language on the screen reached, and waits until it is drawn in it. */
async function inLook(look: Look, el: MembershipSignup): Promise<Shown> {
  if (look.locale !== 'en') {
    el.setAttribute('locale', look.locale);
    await waitUntil(() => el.shadowRoot!.querySelector(`.base[lang^="${look.locale}"]`), `never drawn in ${look.locale}`);
    await el.updateComplete;
  }
  return { el };
}

async function toReview(look: Look) {
  const el = await open(look, { 'membership-type': 'annual' });
  await fillAnnual(el);
  await press(el, 'Continue');
  await untilStep(el, 'review');
  return el;
}

async function toPayment(look: Look) {
  const el = await toReview(look);
  await press(el, 'Confirm and pay');
  await untilStep(el, 'payment');
  await waitUntil(() => el.querySelector('[slot="payment"] input'), 'no checkout form');
  return el;
}

export const states: State[] = [
  {
    name: 'loading',
    async reach(look) {
      const sandbox = await useSandbox();
      const hold = sandbox.holdNextRequest();
      const el = document.createElement('membership-signup') as MembershipSignup;
      for (const [name, value] of Object.entries({ organization: 'demo', 'api-base': API, theme: look.theme, locale: look.locale })) {
        el.setAttribute(name, value);
      }
      document.body.append(el);
      await hold.held;
      await el.updateComplete;
      await waitUntil(() => el.shadowRoot!.querySelector(`.base[lang^="${look.locale}"]`), 'loading never drawn in its language');
      return {
        el,
        release: () => {
          hold.release();
          el.remove();
        },
      };
    },
  },
  {
    name: 'plans',
    async reach(look) {
      await useSandbox();
      return inLook(look, await open(look));
    },
  },
  {
    // The organization marks one plan as featured: "Most popular", the card framed in the accent.
    name: 'plans-featured',
    async reach(look) {
      const sandbox = await useSandbox();
      sandbox.store.membershipType('demo', 'annual')!.featured = true;
      return inLook(look, await open(look));
    },
  },
  {
    name: 'plans-signed-in',
    async reach(look) {
      const sandbox = await useSandbox();
      return inLook(look, await open(look, {}, { authToken: sandbox.issueMemberToken('demo', 'alice@example.org') }));
    },
  },
  {
    // "Already a member? Sign in": the email.
    name: 'sign-in',
    async reach(look) {
      await useSandbox();
      const el = await open(look);
      await press(el, 'Sign in');
      await untilStep(el, 'signin');
      return inLook(look, el);
    },
  },
  {
    // The code sent, a wrong one typed: how many tries are left.
    name: 'sign-in-wrong-code',
    async reach(look) {
      const sandbox = await useSandbox();
      const el = await open(look);
      await press(el, 'Sign in');
      await untilStep(el, 'signin');
      await type(el, 'Email', 'alice@example.org');
      await press(el, 'Send code');
      await waitUntil(() => el.shadowRoot!.querySelector('#mk-sign-in-code'), 'no code input');
      const sent = String(sandbox.outbox('alice@example.org').at(-1)?.data.code);
      await type(el, 'Sign-in code', sent === '000000' ? '111111' : '000000');
      await press(el, 'Sign in');
      await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no wrong-code message');
      return inLook(look, el);
    },
  },
  {
    // The organization asks members to sign in before signing up.
    name: 'sign-in-required',
    async reach(look) {
      const data = demoData();
      data.organizations.find((org) => org.organization.id === 'demo')!.signup_requires_sign_in = true;
      await useSandbox({ data });
      const el = await open(look);
      await untilStep(el, 'signin');
      return inLook(look, el);
    },
  },
  {
    // A link to a plan that is not offered: every plan, with a notice.
    name: 'plans-link-unavailable',
    async reach(look) {
      await useSandbox();
      return inLook(look, await open(look, { 'membership-type': 'no-such-plan' }));
    },
  },
  {
    // A link whose invitation has expired: why, a field for another code, "See all plans".
    name: 'invitation-refused',
    async reach(look) {
      await useSandbox();
      const el = await open(look, { 'membership-type': 'founders', invitation: 'FOUNDERS-2019' });
      await waitUntil(() => el.shadowRoot!.querySelector('#mk-invitation'), 'no invitation field');
      return inLook(look, el);
    },
  },
  {
    // An invitation for another email, caught on the details step.
    name: 'details-invitation',
    async reach(look) {
      await useSandbox();
      const el = await open(look, { 'membership-type': 'founders', invitation: 'FOUNDERS-ALICE' });
      await type(el, 'Email', 'fay@example.org');
      await type(el, 'First name', 'Fay');
      await type(el, 'Last name', 'Founder');
      await press(el, 'Continue');
      await waitUntil(() => el.shadowRoot!.querySelector('[data-summary]'), 'no error summary');
      return inLook(look, el);
    },
  },
  {
    name: 'details',
    async reach(look) {
      await useSandbox();
      return inLook(look, await open(look, { 'membership-type': 'annual' }));
    },
  },
  {
    name: 'details-errors',
    async reach(look) {
      await useSandbox();
      const el = await open(look, { 'membership-type': 'annual' });
      await type(el, 'Email', 'not an email');
      await press(el, 'Continue');
      return inLook(look, el);
    },
  },
  {
    name: 'details-group',
    async reach(look) {
      await useSandbox();
      const el = await open(look, { 'membership-type': 'family' });
      await type(el, 'Email', 'pat@example.org');
      await press(el, 'Add a group member');
      await press(el, 'Add a group member');
      return inLook(look, el);
    },
  },
  {
    name: 'details-donation',
    async reach(look) {
      await useSandbox();
      return inLook(look, await open(look, { 'membership-type': 'supporter' }));
    },
  },
  {
    name: 'review',
    async reach(look) {
      await useSandbox();
      return inLook(look, await toReview(look));
    },
  },
  {
    // The signup on its way: Confirm pressed and disabled (aria-disabled) until the API answers.
    name: 'review-sending',
    async reach(look) {
      const sandbox = await useSandbox();
      const el = await toReview(look);
      const hold = sandbox.holdNextRequest();
      await press(el, 'Confirm and pay');
      await hold.held;
      return { ...(await inLook(look, el)), release: hold.release };
    },
  },
  {
    name: 'payment',
    async reach(look) {
      await useSandbox();
      return inLook(look, await toPayment(look));
    },
  },
  {
    name: 'payment-declined',
    async reach(look) {
      await useSandbox();
      const el = await toPayment(look);
      await payWith(el, CARD_DECLINED);
      await waitUntil(() => /declined/i.test(el.querySelector('[slot="payment"] [role="alert"]')?.textContent ?? ''), 'no decline');
      return inLook(look, el);
    },
  },
  {
    name: 'done',
    async reach(look) {
      await useSandbox();
      const el = await toPayment(look);
      await payWith(el, CARD_OK);
      await untilStep(el, 'done');
      return inLook(look, el);
    },
  },
  {
    name: 'approval',
    async reach(look) {
      await useSandbox();
      const el = await open(look, { 'membership-type': 'committee' });
      await type(el, 'Email', 'cy@example.org');
      await type(el, 'First name', 'Cy');
      await type(el, 'Last name', 'Clerk');
      await type(el, 'Why do you want to join?', 'I like committees a lot.');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      await press(el, 'Send application');
      await untilStep(el, 'approval');
      return inLook(look, el);
    },
  },
  {
    name: 'renewal',
    async reach(look) {
      await useSandbox();
      const el = await open(look, { 'membership-type': 'annual' });
      await fillAnnual(el, 'alice@example.org');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      await press(el, 'Confirm and pay');
      await untilStep(el, 'renewal');
      return inLook(look, el);
    },
  },
  {
    name: 'error-network',
    async reach(look) {
      await useSandbox();
      const el = await open(look, { 'membership-type': 'annual' });
      await fillAnnual(el);
      await press(el, 'Continue');
      await untilStep(el, 'review');
      override(http.post(`${API}/organizations/demo/signups`, () => HttpResponse.error()));
      await press(el, 'Confirm and pay');
      await untilStep(el, 'error', 20_000);
      button(el, 'Try again');
      return inLook(look, el);
    },
  },
  {
    name: 'error-configuration',
    async reach(look) {
      await useSandbox();
      const el = await open(look, { organization: 'no-such-club' });
      await untilStep(el, 'error');
      return inLook(look, el);
    },
  },
];
