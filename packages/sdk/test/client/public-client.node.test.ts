// The widget bundles createPublicClient: it must not carry the admin resources or their schemas,
// and bundlers must keep the jitless config even though the package says `sideEffects: false`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const client = fileURLToPath(new URL('../../src/client.ts', import.meta.url));

const bundle = async (name: string) => {
  const result = await build({
    stdin: { contents: `export { ${name} } from ${JSON.stringify(client)};`, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // Modules that put code in the output (the bundler reads the others but drops them).
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([file]) => file);
  return { code: result.outputFiles[0]!.text, inputs };
};

describe('createPublicClient is bundled without the admin side', () => {
  it('no admin resource or admin schema module, no request-param validators', async () => {
    const { inputs } = await bundle('createPublicClient');
    const admin = inputs.filter((file) =>
      /resources\/(members|memberships|companies|permissions)\.ts$|schemas\/(company|permissions|params)\.ts$/.test(file),
    );
    assert.deepEqual(admin, []);
    assert.ok(inputs.some((file) => file.endsWith('resources/signups.ts')));
  });
  it('createClient does carry them (the check above can tell the difference)', async () => {
    const { inputs } = await bundle('createClient');
    assert.ok(inputs.some((file) => file.endsWith('resources/companies.ts')));
  });
  it('the jitless config survives tree-shaking', async () => {
    const { code } = await bundle('createPublicClient');
    assert.match(code, /jitless:!0/);
  });
});
