// The script-tag bytes of <membership-signup> beside its peers' (`npm run bench peers`, after the
// build), gzip (level 9) and brotli (quality 11), all measured in the same run. The peers are
// fetched with `npm pack` at bench time into a cache outside the repository (MEMBERKIT_BENCH_CACHE,
// default ~/.cache/memberkit-bench); nothing of theirs is committed. A peer that cannot be fetched
// or bundled gets a row that says so, and the rest of the table is still measured.
//
// Each row is labelled with what that code does, because the peers do not do the same job:
//  - @tryghost/signup-form: Ghost's embeddable form, which collects only an email (its UMD bundle,
//    React included);
//  - @tryghost/portal: Ghost's whole members UI (sign-up, sign-in, account, plans, newsletters),
//    the UMD bundle a page pastes;
//  - @memberstack/dom: Memberstack's client (auth, members, plans, checkout redirects), bundled
//    with its dependencies (axios, js-cookie) by esbuild for the browser; its prebuilt sign-up and
//    log-in modals are a further script it loads from Memberstack's servers when opened, not
//    counted here;
//  - @paddle/paddle-js: Paddle's loader, bundled (minified) as an app would: it only injects
//    Paddle.js from Paddle's servers at runtime, and the checkout is Paddle's own hosted frame.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const cache = process.env.MEMBERKIT_BENCH_CACHE ?? join(homedir(), '.cache', 'memberkit-bench');
const dist = new URL('../packages/signup/dist/', import.meta.url);

const sizes = (buffer) => ({
  raw: buffer.length,
  gzip: gzipSync(buffer, { level: 9 }).length,
  brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const rows = [];

// Ours. The language chunks (two-letter names, as src/i18n's) and Stripe.js's loader load only when
// needed, so "the whole signup" is the loader and every other chunk.
const ours = (file) => readFileSync(new URL(file, dist));
const chunks = readdirSync(new URL('chunks/', dist)).filter((file) => file.endsWith('.js') && !/^[a-z]{2}(-[A-Za-z]+)?\.js$/.test(file) && file !== 'stripe.js');
// Each file is fetched, and compressed, on its own: a group's sizes are the sum of its files'.
const sum = (files) => files.map((file) => sizes(ours(file))).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }));
rows.push({ name: 'memberkit membership-signup.js (loader)', does: 'finds the widgets, starts each signup-config request, imports the element', ...sum(['membership-signup.js']) });
const whole = ['membership-signup.js', ...chunks.map((file) => `chunks/${file}`)];
if (chunks.length > 1) rows.push({ name: 'memberkit loader + chunks/element.js', does: 'the plans step (all that arrives before plans are visible)', ...sum(['membership-signup.js', 'chunks/element.js']) });
const ourWholeRow = {
  name: `memberkit whole signup (${whole.join(' + ')})`,
  does: 'plans, details with custom fields, review, prices, payment step; English (other languages and Stripe.js load on demand)',
  ...sum(whole),
};
rows.push(ourWholeRow);
rows.push({ name: 'memberkit membership-signup-frame.js (iframe mode host)', does: 'frames the hosted signup page, sizes it, relays its events', ...sizes(ours('membership-signup-frame.js')) });

/** `npm pack` of `spec` into the cache, unpacked; returns { version, dir } (dir holds package/). */
function pack(spec) {
  mkdirSync(cache, { recursive: true });
  const out = execFileSync('npm', ['pack', spec, '--pack-destination', cache, '--json', '--silent'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  const [{ filename, version }] = JSON.parse(out);
  const dir = join(cache, 'unpacked', filename.replace(/\.tgz$/, ''));
  if (!existsSync(join(dir, 'package', 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['xzf', join(cache, filename), '-C', dir]);
  }
  return { version, dir, tarball: join(cache, filename) };
}

async function bundled(entry, nodePaths = []) {
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, write: false, format: 'esm', platform: 'browser', target: 'es2022', nodePaths, logLevel: 'silent' });
  return Buffer.from(result.outputFiles[0].text);
}

const peers = [
  {
    spec: '@tryghost/signup-form',
    does: "Ghost's embeddable form: collects only an email (UMD, React included)",
    measure: ({ dir }) => readFileSync(join(dir, 'package/umd/signup-form.min.js')),
    what: 'umd/signup-form.min.js',
  },
  {
    spec: '@tryghost/portal',
    does: "Ghost's whole members UI: sign-up, sign-in, account, plans, newsletters (UMD)",
    measure: ({ dir }) => readFileSync(join(dir, 'package/umd/portal.min.js')),
    what: 'umd/portal.min.js',
  },
  {
    spec: '@memberstack/dom',
    does: "Memberstack's client: auth, members, plans, checkout redirect (its modals' UI loads from its servers when opened)",
    // Its dependencies installed beside it in the cache (npm install --prefix), then bundled.
    measure: async ({ version, tarball }) => {
      const prefix = join(cache, `memberstack-dom-${version}`);
      if (!existsSync(join(prefix, 'node_modules/@memberstack/dom/package.json')) || !existsSync(join(prefix, 'node_modules/axios'))) {
        execFileSync('npm', ['install', '--prefix', prefix, tarball, '--no-audit', '--no-fund', '--ignore-scripts', '--silent'], { stdio: 'ignore', timeout: 300_000 });
      }
      return bundled(join(prefix, 'node_modules/@memberstack/dom/lib/index.mjs'), [join(prefix, 'node_modules')]);
    },
    what: 'lib/index.mjs + axios + js-cookie, esbuild --minify',
  },
  {
    spec: '@paddle/paddle-js',
    does: "Paddle's loader only: injects Paddle.js from Paddle's servers at runtime; the checkout is Paddle's hosted frame",
    measure: ({ dir }) => bundled(join(dir, 'package/dist/index.esm.js')),
    what: 'dist/index.esm.js, esbuild --minify',
  },
];
for (const peer of peers) {
  try {
    const fetched = pack(peer.spec);
    rows.push({ name: `${peer.spec}@${fetched.version} (${peer.what})`, does: peer.does, ...sizes(await peer.measure(fetched)) });
  } catch (error) {
    const reason = String(error.stderr || error.message).trim().split('\n').find((line) => line.trim()) ?? 'unknown error';
    rows.push({ name: peer.spec, does: peer.does, missing: `not measured: ${reason.slice(0, 120)}` });
  }
}

const kB = (bytes) => `${bytes.toLocaleString('en-US')} B`;
const ourWhole = ourWholeRow.gzip;
const header = ['bundle', 'minified', 'gzip', 'brotli', '× whole signup (gzip)', 'what it does'];
const table = rows.map((row) =>
  row.missing
    ? [row.name, row.missing, '', '', '', row.does]
    : [row.name, kB(row.raw), kB(row.gzip), kB(row.brotli), (row.gzip / ourWhole).toFixed(2), row.does],
);
const widths = header.map((_, column) => Math.max(header[column].length, ...table.map((cells) => cells[column].length)));
const line = (cells) => `| ${cells.map((cell, column) => (column >= 1 && column <= 4 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ')} |`;
console.log(`peers cached in ${cache}\n`);
console.log(line(header));
console.log(`|${widths.map((width, column) => (column >= 1 && column <= 4 ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`);
for (const cells of table) console.log(line(cells));
