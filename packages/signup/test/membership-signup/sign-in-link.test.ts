// Signing in by the sign-in email's one-click link, on the sandbox: the email carries a link back
// to the page with the widget (when that page is on one of the organization's embed origins); the
// page opened by it shows the widget's sign-in, whose one press exchanges the link's ticket for a
// session. The ticket leaves the address bar at once (no history entry, nothing for a bookmark or
// another script), is sent only in the body of the one exchange, and is never a token; the session
// stays in memory; a token the page gives wins over the link.
import { expect, waitUntil } from '@open-wc/testing';
import { demoData, type Sandbox } from '@memberkit/sandbox';
import { $, API, cleanup, field, http, HttpResponse, mount, override, press, problem, record, root, step, text, type, untilStep, useSandbox } from './helpers.js';
import type { MembershipSignup } from '../../src/index.js';

/** The demo organization with this test page's origin among its embed origins. */
function embeddedHere() {
  const data = demoData();
  data.organizations.find((org) => org.organization.id === 'demo')!.organization.embed_origins.push(location.origin);
  return data;
}

/** The last sign-in email to `email`. */
function mailTo(sandbox: Sandbox, email: string) {
  const mail = sandbox.outbox(email).filter((message) => message.kind === 'sign_in_code').at(-1);
  if (!mail) throw new Error(`no sign-in email to ${email}`);
  return mail;
}

/** Asks the widget for a code by email (as a member does) and returns the email's link. */
async function askForLink(el: MembershipSignup, sandbox: Sandbox, email: string): Promise<string> {
  await press(el, 'Sign in');
  await untilStep(el, 'signin');
  await type(el, 'Email', email);
  await press(el, 'Send code');
  await waitUntil(() => $(el, '#mk-sign-in-code'), 'no code input', { timeout: 5000 });
  return String(mailTo(sandbox, email).data.link);
}

/** The requests the page sends: URL and body. */
function requests(): { sent: { url: string; body: string }[]; stop: () => void } {
  const sent: { url: string; body: string }[] = [];
  const original = window.fetch;
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ url: request.url, body: request.body ? await request.clone().text() : '' });
    return original(input, init);
  };
  return { sent, stop: () => (window.fetch = original) };
}

const here = () => location.pathname + location.search;

describe('<membership-signup> sign-in by the emailed link', function () {
  this.timeout(20_000);
  afterEach(() => {
    cleanup();
    history.replaceState(null, '', here());
  });

  it('the email links back to this page; opened, the ticket leaves the address bar, one press signs the member in here; the ticket travels only in the exchange, the session in memory only', async () => {
    const sandbox = await useSandbox({ data: embeddedHere() });
    let el = await mount();
    const link = await askForLink(el, sandbox, 'Alice@Example.org');
    expect(text(el)).to.contain('Or open the link in that email: it brings you back here, signed in.');
    expect(link.startsWith(`${location.origin}${here()}#memberkit-sign-in=`), link).to.equal(true);
    const ticket = new URL(link).hash.slice('#memberkit-sign-in='.length);
    expect(ticket).to.match(/^[\w-]+$/);
    // The member opens the link: the same page, with the ticket in its fragment.
    cleanup();
    history.replaceState(null, '', link);
    const entries = history.length;
    const seen = requests();
    try {
      el = await mount();
      const events = record(el, 'membership-signup-ready', 'membership-signup-error', 'membership-signup-plan-select');
      expect(location.href, 'out of the address bar').not.to.contain(ticket);
      expect(location.hash).to.equal('');
      expect(history.length, 'replaced, not pushed').to.equal(entries);
      expect(step(el)).to.equal('signin');
      expect(text(el)).to.contain('You opened the sign-in link from your email. Sign in to continue here.');
      await expect(el).to.be.accessible();
      // Nothing is spent by opening the page (a mail scanner that opens it uses nothing).
      expect(seen.sent.filter(({ body }) => body.includes(ticket))).to.have.length(0);
      await press(el, 'Sign in');
      await untilStep(el, 'plans');
      await waitUntil(() => text(el).includes('Your membership'), 'not signed in', { timeout: 5000 });
      const carrying = seen.sent.filter(({ url, body }) => url.includes(ticket) || body.includes(ticket));
      expect(carrying.map(({ url }) => url)).to.deep.equal([`${API}/organizations/demo/auth/tokens`]);
      expect(JSON.parse(carrying[0]!.body)).to.deep.equal({ link_token: ticket });
      await press(el, 'Choose Monthly');
      await untilStep(el, 'details');
      expect(text(el)).to.contain('Signed in as alice@example.org');
      const kept = [...Object.entries(sessionStorage), ...Object.entries(localStorage)].flat().join(' ');
      const evented = Object.values(events).flat().map((event) => JSON.stringify(event.detail)).join(' ');
      for (const secret of [ticket, 'mrt_']) {
        expect(`${kept} ${location.href} ${evented} ${document.cookie}`).not.to.contain(secret);
      }
      expect(events['membership-signup-error']).to.have.length(0);
    } finally {
      seen.stop();
    }
  });

  it('a link used already (or expired) says so and asks for the email, with the focus there; a network fault keeps the link to try again', async () => {
    const sandbox = await useSandbox({ data: embeddedHere() });
    let el = await mount();
    const link = await askForLink(el, sandbox, 'bob@example.org');
    cleanup();
    history.replaceState(null, '', link);
    el = await mount();
    override(http.post(`${API}/organizations/demo/auth/tokens`, () => HttpResponse.error()));
    await press(el, 'Sign in');
    await waitUntil(() => text(el).includes('Check your connection'), `no network message: ${text(el)}`, { timeout: 5000 });
    expect(step(el)).to.equal('signin');
    expect(root(el).activeElement?.id, 'back on the button').to.equal('mk-sign-in-link');
    override(http.post(`${API}/organizations/demo/auth/tokens`, () => problem(422, 'invalid_sign_in', { reason: 'used' })));
    await press(el, 'Sign in');
    await waitUntil(() => text(el).includes('This sign-in link can no longer be used'), `no refusal: ${text(el)}`, { timeout: 5000 });
    expect(field(el, 'Email')).to.exist;
    await waitUntil(() => root(el).activeElement?.id === 'mk-sign-in-email', 'the focus is not in the email');
    await expect(el).to.be.accessible();
  });

  it('a member the page signed in (its token) wins over the link: no sign-in asked, the ticket still leaves the address bar', async () => {
    const sandbox = await useSandbox({ data: embeddedHere() });
    history.replaceState(null, '', `${here()}#memberkit-sign-in=slt_0123456789abcdef`);
    const el = await mount({}, { authToken: sandbox.issueMemberToken('demo', 'erin@example.org') });
    expect(location.hash).to.equal('');
    expect(step(el)).to.equal('plans');
    await press(el, 'Choose Monthly');
    await untilStep(el, 'details');
    expect(text(el)).to.contain('Signed in as erin@example.org');
  });

  it('a page the organization does not list among its embed origins gets the code alone (the API would refuse a link to it)', async () => {
    const sandbox = await useSandbox();
    const el = await mount();
    await press(el, 'Sign in');
    await untilStep(el, 'signin');
    await type(el, 'Email', 'alice@example.org');
    await press(el, 'Send code');
    await waitUntil(() => $(el, '#mk-sign-in-code'), 'no code input', { timeout: 5000 });
    expect(mailTo(sandbox, 'alice@example.org').data.link).to.equal(null);
    expect(text(el)).not.to.contain('Or open the link');
  });
});
