// A static guard over the signup package's sources: nothing is ever posted with the "*" target,
// and a window's postMessage is reached only through postToWindow (protocol.ts), which refuses
// anything but an exact origin. Ports (MessagePort.postMessage) are free: they reach only the
// other end of a verified channel. The sources are read by the TypeScript checker, so a receiver
// is known by its type (`parent`, `frames[0]`, `event.source as Window`…), not by its spelling.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const srcDir = `${packageDir}src/`;

interface Use {
  where: string;
  /** The named function declaration it sits in, if any. */
  inside: string | undefined;
}

function enclosingFunction(node: ts.Node): string | undefined {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isFunctionDeclaration(at) && at.name) return at.name.text;
  }
  return undefined;
}

function where(node: ts.Node): string {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  return `${file.fileName.slice(packageDir.length)}:${line + 1}`;
}

/** `"*"` as a string, or an options object whose targetOrigin is `"*"`. */
function isWildcard(node: ts.Expression): boolean {
  if (ts.isStringLiteralLike(node)) return node.text.trim() === '*';
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.some(
      (property) => ts.isPropertyAssignment(property) && property.name.getText() === 'targetOrigin' && isWildcard(property.initializer),
    );
  }
  return false;
}

/** The expression inside parentheses, `as` casts and `!`. */
function unwrap(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isNonNullExpression(inner)) inner = inner.expression;
  return inner;
}

function scan() {
  const configPath = `${packageDir}tsconfig.json`;
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  assert.ok(parsed, 'packages/signup/tsconfig.json could not be read');
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const windowUses: Use[] = [];
  const portUses: Use[] = [];
  const wildcards: string[] = [];
  const frameStars: string[] = [];

  /** Whether this reference to `postMessage` is a window's (the Window interface or the global function). */
  const isWindowPostMessage = (reference: ts.Node): boolean => {
    const symbol = checker.getSymbolAtLocation(reference);
    const declarations = symbol?.declarations ?? [];
    return declarations.some((declaration) => {
      const owner = declaration.parent;
      if (ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner)) return owner.name?.text === 'Window';
      return ts.isFunctionDeclaration(declaration) && ts.isSourceFile(owner);
    });
  };

  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(srcDir)) continue;
    const inFrame = file.fileName.startsWith(`${srcDir}frame/`);
    const visit = (node: ts.Node): void => {
      // postMessage referenced: `x.postMessage` or a bare `postMessage`.
      let reference: ts.Node | undefined;
      if (ts.isPropertyAccessExpression(node) && node.name.text === 'postMessage') reference = node.name;
      else if (ts.isIdentifier(node) && node.text === 'postMessage' && !ts.isPropertyAccessExpression(node.parent) && !ts.isPropertyAssignment(node.parent)) reference = node;
      if (reference) (isWindowPostMessage(reference) ? windowUses : portUses).push({ where: where(node), inside: enclosingFunction(node) });

      // Calls of postMessage, directly or through .call/.apply: no "*" among their arguments.
      if (ts.isCallExpression(node)) {
        let callee = unwrap(node.expression);
        if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) callee = unwrap(callee.expression);
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
        if (name === 'postMessage' && node.arguments.some(isWildcard)) wildcards.push(where(node));
      }
      // In the iframe code a "*" string has no business at all (it is only ever a target origin there).
      if (inFrame && ts.isStringLiteralLike(node) && node.text.trim() === '*') frameStars.push(where(node));
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { windowUses, portUses, wildcards, frameStars };
}

describe('postMessage in the signup package (static guard)', () => {
  const found = scan();

  it('finds the uses it guards (the guard is not looking at nothing)', () => {
    assert.ok(found.windowUses.some((use) => use.inside === 'postToWindow'), 'no window postMessage found in postToWindow');
    assert.ok(found.portUses.some((use) => use.where.startsWith('src/frame/')), 'no port postMessage found in src/frame');
  });

  it('never posts with the "*" target', () => {
    assert.deepEqual(found.wildcards, []);
    assert.deepEqual(found.frameStars, []);
  });

  it('reaches a window’s postMessage only inside postToWindow (protocol.ts)', () => {
    const elsewhere = found.windowUses.filter((use) => !(use.inside === 'postToWindow' && use.where.startsWith('src/frame/protocol.ts:')));
    assert.deepEqual(elsewhere, []);
  });
});
