// npm run screens: screenshots of every state of the widget (../membership-signup/every-state.ts)
// at 375 and 1280 px, light and dark, left to right and Arabic right to left, written as PNGs to
// $SCREENS_DIR (default /tmp/memberkit-screens, outside the repository) with an index.html to
// look at them side by side (SCREENS_ONLY=<part of a name> for some). Not part of `npm test`: it proves nothing by itself, people look.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import base from '../../../../web-test-runner.config.mjs';

const out = resolve(process.env.SCREENS_DIR ?? '/tmp/memberkit-screens');
const shot = /^[a-z0-9-]+$/;
const written = [];

/** `screenshot { name }`: the whole page (the widget and nothing else) as out/<name>.png. */
function screenshotPlugin() {
  return {
    name: 'memberkit-screenshot',
    async executeCommand({ command, payload, session }) {
      // SCREENS_ONLY=plans (a part of the names): only those screens are taken.
      if (command === 'screens-only') return process.env.SCREENS_ONLY ?? '';
      if (command !== 'screenshot') return undefined;
      if (!shot.test(payload?.name ?? '')) throw new Error(`screenshot: a plain name, not ${payload?.name}`);
      mkdirSync(out, { recursive: true });
      const page = session.browser.getPage(session.id);
      const path = join(out, `${payload.name}.png`);
      await page.screenshot({ path, fullPage: true });
      written.push(payload.name);
      writeFileSync(
        join(out, 'index.html'),
        `<!doctype html><meta charset="utf-8"><title>memberkit screens</title><style>body{font:14px system-ui;margin:1rem}figure{display:inline-block;vertical-align:top;margin:0 1rem 1rem 0}img{border:1px solid #999;max-width:640px}</style>` +
          written.map((name) => `<figure><img src="${name}.png" alt=""><figcaption>${name}</figcaption></figure>`).join(''),
      );
      return true;
    },
  };
}

export default {
  ...base,
  files: ['packages/signup/test/screens/screens.run.ts'],
  plugins: [...base.plugins, screenshotPlugin()],
  testFramework: { config: { timeout: 60000 } },
};

process.on('exit', () => console.log(`\n${written.length} screenshots in ${out} (open ${join(out, 'index.html')})`));
