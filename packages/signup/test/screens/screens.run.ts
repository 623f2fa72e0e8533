// Drives the widget into every state (../membership-signup/every-state.ts) in each look and takes
// a full-page screenshot at each width. Run by `npm run screens` (./web-test-runner.config.mjs).
import { executeServerCommand, emulateMedia, setViewport } from '@web/test-runner-commands';
import { cleanup } from '../membership-signup/helpers.js';
import { states, type Look } from '../membership-signup/every-state.js';

const looks: Look[] = [
  { theme: 'light', locale: 'en' },
  { theme: 'dark', locale: 'en' },
  { theme: 'light', locale: 'ar' },
  { theme: 'dark', locale: 'ar' },
];
const widths = [375, 1280];
const only = String(await executeServerCommand('screens-only'));

describe('screens', function () {
  this.timeout(60_000);
  afterEach(async () => {
    cleanup();
    await setViewport({ width: 800, height: 600 });
  });

  for (const look of looks) {
    for (const state of states) {
      const name = `${state.name}-${look.theme}-${look.locale === 'ar' ? 'rtl' : 'ltr'}`;
      if (!name.includes(only)) continue;
      it(name, async () => {
        // The page around the widget in its theme, without the default margin.
        document.body.className = '';
        document.documentElement.style.background = look.theme === 'dark' ? '#111827' : '#ffffff';
        document.body.style.margin = '0';
        // A page with a font of its own, as a host page has (the widget speaks in it).
        document.body.style.font = '16px/1.5 system-ui, sans-serif';
        await emulateMedia({ colorScheme: look.theme });
        const { el, release } = await state.reach(look);
        try {
          for (const width of widths) {
            await setViewport({ width, height: 800 });
            await el.updateComplete;
            await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
            await executeServerCommand('screenshot', { name: `${name}-${width}` });
          }
        } finally {
          release?.();
        }
      });
    }
  }
});
