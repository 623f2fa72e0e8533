// The packages as an integrator gets them: `npm pack` of every workspace package, installed into
// a temporary project outside the repository (npm resolves their dependencies from its cache,
// as `npm ci` left it), then every entry point of every export map imported from plain Node and
// from a browser page. The sandbox is run on the application's own msw: 2.15 and the lowest 2.x
// we support (the root's `msw-lowest` alias, so no test needs the network).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { html, js, launch, root, serve, until, type Route, type StaticServer } from './frame-server.js';

const run = promisify(execFile);
const packages = ['sdk', 'api', 'sandbox', 'server', 'signup'] as const;
const lowestMsw = JSON.parse(readFileSync(`${root}node_modules/msw-lowest/package.json`, 'utf8')).version as string;
const sandboxPeer = JSON.parse(readFileSync(`${root}packages/sandbox/package.json`, 'utf8')).peerDependencies.msw as string;

let dir: string;
let project: string;
const tarballs = new Map<string, string>();
const manifest = (name: string) => JSON.parse(readFileSync(join(project, 'node_modules/@memberkit', name, 'package.json'), 'utf8'));
/** Runs an ES module in the project with plain Node (no `source` condition, no tsx). */
const node = async (script: string) =>
  (await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' })).stdout.trim();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'memberkit-tarballs-'));
  project = join(dir, 'app');
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir, ...packages.flatMap((p) => ['-w', `packages/${p}`])], {
    cwd: root,
    encoding: 'utf8',
  });
  for (const packed of JSON.parse(stdout) as { name: string; filename: string }[]) tarballs.set(packed.name, join(dir, packed.filename));
  await run('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'an-app', private: true, type: 'module' }));
  await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...tarballs.values()],
    { cwd: project, encoding: 'utf8' },
  );
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('the tarballs', () => {
  for (const name of packages) {
    it(`@memberkit/${name}: README, LICENSE, CHANGELOG and built code, no build info or tests; metadata and ranges for npm`, async () => {
      const { stdout } = await run('tar', ['-tzf', tarballs.get(`@memberkit/${name}`)!], { encoding: 'utf8' });
      const files = stdout.split('\n').filter(Boolean).map((file) => file.replace(/^package\//, ''));
      for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']) assert.ok(files.includes(file), `${file} is missing`);
      assert.deepEqual(files.filter((file) => /tsbuildinfo|(^|\/)test\//.test(file)), []);
      const pkg = manifest(name);
      assert.equal(pkg.license, 'MIT');
      assert.equal(pkg.engines.node, '>=20.19');
      assert.ok(pkg.repository?.url && pkg.homepage && pkg.keywords?.length, 'repository, homepage and keywords');
      for (const [dependency, range] of Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })) {
        if (dependency.startsWith('@memberkit/')) assert.match(String(range), /^\^/, `${dependency} is pinned`);
      }
    });

    it(`@memberkit/${name}: arethetypeswrong finds no problem for an ESM-only package`, async () => {
      // --no-definitely-typed: no look-up of @types packages (no network).
      await run(`${root}node_modules/.bin/attw`, ['--profile', 'esm-only', '--no-definitely-typed', '--format', 'ascii', tarballs.get(`@memberkit/${name}`)!], {
        encoding: 'utf8',
      }).catch((error: { stdout?: string }) => assert.fail(`attw:\n${error.stdout}`));
    });
  }
});

describe('every entry point, from plain Node in the installed project', () => {
  for (const name of packages) {
    it(`@memberkit/${name}: each export imports and exports something`, async () => {
      const specifiers = Object.keys(manifest(name).exports)
        .filter((key) => key !== './package.json')
        .map((key) => `@memberkit/${name}${key.slice(1)}`);
      // The element's modules need a DOM; Node can resolve them but not run them.
      const load = name === 'signup' ? 'import.meta.resolve' : 'import';
      const out = await node(
        `for (const s of ${JSON.stringify(specifiers)}) { const m = await ${load}(s); console.log(s, typeof m === 'string' ? 'resolved' : Object.keys(m).length); }`,
      );
      for (const specifier of specifiers) assert.match(out, new RegExp(`^${specifier} (resolved|[1-9]\\d*)$`, 'm'));
    });
  }
});

describe('the script-tag files, where a CDN mirror of the tarball serves them', () => {
  it('@memberkit/signup/dist/membership-signup.js is exported, packed, and every chunk it imports is packed beside it', async () => {
    const resolved = await node(`console.log(import.meta.resolve('@memberkit/signup/dist/membership-signup.js'))`);
    assert.match(resolved, /\/node_modules\/@memberkit\/signup\/dist\/membership-signup\.js$/);
    const { stdout } = await run('tar', ['-tzf', tarballs.get('@memberkit/signup')!], { encoding: 'utf8' });
    const files = new Set(stdout.split('\n').filter(Boolean).map((file) => file.replace(/^package\//, '')));
    for (const file of ['dist/membership-signup.js', 'dist/membership-signup.classic.js']) {
      assert.ok(files.has(file), `${file} is missing`);
      const code = readFileSync(join(project, 'node_modules/@memberkit/signup', file), 'utf8');
      // Both loaders import the element's chunk by name from next to themselves.
      assert.match(code, /[`'"]chunks\/element\.js[`'"]/, `${file} does not load chunks/element.js`);
    }
    assert.ok(files.has('dist/chunks/element.js'), 'dist/chunks/element.js is missing');
    // The chunks the element imports by relative name (the steps, the languages, Stripe.js), and
    // the ones those import in turn (Stripe.js comes with the payment step, from the steps chunk),
    // each from its own directory.
    const chunks = new Set(['dist/chunks/element.js']);
    for (const chunk of chunks) {
      assert.ok(files.has(chunk), `${chunk}, imported from chunks/element.js, is missing`);
      const code = readFileSync(join(project, 'node_modules/@memberkit/signup', chunk), 'utf8');
      for (const m of code.matchAll(/import\(\s*[`'"]\.\/([\w.-]+\.js)[`'"]\s*\)/g)) chunks.add(`dist/chunks/${m[1]}`);
    }
    for (const expected of ['steps', 'stripe', 'fr']) {
      assert.ok(chunks.has(`dist/chunks/${expected}.js`), `no import of chunks/${expected}.js reached from chunks/element.js: ${[...chunks].join(', ')}`);
    }
  });
});

// The embedding guide: "a module script from another origin is fetched with CORS: the CDN must
// answer with Access-Control-Allow-Origin, or the browser refuses to run it". The installed
// package's dist/ served by a CDN on one origin, the page on another (ports differ).
describe('the script tag from a CDN on another origin (the embedding guide says it needs CORS headers)', () => {
  let browser: Browser;
  let page: StaticServer;
  let cdnWithCors: StaticServer;
  let cdnWithout: StaticServer;

  /** Every file of the installed package's dist/ under /@memberkit/signup/dist/, as a mirror serves it. */
  const mirror = (headers: Record<string, string>) => {
    const dist = join(project, 'node_modules/@memberkit/signup/dist');
    const routes = new Map<string, Route>();
    for (const file of readdirSync(dist, { recursive: true }).map(String)) {
      if (!file.endsWith('.js')) continue;
      routes.set(`/@memberkit/signup/dist/${file.split(sep).join('/')}`, { ...js(readFileSync(join(dist, file))), headers });
    }
    return routes;
  };
  /** The guide's one script tag, in French (the catalogue is a chunk beside the file). */
  const embed = (cdn: StaticServer) =>
    html(`<script type="module" src="http://127.0.0.1:${cdn.port}/@memberkit/signup/dist/membership-signup.js"></script>
      <membership-signup organization="demo" locale="fr" api-base="http://127.0.0.1:1/v1"></membership-signup>`);

  before(async () => {
    cdnWithCors = await serve(mirror({ 'access-control-allow-origin': '*' }));
    cdnWithout = await serve(mirror({}));
    page = await serve();
    page.routes.set('/with-cors', embed(cdnWithCors));
    page.routes.set('/without-cors', embed(cdnWithout));
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await Promise.all([page, cdnWithCors, cdnWithout].map((server) => server?.close()));
  });

  /** Opens the page and reports whether the element was defined and which chunks were served to it. */
  async function open(path: string) {
    const tab = await browser.newPage();
    const chunks: string[] = [];
    tab.on('requestfinished', (request) => {
      const match = /\/dist\/(chunks\/[\w.-]+\.js)$/.exec(new URL(request.url()).pathname);
      if (match) chunks.push(match[1]!);
    });
    await tab.goto(`http://localhost:${page.port}${path}`, { waitUntil: 'load' });
    const defined = await tab
      .waitForFunction(() => customElements.get('membership-signup') !== undefined, undefined, { timeout: 5_000 })
      .then(() => true, () => false);
    if (defined) await until(() => chunks, (served) => served.includes('chunks/fr.js'), 'the French catalogue chunk');
    await tab.close();
    return { defined, chunks };
  }

  it('with Access-Control-Allow-Origin, the module script runs and loads its French chunk from beside it', async () => {
    const { defined, chunks } = await open('/with-cors');
    assert.equal(defined, true);
    assert.ok(chunks.includes('chunks/fr.js'), chunks.join(', '));
  });

  it('without it, the browser refuses the script and the element never appears', async () => {
    assert.deepEqual(await open('/without-cors'), { defined: false, chunks: [] });
  });
});

/** A member joins a free and a paid type through the SDK on the sandbox in Node, on the installed msw. */
const scenario = `
  import { setupSandboxServer } from '@memberkit/sandbox/node';
  import { createPublicClient, quotePrice } from '@memberkit/sdk';
  import { createRequire } from 'node:module';
  const server = setupSandboxServer({ today: '2026-03-01', validateResponses: true });
  server.listen({ onUnhandledRequest: 'error' });
  const client = createPublicClient({ baseUrl: server.sandbox.baseUrl, organization: 'demo' });
  const config = await client.signupConfig.retrieve();
  const monthly = config.membership_types.find((t) => t.id === 'monthly');
  const member = (email) => ({ email, first_name: 'Pat', last_name: 'Member' });
  const free = await client.signups.create({ membership_type_id: 'free', member: member('free@example.org'), fields: {} });
  const paid = await client.signups.create({ membership_type_id: 'monthly', member: member('paid@example.org'), fields: {} });
  const payment = await server.sandbox.pay(paid.next_action.client_secret);
  server.close();
  const msw = createRequire(import.meta.url)('msw/package.json').version;
  console.log(JSON.stringify({ msw, free: free.status, paid: payment.status, quote: quotePrice(monthly, {}).total }));
`;

describe("the sandbox on the application's own msw (peer dependency)", () => {
  it(`the sandbox's peer range (${sandboxPeer}) covers both msw versions tested`, async () => {
    const { stdout } = await run(process.execPath, ['-p', `require('semver').satisfies(${JSON.stringify(lowestMsw)}, ${JSON.stringify(sandboxPeer)})`], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(stdout.trim(), 'true');
  });

  it('on msw 2.15 (installed by npm as the peer): one copy of msw, a free signup completes and a paid one is paid', async () => {
    const copies = await run('npm', ['ls', 'msw', '--all', '--parseable'], { cwd: project, encoding: 'utf8' });
    assert.equal(copies.stdout.trim().split('\n').length, 1, copies.stdout);
    const installed = JSON.parse(readFileSync(join(project, 'node_modules/msw/package.json'), 'utf8')).version;
    assert.match(installed, /^2\.15\./);
    assert.deepEqual(JSON.parse(await node(scenario)), { msw: installed, free: 'completed', paid: 'complete', quote: 900 });
  });

  it(`on the lowest supported msw (${lowestMsw}): the same`, async () => {
    const installed = join(project, 'node_modules/msw');
    renameSync(installed, `${installed}.installed`);
    symlinkSync(`${root}node_modules/msw-lowest`, installed, 'dir');
    try {
      assert.deepEqual(JSON.parse(await node(scenario)), { msw: lowestMsw, free: 'completed', paid: 'complete', quote: 900 });
    } finally {
      rmSync(installed);
      renameSync(`${installed}.installed`, installed);
    }
  });
});

describe('every browser entry point, bundled from the installed project, in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  before(async () => {
    const entry = `
      import * as sdk from '@memberkit/sdk';
      import * as calculators from '@memberkit/sdk/calculators';
      import * as schemas from '@memberkit/sdk/schemas';
      import * as sandbox from '@memberkit/sandbox';
      import { startSandbox } from '@memberkit/sandbox/browser';
      import * as stripe from '@memberkit/sandbox/stripe';
      import * as signup from '@memberkit/signup';
      import * as frame from '@memberkit/signup/frame';
      const loaded = [sdk, calculators, schemas, sandbox, stripe, signup, frame].map((m) => Object.keys(m).length);
      const { stop } = await startSandbox({ today: '2026-03-01' });
      const client = sdk.createPublicClient({ baseUrl: 'https://api.memberkit.test/v1', organization: 'demo' });
      const config = await client.signupConfig.retrieve();
      stop();
      document.title = JSON.stringify({
        allLoaded: loaded.every((n) => n > 0),
        elements: ['membership-signup', 'membership-signup-frame'].map((tag) => customElements.get(tag) !== undefined),
        organization: config.organization.id,
      });
    `;
    const bundled = await build({
      stdin: { contents: entry, resolveDir: project, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
    });
    server = await serve(
      new Map([
        ['/', html('<script type="module" src="/app.js"></script>')],
        ['/app.js', js(bundled.outputFiles[0]!.text)],
        ['/mockServiceWorker.js', js(readFileSync(join(project, 'node_modules/msw/lib/mockServiceWorker.js')))],
      ]),
    );
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports all eight, defines both elements and answers the signup configuration from the sandbox', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page.waitForFunction(() => document.title !== 'test', undefined, { timeout: 15_000 });
    assert.deepEqual(JSON.parse(await page.title()), { allLoaded: true, elements: [true, true], organization: 'demo' });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
