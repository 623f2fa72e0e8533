// What a hostile or broken API (or embed) can do to the host page and the member, one test each:
// script URLs, a refused api-base, prototype-named codes, unsafe links, stored drafts and details
// that break the rules, bidi controls, very long names and catastrophic patterns.
import { expect, waitUntil } from '@open-wc/testing';
import { APIPromise, createPublicClient, type CustomField, type MembershipType, type PublicClient, type Signup } from '@memberkit/sdk';
import { demoData } from '@memberkit/sandbox';
import type { MembershipSignup } from '../../src/index.js';
import {
  $,
  API,
  cleanup,
  fillAnnual,
  http,
  HttpResponse,
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

const ORG = `${API}/organizations/demo`;
type Sandbox = Awaited<ReturnType<typeof useSandbox>>;

/** The sandbox answers `method path`, and `tamper` rewrites its JSON body before the element reads it. */
function tamper(sandbox: Sandbox, method: 'get' | 'post', path: string, edit: (body: any) => void): void {
  override(
    http[method](`${ORG}/${path}`, async ({ request }) => {
      const answer = await sandbox.handle(request);
      const body = await answer.json();
      edit(body);
      return HttpResponse.json(body, { status: answer.status, headers: answer.headers });
    }),
  );
}

/** Records every URL the page fetches while `run` runs. */
async function fetched(run: () => Promise<unknown>): Promise<string[]> {
  const urls: string[] = [];
  const original = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return original(input, init);
  };
  try {
    await run();
  } finally {
    window.fetch = original;
  }
  return urls;
}

async function toReview(el: MembershipSignup): Promise<void> {
  await fillAnnual(el);
  await press(el, 'Continue');
  await untilStep(el, 'review');
}

const SCRIPT_URL = 'javascript://localhost/%0Aalert(document.domain)';

describe('a hostile API cannot run script in the host page', () => {
  afterEach(cleanup);

  it('a hosted checkout whose URL is javascript: with a loopback host part is never opened', async () => {
    await useSandbox({ hostedCheckoutUrl: SCRIPT_URL });
    const opened: string[] = [];
    const el = await mount({ 'membership-type': 'annual' }, { hostedPageOpener: (url: string) => opened.push(url) });
    const errors = record(el, 'membership-signup-error');
    await toReview(el);
    await press(el, 'Confirm and pay');
    await untilStep(el, 'error');
    expect(opened, 'nothing opened').to.deep.equal([]);
    expect(errors['membership-signup-error']![0]!.detail.code).to.equal('invalid_response');
    expect(text(el)).to.contain('could not read');
  });

  it('nor one handed over by a host page’s own .client (the element checks where it opens the page)', async () => {
    await useSandbox({ hostedCheckoutUrl: 'https://checkout.example.test/pay' });
    const real = createPublicClient({ baseUrl: API, organization: 'demo' });
    const hostile: Signup['next_action'] = { type: 'payment', provider: 'stripe', ui_mode: 'hosted_page', url: SCRIPT_URL };
    // The real client, whose signups come back with a script URL to open.
    const create = real.signups.create.bind(real.signups);
    real.signups.create = (...args) =>
      new APIPromise(create(...args).withResponse().then(({ data, response }) => ({ data: { ...data, next_action: hostile }, response })));
    const client: PublicClient = real;
    const opened: string[] = [];
    const el = await mount({ 'membership-type': 'annual' }, { client, hostedPageOpener: (url: string) => opened.push(url) });
    const errors = record(el, 'membership-signup-error');
    await toReview(el);
    await press(el, 'Confirm and pay');
    await waitUntil(() => text(el).includes('Payment is unavailable'), 'no unavailable message');
    expect(opened).to.deep.equal([]);
    expect(errors['membership-signup-error']!.map((event) => event.detail.code)).to.deep.equal(['payment_unavailable']);
  });

  it('a javascript: terms_url costs the terms link, not the form: the plans show, no script link anywhere', async () => {
    const sandbox = await useSandbox();
    tamper(sandbox, 'get', 'signup-config', (config) => {
      config.organization.terms_url = 'javascript:alert(1)';
      config.organization.logo_url = 'javascript:alert(2)';
    });
    const warned: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(String(args[0]));
    let el: MembershipSignup;
    try {
      el = await mount();
    } finally {
      console.warn = original;
    }
    expect(step(el)).to.equal('plans');
    expect(warned.some((message) => message.includes('terms_url'))).to.equal(true);
    await press(el, 'Choose Annual');
    await untilStep(el, 'details');
    expect([...root(el).querySelectorAll('a')].map((a) => a.getAttribute('href'))).not.to.include('javascript:alert(1)');
    expect(root(el).innerHTML).not.to.contain('javascript:');
  });
});

describe('a refused api-base is a configuration error, and the member token goes nowhere', () => {
  afterEach(cleanup);

  for (const base of ['http://api.evil.test/v1', 'javascript://localhost/', 'ftp://127.0.0.1/v1', 'not a url']) {
    it(`api-base="${base}": nothing is fetched, the element says what is wrong`, async () => {
      await useSandbox();
      const events: CustomEvent[] = [];
      let el!: MembershipSignup;
      const urls = await fetched(async () => {
        el = document.createElement('membership-signup');
        el.addEventListener('membership-signup-error', (event) => events.push(event as CustomEvent));
        el.setAttribute('organization', 'demo');
        el.setAttribute('api-base', base);
        el.authToken = 'mt_secret_token';
        document.body.append(el);
        await waitUntil(() => step(el) === 'error', 'no configuration error', { timeout: 5000 });
        // Long enough for a fallback request to have left.
        await new Promise((resolve) => setTimeout(resolve, 100));
      });
      try {
        expect(urls, 'no request at all').to.deep.equal([]);
        expect(text(el)).to.contain('not set up correctly');
        expect(text(el)).to.contain('api-base');
        expect(events.map((event) => event.detail.code)).to.deep.equal(['configuration']);
        expect(JSON.stringify(events.map((event) => event.detail))).not.to.contain('mt_secret_token');
      } finally {
        el.remove();
      }
    });
  }
});

describe('codes from the API are looked up as own keys: messages are always the catalogue’s strings', () => {
  afterEach(cleanup);

  for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'no_such_code']) {
    it(`an API error code "${code}" shows the generic message, and the event's message is that string`, async () => {
      await useSandbox();
      override(http.get(`${ORG}/signup-config`, () => problem(400, code)));
      const errors: CustomEvent[] = [];
      document.addEventListener('membership-signup-error', (event) => errors.push(event), { once: true });
      const el = await mount();
      expect(step(el)).to.equal('error');
      expect(text(el)).to.contain('Something went wrong on our side');
      expect(text(el)).not.to.match(/native code|undefined|function/);
      expect(errors[0]!.detail.message).to.be.a('string').and.equal('Something went wrong on our side. Please try again.');
    });
  }

  it('field errors with prototype-named or unknown codes, or bounds the field lacks, read as the generic field message', async () => {
    await useSandbox();
    override(
      http.post(`${ORG}/signups`, () =>
        problem(422, 'validation_failed', {
          errors: [
            { field: 'member.first_name', code: 'constructor', message: 'x' },
            { field: 'member.last_name', code: 'no_such_code', message: 'x' },
            // The display name has a max_length; the T-shirt size (a select) has no length bounds.
            { field: 'fields.tshirt', code: 'too_short', message: 'x' },
          ],
        }),
      ),
    );
    const el = await mount({ 'membership-type': 'annual' });
    await toReview(el);
    await press(el, 'Confirm and pay');
    await untilStep(el, 'details');
    await el.updateComplete;
    const summary = $(el, '[data-summary]')?.closest('[part~="error-summary"]') ?? $(el, '[part~="error-summary"]');
    const words = (summary?.textContent ?? text(el)).replace(/\s+/g, ' ');
    expect(words).not.to.match(/native code|undefined|function/);
    expect(words).to.contain('This value is not in the expected format.');
  });
});

/** The demo data with the `demo` organization's type `id` changed by `edit`. */
function demoWith(id: string, edit: (type: MembershipType) => void) {
  const data = demoData();
  const type = data.organizations.find((org) => org.organization.id === 'demo')!.membership_types.find((t) => t.id === id)!;
  edit(type);
  return data;
}

const textField = (key: string, label: string): CustomField => ({ key, label, type: 'text', required: true });

describe('custom fields keyed like Object.prototype members', () => {
  afterEach(cleanup);

  it('fields keyed constructor, toString and prototype are answered, sent and stored like any other', async () => {
    const sandbox = await useSandbox({
      data: demoWith('annual', (annual) => {
        annual.fields = [textField('constructor', 'Builder'), textField('toString', 'Nickname'), textField('prototype', 'Model')];
      }),
    });
    const el = await mount({ 'membership-type': 'annual' });
    await type(el, 'Email', 'proto@example.org');
    await type(el, 'First name', 'Pro');
    await type(el, 'Last name', 'Totype');
    expect(text(el)).not.to.match(/native code|function/);
    await type(el, 'Builder', 'b');
    await type(el, 'Nickname', 'n');
    await type(el, 'Model', 'm');
    await press(el, 'Continue');
    await untilStep(el, 'review', 3000);
    await press(el, /^Confirm/);
    await waitUntil(() => step(el) !== 'review', 'still on the review', { timeout: 5000 });
    const signups = Object.values(sandbox.store.state.signups);
    expect(signups).to.have.length(1);
    expect({ ...signups[0]!.fields }).to.deep.equal({ constructor: 'b', toString: 'n', prototype: 'm' });
  });
});

describe('domain rules come from the SDK (one copy each)', () => {
  afterEach(cleanup);

  it('a lifetime plan the member could otherwise choose renewal for says nothing about renewing on the review', async () => {
    await useSandbox({ data: demoWith('lifetime', (lifetime) => void (lifetime.recurring = null)) });
    const el = await mount({ 'membership-type': 'lifetime' });
    await type(el, 'Email', 'life@example.org');
    await type(el, 'First name', 'Liv');
    await type(el, 'Last name', 'Long');
    expect(root(el).querySelector('#mk-auto-renew'), 'no auto-renew choice').to.equal(null);
    await press(el, 'Continue');
    await untilStep(el, 'review');
    expect(text(el)).not.to.match(/renew/i);
  });

  it('a group without a maximum takes more people than one (as its price does), with no "up to" hint', async () => {
    await useSandbox({ data: demoWith('family', (family) => void (family.group_size_max = null)) });
    const el = await mount({ 'membership-type': 'family' });
    expect(root(el).querySelector('#mk-group-hint'), 'no "up to" hint').to.equal(null);
    for (let n = 0; n < 3; n++) await press(el, 'Add a group member');
    expect(root(el).querySelectorAll('fieldset.person')).to.have.length(3);
    expect(text(el)).to.contain('Add a group member');
  });
});

describe('stored drafts and names that break the widget', () => {
  afterEach(cleanup);

  for (const [what, patch] of [
    ['group members that are not a list', { groupMembers: 'everyone' }],
    ['answers that are objects', { fields: { display_name: { nested: true } } }],
    ['an email that is a number', { email: 42 }],
    ['a discount of the wrong shape', { discount: { percent_off: 'lots' } }],
    ['a step that does not exist', { step: 'confetti' }],
  ] as const) {
    it(`a draft with ${what} is dropped: the member starts afresh instead of being stuck`, async () => {
      await useSandbox();
      const key = 'memberkit:signup:demo';
      sessionStorage.setItem(key, JSON.stringify({ v: 1, step: 'details', membershipTypeId: 'annual', email: 'a@example.org', firstName: '', lastName: '', fields: {}, amount: '', autoRenew: false, groupMembers: [], discountCode: '', discount: null, idempotencyKey: null, renewalKey: null, signupId: null, ...patch }));
      const el = await mount();
      expect(step(el)).to.equal('plans');
      expect(sessionStorage.getItem(key) ?? '').not.to.contain('"v":1,"step":"details","membershipTypeId":"annual","email":"a@');
      await press(el, 'Choose Annual');
      await untilStep(el, 'details');
    });
  }

  it('names with right-to-left overrides are isolated: the widget’s own sentences keep their order', async () => {
    const evil = '\u202Eevil\u2066';
    const sandbox = await useSandbox({ data: demoWith('free', (free) => void (free.membership_name = `Friend ${evil}`)) });
    void sandbox;
    const el = await mount({ 'membership-type': 'free' });
    await type(el, 'Email', 'bidi@example.org');
    await type(el, 'First name', 'Bi');
    await type(el, 'Last name', 'Di');
    await press(el, 'Continue');
    await untilStep(el, 'review');
    const isolatedIn = (selector: string) =>
      [...root(el).querySelectorAll(`${selector} bdi`)].some((bdi) => bdi.textContent === `Friend ${evil}`);
    // The plan is named above the review's lists (a line of its own since the review reads back the signup).
    expect(isolatedIn('.base[data-step="review"]'), 'the review names the plan in a <bdi>').to.equal(true);
    await press(el, 'Confirm and join');
    await untilStep(el, 'done');
    expect(isolatedIn('[part="done"]'), 'the confirmation sentence isolates the plan name').to.equal(true);
    expect($(el, '[part="done"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Your Friend ${evil} membership is confirmed.`);
  });

  it('a 10,000-character unbroken name wraps inside the widget instead of widening it', async () => {
    const long = 'W'.repeat(10_000);
    const sandbox = await useSandbox();
    tamper(sandbox, 'get', 'signup-config', (config) => {
      config.organization.name = long;
      for (const plan of config.membership_types) plan.membership_name = long;
    });
    const box = document.createElement('div');
    box.style.width = '360px';
    document.body.append(box);
    try {
      const el = await mount({}, {}, box);
      expect(step(el)).to.equal('plans');
      expect(el.getBoundingClientRect().width).to.be.at.most(360);
      expect(el.scrollWidth).to.be.at.most(360);
      expect($(el, '.base')!.scrollWidth).to.be.at.most(360);
    } finally {
      box.remove();
    }
  });
});

describe('a signed-in member whose stored details break the form’s rules', () => {
  afterEach(cleanup);

  it('is not stuck on errors of inputs the signed-in form does not show: the details go to the review', async () => {
    const sandbox = await useSandbox();
    const token = sandbox.issueMemberToken('demo', 'long.name@example.org', { first_name: 'Lena', last_name: 'L'.repeat(150) });
    const el = await mount({ 'membership-type': 'free' }, { authToken: token });
    await untilStep(el, 'details');
    expect(text(el)).to.contain('Signed in as long.name@example.org');
    expect(root(el).querySelector('#mk-last-name'), 'no last-name input: the stored one is used').to.equal(null);
    await press(el, 'Continue');
    await untilStep(el, 'review', 3000);
  });
});
