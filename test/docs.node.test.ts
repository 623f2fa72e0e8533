// Every code example in docs/ and the READMEs compiles as a reader would paste it: each ts/tsx/js
// block (tsx with React 19's JSX: the framework guide's React example), and each inline module
// script of an html block, is a module typechecked against our packages' sources with strict and
// exactOptionalPropertyTypes on. A block after a `<!-- run -->` line is also run, and each of its
// `expression; // 'value'` lines must print that value. No doc or README may point at a file
// outside the repository.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { apiRoutes } from '@memberkit/api';
import { apiErrorCodes } from '@memberkit/sdk';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, '.build/docs-check');

const markdown = [
  'README.md',
  ...readdirSync(join(root, 'docs'), { recursive: true }).map((file) => join('docs', String(file))).filter((file) => !file.startsWith(join('docs', 'api'))),
  ...readdirSync(join(root, 'packages')).map((name) => join('packages', name, 'README.md')),
].filter((file) => file.endsWith('.md'));

interface Block {
  file: string;
  line: number;
  lang: string;
  code: string;
  run: boolean;
}

function blocks(file: string): Block[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const found: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)?\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    while (++i < lines.length && !/^```\s*$/.test(lines[i]!));
    found.push({ file, line: start + 1, lang: open[1] ?? '', code: lines.slice(start + 1, i).join('\n'), run: lines[start - 1]?.trim() === '<!-- run -->' });
  }
  return found;
}

/** The module a block is: ts/js as it is; html: its inline module scripts (the page loaded the element). */
function moduleOf(block: Block): string | undefined {
  if (['ts', 'typescript', 'tsx', 'js', 'javascript', 'mjs'].includes(block.lang)) {
    const page = block.lang.startsWith('j') ? "import type {} from '@memberkit/signup';\nimport type {} from '@memberkit/signup/frame';\n" : '';
    return `${page}${block.code}\nexport {};\n`;
  }
  if (block.lang !== 'html') return undefined;
  const scripts = [...block.code.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  if (scripts.length === 0) return undefined;
  return `import type {} from '@memberkit/signup';\nimport type {} from '@memberkit/signup/frame';\n${scripts.join('\n')}\nexport {};\n`;
}

const all = markdown.flatMap(blocks);
const checked = all.flatMap((block) => {
  const code = moduleOf(block);
  if (code === undefined) return [];
  const name = `${block.file.replace(/[\\/.]/g, '_')}_${block.line}.${block.lang === 'tsx' ? 'tsx' : 'ts'}`;
  return [{ block, code, path: join(out, name) }];
});

describe('the documentation’s code', () => {
  it(`every ts/tsx/js block and inline module script (${checked.length} in ${markdown.length} files) typechecks, strict with exactOptionalPropertyTypes`, () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    for (const { code, path } of checked) writeFileSync(path, code);
    const program = ts.createProgram(
      checked.map((c) => c.path),
      {
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        customConditions: ['source'],
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
        types: ['node'],
        skipLibCheck: true,
        experimentalDecorators: true,
        useDefineForClassFields: false,
        jsx: ts.JsxEmit.ReactJSX,
      },
    );
    const ours = new Set(checked.map((c) => c.path));
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && ours.has(d.file.fileName))
      .map((d) => {
        const { block } = checked.find((c) => c.path === d.file!.fileName)!;
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${block.file}:${block.line} (block line ${line + 1 - (d.file!.text.startsWith('import type {}') ? 2 : 0)}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    assert.deepEqual(problems, []);
  });

  const runnable = checked.filter((c) => c.block.run);
  for (const { block, code, path } of runnable) {
    it(`${block.file}:${block.line} runs, and each commented result is what it prints`, () => {
      // `expr; // 'value'` → compare what expr gives with the value as written (a JS literal).
      const asserted = code.replace(/^(.+?);\s*\/\/\s*('(?:[^'\\]|\\.)*'|-?\d[\d_.]*|true|false|null)\s*(?:\(.*)?$/gm, (_, expr: string, expected: string) =>
        `{ const got = ${expr.replace(/^const \w+ = /, '')}; const want = ${expected}; if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(${JSON.stringify(`${expr}: expected ${expected}`)} + ', got ' + JSON.stringify(got)); }`,
      );
      writeFileSync(path.replace(/\.ts$/, '.run.ts'), asserted);
      execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', path.replace(/\.ts$/, '.run.ts')], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    });
  }

  it('the contract (docs/guides/api.md) lists every route the API answers and every error code', () => {
    const contract = readFileSync(join(root, 'docs/guides/api.md'), 'utf8');
    const missing = apiRoutes
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
      .filter((route) => !contract.includes(`\`${route}\``));
    assert.deepEqual(missing, [], 'add these routes to docs/guides/api.md');
    assert.deepEqual(apiErrorCodes.filter((code) => !contract.includes(`\`${code}\``)), [], 'add these error codes to docs/guides/api.md');
  });

  it("the theming guide lists every custom property and part of the element's manifest", () => {
    const theming = readFileSync(join(root, 'docs/guides/theming.md'), 'utf8');
    const manifest = JSON.parse(readFileSync(join(root, 'packages/signup/custom-elements.json'), 'utf8'));
    const names: string[] = manifest.modules
      .flatMap((module: { declarations?: { tagName?: string; cssProperties?: { name: string }[]; cssParts?: { name: string }[] }[] }) => module.declarations ?? [])
      .filter((declaration: { tagName?: string }) => declaration.tagName === 'membership-signup')
      .flatMap((declaration: { cssProperties?: { name: string }[]; cssParts?: { name: string }[] }) => [...(declaration.cssProperties ?? []), ...(declaration.cssParts ?? [])])
      .map((entry: { name: string }) => entry.name);
    assert.ok(names.length > 20, 'the manifest lists the properties and parts');
    assert.deepEqual(names.filter((name) => !theming.includes(`| \`${name}\` |`)), []);
  });

  it('no doc or README links to a file outside the repository or one that does not exist', () => {
    const broken: string[] = [];
    for (const file of markdown) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const resolved = join(root, file, '..', target!);
        const inside = !relative(root, resolved).startsWith('..');
        let exists = true;
        try {
          readFileSync(resolved);
        } catch (error) {
          exists = (error as NodeJS.ErrnoException).code === 'EISDIR';
        }
        if (!inside || !exists) broken.push(`${file}: ${target}`);
      }
      if (/\/work\/shared|shared\/spec|shared\/guides/.test(text)) broken.push(`${file}: mentions a path outside the repository`);
    }
    assert.deepEqual(broken, []);
  });
});
