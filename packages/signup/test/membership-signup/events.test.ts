// What the host page hears: every event bubbles and crosses shadow roots (composed), only -submit
// is cancelable, and each `detail` is typed through GlobalEventHandlersEventMap, so listeners read
// it without casts. The compile-time half runs in `tsc -b` (this file is part of the test project):
// a listener naming a field its detail lacks does not compile.
import { expect, waitUntil } from '@open-wc/testing';
import type { ReceivedMembershipStatus, Signup } from '@memberkit/sdk';
import { createSandboxStripe } from '@memberkit/sandbox/stripe';
import { API, cleanup, fillAnnual, payWith, press, untilStep, useSandbox } from './helpers.js';
import { EVENT_NAMES, type MembershipSignup } from '../../src/index.js';

/** Compile-time checks only (never called): the tag, the method and each detail are typed. */
function typeChecks(): void {
  const el: MembershipSignup = document.createElement('membership-signup');
  const refresh: () => void = el.refreshPayment;
  el.addEventListener('membership-signup-complete', (event) => {
    const status: ReceivedMembershipStatus = event.detail.membership.status;
    const signup: Signup = event.detail.signup;
    // @ts-expect-error a field the detail does not have: the detail is typed, not `any`
    void event.detail.member;
    void [status, signup, refresh];
  });
  el.addEventListener('membership-signup-error', (event) => {
    const text: string = event.detail.message;
    // @ts-expect-error the error's code is a string, not a number
    const wrong: number = event.detail.code;
    void [text, wrong];
  });
}
void typeChecks;

describe('<membership-signup> events', function () {
  this.timeout(20_000);
  afterEach(cleanup);

  it('sends each event of a paid, discounted signup out of a shadow root, bubbling, with typed details', async () => {
    await useSandbox();
    // The element inside a component's shadow root; the page listens on the document.
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' });
    document.body.append(host);
    const heard: { name: string; bubbles: boolean; composed: boolean; cancelable: boolean }[] = [];
    const note = (event: Event) =>
      heard.push({ name: event.type, bubbles: event.bubbles, composed: event.composed, cancelable: event.cancelable });
    for (const name of EVENT_NAMES) document.addEventListener(name, note);
    // Typed listeners, no casts.
    let organization = '';
    let plan = '';
    let discounted = 0;
    let email = '';
    let action = '';
    let status = '';
    const listeners = {
      'membership-signup-ready': (event: GlobalEventHandlersEventMap['membership-signup-ready']) =>
        (organization = event.detail.organization.name),
      'membership-signup-plan-select': (event: GlobalEventHandlersEventMap['membership-signup-plan-select']) =>
        (plan = event.detail.membershipType.id),
      'membership-signup-discount-apply': (event: GlobalEventHandlersEventMap['membership-signup-discount-apply']) =>
        (discounted = event.detail.discount?.percent_off ?? 0),
      'membership-signup-submit': (event: GlobalEventHandlersEventMap['membership-signup-submit']) =>
        (email = event.detail.params.member.email),
      'membership-signup-payment-start': (event: GlobalEventHandlersEventMap['membership-signup-payment-start']) => {
        const next = event.detail.signup.next_action;
        action = next.type === 'payment' ? next.ui_mode : next.type;
      },
      'membership-signup-complete': (event: GlobalEventHandlersEventMap['membership-signup-complete']) =>
        (status = event.detail.membership.status),
    };
    document.addEventListener('membership-signup-ready', listeners['membership-signup-ready']);
    document.addEventListener('membership-signup-plan-select', listeners['membership-signup-plan-select']);
    document.addEventListener('membership-signup-discount-apply', listeners['membership-signup-discount-apply']);
    document.addEventListener('membership-signup-submit', listeners['membership-signup-submit']);
    document.addEventListener('membership-signup-payment-start', listeners['membership-signup-payment-start']);
    document.addEventListener('membership-signup-complete', listeners['membership-signup-complete']);
    try {
      const el = document.createElement('membership-signup');
      for (const [name, value] of Object.entries({ organization: 'demo', 'api-base': API, 'membership-type': 'annual', 'discount-code': 'WELCOME20' })) {
        el.setAttribute(name, value);
      }
      el.stripeLoader = async () => createSandboxStripe();
      host.shadowRoot!.append(el);
      await untilStep(el, 'details');
      await waitUntil(() => discounted > 0, 'no discount event');
      await fillAnnual(el, 'heard@example.org');
      await press(el, 'Continue');
      await untilStep(el, 'review');
      await press(el, 'Confirm and pay');
      await untilStep(el, 'payment');
      await payWith(el, '4242 4242 4242 4242');
      await untilStep(el, 'done');

      expect(heard.map((event) => event.name)).to.deep.equal([
        'membership-signup-ready',
        'membership-signup-plan-select',
        'membership-signup-discount-apply',
        'membership-signup-submit',
        'membership-signup-payment-start',
        'membership-signup-complete',
      ]);
      for (const event of heard) {
        expect(event.bubbles && event.composed, `${event.name} reaches the page`).to.equal(true);
        expect(event.cancelable, event.name).to.equal(event.name === 'membership-signup-submit');
      }
      expect([organization, plan, discounted, email, action, status]).to.deep.equal([
        'Riverside Makers Club',
        'annual',
        20,
        'heard@example.org',
        'embedded_page',
        'active',
      ]);
    } finally {
      for (const name of EVENT_NAMES) document.removeEventListener(name, note);
      for (const [name, listener] of Object.entries(listeners)) document.removeEventListener(name, listener as EventListener);
      host.remove();
    }
  });
});
