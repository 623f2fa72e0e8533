import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error: a build script without types
import { markSchemasPure } from '../scripts/pure-schemas.mjs';

describe('the build marks the SDK schema files’ zod calls pure, nothing else', () => {
  it('marks each call, nested and chained ones too, and leaves types, other calls and comments alone', () => {
    const source = [
      '/** Like `z.int()`, smaller. */',
      'export const A = z.object({ id: z.string().check(z.minLength(1)), n: other(1), m: x.z.y() }); // z.union(',
      'export type A = z.infer<typeof A>;',
    ].join('\n');
    assert.equal(
      markSchemasPure(source),
      [
        '/** Like `z.int()`, smaller. */',
        'export const A = /* @__PURE__ */ z.object({ id: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1)), n: other(1), m: x.z.y() }); // z.union(',
        'export type A = z.infer<typeof A>;',
      ].join('\n'),
    );
  });
});
