// Signing in inside the widget, on the sandbox's sign-in endpoints (the code read from its outbox,
// as a member reads their email): from the plans ("Already a member? Sign in"), inline where the
// API answers already_member (then the renewal offer), first when the organization asks for it.
// The session stays in memory: never in storage, the URL or an event; a host's token wins.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { demoData, type Sandbox } from '@memberkit/sandbox';
import {
  $,
  API,
  button,
  check,
  cleanup,
  field,
  http,
  mount,
  override,
  press,
  problem,
  record,
  root,
  step,
  text,
  type,
  untilStep,
  useSandbox,
} from './helpers.js';
import type { MembershipSignup } from '../../src/index.js';

const EVENTS = [
  'membership-signup-ready',
  'membership-signup-plan-select',
  'membership-signup-submit',
  'membership-signup-error',
  'membership-signup-complete',
];

/** The code of the last sign-in email to `email`. */
function codeFor(sandbox: Sandbox, email: string): string {
  const mail = sandbox.outbox(email).filter((message) => message.kind === 'sign_in_code').at(-1);
  if (!mail) throw new Error(`no sign-in email to ${email}`);
  return String(mail.data.code);
}

/** Email → code → signed in, as a member types them. */
async function signIn(el: MembershipSignup, sandbox: Sandbox, email: string): Promise<void> {
  await type(el, 'Email', email);
  await press(el, 'Send code');
  await waitUntil(() => $(el, '#mk-sign-in-code'), 'no code input', { timeout: 5000 });
  await type(el, 'Sign-in code', codeFor(sandbox, email));
  await press(el, 'Sign in');
}

/** Everything the page could keep or see: storage, the URL, the events' details. */
function leaks(events: Record<string, CustomEvent[]>): string {
  const stored = [...Object.entries(sessionStorage), ...Object.entries(localStorage)].flat().join(' ');
  const evented = Object.values(events)
    .flat()
    .map((event) => JSON.stringify(event.detail))
    .join(' ');
  return `${stored} ${location.href} ${evented} ${document.cookie}`;
}

/** The member tokens the sandbox's requests carried. */
function bearers(): { tokens: string[]; stop: () => void } {
  const tokens: string[] = [];
  const original = window.fetch;
  window.fetch = (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const auth = headers.get('authorization');
    if (auth) tokens.push(auth.replace(/^Bearer /, ''));
    return original(input, init);
  };
  return { tokens, stop: () => (window.fetch = original) };
}

describe('<membership-signup> sign-in inside the widget', function () {
  this.timeout(20_000);
  afterEach(cleanup);

  it('from the plans: email, the emailed code, signed in without leaving the page; the plans mark what the member holds; the token is kept in memory only', async () => {
    const sandbox = await useSandbox();
    const el = await mount();
    const events = record(el, ...EVENTS);
    expect(text(el)).to.contain('Already a member? Sign in');
    await press(el, 'Sign in');
    await untilStep(el, 'signin');
    expect(root(el).activeElement?.textContent, 'focus on the heading').to.equal('Sign in');
    await expect(el).to.be.accessible();
    await signIn(el, sandbox, 'Alice@Example.org');
    await untilStep(el, 'plans');
    // Alice holds Annual: its card says so; the offer to sign in is gone.
    await waitUntil(() => text(el).includes('Your membership'), 'no badge for the held plan', { timeout: 5000 });
    const annual = [...root(el).querySelectorAll('[part~="plan-card"]')].find((card) => card.textContent!.includes('Annual'))!;
    expect(annual.textContent).to.contain('Your membership');
    expect(text(el)).not.to.contain('Already a member?');
    await press(el, 'Choose Monthly');
    await untilStep(el, 'details');
    expect(text(el)).to.contain('Signed in as alice@example.org');
    // The session is nowhere the page keeps or sees.
    const session = sandbox.outbox('alice@example.org').length;
    expect(session).to.equal(1);
    for (const token of [codeFor(sandbox, 'alice@example.org'), 'mrt_', 'Bearer']) expect(leaks(events)).not.to.contain(token);
    expect(events['membership-signup-error']).to.have.length(0);
  });

  it('signed in, the requests carry the member token; a host page that answers no token (a frame without a member) leaves the widget its own; a host token wins', async () => {
    const sandbox = await useSandbox();
    const seen = bearers();
    try {
      const el = await mount({}, { getAuthToken: async () => '' });
      await press(el, 'Sign in');
      await untilStep(el, 'signin');
      await signIn(el, sandbox, 'alice@example.org');
      await untilStep(el, 'plans');
      await waitUntil(() => text(el).includes('Your membership'), 'not signed in', { timeout: 5000 });
      const own = seen.tokens.at(-1)!;
      expect(own).to.be.a('string');
      expect(leaks({})).not.to.contain(own);
      // The host signs someone else in: its token is the one sent from now on.
      el.authToken = sandbox.issueMemberToken('demo', 'erin@example.org');
      await waitUntil(() => seen.tokens.at(-1) !== own, 'the host token was not used', { timeout: 5000 });
      // That request reloads the plans: they are back once it is answered.
      await waitUntil(() => step(el) === 'plans' && text(el).includes('Choose Monthly'), `no plans: ${step(el)}`, { timeout: 5000 });
      await press(el, 'Choose Monthly');
      await untilStep(el, 'details');
      expect(text(el)).to.contain('Signed in as erin@example.org');
    } finally {
      seen.stop();
    }
  });

  it('a member token the API refuses (401) is replaced through the refresh token, once, and the request repeated', async () => {
    const sandbox = await useSandbox();
    const el = await mount();
    await press(el, 'Sign in');
    await untilStep(el, 'signin');
    await signIn(el, sandbox, 'alice@example.org');
    await untilStep(el, 'plans');
    await waitUntil(() => text(el).includes('Your membership'), 'not signed in', { timeout: 5000 });
    const refreshes: unknown[] = [];
    const refused: number[] = [];
    override(
      // Falls through to the sandbox: only counts the refreshes.
      http.post(`${API}/organizations/demo/auth/tokens`, async ({ request }) => {
        const body = (await request.clone().json()) as { refresh_token?: string };
        if (body.refresh_token) refreshes.push(body);
      }),
      http.get(`${API}/organizations/demo/signup-config`, () => (refused.push(1), problem(401, 'unauthorized')), { once: true }),
    );
    // A link to another plan: the configuration is read again, and its first answer refuses the token.
    el.setAttribute('membership-type', 'monthly');
    await untilStep(el, 'details');
    expect(text(el)).to.contain('Signed in as alice@example.org');
    expect(refused, 'the API refused the token once').to.have.length(1);
    expect(refreshes).to.have.length(1);
  });

  it('a wrong code says how many tries are left; an expired one and too many codes are worded; Enter sends the form', async () => {
    const sandbox = await useSandbox();
    const el = await mount();
    await press(el, 'Sign in');
    await untilStep(el, 'signin');
    await type(el, 'Email', 'not-an-address');
    await press(el, 'Send code');
    expect(text(el)).to.contain('Enter an email address like name@example.org.');
    expect(field(el, 'Email').getAttribute('aria-invalid')).to.equal('true');
    await type(el, 'Email', 'bob@example.org');
    await press(el, 'Send code');
    await waitUntil(() => $(el, '#mk-sign-in-code'), 'no code input', { timeout: 5000 });
    expect(text(el)).to.contain('We sent a 6-digit code to bob@example.org.');
    const right = codeFor(sandbox, 'bob@example.org');
    await type(el, 'Sign-in code', right === '000000' ? '111111' : '000000');
    await press(el, 'Sign in');
    await waitUntil(() => text(el).includes('tries left'), 'no wrong-code message', { timeout: 5000 });
    expect(text(el)).to.contain('That code is not right: 4 tries left.');
    expect($(el, '[role="alert"]')!.textContent).to.contain('4 tries left');
    expect(root(el).activeElement?.id, 'back in the code input').to.equal('mk-sign-in-code');
    await type(el, 'Sign-in code', '12');
    await press(el, 'Sign in');
    expect(text(el)).to.contain('Enter the code from the email, digits only.');
    // The API's other answers, worded.
    override(http.post(`${API}/organizations/demo/auth/tokens`, () => problem(422, 'invalid_sign_in', { reason: 'expired' })));
    await type(el, 'Sign-in code', '123456');
    await press(el, 'Sign in');
    await waitUntil(() => text(el).includes('This code has expired. Send a new code.'), 'no expired message', { timeout: 5000 });
    override(http.post(`${API}/organizations/demo/auth/email-codes`, () => problem(429, 'rate_limited', {}, { 'retry-after': '1200' })));
    await press(el, 'Send a new code');
    await waitUntil(() => text(el).includes('Too many codes were asked for.'), 'no rate-limit message', { timeout: 5000 });
    await expect(el).to.be.accessible();
    expect(step(el)).to.equal('signin');
  });

  it('in French, the problems are French', async () => {
    await useSandbox();
    const el = await mount({ locale: 'fr' });
    await press(el, 'Se connecter');
    await untilStep(el, 'signin');
    override(http.post(`${API}/organizations/demo/auth/email-codes`, () => problem(429, 'rate_limited')));
    await type(el, 'Adresse e-mail', 'alice@example.org');
    await press(el, 'Envoyer le code');
    await waitUntil(() => text(el).includes('Trop de codes ont été demandés.'), `not in French: ${text(el)}`, { timeout: 5000 });
  });

  it('already a member, signed out: no -error event; signing in right there leads to the renewal offer with its price', async () => {
    const sandbox = await useSandbox();
    const el = await mount({ 'membership-type': 'annual' });
    const events = record(el, ...EVENTS);
    await type(el, 'Email', 'alice@example.org');
    await type(el, 'First name', 'Alice');
    await type(el, 'Last name', 'Anderson');
    await type(el, 'Display name', 'Alice');
    await type(el, 'T-shirt size', 'm');
    await check(el, 'I accept the membership terms');
    await press(el, 'Continue');
    await untilStep(el, 'review');
    await press(el, 'Confirm and pay');
    await untilStep(el, 'renewal');
    expect(events['membership-signup-error'], 'an ordinary case, not an error').to.have.length(0);
    expect(text(el)).to.contain('You are already a member');
    expect(field(el, 'Email')).to.exist;
    await expect(el).to.be.accessible();
    await signIn(el, sandbox, 'alice@example.org');
    await waitUntil(() => text(el).includes('extend it until'), `no renewal offer: ${text(el)}`, { timeout: 5000 });
    expect(text(el)).to.contain('Renew');
    expect(button(el, 'Renew')).to.exist;
    expect(text(el)).to.match(/valid until .*\d{4}/);
    expect(events['membership-signup-error']).to.have.length(0);
    await press(el, 'Renew');
    await untilStep(el, 'payment');
  });

  it('when the organization asks members to sign in first, the widget asks for it before the plans', async () => {
    const data = demoData();
    data.organizations.find((org) => org.organization.id === 'demo')!.signup_requires_sign_in = true;
    const sandbox = await useSandbox({ data });
    const el = await mount();
    expect(step(el)).to.equal('signin');
    expect(text(el)).to.contain('Riverside Makers Club asks members to sign in before signing up.');
    expect(() => button(el, 'Back'), 'no way around it').to.throw();
    await signIn(el, sandbox, 'new.person@example.org');
    await untilStep(el, 'plans');
    await press(el, 'Choose Friend');
    await untilStep(el, 'details');
    expect(text(el)).to.contain('Signed in as new.person@example.org');
  });

  it('an organization that began asking for sign-in after the widget loaded: the refused signup (401 sign_in_required) opens the sign-in, then the same review completes; no -error event', async () => {
    const sandbox = await useSandbox();
    const el = await mount({ 'membership-type': 'free' });
    const events = record(el, ...EVENTS);
    // Staff turn it on while the member fills in the form (the widget's configuration says no).
    const settings = await fetch(`${API}/organizations/demo/settings`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_sandbox', 'content-type': 'application/json', 'idempotency-key': 'turn-on-sign-in' },
      body: JSON.stringify({ signup_requires_sign_in: true }),
    });
    expect(settings.status).to.equal(200);
    await type(el, 'Email', 'late.rule@example.org');
    await type(el, 'First name', 'Late');
    await type(el, 'Last name', 'Rule');
    await press(el, 'Continue');
    await untilStep(el, 'review');
    await press(el, 'Confirm and join');
    await untilStep(el, 'signin');
    expect(events['membership-signup-error'], 'an ordinary case for the host page').to.have.length(0);
    await signIn(el, sandbox, 'late.rule@example.org');
    await untilStep(el, 'review');
    await press(el, 'Confirm and join');
    await untilStep(el, 'done');
    expect(events['membership-signup-complete']).to.have.length(1);
  });

  it('signed in inside the widget, "Sign out" forgets the session: back to the plans signed out, the next requests carry no token, the draft is gone; a page\'s own token gets no such button', async () => {
    const sandbox = await useSandbox();
    const seen = bearers();
    try {
      const el = await mount();
      const events = record(el, ...EVENTS);
      await press(el, 'Sign in');
      await untilStep(el, 'signin');
      await signIn(el, sandbox, 'alice@example.org');
      await untilStep(el, 'plans');
      await waitUntil(() => text(el).includes('Your membership'), 'not signed in', { timeout: 5000 });
      expect(text(el)).to.contain('Signed in as alice@example.org Sign out');
      await expect(el).to.be.accessible();
      const signedIn = seen.tokens.length;
      expect(signedIn).to.be.greaterThan(0);
      el.focus();
      await press(el, 'Sign out');
      await waitUntil(() => text(el).includes('Already a member? Sign in'), `still signed in: ${text(el)}`, { timeout: 5000 });
      expect(step(el)).to.equal('plans');
      const badges = [...root(el).querySelectorAll('[part~="badge"]')].map((badge) => badge.textContent!.trim());
      expect(badges, 'no plan marked as held').not.to.include('Your membership');
      expect(text(el)).not.to.contain('alice@example.org');
      expect(root(el).activeElement?.textContent, 'focus on the plans\' heading').to.equal('Choose a membership');
      expect(seen.tokens.length, 'no token after signing out').to.equal(signedIn);
      // Nothing of Alice is kept for the next person at this browser.
      expect(JSON.stringify(Object.entries(sessionStorage))).not.to.contain('alice');
      await press(el, 'Choose Monthly');
      await untilStep(el, 'details');
      expect(field(el, 'Email').value).to.equal('');
      expect(events['membership-signup-error']).to.have.length(0);
      for (const event of Object.values(events).flat()) expect(JSON.stringify(event.detail)).not.to.contain('mrt_');
      // The page's token is the page's to end: no "Sign out" for it.
      const hosted = await mount({ id: 'hosted' }, { authToken: sandbox.issueMemberToken('demo', 'erin@example.org') });
      expect(() => button(hosted, 'Sign out')).to.throw();
    } finally {
      seen.stop();
    }
  });

  it('keyboard only: Tab to "Sign in", type the email and the code, Enter each time', async () => {
    const sandbox = await useSandbox();
    const el = await mount();
    const focused = () => root(el).activeElement;
    el.focus();
    for (let n = 0; n < 40 && focused()?.textContent?.trim() !== 'Sign in'; n++) await sendKeys({ press: 'Tab' });
    expect(focused()?.textContent?.trim()).to.equal('Sign in');
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'signin');
    await sendKeys({ press: 'Tab' });
    for (let n = 0; n < 5 && focused()?.id !== 'mk-sign-in-email'; n++) await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'alice@example.org' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused()?.id === 'mk-sign-in-code', 'the focus did not move to the code', { timeout: 5000 });
    await sendKeys({ type: codeFor(sandbox, 'alice@example.org') });
    await sendKeys({ press: 'Enter' });
    await untilStep(el, 'plans');
    await waitUntil(() => text(el).includes('Your membership'), 'not signed in', { timeout: 5000 });
  });
});
