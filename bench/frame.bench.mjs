// The iframe mode: size of the host script (goal ≤ 3 kB gzip) and the cost of the handshake on two
// real origins in Chromium — the frame's `ready` → `connected` marks (handshake alone) and, on the
// host, page start → iframe sized to its content. The frame page is the real frame-page logic around
// a stand-in widget; its embed_origins come from a static JSON file, so no API is involved.
// The last row is a floor, not a like-for-like baseline: a plain <iframe> of the same page fires
// `load` once the document and its module script have run to their first `await`, before the
// config read, the handshake and the widget's first layout that the "sized" row includes.
// Run: node --conditions=source --import tsx bench/frame.bench.mjs [runs]
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { HOST_SCRIPT, bundle, hostScript, html, js, json, launch, serve, until } from '../test/e2e/frame-server.ts';

const RUNS = Number(process.argv[2] ?? 20);
const BUDGET = 3 * 1024;

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (value) => `${value.toFixed(1)} ms`;

// 1. Size: the built file when there is one, else the sources bundled the same way.
let code;
let source;
if (existsSync(HOST_SCRIPT)) {
  code = readFileSync(HOST_SCRIPT);
  source = 'dist/membership-signup-frame.js';
} else {
  const result = await build({
    entryPoints: ['packages/signup/src/frame/index.ts'],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    conditions: ['source', 'browser'],
  });
  code = Buffer.from(result.outputFiles[0].text);
  source = 'esbuild bundle of src/frame/index.ts (no build found)';
}
const gzip = gzipSync(code, { level: 9 }).length;

// 2. Handshake on two origins.
const [stub, host] = await Promise.all([bundle('test/e2e/frame-fixtures/stub-frame.ts'), hostScript()]);
const [frameServer, hostServer] = await Promise.all([serve(), serve()]);
const FRAME = `http://127.0.0.1:${frameServer.port}`;
const HOST = `http://acme.com:${hostServer.port}`;
frameServer.routes.set('/frame.html', html('<script type="module" src="/stub-frame.js"></script>'));
frameServer.routes.set('/stub-frame.js', js(stub));
frameServer.routes.set('/config/demo.json', json({ organization: { id: 'demo', embed_origins: [HOST] } }));
hostServer.routes.set('/membership-signup-frame.js', js(host));
hostServer.routes.set(
  '/host.html',
  html(`<script type="module" src="/membership-signup-frame.js"></script>
    <membership-signup-frame id="f" src="${FRAME}/frame.html?organization=demo"></membership-signup-frame>
    <script type="module">
      const iframe = document.getElementById('f').frame;
      new MutationObserver(() => { window.sized ??= performance.now(); }).observe(iframe, { attributes: true, attributeFilter: ['style'] });
      document.getElementById('f').authToken = 'bench-token';
    </script>`),
);
hostServer.routes.set(
  '/bare.html',
  html(`<iframe id="f" src="${FRAME}/frame.html?organization=demo&bare"></iframe>
    <script type="module">document.getElementById('f').addEventListener('load', () => { window.sized = performance.now(); });</script>`),
);

const browser = await launch();
const handshakes = [];
const sized = [];
const bare = [];
try {
  for (let run = 0; run < RUNS + 2; run += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${HOST}/host.html`);
    const frame = await until(() => page.frames().find((f) => f.url().startsWith(`${FRAME}/frame.html`)), Boolean, 'frame');
    const handshake = await until(
      () => frame.evaluate(() => performance.getEntriesByName('memberkit-frame:connected').length && performance.measure('handshake', 'memberkit-frame:ready', 'memberkit-frame:connected').duration).catch(() => 0),
      Boolean,
      'the handshake',
    );
    const hostSized = await until(() => page.evaluate(() => window.sized), Boolean, 'the first height');
    await page.goto(`${HOST}/bare.html`);
    const bareLoaded = await until(() => page.evaluate(() => window.sized), Boolean, 'the bare frame');
    await context.close();
    if (run < 2) continue; // warm-up
    handshakes.push(handshake);
    sized.push(hostSized);
    bare.push(bareLoaded);
  }
} finally {
  await browser.close();
  await Promise.all([frameServer.close(), hostServer.close()]);
}

const rows = [
  ['host script (minified)', `${code.length} B`, '', source],
  ['host script (gzip -9)', `${gzip} B`, `≤ ${BUDGET} B`, gzip <= BUDGET ? 'within budget' : 'OVER BUDGET'],
  ['handshake: ready → connected (median)', ms(quantile(handshakes, 0.5)), '', `p95 ${ms(quantile(handshakes, 0.95))}, ${RUNS} runs`],
  ['host page start → iframe sized (median)', ms(quantile(sized, 0.5)), '', `p95 ${ms(quantile(sized, 0.95))}`],
  ['floor: host page start → plain iframe `load` (median)', ms(quantile(bare, 0.5)), '', 'same frame page, no host script; no config read, handshake or widget layout: not comparable to the row above'],
];
console.table(rows.map(([measure, value, goal, note]) => ({ measure, value, goal, note })));
if (gzip > BUDGET) process.exitCode = 1;
