// Choosing a plan: the cards show what the domain page says a member must see, from one
// signup-config round trip, in the member's locale; preselected and hidden types open directly.
import { expect, waitUntil } from '@open-wc/testing';
import { $, API, button, cleanup, expectNoInlineStyles, mount, plusYears, record, root, step, text, untilStep, useSandbox, words } from './helpers.js';

async function untilText(el: MembershipSignup, wanted: string): Promise<void> {
  const { waitUntil } = await import('@open-wc/testing');
  await waitUntil(() => text(el).includes(wanted), `never showed ${wanted}`);
}
import type { MembershipSignup } from '../../src/index.js';

/** The text of the plan card named exactly `name`. */
function card(el: MembershipSignup, name: string): string {
  const found = [...root(el).querySelectorAll('[part="plan-card"]')].find(
    (candidate) => candidate.querySelector('[part="plan-name"]')!.textContent!.trim() === name,
  );
  return (found?.textContent ?? '').replace(/\s+/g, ' ');
}

/** The organization's today, as the sandbox and the element see it (the demo club is in New York,
 * not UTC: a UTC date is a day ahead in the evening there). */
let today = '';

/** The next September 1 strictly after today, skipping ahead when it is 30 days away or fewer. */
function nextSchoolYearEnd(): string {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-09-01`;
  const days = (Date.parse(thisYear) - Date.parse(today)) / 86400000;
  return days > 30 ? thisYear : `${year + 1}-09-01`;
}

describe('<membership-signup> plans', function () {
  this.timeout(20_000); // a whole signup runs several requests; the machine may be busy
  beforeEach(async () => {
    today = (await useSandbox()).today('demo');
  });
  afterEach(cleanup);

  it('leads each card with its price and term, then the name; renewal only where it renews or the member chooses', async () => {
    const el = await mount();
    expect(card(el, 'Annual')).to.contain('$60 / year').and.not.contain('$60.00').and.not.contain('renew');
    expect(card(el, 'Quarterly')).to.contain('$18 / 3 months').and.contain('You choose whether it renews');
    expect(card(el, 'Lifetime')).to.contain('$500').and.contain('never expires').and.not.contain('$500 /');
    expect(card(el, 'Monthly')).to.contain('$9 / month').and.contain('Renews automatically');
    expect(card(el, 'Digital edition')).to.contain('$0.60 / month');
    expect(card(el, 'Supporter')).to.contain('From $15 / year');
    expect(card(el, 'Friend')).to.contain('Free').and.not.contain('$0');
    expect(card(el, 'Founding member')).to.equal('');
    // Eight of ten cards do not renew: none of them says so.
    expect(text(el)).not.to.contain('Does not renew automatically');
    // The price comes first in each card, then the name.
    const annual = [...root(el).querySelectorAll('[part="plan-card"]')].find((c) => c.textContent!.includes('A full year'))!;
    expect([...annual.children].map((child) => child.getAttribute('part'))).to.deep.equal(['price', 'plan-name', null, null, 'button primary']);
  });

  it('badges: the featured plan ("Most popular"), requires approval, invitation only, group of up to 5', async () => {
    const sandbox = await useSandbox();
    sandbox.store.membershipType('demo', 'monthly')!.featured = true;
    const el = await mount();
    const badges = (name: string) => {
      const found = [...root(el).querySelectorAll('[part~="plan-card"]')].find((c) => c.querySelector('[part="plan-name"]')!.textContent === name)!;
      return [...found.querySelectorAll('[part="badge"]')].map((badge) => badge.textContent);
    };
    expect(badges('Monthly')).to.deep.equal(['Most popular']);
    expect(badges('Committee')).to.deep.equal(['Requires approval']);
    expect(badges('Family')).to.deep.equal(['Group of up to 5']);
    expect(badges('Annual')).to.deep.equal([]);
  });

  it('French prices: the term and the locale’s own money format, no ",00" when whole', async () => {
    const el = await mount({ locale: 'fr' });
    await untilText(el, 'Choisissez');
    expect(card(el, 'Annual')).to.contain('60 $US / an');
    expect(card(el, 'Monthly')).to.contain('9 $US / mois');
  });

  it('the plans sit in one column in a narrow container and up to three across in a wide one, cards of equal height with aligned buttons', async () => {
    const wide = document.createElement('div');
    wide.style.width = '1200px';
    document.body.append(wide);
    const el = await mount({}, {}, wide);
    const columns = () => getComputedStyle($(el, '.plans')!).gridTemplateColumns.split(' ').length;
    expect(columns()).to.equal(3);
    const cards = [...root(el).querySelectorAll('[part="plan-card"]')].slice(0, 3);
    const heights = new Set(cards.map((c) => Math.round(c.getBoundingClientRect().height)));
    expect(heights.size).to.equal(1);
    const buttons = new Set(cards.map((c) => Math.round(c.querySelector('button')!.getBoundingClientRect().bottom)));
    expect(buttons.size).to.equal(1);
    wide.style.width = '340px';
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(columns()).to.equal(1);
  });

  it('while the plans load: a row of empty cards in the plans\' grid, each as tall as the plans\' first row, hidden from assistive technology, drawn without inline styles', async () => {
    const sandbox = await useSandbox();
    const hold = sandbox.holdNextRequest();
    const wide = document.createElement('div');
    wide.style.width = '1200px';
    document.body.append(wide);
    const el = document.createElement('membership-signup') as MembershipSignup;
    el.setAttribute('organization', 'demo');
    el.setAttribute('api-base', API);
    wide.append(el);
    try {
      await hold.held;
      await el.updateComplete;
      expect(step(el)).to.equal('loading');
      const busy = $(el, '[aria-busy="true"]')!;
      expect(busy.textContent).to.contain('Loading membership plans');
      const blanks = [...busy.querySelectorAll('.plans .card')];
      expect(blanks).to.have.length(3);
      expect(busy.querySelector('.plans')!.getAttribute('aria-hidden')).to.equal('true');
      expect(blanks.map((blank) => blank.textContent!.trim())).to.deep.equal(['', '', '']);
      const tops = new Set(blanks.map((blank) => Math.round(blank.getBoundingClientRect().top)));
      expect(tops.size, 'one row of three in a wide container, as the plans').to.equal(1);
      const blankHeight = blanks[0]!.getBoundingClientRect().height;
      expectNoInlineStyles(el);
      hold.release();
      await untilStep(el, 'plans');
      const first = root(el).querySelector('[part="plan-card"]')!.getBoundingClientRect().height;
      expect(Math.abs(blankHeight - first) / first, `blank ${blankHeight} px, a plan ${first} px`).to.be.below(0.1);
    } finally {
      hold.release();
      wide.remove();
    }
  });

  it('ten plans are grouped by term under headings (Annual, Monthly, Every 3 months, Lifetime), in the organization\'s order; three are one list', async () => {
    const el = await mount();
    const groups = [...root(el).querySelectorAll('h3[part="term"]')].map((heading) => {
      const list = heading.nextElementSibling!;
      expect(list.matches('ul.plans')).to.equal(true);
      return [heading.textContent, [...list.querySelectorAll('[part="plan-name"]')].map((name) => name.textContent)];
    });
    expect(groups).to.deep.equal([
      ['Annual', ['Friend', 'Annual', 'Supporter', 'School year', 'Family', 'Committee']],
      ['Monthly', ['Monthly', 'Digital edition']],
      ['Every 3 months', ['Quarterly']],
      ['Lifetime', ['Lifetime']],
    ]);
    // Under a term's h3, the plans' names are h4s (the outline stays h2 > h3 > h4).
    expect(root(el).querySelector('[part="plan-name"]')!.tagName).to.equal('H4');
    cleanup();
    const few = await mount({ organization: 'demo-jpy' });
    expect(root(few).querySelectorAll('[part="term"]')).to.have.length(0);
    expect(root(few).querySelectorAll('ul.plans')).to.have.length(1);
    expect(root(few).querySelector('[part="plan-name"]')!.tagName).to.equal('H3');
  });

  it('a card with badges keeps its price level with the others of its row (the badges sit on its top edge)', async () => {
    const wide = document.createElement('div');
    wide.style.width = '1200px';
    document.body.append(wide);
    const el = await mount({}, {}, wide);
    const price = (name: string) => {
      const found = [...root(el).querySelectorAll('[part="plan-card"]')].find((c) => c.querySelector('[part="plan-name"]')!.textContent === name)!;
      return Math.round(found.querySelector('[part="price"]')!.getBoundingClientRect().top);
    };
    // School year, Family (Group of up to 5) and Committee (Requires approval) share a row.
    expect(price('Family')).to.equal(price('School year'));
    expect(price('Committee')).to.equal(price('School year'));
  });

  it('shows a cyclical type with its common lapse date (school year: September 1, 30-day buffer)', async () => {
    const el = await mount();
    expect(card(el, 'School year')).to.contain('$45 / year').and.contain(`Your membership runs until ${words(nextSchoolYearEnd())}`);
  });

  it('shows the expiry a purchase today would get: annual runs one year from today', async () => {
    const el = await mount();
    expect(card(el, 'Annual')).to.contain(`Your membership runs until ${words(plusYears(today, 1))}`);
  });

  it('announces readiness and the chosen plan with typed events', async () => {
    const el = document.createElement('div');
    const events = record(el, 'membership-signup-ready', 'membership-signup-plan-select');
    const signup = await mount({}, {}, el.appendChild(document.createElement('div')) && document.body.appendChild(el));
    expect(events['membership-signup-ready']).to.have.length(1);
    expect(events['membership-signup-ready']![0]!.detail.organization.id).to.equal('demo');
    button(signup, 'Choose Annual').click();
    await untilStep(signup, 'details');
    expect(events['membership-signup-plan-select']![0]!.detail.membershipType.id).to.equal('annual');
    expect(events['membership-signup-plan-select']![0]!.composed).to.equal(true);
  });

  it('opens a preselected type directly on its details', async () => {
    const el = await mount({ 'membership-type': 'supporter' });
    expect(step(el)).to.equal('details');
    expect(text(el)).to.contain('Supporter');
  });

  it('opens a hidden invite-only type with a valid invitation', async () => {
    const el = await mount({ 'membership-type': 'founders', invitation: 'FOUNDERS-2026' });
    expect(step(el)).to.equal('details');
    expect(text(el)).to.contain('Founding member');
  });

  it('read-url-params: the page\'s ?membership-type=, ?invitation= and ?discount-code= stand in for missing attributes; attributes win', async () => {
    const page = location.href;
    const at = (query: string) => history.replaceState(null, '', `${location.pathname}?${query}`);
    try {
      at('membership-type=founders&invitation=FOUNDERS-2026');
      const invited = await mount({ 'read-url-params': '' });
      expect(step(invited)).to.equal('details');
      expect(text(invited)).to.contain('Founding member');
      at('membership-type=annual&discount-code=WELCOME20');
      const fromMailing = await mount({ 'read-url-params': '' });
      expect(step(fromMailing)).to.equal('details');
      await waitUntil(() => text(fromMailing).includes('Code WELCOME20 applied'), 'the code from the link is applied');
      // The page's own attribute is the organization's choice: the URL does not override it.
      const chosen = await mount({ 'read-url-params': '', 'membership-type': 'supporter' });
      expect(text(chosen)).to.contain('Supporter');
      // Without read-url-params the URL is not read.
      const plain = await mount();
      expect(step(plain)).to.equal('plans');
    } finally {
      history.replaceState(null, '', page);
    }
  });

  it('shows an invalid invitation as an error, not a blank box', async () => {
    const el = await mount({ 'membership-type': 'founders', invitation: 'NOPE' });
    expect(step(el)).to.equal('error');
    expect($(el, '[role="alert"]')!.textContent).to.contain('invitation');
  });

  it('formats prices in a zero-decimal currency (demo-jpy)', async () => {
    const el = await mount({ organization: 'demo-jpy' });
    expect(text(el)).to.contain('¥5,000');
    expect(text(el)).not.to.contain('¥5,000.00');
  });

  it('renders names and descriptions from the API as text, never as HTML', async () => {
    const sandbox = await useSandbox();
    const type = sandbox.store.membershipType('demo', 'annual')!;
    type.membership_name = '<img src=x onerror="window.__pwned=1">Annual';
    type.description = '<b>bold</b>';
    const el = await mount();
    expect(root(el).querySelector('img')).to.equal(null);
    expect(root(el).querySelector('b')).to.equal(null);
    expect(text(el)).to.contain('<b>bold</b>');
  });

  it('passes axe on the plans', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
  });
});
