// Choosing a plan: the cards show what the domain page says a member must see, from one
// signup-config round trip, in the member's locale; preselected and hidden types open directly.
import { expect } from '@open-wc/testing';
import { $, button, cleanup, mount, plusYears, record, root, step, text, untilStep, useSandbox, words } from './helpers.js';
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

  it('shows every listed plan with its name, description, price, term and renewal', async () => {
    const el = await mount();
    expect(step(el)).to.equal('plans');
    expect(card(el, 'Annual')).to.contain('$60.00').and.contain('Annual').and.contain('Does not renew automatically');
    expect(card(el, 'Quarterly')).to.contain('Every 3 months').and.contain('You choose whether it renews');
    expect(card(el, 'Lifetime')).to.contain('$500.00').and.contain('never expires');
    expect(card(el, 'Monthly')).to.contain('Monthly').and.contain('Renews automatically');
    expect(card(el, 'Supporter')).to.contain('From $15.00');
    expect(card(el, 'Friend')).to.contain('Free');
    expect(card(el, 'Founding member')).to.equal('');
  });

  it('shows a cyclical type as "Until" its common lapse date (school year: September 1, 30-day buffer)', async () => {
    const el = await mount();
    expect(card(el, 'School year')).to.contain(`Until ${words(nextSchoolYearEnd())}`);
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
