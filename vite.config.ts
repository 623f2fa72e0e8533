// The Vite builds (run by `node scripts/build.mjs` after `tsc -b`):
//  1. packages/signup/dist/chunks/element.js — the script-tag element, the first chunk: lit,
//     context, the public client, schemas, calculators, the element, the plans and English;
//     chunks/steps.js (details, review, payment, outcome screens: imported once the plans are
//     visible), other languages and Stripe.js are lazy chunks beside it, with stable names.
//  2. packages/signup/dist/membership-signup.js and membership-signup.classic.js — the loader
//     that a page pastes (src/loader.ts), as an ES module and as a classic script (IIFE): it
//     starts each widget's signup-config request and imports build 1 from next to itself.
//  3. packages/signup/dist/membership-signup-frame.js — the iframe mode's host script (ESM), when
//     src/frame/index.ts exists; and dist/frame.html, the hosted frame page, when frame.html exists.
//  4. demo/dist/ — the demo's sandbox bootstrap and Stripe stand-in (and demo/frame.html when it
//     exists), so demo pages need no bare imports.
//  5. packages/signup/custom-elements.json — the Custom Elements Manifest, from the element's JSDoc.
// Workspace packages resolve to their TypeScript sources (the `source` export condition).
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, defaultClientConditions, defineConfig, type InlineConfig, type Plugin } from 'vite';
// @ts-expect-error: a build script without types
import { dedupeLegalCommentsPlugin, minifyLiteralsPlugin } from './packages/signup/scripts/minify-literals.mjs';
// @ts-expect-error: a build script without types
import { pureSchemasPlugin } from './packages/signup/scripts/pure-schemas.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const signup = `${root}packages/signup`;
const out = `${signup}/dist`;
const resolve = { conditions: ['source', ...defaultClientConditions] };

/** Stable chunk names (`chunks/fr.js`, `chunks/stripe.js`): the classic build imports them by name. */
const chunkFileNames = (chunk: { name: string; facadeModuleId?: string | null }) =>
  chunk.facadeModuleId?.includes('stripe-js') ? 'chunks/stripe.js' : `chunks/${chunk.name}.js`;

// The chunks' names are stable (the loaders import chunks/element.js by name): a chunk an older
// build split off would otherwise stay beside them and be packed.
rmSync(`${out}/chunks`, { recursive: true, force: true });

const common: InlineConfig = {
  configFile: false,
  root,
  logLevel: 'warn',
  resolve,
  plugins: [minifyLiteralsPlugin(), pureSchemasPlugin(), dedupeLegalCommentsPlugin()],
  define: { __MK_CLASSIC__: 'false' },
};

function library(entry: string, fileName: string, format: 'es' | 'iife', define: Record<string, string> = {}): InlineConfig {
  return {
    ...common,
    define: { __MK_CLASSIC__: format === 'iife' ? 'true' : 'false', ...define },
    build: {
      outDir: out,
      emptyOutDir: false,
      minify: true,
      target: 'es2022',
      sourcemap: true,
      lib: { entry, formats: [format], name: 'MembershipSignup', fileName: () => fileName },
      // Nothing downstream bundles these files again, so the tree-shaking annotations
      // (`/* @__PURE__ */`, ~200 B gzip) are dead weight; licence comments stay.
      rolldownOptions: {
        // The element's entry may export more than its source does, so that what it shares with the
        // steps chunk stays in it (one file before the plans) rather than in a third, common chunk.
        preserveEntrySignatures: 'allow-extension',
        // The SDK's schemas are zod/mini calls (`z.object(…)`, `z.string()`…), which have no side
        // effects but which the bundler cannot prove pure: a schema nothing in the widget parses
        // (request params, admin objects) would stay in the script tag's first chunk.
        treeshake: { manualPureFunctions: ['z'] },
        output: { chunkFileNames, minify: { compress: { maxIterations: 10 }, mangle: true, codegen: true }, comments: { legal: true, annotation: false, jsdoc: false } },
      },
    },
  };
}

/** The other builds, run one after another once the main one is written. */
function otherBuilds(): InlineConfig[] {
  const builds: InlineConfig[] = [
    library(`${signup}/src/loader.ts`, 'membership-signup.js', 'es'),
    library(`${signup}/src/loader.ts`, 'membership-signup.classic.js', 'iife'),
  ];
  if (existsSync(`${signup}/src/frame/index.ts`)) {
    builds.push(library(`${signup}/src/frame/index.ts`, 'membership-signup-frame.js', 'es'));
  }
  if (existsSync(`${signup}/frame.html`)) {
    // Hashed assets of earlier builds would pile up (outDir is shared, so never emptied).
    rmSync(`${out}/frame-assets`, { recursive: true, force: true });
    builds.push({
      ...common,
      root: signup,
      // Relative asset URLs: an organization may host frame.html under any path.
      base: './',
      build: {
        outDir: out,
        emptyOutDir: false,
        assetsDir: 'frame-assets',
        target: 'es2022',
        rolldownOptions: { input: { frame: `${signup}/frame.html` } },
      },
    });
  }
  const demoInputs: Record<string, string> = {
    'sandbox-demo': `${root}demo/sandbox-demo.ts`,
    'stripe-standin': `${root}demo/stripe-standin.ts`,
    'bench-sandbox': `${root}demo/bench-sandbox.ts`,
    theming: `${root}demo/theming.ts`,
  };
  if (existsSync(`${root}demo/frame.html`)) demoInputs.frame = `${root}demo/frame.html`;
  const inputs = Object.fromEntries(Object.entries(demoInputs).filter(([, file]) => existsSync(file)));
  if (Object.keys(inputs).length > 0) {
    builds.push({
      ...common,
      root: `${root}demo`,
      base: '/demo/dist/',
      build: {
        outDir: `${root}demo/dist`,
        emptyOutDir: true,
        target: 'es2022',
        modulePreload: false,
        // The demo bundles msw and the sandbox: large by design, and never shipped.
        chunkSizeWarningLimit: 2000,
        rolldownOptions: {
          input: inputs,
          preserveEntrySignatures: 'exports-only',
          output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    });
  }
  return builds;
}

const thenTheOthers = (): Plugin => ({
  name: 'memberkit:other-builds',
  apply: 'build',
  async closeBundle() {
    for (const config of otherBuilds()) await build(config);
    // The Custom Elements Manifest (packages/signup/custom-elements.json), from the element's JSDoc.
    await import(`${signup}/scripts/manifest.mjs`);
  },
});

export default defineConfig({
  ...library(`${signup}/src/define.ts`, 'chunks/element.js', 'es', { __MK_SCRIPT_TAG__: 'true' }),
  configFile: undefined,
  plugins: [minifyLiteralsPlugin(), pureSchemasPlugin(), dedupeLegalCommentsPlugin(), thenTheOthers()],
});
