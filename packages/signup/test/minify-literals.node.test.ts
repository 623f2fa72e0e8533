import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error: a build script without types
import { dedupeLegalComments, minifyLiterals } from '../scripts/minify-literals.mjs';

describe('the build minifies the static text of html`` and css`` literals, nothing else', () => {
  it('collapses whitespace in html templates, nested ones too, and leaves expressions and plain strings alone', () => {
    const source = [
      'const a = "keep   these  spaces";',
      'const view = html`<p class="x">',
      '    ${items.map((item) => html`<li>',
      '      ${item.name}  </li>`)}',
      '    ${`plain   ${"text"}   template`}',
      '  </p>`; // a comment with a ` backtick',
      "const b = 'and   these';",
    ].join('\n');
    assert.equal(
      minifyLiterals(source),
      [
        'const a = "keep   these  spaces";',
        'const view = html`<p class=x> ${items.map((item) => html`<li> ${item.name} </li>`)} ${`plain   ${"text"}   template`} </p>`; // a comment with a ` backtick',
        "const b = 'and   these';",
      ].join('\n'),
    );
  });

  it('drops the spaces CSS never reads, keeps the ones between selectors and values', () => {
    const source = 'const s = css`\n  :host {\n    color: var(--x, #fff);\n    margin: 0 auto;\n  }\n  .a > .b, .c :focus {\n    ${dark}\n  }\n`;';
    // One space may stay where a literal starts or meets an expression: CSS ignores it there.
    assert.equal(minifyLiterals(source), 'const s = css` :host{color:var(--x,#fff);margin:0 auto}.a>.b,.c :focus{${dark}}`;');
  });

  it("drops the spaces around calc()'s and shorthands' `/` and before !important, keeps calc()'s `+` and `-` apart", () => {
    const source = 'const s = css`\n  p {\n    margin: calc(var(--s) / 2) calc(var(--s) + 1px) calc(1em - 2px);\n    grid-column: 1 / -1;\n    display: none !important;\n  }\n`;';
    assert.equal(minifyLiterals(source), 'const s = css` p{margin:calc(var(--s)/2) calc(var(--s) + 1px) calc(1em - 2px);grid-column:1/-1;display:none!important}`;');
  });

  it("drops the quotes of static attribute values HTML reads the same without, and only those", () => {
    const source = 'const v = html`<p class="muted hint" part="error" role="alert">${x}</p><input type="checkbox" id="${id}" aria-live="polite"/><a href="/x">`;';
    assert.equal(minifyLiterals(source), 'const v = html`<p class="muted hint" part=error role=alert>${x}</p><input type=checkbox id="${id}" aria-live="polite"/><a href="/x">`;');
  });

  it('leaves code without literals byte for byte as it was', () => {
    const source = 'if (a) {\n  return `x  ${y}  z`;\n}\n// html` in a comment\n';
    assert.equal(minifyLiterals(source), source);
  });
});

describe('the build keeps one copy of each licence notice', () => {
  it('blanks repeats, keeping every line and the column where code resumes', () => {
    const notice = '/**\n* @license\n* Copyright 2017 Google LLC\n*/';
    const other = '/**\n* @license\n* Copyright 2021 Google LLC\n*/';
    const code = `${notice}var a=1;\n${other}var b=2;\n${notice}function c(){}`;
    const deduped = dedupeLegalComments(code);
    assert.equal(deduped, `${notice}var a=1;\n${other}var b=2;\n\n\n\n  function c(){}`);
    assert.equal(deduped.split('\n').length, code.split('\n').length);
    assert.equal(deduped.split('\n').at(-1)!.indexOf('function'), code.split('\n').at(-1)!.indexOf('function'));
  });
});
