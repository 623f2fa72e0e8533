// axe in every state a member can see (every-state.ts), in light, dark and right to left (Arabic):
// no violations, colour contrast included, and no inline style attribute (a strict CSP blocks them).
import { expect } from '@open-wc/testing';
import { cleanup, expectNoInlineStyles } from './helpers.js';
import { states, type Look } from './every-state.js';

const looks: [string, Look][] = [
  ['light', { theme: 'light', locale: 'en' }],
  ['dark', { theme: 'dark', locale: 'en' }],
  ['right to left', { theme: 'light', locale: 'ar' }],
];

describe('<membership-signup> axe in every state, light, dark and right to left', function () {
  this.timeout(30_000); // a whole signup runs several requests; the machine may be busy
  afterEach(cleanup);

  for (const [lookName, look] of looks) {
    describe(lookName, () => {
      for (const state of states) {
        it(state.name, async () => {
          const { el, release } = await state.reach(look);
          try {
            await el.updateComplete;
            expectNoInlineStyles(el, state.name);
            if (look.locale === 'ar') expect(el.shadowRoot!.querySelector('.base')!.getAttribute('dir')).to.equal('rtl');
            await expect(el).to.be.accessible();
          } finally {
            release?.();
          }
        });
      }
    });
  }
});
