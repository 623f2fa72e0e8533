// The API reference (`npm run docs` → docs/api/): every package's public entry points, with the
// guides in docs/guides/ as project documents.
import { OptionDefaults } from 'typedoc';

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'memberkit',
  entryPoints: [
    'packages/sdk/src/index.ts',
    'packages/sdk/src/calculators/index.ts',
    'packages/sandbox/src/index.ts',
    'packages/sandbox/src/browser.ts',
    'packages/sandbox/src/node.ts',
    'packages/sandbox/src/stripe/index.ts',
    'packages/signup/src/index.ts',
    'packages/signup/src/frame/index.ts',
  ],
  tsconfig: 'tsconfig.docs.json',
  out: 'docs/api',
  readme: 'docs/README.md',
  projectDocuments: ['docs/guides/*.md'],
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  // No public remote yet to link sources to.
  disableSources: true,
  // The custom elements' JSDoc tags (also read by the Custom Elements Manifest).
  blockTags: [...OptionDefaults.blockTags, '@fires', '@slot', '@csspart', '@cssprop', '@attr', '@tag'],
  validation: { notExported: false, invalidLink: true },
};
