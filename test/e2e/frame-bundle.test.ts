// The built host script of the iframe mode (`membership-signup-frame.js`): within its 3 kB gzip
// budget, free of Lit, and usable by a plain <script type="module"> in a page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { HOST_SCRIPT, root } from './frame-server.js';

/** The host script's gzip budget, shared with the element's (packages/signup/budgets.json). */
const BUDGET = (JSON.parse(readFileSync(new URL('../../packages/signup/budgets.json', import.meta.url), 'utf8')) as { frameHost: number }).frameHost;

describe('membership-signup-frame.js (built)', () => {
  const code = existsSync(HOST_SCRIPT) ? readFileSync(HOST_SCRIPT) : undefined;

  it('exists after the build', () => {
    assert.ok(code, `${HOST_SCRIPT} is missing: run node scripts/build.mjs`);
  });

  it(`is at most ${BUDGET} bytes gzip`, () => {
    const size = gzipSync(code!, { level: 9 }).length;
    assert.ok(size <= BUDGET, `host script is ${size} bytes gzip, over the ${BUDGET} budget`);
  });

  it('bundles no Lit, no SDK, no zod and no sandbox', () => {
    const text = code!.toString('utf8');
    for (const marker of ['litElementVersions', 'reactiveElementVersions', 'lit-html', 'zod', 'mockServiceWorker', 'api.memberkit.test']) {
      assert.ok(!text.includes(marker), `found ${marker}`);
    }
  });

  it('is an ES module with no imports of its own', () => {
    const text = code!.toString('utf8');
    assert.doesNotMatch(text, /^\s*import\s/m);
    assert.doesNotMatch(text, /\bimport\(/);
  });

  it('the frame page is built next to it', () => {
    assert.ok(existsSync(`${root}packages/signup/dist/frame.html`));
  });
});
