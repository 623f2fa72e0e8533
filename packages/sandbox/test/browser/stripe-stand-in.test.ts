import { expect } from '@open-wc/testing';
import { createClient, type Signup } from '@memberkit/sdk';
import { startSandbox, type RunningSandbox } from '@memberkit/sandbox/browser';
import { createSandboxStripe, mountHostedCheckout } from '@memberkit/sandbox/stripe';

const member = { email: 'card@example.org', first_name: 'Casey', last_name: 'Card' };

function fill(root: HTMLElement, label: string, value: string): void {
  const input = [...root.querySelectorAll('label')].find((l) => l.textContent?.startsWith(label))?.querySelector('input');
  if (!input) throw new Error(`No field labelled ${label}`);
  input.value = value;
}

function pay(root: HTMLElement): void {
  root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}

async function until<T>(check: () => T | undefined | null | false, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('Stripe stand-in (embedded checkout page, TEST MODE)', () => {
  let running: RunningSandbox;
  let target: HTMLElement;
  let signup: Signup;
  const client = () => createClient({ baseUrl: running.sandbox.baseUrl, organization: 'demo' });

  before(async () => {
    running = await startSandbox({ today: '2026-03-01', validateResponses: true });
  });
  after(() => running.stop());
  beforeEach(async () => {
    running.sandbox.reset();
    target = document.createElement('div');
    document.body.append(target);
    signup = await client().signups.create({ membership_type_id: 'monthly', member, fields: {} });
  });
  afterEach(() => {
    target.remove();
    expect(running.sandbox.responseErrors).to.deep.equal([]);
  });

  function secret(): string {
    if (signup.next_action.type !== 'payment' || signup.next_action.ui_mode !== 'embedded_page') {
      throw new Error('expected an embedded payment');
    }
    return signup.next_action.client_secret;
  }

  it('renders a labelled TEST MODE card form into a light-DOM node, built without inline styles', async () => {
    const checkout = await createSandboxStripe().createEmbeddedCheckoutPage({ clientSecret: secret() });
    checkout.mount(target);
    expect(target.textContent).to.contain('TEST MODE');
    expect(target.textContent).to.contain('$9.00');
    for (const label of ['Card number', 'Expiry (MM / YY)', 'CVC']) {
      const field = [...target.querySelectorAll('label')].find((l) => l.textContent?.startsWith(label));
      expect(field?.querySelector('input'), label).to.exist;
    }
    expect(target.querySelector('[style]')).to.equal(null);
    expect(target.querySelector('style')).to.equal(null);
    await expect(target).to.be.accessible();
    checkout.destroy();
    expect(target.children.length).to.equal(0);
  });

  it('4242 4242 4242 4242 pays: the signup completes once and onComplete is called once', async () => {
    let completed = 0;
    const checkout = await createSandboxStripe().createEmbeddedCheckoutPage({
      fetchClientSecret: async () => secret(),
      onComplete: () => completed++,
    });
    checkout.mount(target);
    fill(target, 'Card number', '4242 4242 4242 4242');
    fill(target, 'Expiry', '12 / 34');
    fill(target, 'CVC', '123');
    pay(target);
    pay(target); // a double click must not pay twice
    await until(() => completed === 1, 'onComplete');
    const after = await client().signups.retrieve(signup.id);
    expect(after.status).to.equal('completed');
    expect(after.membership.status).to.equal('active');
    expect(running.sandbox.store.payments('demo')).to.have.length(1);
    expect(completed).to.equal(1);
  });

  it('4000 0000 0000 0002 is declined in the form; another card then succeeds', async () => {
    let completed = 0;
    const checkout = await createSandboxStripe().createEmbeddedCheckoutPage({ clientSecret: secret(), onComplete: () => completed++ });
    checkout.mount(target);
    fill(target, 'Card number', '4000 0000 0000 0002');
    fill(target, 'Expiry', '12 / 34');
    fill(target, 'CVC', '123');
    pay(target);
    const alert = await until(() => {
      const node = target.querySelector('[role=alert]');
      return node?.textContent ? node : null;
    }, 'the decline message');
    expect(alert.textContent).to.equal('Your card was declined.');
    expect((await client().signups.retrieve(signup.id)).status).to.equal('awaiting_payment');

    fill(target, 'Card number', '4000 0000 0000 9995');
    pay(target);
    await until(() => target.querySelector('[role=alert]')?.textContent === 'Your card has insufficient funds.', 'insufficient funds');

    fill(target, 'Card number', '4242424242424242');
    pay(target);
    await until(() => completed === 1, 'onComplete');
    expect((await client().signups.retrieve(signup.id)).status).to.equal('completed');
    expect(running.sandbox.store.payments('demo')).to.have.length(1);
  });

  it('4000 0025 0000 3155 asks for authentication: failed, the form says so and nothing is paid; completed, the signup is paid once', async () => {
    let completed = 0;
    const checkout = await createSandboxStripe().createEmbeddedCheckoutPage({ clientSecret: secret(), onComplete: () => completed++ });
    checkout.mount(target);
    fill(target, 'Card number', '4000 0025 0000 3155');
    fill(target, 'Expiry', '12 / 34');
    fill(target, 'CVC', '123');
    pay(target);
    const dialog = await until(() => target.querySelector<HTMLElement>('[role=dialog]'), 'the authentication challenge');
    expect(dialog.getAttribute('aria-label')).to.equal('Authenticate your payment (test)');
    expect(dialog.textContent).to.contain('$9.00');
    const button = (name: string) => [...dialog.querySelectorAll('button')].find((b) => b.textContent === name)!;
    expect(button('Complete authentication')).to.exist;
    // The card form waits behind the challenge: no second payment can start.
    expect(target.querySelector<HTMLButtonElement>('button[type=submit]')!.checkVisibility()).to.equal(false);
    await expect(target).to.be.accessible();
    expect((await client().signups.retrieve(signup.id)).status).to.equal('awaiting_payment');

    button('Fail authentication').click();
    await until(() => target.querySelector('[role=alert]')?.textContent, 'the authentication failure');
    expect(target.querySelector('[role=alert]')!.textContent).to.equal('We are unable to authenticate your payment method. Please choose a different payment method and try again.');
    expect(target.querySelector('[role=dialog]')).to.equal(null);
    expect(target.querySelector<HTMLButtonElement>('button[type=submit]')!.checkVisibility()).to.equal(true);
    expect((await client().signups.retrieve(signup.id)).status).to.equal('awaiting_payment');
    expect(running.sandbox.store.payments('demo')).to.have.length(0);
    expect(completed).to.equal(0);

    pay(target);
    const again = await until(() => target.querySelector<HTMLElement>('[role=dialog]'), 'the challenge again');
    [...again.querySelectorAll('button')].find((b) => b.textContent === 'Complete authentication')!.click();
    await until(() => completed === 1, 'onComplete');
    expect(target.textContent).to.contain('Payment complete.');
    const after = await client().signups.retrieve(signup.id);
    expect(after.status).to.equal('completed');
    expect(running.sandbox.store.payments('demo').map((payment) => payment.card_last4)).to.deep.equal(['3155']);
  });

  it('an expiry typed without a slash (1234) is read as 12/34; a month alone is refused as incomplete', async () => {
    let completed = 0;
    const checkout = await createSandboxStripe().createEmbeddedCheckoutPage({ clientSecret: secret(), onComplete: () => completed++ });
    checkout.mount(target);
    fill(target, 'Card number', '4242 4242 4242 4242');
    fill(target, 'Expiry', '12');
    fill(target, 'CVC', '123');
    pay(target);
    await until(() => target.querySelector('[role=alert]')?.textContent === "Your card's expiration date is incomplete.", 'the incomplete expiry');
    expect(running.sandbox.store.payments('demo')).to.have.length(0);
    fill(target, 'Expiry', '1234');
    pay(target);
    await until(() => completed === 1, 'onComplete');
    expect(running.sandbox.store.payments('demo')).to.have.length(1);
  });

  it('mounts into a shadow root and adopts its stylesheet there', async () => {
    const host = document.createElement('div');
    target.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const slot = document.createElement('div');
    shadow.append(slot);
    const checkout = await createSandboxStripe().createEmbeddedCheckoutPage({ clientSecret: secret() });
    checkout.mount(slot);
    expect(shadow.adoptedStyleSheets.length).to.equal(1);
    expect(slot.textContent).to.contain('TEST MODE');
    checkout.unmount();
    expect(shadow.adoptedStyleSheets.length).to.equal(0);
    checkout.mount(slot);
    expect(() => checkout.mount(slot)).to.throw(/already mounted/);
    checkout.destroy();
    expect(() => checkout.mount(slot)).to.throw(/destroyed/);
  });

  it('a hosted checkout page mounts the form for the client_secret in its URL', async () => {
    let completed = 0;
    const url = `https://example.test/checkout.html?client_secret=${encodeURIComponent(secret())}`;
    const checkout = await mountHostedCheckout(target, { url, onComplete: () => completed++ });
    fill(target, 'Card number', '4242 4242 4242 4242');
    fill(target, 'Expiry', '12/34');
    fill(target, 'CVC', '123');
    pay(target);
    await until(() => completed === 1, 'onComplete');
    expect(target.textContent).to.contain('Payment complete.');
    checkout.destroy();
  });

  it('an already paid session shows as complete', async () => {
    const first = await createSandboxStripe().createEmbeddedCheckoutPage({ clientSecret: secret(), onComplete: () => {} });
    first.mount(target);
    fill(target, 'Card number', '4242 4242 4242 4242');
    fill(target, 'Expiry', '12 / 34');
    fill(target, 'CVC', '123');
    pay(target);
    await until(() => target.textContent?.includes('Payment complete.'), 'completion');
    first.destroy();
    const again = await createSandboxStripe().createEmbeddedCheckoutPage({ clientSecret: secret() });
    again.mount(target);
    expect(target.querySelector('form')).to.equal(null);
    expect(target.textContent).to.contain('Payment complete.');
    again.destroy();
  });

  it('refuses an unknown client secret', async () => {
    let error: unknown;
    try {
      await createSandboxStripe().createEmbeddedCheckoutPage({ clientSecret: 'cs_test_nope' });
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(/Unknown checkout session/);
  });
});
