// Which source files the built chunks' bytes come from: `node packages/signup/scripts/attribute.mjs
// [chunk…]` (after `npm run build`) sums each chunk's minified bytes per source file through its
// source map, so a move between the first chunk and the steps chunk is chosen from figures.
// Bytes the map does not attribute (the bundler's glue) are listed as "(unmapped)".
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SourceMapConsumer } from 'source-map-js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const chunks = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['chunks/element.js', 'chunks/steps.js'];

for (const chunk of chunks) {
  const code = readFileSync(`${dist}${chunk}`, 'utf8');
  const map = new SourceMapConsumer(JSON.parse(readFileSync(`${dist}${chunk}.map`, 'utf8')));
  const lines = code.split('\n');
  const bytes = new Map();
  const add = (source, n) => bytes.set(source, (bytes.get(source) ?? 0) + n);
  // Mappings in generated order: each segment runs to the next one (or the line's end).
  const segments = [];
  map.eachMapping((m) => segments.push(m), null, SourceMapConsumer.GENERATED_ORDER);
  let mapped = 0;
  for (let i = 0; i < segments.length; i++) {
    const m = segments[i];
    const next = segments[i + 1];
    const line = lines[m.generatedLine - 1] ?? '';
    const end = next && next.generatedLine === m.generatedLine ? next.generatedColumn : line.length;
    const n = Buffer.byteLength(line.slice(m.generatedColumn, end));
    add(m.source ?? '(unmapped)', n);
    mapped += n;
  }
  add('(unmapped)', Buffer.byteLength(code) - mapped);
  const total = Buffer.byteLength(code);
  const short = (source) => source.replace(/^.*?node_modules\//, '~/').replace(/^(\.\.\/)+/, '');
  const groups = new Map();
  for (const [source, n] of bytes) {
    const s = short(source);
    const group = s.startsWith('~/') ? s.split('/').slice(0, s.startsWith('~/@') ? 3 : 2).join('/') : s.split('/').slice(0, 3).join('/');
    groups.set(group, (groups.get(group) ?? 0) + n);
  }
  console.log(`\n${chunk}: ${total} B minified`);
  console.log('  by package/folder:');
  for (const [g, n] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(7)}  ${g}`);
  console.log('  by file:');
  for (const [s, n] of [...bytes].sort((a, b) => b[1] - a[1])) if (n >= 200) console.log(`    ${String(n).padStart(7)}  ${short(s)}`);
}
