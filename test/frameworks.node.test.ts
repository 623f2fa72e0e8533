// The React 19 and Vue 3 typings of both elements catch what a developer gets wrong: a misspelt
// attribute, a value the element refuses, a handler reading a detail the event does not carry,
// and an event spelled the other framework's way (React 19 listens to exactly the name after
// `on`, Vue hyphenates a PascalCase name), so a listener that would never fire is a type error.
// (TypeScript accepts any undeclared hyphenated JSX attribute, so a misspelt kebab-case React event
// is caught only through its handler's parameter, untyped then: noImplicitAny.)
// The packages resolve to their built declarations (`types` comes first in their exports), as an
// application's would: `npx tsc -b` first.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, '.build/frameworks-check');

const react = `import type { MembershipSignup, MembershipSignupProps } from '@memberkit/signup';
import type { MembershipSignupFrameElement, MembershipSignupFrameProps } from '@memberkit/signup/frame';
import type { RefAttributes } from 'react';
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'membership-signup': MembershipSignupProps & RefAttributes<MembershipSignup>;
      'membership-signup-frame': MembershipSignupFrameProps & RefAttributes<MembershipSignupFrameElement>;
    }
  }
}
export const element = (jsx: unknown) => jsx;
`;
const vue = `import type { MembershipSignupVueProps } from '@memberkit/signup';
import type { MembershipSignupFrameVueProps } from '@memberkit/signup/frame';
import { h } from 'vue';
export const widget = (props: MembershipSignupVueProps) => h('membership-signup', props);
export const frame = (props: MembershipSignupFrameVueProps) => h('membership-signup-frame', props);
`;

const cases: Record<string, string> = {
  'react-right.tsx': `import { element } from './react-setup.js';
element(<membership-signup organization="acme" theme="dark" authToken={undefined} onmembership-signup-complete={(e) => e.detail.membership.id} onmembership-signup-error={(e) => e.detail.code} />);
element(<membership-signup-frame src="https://signup.example/frame.html" frame-title="Join" onmembership-signup-ready={(e) => e.detail.organization} />);`,
  'react-misspelt.tsx': `import { element } from './react-setup.js';
element(<membership-signup organisation="acme" />);`,
  'react-theme.tsx': `import { element } from './react-setup.js';
element(<membership-signup organization="acme" theme="blue" />);`,
  'react-detail.tsx': `import { element } from './react-setup.js';
element(<membership-signup organization="acme" onmembership-signup-error={(e) => e.detail.membership} />);`,
  'react-misspelt-event.tsx': `import { element } from './react-setup.js';
element(<membership-signup organization="acme" onmembership-signup-done={(e) => e.detail} />);`,
  'react-vue-spelling.tsx': `import { element } from './react-setup.js';
element(<membership-signup organization="acme" onMembershipSignupComplete={() => {}} />);`,
  'react-frame-no-src.tsx': `import { element } from './react-setup.js';
element(<membership-signup-frame frame-title="Join" />);`,
  'vue-right.ts': `import { widget, frame } from './vue-setup.js';
widget({ organization: 'acme', onMembershipSignupComplete: (e) => e.detail.membership.id });
frame({ src: 'https://signup.example/frame.html', onMembershipSignupError: (e) => e.detail.message });`,
  'vue-react-spelling.ts': `import { widget } from './vue-setup.js';
widget({ organization: 'acme', 'onmembership-signup-complete': () => {} });`,
  'vue-detail.ts': `import { frame } from './vue-setup.js';
frame({ src: 'https://signup.example/frame.html', onMembershipSignupComplete: (e) => e.detail.code });`,
};

function errorsByFile(): Map<string, string[]> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'react-setup.tsx'), react);
  writeFileSync(join(out, 'vue-setup.ts'), vue);
  for (const [name, code] of Object.entries(cases)) writeFileSync(join(out, name), code);
  const program = ts.createProgram(
    Object.keys(cases).map((name) => join(out, name)),
    {
      strict: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      customConditions: ['source'],
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
      skipLibCheck: true,
      experimentalDecorators: true,
      useDefineForClassFields: false,
      jsx: ts.JsxEmit.ReactJSX,
    },
  );
  const errors = new Map<string, string[]>(Object.keys(cases).map((name) => [name, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file?.fileName.slice(out.length + 1) ?? '(global)';
    const list = errors.get(name) ?? [];
    list.push(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    errors.set(name, list);
  }
  return errors;
}

describe('the React 19 and Vue 3 typings of <membership-signup> and <membership-signup-frame>', () => {
  const errors = errorsByFile();
  it('accept both elements with their attributes, properties and typed event details', () => {
    assert.deepEqual(errors.get('react-right.tsx'), []);
    assert.deepEqual(errors.get('vue-right.ts'), []);
    assert.deepEqual(errors.get('react-setup.tsx') ?? [], []);
    assert.deepEqual(errors.get('vue-setup.ts') ?? [], []);
  });
  for (const [name, why] of [
    ['react-misspelt.tsx', /organisation/],
    ['react-theme.tsx', /"blue"/],
    ['react-detail.tsx', /membership/],
    ['react-misspelt-event.tsx', /implicitly has an 'any' type/],
    ['react-vue-spelling.tsx', /onMembershipSignupComplete/],
    ['react-frame-no-src.tsx', /src/],
    ['vue-react-spelling.ts', /onmembership-signup-complete/],
    ['vue-detail.ts', /code/],
  ] as const) {
    it(`reject ${name.replace(/\.tsx?$/, '')}`, () => {
      const found = errors.get(name) ?? [];
      assert.ok(found.some((message) => why.test(message)), `${name}: ${found.join(' | ') || 'no error'}`);
    });
  }
});

// Vue templates are checked by vue-tsc (what Volar runs in an editor), not by tsc: the guide's
// `GlobalComponents` declaration and its single-file component, as a reader pastes them, plus
// components that get the element wrong. (Vue lets an undeclared attribute fall through to the
// element, so a misspelt attribute in a template is not an error; in a render function it is.)
const vueOut = join(root, '.build/frameworks-vue');
const vueCases: Record<string, string> = {
  'Theme.vue': `<template><membership-signup organization="acme" theme="blue" /></template>`,
  'Token.vue': `<template><membership-signup organization="acme" :authToken="42" /></template>`,
  'Detail.vue': `<template><membership-signup organization="acme" @membership-signup-error="(event) => event.detail.membership" /></template>`,
  'OtherEvent.vue': `<script setup lang="ts">
import type { MembershipSignupEvent } from '@memberkit/signup';
const onError = (event: MembershipSignupEvent<'membership-signup-error'>) => event.detail.code;
</script>
<template><membership-signup organization="acme" @membership-signup-complete="onError" /></template>`,
  'MisspeltEvent.vue': `<template><membership-signup organization="acme" @membership-signup-done="(event) => event.detail" /></template>`,
  'FrameNoSrc.vue': `<template><membership-signup-frame frame-title="Join" /></template>`,
  // What the guide says to do on the frame: a typed function beside its kebab-case attributes.
  'FrameRight.vue': `<script setup lang="ts">
import type { MembershipSignupEvent } from '@memberkit/signup';
const onComplete = (event: MembershipSignupEvent<'membership-signup-complete'>) => event.detail.signup.status;
</script>
<template><membership-signup-frame src="https://signup.example/frame.html" frame-title="Join" checkout-origins="https://checkout.stripe.com" @membership-signup-complete="onComplete" /></template>`,
};

/** The guide's blocks: its `GlobalComponents` declaration and every ```vue component. */
function vueGuide(): { declaration: string; components: string[] } {
  const guide = readFileSync(join(root, 'docs/guides/frameworks.md'), 'utf8');
  const blocks = [...guide.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map(([, lang, code]) => ({ lang: lang!, code: code! }));
  const declaration = blocks.find((block) => block.lang === 'ts' && block.code.includes('GlobalComponents'));
  assert.ok(declaration, 'the guide declares GlobalComponents in a ts block');
  return { declaration: declaration.code, components: blocks.filter((block) => block.lang === 'vue').map((block) => block.code) };
}

function vueErrorsByFile(components: string[], declaration: string): Map<string, string[]> {
  rmSync(vueOut, { recursive: true, force: true });
  mkdirSync(vueOut, { recursive: true });
  const files: Record<string, string> = { ...vueCases, 'env.d.ts': declaration };
  components.forEach((code, index) => (files[`Guide${index + 1}.vue`] = code));
  for (const [name, code] of Object.entries(files)) writeFileSync(join(vueOut, name), code);
  writeFileSync(
    join(vueOut, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: [],
        skipLibCheck: true,
      },
      include: ['*.ts', '*.vue'],
    }),
  );
  const result = spawnSync(process.execPath, [join(root, 'node_modules/vue-tsc/bin/vue-tsc.js'), '-p', join(vueOut, 'tsconfig.json')], {
    cwd: vueOut,
    encoding: 'utf8',
  });
  const errors = new Map<string, string[]>(Object.keys(files).map((name) => [name, []]));
  // "File.vue(4,42): error TS2322: …", continuation lines indented beneath it.
  let current: string[] | undefined;
  for (const line of `${result.stdout}${result.stderr}`.split('\n')) {
    const match = /^([\w.-]+)\(\d+,\d+\): error (.*)$/.exec(line);
    if (match) {
      current = errors.get(match[1]!) ?? [];
      errors.set(match[1]!, current);
      current.push(match[2]!);
    } else if (line.trim() && current) current[current.length - 1] += ` ${line.trim()}`;
    else if (line.trim()) errors.set('(vue-tsc)', [...(errors.get('(vue-tsc)') ?? []), line]);
  }
  return errors;
}

describe('Vue 3 templates of both elements, checked by vue-tsc', () => {
  const guide = vueGuide();
  const errors = vueErrorsByFile(guide.components, guide.declaration);
  it("the guide's GlobalComponents declaration and its single-file component typecheck, and the frame with a typed handler", () => {
    assert.ok(guide.components.length > 0, 'the guide has a ```vue component');
    assert.deepEqual(
      [...errors].filter(([name, list]) => (name.startsWith('Guide') || name === 'FrameRight.vue' || name === 'env.d.ts' || name === '(vue-tsc)') && list.length > 0),
      [],
    );
  });
  for (const [name, why] of [
    ['Theme.vue', /"blue"/],
    ['Token.vue', /number/],
    ['Detail.vue', /membership/],
    ['OtherEvent.vue', /membership-signup-complete/],
    ['MisspeltEvent.vue', /implicitly has an 'any' type/],
    ['FrameNoSrc.vue', /src/],
  ] as const) {
    it(`reject ${name.replace(/\.vue$/, '')}`, () => {
      const found = errors.get(name) ?? [];
      assert.ok(found.some((message) => why.test(message)), `${name}: ${found.join(' | ') || 'no error'}`);
    });
  }
});
