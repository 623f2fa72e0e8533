// Dates count from the organization's today, not the UTC date: at 02:30 UTC on 10 March 2026 it
// is still 9 March in New York (the `demo` organization's zone), so a purchase "today" is dated
// 9 March. The clock is shifted (not frozen: timers and waits keep running) for the page, the
// sandbox and the element alike, so this runs the hour that used to break the suite, at any hour.
import { expect } from '@open-wc/testing';
import { TODAY, cleanup, mount, plusYears, press, root, text, type, untilStep, useSandbox, words } from './helpers.js';

const RealDate = Date;
const NIGHT_IN_UTC = RealDate.parse('2026-03-10T02:30:00Z');

/** Moves the page's clock to `instant`, keeping it ticking. */
function shiftClock(instant: number): void {
  const offset = instant - RealDate.now();
  class ShiftedDate extends RealDate {
    constructor(...args: []) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as unknown as [number]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}

describe('<membership-signup> dates: the organization\'s today (America/New_York), not UTC', function () {
  this.timeout(20_000);
  beforeEach(() => shiftClock(NIGHT_IN_UTC));
  afterEach(() => {
    globalThis.Date = RealDate;
    cleanup();
  });

  it('at 02:30 UTC on 10 March 2026, the annual plan bought "today" runs until March 9, 2027', async () => {
    await useSandbox();
    expect(new Date().toISOString().slice(0, 10)).to.equal('2026-03-10');
    expect(TODAY).to.equal('2026-03-09');
    const el = await mount();
    const annual = [...root(el).querySelectorAll('[part="plan-card"]')].find((card) => card.textContent!.includes('A full year'));
    expect(annual!.textContent!.replace(/\s+/g, ' ')).to.contain('Your membership runs until March 9, 2027');
    expect(words(plusYears(TODAY, 1))).to.equal('March 9, 2027');
  });

  it('asks for the signup-config before building its first date format (the date data loads while the request travels)', async () => {
    await useSandbox();
    const order: string[] = [];
    const RealFormat = Intl.DateTimeFormat;
    const realFetch = window.fetch;
    // A locale no other test formats dates in, so its format is built here, not taken from a cache.
    Intl.DateTimeFormat = new Proxy(RealFormat, {
      construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        if (args[0] === 'en-NZ') order.push('date format');
        return Reflect.construct(target, args) as Intl.DateTimeFormat;
      },
    });
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('/signup-config')) order.push('signup-config');
      return realFetch(input, init);
    };
    try {
      const el = await mount({ locale: 'en-NZ' });
      expect(text(el)).to.contain('Choose a membership');
      expect(order.slice(0, 2)).to.deep.equal(['signup-config', 'date format']);
    } finally {
      Intl.DateTimeFormat = RealFormat;
      window.fetch = realFetch;
    }
  });

  it('a free membership joined then starts on March 9, 2026 and runs until March 9, 2027, as the review said', async () => {
    await useSandbox();
    const el = await mount({ 'membership-type': 'free' });
    await type(el, 'Email', 'night.owl@example.org');
    await type(el, 'First name', 'Nia');
    await type(el, 'Last name', 'Night');
    await press(el, 'Continue');
    await untilStep(el, 'review');
    expect(text(el)).to.contain('Your membership runs until March 9, 2027');
    await press(el, 'Confirm and join');
    await untilStep(el, 'done');
    const summary = (term: string) =>
      [...root(el).querySelectorAll('[part="summary"] dt')].find((dt) => dt.textContent === term)?.nextElementSibling?.textContent;
    expect(summary('Starts')).to.equal('March 9, 2026');
    expect(summary('Expires')).to.equal('March 9, 2027');
  });
});
