// Build-time purity marks for the SDK's schema files. Each schema file builds its schemas at the
// top level (`export const X = z.object({…})`), and a bundler cannot tell that a call into zod has
// no side effects, so every schema of a file the widget imports was kept, used or not: the sign-in
// parameters (with zod's email format), the admin and list shapes beside the ones the widget
// reads (≈ 300 B gzip of the plans' chunk). Marking each `z.…(…)` call `/* @__PURE__ */` lets the
// bundler drop a schema nothing reads. The calls build schema objects and nothing else (zod's
// one global setting, `config({ jitless: true })`, is a plain import in zod.ts, not a `z.` call).

/**
 * `code` with each `z.name(` call marked pure (type positions such as `z.infer<…>` have no call);
 * comments are left as they are (a mark inside one would end it).
 */
export function markSchemasPure(code) {
  return code.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|(?<![\w$.])z\.(\w+)\(/g, (match, name) =>
    name ? `/* @__PURE__ */ z.${name}(` : match,
  );
}

/** The Vite plugin: marks the calls of the SDK's schema files. */
export const pureSchemasPlugin = (include = /packages\/sdk\/src\/schemas\/.*\.ts$/) => ({
  name: 'memberkit:pure-schemas',
  enforce: 'pre',
  transform(code, id) {
    return include.test(id) && /\bz\./.test(code) ? { code: markSchemasPure(code), map: null } : null;
  },
});
