// The API reference (`npm run docs` → docs/api/): every package's public entry points, with the
// guides in docs/guides/ as project documents.
import { OptionDefaults } from 'typedoc';

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'memberkit',
  // Each is an export of a package; its module comment's `@module` tag titles it by its import
  // name (`@memberkit/sandbox/node`).
  entryPoints: [
    'packages/sdk/src/index.ts',
    'packages/sdk/src/calculators/index.ts',
    'packages/sdk/src/schemas/index.ts',
    'packages/api/src/index.ts',
    'packages/api/src/testing/index.ts',
    'packages/server/src/index.ts',
    'packages/sandbox/src/index.ts',
    'packages/sandbox/src/browser.ts',
    'packages/sandbox/src/node.ts',
    'packages/sandbox/src/stripe/index.ts',
    'packages/signup/src/index.ts',
    'packages/signup/src/frame/index.ts',
  ],
  tsconfig: 'tsconfig.docs.json',
  // The SDK's types are zod inferences (`z.infer<typeof MembershipTypeSchema>`): typedoc-plugin-zod
  // shows each as the object it is, and our plugin links the objects inside it to their aliases by
  // name (`price: Price`) and leaves out the element's Lit internals (scripts/typedoc-plugin.mjs).
  plugin: ['typedoc-plugin-zod', './scripts/typedoc-plugin.mjs'],
  out: 'docs/api',
  readme: 'docs/README.md',
  projectDocuments: ['docs/guides/*.md'],
  excludePrivate: true,
  // Protected members are internals: the resources' transport (`_t`), the element's Lit lifecycle.
  excludeProtected: true,
  excludeInternal: true,
  excludeExternals: true,
  // No public remote yet to link sources to.
  disableSources: true,
  // The custom elements' JSDoc tags (also read by the Custom Elements Manifest).
  blockTags: [...OptionDefaults.blockTags, '@fires', '@slot', '@csspart', '@cssprop', '@attr', '@tag'],
  // The frameworks guide's single-file component.
  highlightLanguages: [...OptionDefaults.highlightLanguages, 'vue'],
  // `npm test` runs typedoc (scripts/test.mjs) and fails on any of these: a link to nothing, a
  // type the reference uses but no entry point exports, or an exported declaration without a
  // description (properties and parameters are described where their interface or function is).
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  requiredToBeDocumented: ['Enum', 'Variable', 'Function', 'Class', 'Interface', 'TypeAlias', 'Method', 'Accessor'],
  treatValidationWarningsAsErrors: true,
};
