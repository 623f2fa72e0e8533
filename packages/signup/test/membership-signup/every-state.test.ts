// axe in every state a member can see (every-state.ts), in light, dark and right to left (Arabic):
// no violations and no inline style attribute (a strict CSP blocks them). In the dark theme, axe's
// color-contrast rule is also asked on its own: it checked text (passes) and left nothing undecided
// (incomplete: text over an image or a blend it cannot measure), so AA holds for every text.
import { expect } from '@open-wc/testing';
import { cleanup, expectNoInlineStyles } from './helpers.js';
import { states, type Look } from './every-state.js';

const looks: [string, Look][] = [
  ['light', { theme: 'light', locale: 'en' }],
  ['dark', { theme: 'dark', locale: 'en' }],
  ['right to left', { theme: 'light', locale: 'ar' }],
];

interface AxeNode {
  target: unknown;
  any: { message: string }[];
}
interface AxeResults {
  passes: { nodes: AxeNode[] }[];
  violations: { nodes: AxeNode[] }[];
  incomplete: { nodes: AxeNode[] }[];
}
/** axe-core, as chai-a11y-axe loaded it on the page (window.axe). */
const axe = () => (globalThis as unknown as { axe: { run(context: Element, options: object): Promise<AxeResults> } }).axe;
const nodesOf = (results: { nodes: AxeNode[] }[]) => results.flatMap(({ nodes }) => nodes);

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
            if (look.theme === 'dark') {
              const contrast = await axe().run(el, { runOnly: ['color-contrast'] });
              const undecided = nodesOf(contrast.incomplete).map(({ target, any }) => `${target}: ${any.map((check) => check.message)}`);
              expect(nodesOf(contrast.violations), 'text below AA contrast').to.deep.equal([]);
              expect(undecided, 'text whose contrast axe could not decide').to.deep.equal([]);
              // The loading skeleton's only text is for screen readers (nothing drawn to check).
              if (state.name !== 'loading') expect(nodesOf(contrast.passes).length, 'text checked').to.be.greaterThan(0);
            }
          } finally {
            release?.();
          }
        });
      }
    });
  }
});
