// Every word in the catalogue is one the widget says: a key no source reads is a string each
// language must translate, and English ships, for nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { en } from '../src/i18n/en.js';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** The sources that read the catalogue: everything but the catalogues themselves. */
function readers(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : readers(path);
    return entry.name.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('the string catalogue', () => {
  it('has no key that no source reads', () => {
    const code = readers(src).join('\n');
    // Read as `t.key` / `words.key`, or looked up by name (`t[name]` with a 'key' literal).
    const unread = Object.keys(en).filter((key) => !new RegExp(`\\.${key}\\b|['"]${key}['"]`).test(code));
    assert.deepEqual(unread, []);
  });
});
