// Browser tests: every `*.test.ts` under packages/*/test and test/ (not `*.node.test.ts`, which
// run in Node), in headless Chromium, with sources compiled on the fly by esbuild and the
// workspace packages resolved to their TypeScript sources through the `source` condition.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

const require = createRequire(import.meta.url);
const mswWorker = require.resolve('msw/mockServiceWorker.js');
const selfUnregistration = 'self.registration.unregister()';
const mockServiceWorkerSource = readFileSync(mswWorker, 'utf8').replace(selfUnregistration, 'void 0');
if (mockServiceWorkerSource.includes(selfUnregistration)) throw new Error('msw worker: self-unregistration not removed');

export default {
  files: [
    'packages/*/test/**/*.test.ts',
    'test/**/*.test.ts',
    '!**/*.node.test.ts',
    '!test/e2e/**',
  ],
  nodeResolve: { exportConditions: ['browser', 'source', 'development'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.base.json' })],
  middleware: [
    // msw's worker must be served from the site root and match the installed msw version.
    // Two test pages run at once on one origin, so they share one worker registration, and msw's
    // worker unregisters itself when the last client it counts closes: a file ending while the
    // next one is still registering left that page unmocked (all its tests "could not reach the
    // membership service"). Served here without that self-unregistration; each page still starts
    // and stops its own mocking.
    function mockServiceWorker(context, next) {
      if (context.path === '/mockServiceWorker.js') {
        context.type = 'application/javascript';
        context.body = mockServiceWorkerSource;
        return;
      }
      return next();
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChromium(), headless: true, args: chromiumArgs },
      // Two test pages run at once, and only one page of a browser has the focus: the other's
      // focus() and blur() fire no events, so tests of leaving a field would pass or fail by
      // which page Chromium happened to focus. Each page is told it has the focus (as
      // Playwright does for its pages).
      async createPage({ context }) {
        const page = await context.newPage();
        const session = await page.createCDPSession();
        await session.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        return page;
      },
    }),
  ],
  // One test page at a time: pages of one origin share msw's worker registration, and a page that
  // navigates while another page's registration is still activating is not controlled by it, so
  // msw reloads it ("Tests were interrupted because the page was reloaded"). One at a time, every
  // page after the first navigates under the active worker. About 1.5 minutes in all.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 900000,
  // Lit announces its development build in every test file; its real warnings still show.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
};
