// Writes custom-elements.json (the Custom Elements Manifest editors and docs tools read) for
// <membership-signup> from its source: the class JSDoc (@fires, @slot, @csspart, @cssprop), the
// reactive properties with their attributes, and src/events.ts; and for <membership-signup-frame>
// from src/frame/host.ts (its class JSDoc's @attr tags; it re-dispatches the same events). Run by
// the Vite build.
import { readFileSync, writeFileSync } from 'node:fs';

const here = new URL('..', import.meta.url);
const source = readFileSync(new URL('src/membership-signup/membership-signup.ts', here), 'utf8');
const version = JSON.parse(readFileSync(new URL('package.json', here), 'utf8')).version;

const classDoc = source.slice(source.lastIndexOf('/**', source.indexOf('export class MembershipSignup')), source.indexOf('export class MembershipSignup'));
const tags = (name) =>
  [...classDoc.matchAll(new RegExp(`@${name} ([^\\s]+)(?: - (.*))?`, 'g'))].map(([, tagName, description]) => ({
    name: tagName,
    description: (description ?? '').trim(),
  }));
const summary = /@summary (.*)/.exec(classDoc)?.[1] ?? '';

const members = [];
const attributes = [];
// The reactive properties: their options in `static override properties = { name: { … } }`, their
// description and type where each is declared (`/** … */ declare name: type;`); states are private.
const block = /static override properties = \{([^]*?)\n {2}\};/.exec(source)?.[1] ?? '';
const optionsOf = new Map([...block.matchAll(/^\s*(\w+): (\{[^}]*\}),/gm)].map(([, name, options]) => [name, options]));
const propertyPattern = /\/\*\* ([^*]*?) \*\/\s*declare (\w+): ([^;]+);/g;
for (const [, description, name, type] of source.matchAll(propertyPattern)) {
  const options = optionsOf.get(name);
  if (options === undefined) continue;
  const attribute = /attribute: '([^']+)'/.exec(options)?.[1] ?? (/attribute: false/.test(options) ? null : name.toLowerCase());
  const member = { kind: 'field', name, description: description.trim(), type: { text: (type ?? 'string').trim() } };
  if (attribute) member.attribute = attribute;
  members.push(member);
  if (attribute) attributes.push({ name: attribute, fieldName: name, description: description.trim(), type: member.type });
}
// Public methods: a JSDoc block right before `name(…): type {` at class-member indentation
// (private #methods and lifecycle overrides have no JSDoc of that shape).
const methodPattern = /\/\*\*((?:(?!\*\/)[^])*)\*\/\n {2}(\w+)\(([^)]*)\): ([^{]+?) \{/g;
for (const [, doc, name, parameters, returns] of source.matchAll(methodPattern)) {
  const description = doc.replace(/^\s*\* ?/gm, '').replace(/\s+/g, ' ').trim();
  const method = { kind: 'method', name, description, return: { type: { text: returns.trim() } } };
  if (parameters.trim()) method.parameters = parameters.split(',').map((p) => ({ name: p.split(':')[0].trim(), type: { text: p.split(':').slice(1).join(':').trim() } }));
  members.push(method);
}
members.push({
  kind: 'field',
  name: 'authToken',
  description: 'An injected member token. Kept in memory only: never reflected, stored, logged or evented.',
  type: { text: 'string | undefined' },
  attribute: 'auth-token',
});
attributes.push({ name: 'auth-token', fieldName: 'authToken', description: 'A member token (read once; never reflected).', type: { text: 'string' } });

// <membership-signup-frame>: a plain HTMLElement, so its attributes come from the class JSDoc's
// `@attr name - description` tags (a description may continue on the following ` *   ` lines).
const frameSource = readFileSync(new URL('src/frame/host.ts', here), 'utf8');
const frameClassAt = frameSource.indexOf('export class MembershipSignupFrameElement');
const frameDoc = frameSource.slice(frameSource.lastIndexOf('/**', frameClassAt), frameClassAt);
const frameSummary = frameDoc.replace(/^\s*\/?\*+\/? ?/gm, '').split('\n@')[0].replace(/\s+/g, ' ').trim();
const frameAttributes = [...frameDoc.matchAll(/@attr (\S+) - ((?:.|\n \*   )*)/g)].map(([, name, description]) => ({
  name,
  description: description.replace(/\n \* +/g, ' ').trim(),
  type: { text: 'string' },
}));
const frameMembers = [
  { kind: 'field', name: 'authToken', description: "The member's token. Memory only, never reflected to an attribute; changing it after the frame took one reloads the frame.", type: { text: 'string | null' } },
  { kind: 'field', name: 'getAuthToken', description: 'Called when the frame needs a token (missing or expired).', type: { text: '(() => Promise<string>) | null | undefined' } },
  { kind: 'field', name: 'frame', description: 'The iframe this element created; undefined until connected.', type: { text: 'HTMLIFrameElement | undefined' }, readonly: true },
];
const frameEvents = tags('fires').map(({ name, description }) => ({
  name,
  description: `Re-dispatched from the frame with the same detail: ${description}`,
  type: { text: `MembershipSignupEvent<'${name}'>` },
}));

const manifest = {
  schemaVersion: '1.0.0',
  readme: 'README.md',
  modules: [
    {
      kind: 'javascript-module',
      path: 'src/membership-signup/membership-signup.ts',
      declarations: [
        {
          kind: 'class',
          name: 'MembershipSignup',
          tagName: 'membership-signup',
          customElement: true,
          summary,
          description: `@memberkit/signup ${version}`,
          superclass: { name: 'LitElement', package: 'lit' },
          attributes,
          members,
          events: tags('fires').map(({ name, description }) => ({ name, description, type: { text: `MembershipSignupEvent<'${name}'>` } })),
          slots: tags('slot'),
          cssParts: tags('csspart'),
          cssProperties: tags('cssprop'),
        },
      ],
      exports: [{ kind: 'js', name: 'MembershipSignup', declaration: { name: 'MembershipSignup', module: 'src/membership-signup/membership-signup.ts' } }],
    },
    {
      kind: 'javascript-module',
      path: 'src/define.ts',
      declarations: [],
      exports: [
        { kind: 'custom-element-definition', name: 'membership-signup', declaration: { name: 'MembershipSignup', module: 'src/membership-signup/membership-signup.ts' } },
      ],
    },
    {
      kind: 'javascript-module',
      path: 'src/frame/host.ts',
      declarations: [
        {
          kind: 'class',
          name: 'MembershipSignupFrameElement',
          tagName: 'membership-signup-frame',
          customElement: true,
          summary: frameSummary,
          description: `@memberkit/signup/frame ${version}`,
          superclass: { name: 'HTMLElement' },
          attributes: frameAttributes,
          members: frameMembers,
          events: frameEvents,
        },
      ],
      exports: [{ kind: 'js', name: 'MembershipSignupFrameElement', declaration: { name: 'MembershipSignupFrameElement', module: 'src/frame/host.ts' } }],
    },
    {
      kind: 'javascript-module',
      path: 'src/frame/define.ts',
      declarations: [],
      exports: [
        { kind: 'custom-element-definition', name: 'membership-signup-frame', declaration: { name: 'MembershipSignupFrameElement', module: 'src/frame/host.ts' } },
      ],
    },
  ],
};
writeFileSync(new URL('custom-elements.json', here), `${JSON.stringify(manifest, null, 2)}\n`);
