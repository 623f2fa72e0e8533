// <membership-signup> benchmarks (`npm run bench`, after the build), against the built bundle on a
// local static server with the sandbox API answered in Node under /v1 for every page:
//  1. the script-tag bundles' gzip size, against packages/signup/budgets.json (the split build's
//     loader, first chunk and total goals; the single file's enforced cap meanwhile);
//  2. navigation → plans visible, as a ratio to a bare page that fetches the same signup-config
//     and prints it (goal ≤ 1.2): on loopback with the API answering in about 1 ms (where the
//     element's fixed costs, parsing its bundle and Chromium's first Intl.DateTimeFormat, are
//     all there is to measure), with the API answering after a production-like 100 ms, and with
//     the sandbox in the page (msw, as the demo runs);
//  3. keystroke → updated price preview with a type of 100 custom fields among 50 plans
//     (goal p95 ≤ 8 ms);
//  4. 1,000 mount/unmount cycles on one page: heap growth after GC (goal ≤ 1 MB);
//  5. cumulative layout shift from first paint to plans visible, with page text below the element
//     (goal 0).
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { hostPage, launch, startSite } from '../test/e2e/element-harness.ts';

// Page loads per kind and row, after two warm-ups. At 15 the loopback ratio ranged 2.2–2.9 from
// one run to the next; at 40, three runs on a loaded 2-core machine gave 2.36 / 2.57 / 2.16
// (loopback), 1.70 / 1.66 / 1.68 (100 ms) and 1.08 / 1.12 / 1.20 (msw), while the absolute
// medians moved by up to a third: compare ratios, not milliseconds, between runs.
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
/** The production-like API round trip for the second row pair (ms, answered late by the sandbox). */
const ROUND_TRIP = Number(process.env.BENCH_ROUND_TRIP_MS ?? 100);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 200);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 1000);
const SHIFT_LOADS = Number(process.env.BENCH_SHIFT_LOADS ?? 10);
const dist = new URL('../packages/signup/dist/', import.meta.url);

const budgets = JSON.parse(readFileSync(new URL('../packages/signup/budgets.json', import.meta.url), 'utf8'));
const rows = [];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

// 1. Sizes: the loader a page pastes, the element's chunk it imports, and the two together (all
// that arrives before the plans until the element's own split into a first and a second chunk).
const gzip = (file) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;
for (const file of ['membership-signup.js', 'membership-signup.classic.js']) {
  const bytes = gzip(file);
  rows.push({ metric: `${file} (loader) gzip`, value: `${bytes} B`, goal: `≤ ${budgets.loader} B`, ok: bytes <= budgets.loader });
}
const element = gzip('chunks/element.js');
rows.push({ metric: 'chunks/element.js gzip (before the plans)', value: `${element} B (${(element / 1024).toFixed(1)} kB)`, goal: `≤ ${budgets.firstChunk} B`, ok: element <= budgets.firstChunk });
// The whole signup: the loader and every chunk but the languages (two-letter names, as src/i18n's)
// and Stripe.js's loader, which load only when needed; the split's second chunk counts.
const chunks = readdirSync(new URL('chunks/', dist)).filter((file) => file.endsWith('.js') && !/^[a-z]{2}(-[A-Za-z]+)?\.js$/.test(file) && file !== 'stripe.js');
const total = gzip('membership-signup.js') + chunks.reduce((sum, file) => sum + gzip(`chunks/${file}`), 0);
rows.push({ metric: `loader + ${chunks.join(' + ')} gzip (the whole signup but languages and Stripe.js)`, value: `${total} B`, goal: `≤ ${budgets.total} B`, ok: total <= budgets.total });

const site = await startSite();
const browser = await launch();
try {
  // 2. Navigation → plans visible, element vs a bare page (same server, same signup-config).
  site.page(
    '/bench-element.html',
    hostPage(site, '<script type="module" src="/dist/membership-signup.js"></script><script type="module" src="/bench-element-probe.js"></script>'),
  );
  site.page('/bench-bare.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title>
<script type="module" src="/bench-bare.js"></script></head><body><pre id="out"></pre></body></html>`);
  const script = (body) => ({ body, type: 'text/javascript' });
  const routes = {
    '/bench-element-probe.js': script(`document.addEventListener('membership-signup-ready', async (event) => {
        const el = event.target; await el.updateComplete;
        if (el.shadowRoot.querySelector('[part~="plan-card"]')) window.__visible = performance.now();
      });`),
    '/bench-bare.js': script(`const response = await fetch('${site.url}/v1/organizations/demo/signup-config');
      document.getElementById('out').textContent = JSON.stringify(await response.json(), null, 2);
      window.__visible = performance.now();`),
  };
  for (const [path, route] of Object.entries(routes)) site.page(path, route.body, { 'content-type': 'text/javascript' });

  // The same comparison with the sandbox running in each page (msw's service worker, as the demo
  // runs it): both pages start it first, then load their script.
  const inBrowser = (then) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<meta name="then" content="${then}"><script type="module" src="/demo/dist/bench-sandbox.js"></script>
<script type="module" src="/bench-element-probe.js"></script></head><body><pre id="out"></pre>
<membership-signup organization="demo" api-base="https://api.memberkit.test/v1"></membership-signup></body></html>`;
  site.page('/bench-element-msw.html', inBrowser('/dist/membership-signup.js'));
  site.page('/bench-bare-msw.html', inBrowser('/bench-bare-msw.js').replace(/<membership-signup[^]*<\/membership-signup>/, ''));
  site.page(
    '/bench-bare-msw.js',
    `const response = await fetch('https://api.memberkit.test/v1/organizations/demo/signup-config');
      document.getElementById('out').textContent = JSON.stringify(await response.json(), null, 2);
      window.__visible = performance.now();`,
    { 'content-type': 'text/javascript' },
  );

  const comparisons = [
    ['sandbox API on the server (loopback, ~1 ms)', '', 0, 1.6],
    [`sandbox API on the server, answering after ${ROUND_TRIP} ms`, '', ROUND_TRIP, 1.2],
    ['sandbox in the page (msw)', '-msw', 0, 1.2],
  ];
  for (const [label, suffix, latency, goal] of comparisons) {
    // The same delay for both pages' one request: the element's fixed costs against a round trip.
    site.sandbox.setLatency(latency);
    const times = { element: [], bare: [] };
    for (let run = 0; run < RUNS + 2; run++) {
      for (const kind of ['bare', 'element']) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${site.url}/bench-${kind}${suffix}.html`);
        const visible = await page.waitForFunction(() => window.__visible, null, { timeout: 15_000 }).catch((error) => {
          throw new Error(`${page.url()}: ${error.message}`);
        });
        if (run >= 2) times[kind].push(await visible.jsonValue()); // two warm-up runs
        await context.close();
      }
    }
    const ratio = median(times.element) / median(times.bare);
    const spread = (values) => `p25–p75 ${percentile(values, 25).toFixed(0)}–${percentile(values, 75).toFixed(0)}`;
    rows.push({ metric: `${label}: bare page, navigation → config printed (median)`, value: `${median(times.bare).toFixed(1)} ms`, goal: '', ok: true, note: spread(times.bare) });
    rows.push({ metric: `${label}: element, navigation → plans visible (median)`, value: `${median(times.element).toFixed(1)} ms`, goal: '', ok: true, note: spread(times.element) });
    // Each element load next to the bare load just before it: the machine's load drifts slower
    // than a pair, so the median of these ratios is a second, steadier reading of the same goal.
    const paired = median(times.element.map((time, n) => time / times.bare[n]));
    rows.push({
      metric: `${label}: plans visible, ratio to the bare page`,
      value: ratio.toFixed(2),
      // The element issue's goals: 1.2 with a production-like round trip, 1.6 on loopback, where
      // the element's fixed costs (parsing its code, the first Intl formatter) are all there is.
      goal: `≤ ${goal}`,
      ok: ratio <= goal,
      note: `n=${times.element.length} pairs, median of paired ratios ${paired.toFixed(2)}`,
    });
  }
  site.sandbox.setLatency(0);

  // 3. Keystroke → updated preview: a donation type with 100 custom fields, among 50 plans.
  const config = await (await fetch(`${site.url}/v1/organizations/demo/signup-config`)).json();
  const annual = config.membership_types.find((type) => type.id === 'annual');
  const kinds = ['text', 'textarea', 'email', 'tel', 'url', 'number', 'date', 'select', 'multiselect', 'checkbox'];
  const fields = Array.from({ length: 100 }, (_, n) => {
    const type = kinds[n % kinds.length];
    return {
      key: `f${n}`,
      label: `Field ${n + 1}`,
      type,
      required: n % 3 === 0,
      help_text: n % 4 === 0 ? `Help for field ${n + 1}` : null,
      options: type === 'select' || type === 'multiselect' ? [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] : null,
      min: type === 'number' ? 0 : null,
      max: type === 'number' ? 1000 : null,
      min_length: null,
      max_length: type === 'text' ? 80 : null,
      pattern: null,
    };
  });
  const big = {
    ...annual,
    id: 'big',
    membership_name: 'Big form',
    price: { ...annual.price, type: 'donation', value: 1500, maximum: 10_000_000, presets: [2500, 5000] },
    fields,
  };
  const plans = Array.from({ length: 49 }, (_, n) => ({ ...annual, id: `plan-${n}`, membership_name: `Plan ${n + 1}` }));
  const bigConfig = { ...config, membership_types: [big, ...plans] };
  site.page('/big/v1/organizations/demo/signup-config', JSON.stringify(bigConfig), { 'content-type': 'application/json' });
  site.page(
    '/bench-keystroke.html',
    hostPage(site, '<script type="module" src="/dist/membership-signup.js"></script>', 'membership-type="big"').replace(
      `api-base="${site.url}/v1"`,
      `api-base="${site.url}/big/v1"`,
    ),
  );
  const page = await browser.newPage();
  await page.goto(`${site.url}/bench-keystroke.html`);
  await page.waitForFunction(() => document.querySelector('membership-signup')?.shadowRoot?.querySelector('#mk-amount'));
  await page.evaluate(() => {
    const el = document.querySelector('membership-signup');
    const amount = el.shadowRoot.querySelector('#mk-amount');
    window.__latencies = [];
    let started = 0;
    amount.addEventListener('keydown', (event) => (started = event.timeStamp), { capture: true });
    amount.addEventListener('input', async () => {
      await el.updateComplete;
      const total = el.shadowRoot.querySelector('[part~="total"]').textContent;
      if (total.includes(amount.value.replace(/^0+/, '').slice(0, 1))) window.__latencies.push(performance.now() - started);
    });
    amount.focus();
  });
  for (let n = 0; n < KEYSTROKES; n++) {
    if (n % 6 === 0) {
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('2', { delay: 0 });
    }
    await page.keyboard.type(String(n % 10), { delay: 0 });
  }
  const latencies = await page.evaluate(() => window.__latencies);
  const fieldCount = await page.evaluate(() => document.querySelector('membership-signup').shadowRoot.querySelectorAll('[part~="field"]').length);
  rows.push({ metric: `keystroke → preview, ${fieldCount} fields / 50 plans (p50)`, value: `${percentile(latencies, 50).toFixed(2)} ms`, goal: '', ok: true });
  rows.push({ metric: `keystroke → preview (p95, n=${latencies.length})`, value: `${percentile(latencies, 95).toFixed(2)} ms`, goal: '≤ 8 ms', ok: percentile(latencies, 95) <= 8 });

  // 4. 1,000 mount/unmount cycles (goal: heap after GC grows ≤ 1 MB). One page with the built
  // bundle; each cycle adds a <membership-signup>, waits for its plans, and removes it. The heap is
  // read after a full GC (CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage) once some
  // warm-up cycles have filled the caches that are meant to stay (lit's templates, Intl), and again
  // after the 1,000.
  {
    site.page('/bench-cycles.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cycles</title>
<script type="module" src="/dist/membership-signup.js"></script></head><body></body></html>`);
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`${site.url}/bench-cycles.html`);
    await page.evaluate((apiBase) => {
      window.__cycle = async (count) => {
        for (let n = 0; n < count; n++) {
          const el = document.createElement('membership-signup');
          el.setAttribute('organization', 'demo');
          el.setAttribute('api-base', apiBase);
          document.body.append(el);
          const started = performance.now();
          while (!el.shadowRoot?.querySelector('[part~="plan-card"]')) {
            if (performance.now() - started > 10_000) throw new Error(`cycle ${n}: no plans after 10 s`);
            await new Promise((resolve) => setTimeout(resolve, 1));
          }
          el.remove();
        }
      };
    }, site.apiBase);
    const heapAfterGc = async () => {
      for (let n = 0; n < 3; n++) await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.evaluate(() => window.__cycle(50));
    const before = await heapAfterGc();
    const started = performance.now();
    await page.evaluate((count) => window.__cycle(count), CYCLES);
    const seconds = (performance.now() - started) / 1000;
    const after = await heapAfterGc();
    const growth = (after - before) / 1024 / 1024;
    rows.push({
      metric: `${CYCLES} mount/unmount cycles (plans shown each time): heap growth after GC`,
      value: `${growth.toFixed(2)} MB`,
      goal: '≤ 1 MB',
      ok: growth <= 1,
      note: `${(before / 1024 / 1024).toFixed(2)} → ${(after / 1024 / 1024).toFixed(2)} MB after 50 warm-up cycles; ${((seconds * 1000) / CYCLES).toFixed(1)} ms a cycle`,
    });
    await page.close();
  }

  // 5. Layout shift from first paint to plans visible (goal 0): the element between a heading and
  // page text, as an organization's page has it, so a widget that grows when its plans arrive
  // pushes the text down. Cumulative layout shift (the 'layout-shift' entries, buffered, without
  // recent input) up to the frame after the plans are in the DOM, over several loads; the shifted
  // nodes are named so the element knows what to reserve.
  // Twice: as pasted, and with the page reserving the widget's height in its CSS (the embedding
  // guide's "No layout shift"), the height being the one the first loads measured.
  let reserve = 0;
  for (const reserved of [false, true]) {
    const style = reserved ? `<style>membership-signup { display: block; min-height: ${reserve}px }</style>` : '';
    site.page('/bench-shift.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shift</title>
<script>window.__shifts = []; window.__heights = []; requestAnimationFrame(() => window.__heights.push(Math.round(document.querySelector('membership-signup')?.getBoundingClientRect().height ?? 0))); new PerformanceObserver((list) => { for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry); }).observe({ type: 'layout-shift', buffered: true });</script>
${style}<script type="module" src="/dist/membership-signup.js"></script></head><body>
<h1>Join us</h1><membership-signup organization="demo" api-base="${site.apiBase}"></membership-signup>
<p id="below">The organization's own text, below the widget.</p></body></html>`);
    const loads = [];
    for (let run = 0; run < SHIFT_LOADS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${site.url}/bench-shift.html`);
      await page.waitForFunction(() => document.querySelector('membership-signup')?.shadowRoot?.querySelector('[part~="plan-card"]'), null, { polling: 'raf', timeout: 15_000 });
      loads.push(
        await page.evaluate(async () => {
          // The frame that paints the plans, and one more for its layout-shift entries to arrive.
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          const painted = performance.now();
          await new Promise((resolve) => setTimeout(resolve, 50));
          const name = (node) => {
            if (!node) return '(a node no longer in the page)';
            if (node.nodeType !== 1) return `${node.nodeName} in ${name(node.parentElement ?? node.getRootNode().host)}`;
            const part = node.getAttribute('part');
            const root = node.getRootNode();
            const inside = root instanceof ShadowRoot ? ` in <${root.host.localName}>'s shadow root` : '';
            return `<${node.localName}${node.id ? `#${node.id}` : ''}${part ? ` part="${part}"` : ''}>${inside}`;
          };
          const shifts = window.__shifts.filter((entry) => entry.startTime <= painted);
          window.__heights.push(Math.round(document.querySelector('membership-signup').getBoundingClientRect().height));
          return {
            heights: window.__heights,
            cls: shifts.reduce((sum, entry) => sum + entry.value, 0),
            sources: shifts.flatMap((entry) =>
              entry.sources.map((source) => {
                // An empty current rect: the node was pushed out of the viewport.
                if (source.currentRect.height === 0) return `${name(source.node)} pushed below the viewport at ${entry.startTime.toFixed(0)} ms`;
                const moved = Math.round(source.currentRect.y - source.previousRect.y);
                return `${name(source.node)} moved ${Math.abs(moved)} px ${moved < 0 ? 'up' : 'down'} at ${entry.startTime.toFixed(0)} ms`;
              }),
            ),
          };
        }),
      );
      await context.close();
    }
    const values = loads.map((load) => load.cls);
    reserve = Math.ceil(Math.max(...loads.map((load) => load.heights.at(-1))));
    const worst = loads.reduce((a, b) => (b.cls > a.cls ? b : a));
    rows.push({
      metric: `layout shift, first paint → plans visible${reserved ? ', the page reserving the height' : ''} (median of ${SHIFT_LOADS} loads)`,
      value: median(values).toFixed(4),
      goal: '0',
      ok: Math.max(...values) === 0,
      note: `max ${Math.max(...values).toFixed(4)}; the element ${worst.heights[0]} px tall at first paint, ${worst.heights.at(-1)} px with its plans${worst.sources.length ? `; ${[...new Set(worst.sources.map((s) => s.replace(/ at \d+ ms$/, '')))].join('; ')}` : ''}`,
    });
  }
} finally {
  await browser.close();
  await site.close();
}

const width = Math.max(...rows.map((row) => row.metric.length));
console.log(`${'metric'.padEnd(width)} | value              | goal    | met | spread`);
console.log(`${'-'.repeat(width)}-|--------------------|---------|-----|-------`);
for (const row of rows) {
  const met = row.goal ? (row.ok ? 'yes' : 'NO') : '';
  console.log(`${row.metric.padEnd(width)} | ${row.value.padEnd(18)} | ${row.goal.padEnd(7)} | ${met.padEnd(3)} | ${row.note ?? ''}`);
}
