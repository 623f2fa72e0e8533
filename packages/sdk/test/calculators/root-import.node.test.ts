// The promise: importing only the calculators from the package root (`@memberkit/sdk`,
// which also exports the client and the schemas) must not pull in zod, the schemas or the
// client. Bundled the way an app would: esbuild, tree-shaking, the workspace's package.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as calculators from '../../src/calculators/index.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

/** The source modules that put bytes into a bundle of `contents`. */
const bundledModules = async (contents: string) => {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['source'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([file]) => file);
};

const fromRoot = (names: string[]) => `export { ${names.join(', ')} } from '@memberkit/sdk';`;

describe('the calculators imported from @memberkit/sdk bundle alone', () => {
  it('every calculator export, imported by name from the root: only src/calculators modules, no zod, schemas or client', async () => {
    const names = Object.keys(calculators);
    assert.ok(names.includes('calculateExpiry') && names.includes('effectivePermissions'));
    const modules = await bundledModules(fromRoot(names));
    assert.ok(modules.length > 0);
    assert.deepEqual(
      modules.filter((file) => !/packages\/sdk\/src\/calculators\/[\w-]+\.ts$/.test(file)),
      [],
      'modules outside the calculators',
    );
  });

  it('the check can tell: the root’s createPublicClient brings zod and the schemas along', async () => {
    const modules = await bundledModules(fromRoot(['createPublicClient', 'calculateExpiry']));
    assert.ok(modules.some((file) => file.includes('node_modules/zod/')));
    assert.ok(modules.some((file) => /packages\/sdk\/src\/schemas\//.test(file)));
  });
});
