// Proof that the published packages work as built (dist/, not sources): their manifests pass
// publint, every Node entry point imports from plain Node 20 without our `source` condition, and
// the built SDK runs in Chromium (bundled the way an integrator's bundler would take it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import type { Browser } from 'playwright-core';
import { html, js, launch, root, serve, type StaticServer } from './frame-server.js';

describe('package manifests (publint, strict)', () => {
  for (const name of ['sdk', 'sandbox', 'signup', 'server']) {
    it(`@memberkit/${name} has no publint errors or warnings`, async () => {
      const pkgDir = `${root}packages/${name}`;
      const { messages } = await publint({ pkgDir, strict: true });
      const pkg = JSON.parse(readFileSync(`${pkgDir}/package.json`, 'utf8'));
      assert.deepEqual(messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`), []);
    });
  }
});

describe('built entry points import from plain Node 20 (no source condition)', () => {
  const entries = {
    '@memberkit/sdk': ['createClient', 'createPublicClient', 'APIError', 'MembershipTypeSchema', 'quotePrice'],
    '@memberkit/sdk/calculators': ['addTerm', 'calculateExpiry', 'validateFields'],
    '@memberkit/sandbox': ['createSandbox', 'demoData'],
    '@memberkit/sandbox/node': ['setupSandboxServer', 'createSandbox'],
    '@memberkit/server': ['createServer', 'openPgliteStorage', 'openPostgresStorage', 'parseConfig', 'SignedMemberTokens'],
  };
  for (const [specifier, names] of Object.entries(entries)) {
    it(`import('${specifier}') exports ${names.join(', ')}`, () => {
      const script = `import(${JSON.stringify(specifier)}).then((m) => console.log(JSON.stringify(Object.keys(m))))`;
      const keys: string[] = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
      for (const name of names) assert.ok(keys.includes(name), `${specifier} lacks ${name}`);
    });
  }
  it('the built calculators answer like the domain page: monthly from 2025-01-31, three terms → 2025-04-30', () => {
    const script = `import('@memberkit/sdk').then((m) => console.log(m.addTerm('2025-01-31', { duration: 1, duration_interval_type: 'month' }, 3)))`;
    assert.equal(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }).trim(), '2025-04-30');
  });
});

describe('the built SDK in a browser', () => {
  let browser: Browser;
  let server: StaticServer;

  before(async () => {
    // What an integrator's bundler does with `import … from '@memberkit/sdk'`: the `default`
    // (dist) export, browser conditions.
    const entry = `
      import { createPublicClient, quotePrice, NotFoundError } from '@memberkit/sdk';
      const client = createPublicClient({ baseUrl: location.origin + '/v1', organization: 'acme' });
      const quote = quotePrice({ id: 'a', registration_type: 'individual', group_size_max: null,
        price: { value: 599, currency: 'USD', type: 'fixed', maximum: null, presets: null } },
        { discount: { percent_off: 20 } });
      client.membershipTypes.retrieve('nope').then(
        () => { document.title = 'unexpected success'; },
        (error) => { document.title = (error instanceof NotFoundError ? 'not found' : String(error)) + ' / ' + quote.total; });
    `;
    const bundled = await build({
      stdin: { contents: entry, resolveDir: root, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
    });
    server = await serve(
      new Map([
        ['/', html('<script type="module" src="/sdk.js"></script>')],
        ['/sdk.js', js(bundled.outputFiles[0]!.text)],
      ]),
    );
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // The static server answers the unknown API path with a plain-text 404.
  it('creates a client, maps a 404 to NotFoundError and quotes 20 % off 599 as 479', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page.waitForFunction(() => document.title !== 'test', undefined, { timeout: 10_000 });
    assert.equal(await page.title(), 'not found / 479');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
