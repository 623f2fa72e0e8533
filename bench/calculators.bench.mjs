// Calculators against the Temporal-based oracle on the same random cases, in the same run:
// throughput ratio (goal ≥ 10×), disagreements (goal 0), and the gzip size of the
// calculators-only import, bundled and minified with esbuild (goal ≤ 3 kB).
// Run: node --conditions=source --import tsx bench/calculators.bench.mjs [cases]
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { addTerm, calculateExpiry, CalculatorError } from '@memberkit/sdk/calculators';
import { OracleError, oracleAddTerm, oracleCalculateExpiry } from '../packages/sdk/test/calculators/oracle.ts';

const CASES = Number(process.argv[2] ?? 1e6);
const CHUNK = 50_000;
const root = fileURLToPath(new URL('..', import.meta.url));

// mulberry32: a seeded generator, so every run checks the same cases.
let seed = 0x5eed;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (min, max) => min + Math.floor(random() * (max - min + 1));
const pick = (items) => items[int(0, items.length - 1)];
const pad = (n, w) => String(n).padStart(w, '0');
const lastDay = (y, m) => (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]);

// Years 1600–2400 with leap and century years over-represented; half the days at month ends.
const randomDate = () => {
  const y = random() < 0.2 ? pick([1600, 1900, 2000, 2024, 2100, 2400]) : int(1600, 2400);
  const m = random() < 0.25 ? 2 : int(1, 12);
  const d = random() < 0.5 ? lastDay(y, m) - int(0, 3) : int(1, lastDay(y, m));
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
};
const shift = (date, days) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};
const randomTerm = () =>
  pick([
    () => ({ duration: int(1, 400), duration_interval_type: 'day' }),
    () => ({ duration: int(1, 60), duration_interval_type: 'week' }),
    () => ({ duration: int(1, 36), duration_interval_type: 'month' }),
    () => ({ duration: int(1, 5), duration_interval_type: 'year' }),
  ])();
const longest = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const randomType = () => {
  const grace_days = int(0, 60);
  const roll = random();
  if (roll < 0.05) return { duration: null, duration_interval_type: 'lifetime', cycle: null, grace_days };
  if (roll < 0.2) return { duration: 1, duration_interval_type: 'month', cycle: { day: int(1, 28), month: null, buffer_days: int(0, 20) }, grace_days };
  if (roll < 0.35) {
    const month = int(1, 12);
    return { duration: 1, duration_interval_type: 'year', cycle: { day: int(1, longest[month - 1]), month, buffer_days: int(0, 180) }, grace_days };
  }
  return { ...randomTerm(), cycle: null, grace_days };
};

/** Half addTerm cases, half calculateExpiry cases (a third new, two thirds renewing). */
const randomCase = () => {
  if (random() < 0.5) return { kind: 'addTerm', anchor: randomDate(), term: randomTerm(), count: int(0, 40) };
  const type = randomType();
  const bought = randomDate();
  if (random() < 1 / 3) return { kind: 'expiry', type, input: { purchased_on: bought } };
  let expires;
  if (type.cycle) expires = calculateExpiry(type, { purchased_on: bought }).expires_on;
  else if (type.duration_interval_type === 'lifetime') expires = random() < 0.5 ? null : shift(bought, int(1, 999));
  else expires = addTerm(bought, type, int(1, 12));
  const purchased_on = expires ? shift(expires, int(-240, 90)) : shift(bought, int(0, 999));
  return { kind: 'expiry', type, input: { purchased_on, current: { anchor_on: bought, expires_on: expires } } };
};

// Both sides honour the same contract, refusals included: they throw an error with a `code`.
// The timed loops only call and keep the outcome; comparing happens outside the clock.
const settle = (calculate, c) => {
  try {
    return calculate(c.type, c.input);
  } catch (error) {
    return error;
  }
};
const ours = (c) => (c.kind === 'addTerm' ? addTerm(c.anchor, c.term, c.count) : settle(calculateExpiry, c));
const theirs = (c) => (c.kind === 'addTerm' ? oracleAddTerm(c.anchor, c.term, c.count) : settle(oracleCalculateExpiry, c));
const key = (outcome) => {
  if (typeof outcome === 'string') return outcome;
  if (outcome instanceof CalculatorError || outcome instanceof OracleError) return `error ${outcome.code}`;
  if (outcome instanceof Error) throw outcome;
  return `${outcome.kind} ${outcome.starts_on} ${outcome.expires_on} ${outcome.anchor_on}`;
};

// Warm both up on cases outside the measured set.
for (let i = 0; i < 20_000; i++) {
  const c = randomCase();
  ours(c);
  theirs(c);
}

// Agreement: every case, once each side. Throughput: on the first TIMED cases, grouped into
// addTerm, calculateExpiry answers and calculateExpiry refusals; each batch of 256 runs ours and
// the oracle alternately, three times, keeping each side's best time, so a busy machine (other
// processes on the two cores) slows neither side more than the other.
const TIMED = Math.min(CASES, 200_000);
const BATCH = 256;
const ROUNDS = 3;
const groups = ['addTerm', 'answer', 'refusal'];
const time = Object.fromEntries(groups.map((group) => [group, { ours: 0, oracle: 0, cases: 0 }]));
let disagreements = 0;
const examples = [];
const run = (calculate, batch) => {
  const start = performance.now();
  for (let i = 0; i < batch.length; i++) calculate(batch[i]);
  return performance.now() - start;
};
for (let done = 0; done < CASES; done += CHUNK) {
  const cases = Array.from({ length: Math.min(CHUNK, CASES - done) }, randomCase);
  const byGroup = Object.fromEntries(groups.map((group) => [group, []]));
  for (const c of cases) {
    const mine = ours(c);
    const oracle = theirs(c);
    if (key(mine) !== key(oracle)) {
      disagreements++;
      if (examples.length < 5) examples.push({ case: c, ours: key(mine), oracle: key(oracle) });
    }
    byGroup[c.kind === 'addTerm' ? 'addTerm' : mine instanceof Error ? 'refusal' : 'answer'].push(c);
  }
  if (done >= TIMED) continue;
  for (const group of groups) {
    const all = byGroup[group];
    for (let from = 0; from < all.length; from += BATCH) {
      const batch = all.slice(from, from + BATCH);
      let best = [Infinity, Infinity];
      for (let round = 0; round < ROUNDS; round++) {
        best = [Math.min(best[0], run(ours, batch)), Math.min(best[1], run(theirs, batch))];
      }
      time[group].ours += best[0];
      time[group].oracle += best[1];
      time[group].cases += batch.length;
    }
  }
}

const bundleSize = async (contents) => {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    conditions: ['source'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  // The source modules that put bytes into the output.
  const modules = Object.entries(Object.values(result.metafile.outputs)[0].inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([file]) => file);
  return { code, modules, gzip: gzipSync(code, { level: 9 }).length };
};
const { code, gzip } = await bundleSize("export * from '@memberkit/sdk/calculators';");
const text = new TextDecoder().decode(code);
const pulledIn = ['ky', 'zod', 'temporal'].filter((name) => text.includes(name));
// What a signup form typically takes (prices, discounts, fields), tree-shaken.
const formSubset = await bundleSize(
  "export { quotePrice, checkDiscount, formatMoney, toMinorUnits, validateFields, normalizeEmail } from '@memberkit/sdk/calculators';",
);
// The API issue 2 names, imported by name from the package root as the issue phrases it (the
// root also exports the client and schemas: tree-shaking must leave them out).
const issueApi = await bundleSize(
  "export { addTerm, calculateExpiry, membershipStatus, grantsAccess, renewalAttemptOn, quotePrice, checkDiscount, currencyExponent, toMinorUnits, formatMoney, processorMinimum, validateFields, normalizeEmail, localDate, CalculatorError, PricingError } from '@memberkit/sdk';",
);
const outsideCalculators = issueApi.modules.filter((file) => !/packages\/sdk\/src\/calculators\//.test(file));

const opsPerSecond = (ms, n) => Math.round((n / ms) * 1000).toLocaleString('en-US');
const sum = (...parts) => parts.reduce((a, b) => ({ ours: a.ours + b.ours, oracle: a.oracle + b.oracle, cases: a.cases + b.cases }));
const rows = [];
const measured = [
  ['addTerm', time.addTerm, true],
  ['calculateExpiry', sum(time.answer, time.refusal), true],
  ['  of which answers', time.answer, false],
  [`  of which refusals (thrown errors)`, time.refusal, false],
];
for (const [label, { ours: mine, oracle, cases: n }, goal] of measured) {
  const ratio = oracle / mine;
  const verdict = goal ? (ratio >= 10 ? 'ok' : 'MISSED') : '';
  if (goal) {
    rows.push([`${label} ops/s, calculator`, opsPerSecond(mine, n), '', '']);
    rows.push([`${label} ops/s, Temporal oracle`, opsPerSecond(oracle, n), '', '']);
  }
  rows.push([`${label} speed-up (${n.toLocaleString('en-US')} cases)`, `${ratio.toFixed(1)}×`, goal ? '≥ 10×' : '', verdict]);
}
rows.push([`disagreements / ${CASES.toLocaleString('en-US')} cases`, String(disagreements), '0', disagreements === 0 ? 'ok' : 'MISSED']);
rows.push(['calculators-only import, min+gzip', `${gzip} B (${(gzip / 1024).toFixed(2)} kB)`, '≤ 3 kB', gzip <= 3072 ? 'ok' : 'MISSED']);
rows.push(['  minified, before gzip', `${code.length} B`, '', '']);
rows.push(['  signup-form subset (tree-shaken), min+gzip', `${formSubset.gzip} B`, '', '']);
rows.push(['  issue-named API from @memberkit/sdk, min+gzip', `${issueApi.gzip} B`, '', '']);
rows.push([
  '  root import: modules outside the calculators',
  outsideCalculators.join(', ') || 'none',
  'none',
  outsideCalculators.length ? 'MISSED' : 'ok',
]);
rows.push(['  pulls in ky / zod / temporal', pulledIn.join(', ') || 'none', 'none', pulledIn.length ? 'MISSED' : 'ok']);

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['measure', 'value', 'goal', ''][i].length));
const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
console.log(line(['measure', 'value', 'goal', '']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));
for (const example of examples) console.log('disagreement:', JSON.stringify(example));
if (disagreements > 0) process.exitCode = 1;
