// The theming playground (demo/theming.html): one editor per custom property and per part of
// <membership-signup>, read from the element's manifest so a new property or part appears here
// without editing this page. Every edit rebuilds one constructed style sheet adopted by the
// document: plain CSS outside the shadow root, the only way a page can theme the element.
import manifest from '../packages/signup/custom-elements.json';

interface Described {
  name: string;
  description?: string;
}
interface Declaration {
  tagName?: string;
  cssProperties?: Described[];
  cssParts?: Described[];
}

const declaration = (manifest.modules as { declarations?: Declaration[] }[])
  .flatMap((module) => module.declarations ?? [])
  .find((candidate) => candidate.tagName === 'membership-signup');
const properties = declaration?.cssProperties ?? [];
const parts = declaration?.cssParts ?? [];

const element = document.querySelector('membership-signup')!;
const sheet = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

/** What each editor holds now: a property's value, or a part's declarations. */
const edited = { properties: new Map<string, string>(), parts: new Map<string, string>() };

/** The stylesheet a page would paste: the edited properties on the element, then a rule per part. */
function stylesheet(): string {
  const rules: string[] = [];
  const declarations = [...edited.properties].filter(([, value]) => value.trim()).map(([name, value]) => `  ${name}: ${value.trim()};`);
  if (declarations.length) rules.push(`membership-signup {\n${declarations.join('\n')}\n}`);
  for (const [name, body] of edited.parts) {
    if (body.trim()) rules.push(`membership-signup::part(${name}) {\n${body.trim().split('\n').map((line) => `  ${line.trim()}`).join('\n')}\n}`);
  }
  return rules.join('\n');
}

const output = document.querySelector('#theme-css')!;
function apply(): void {
  const css = stylesheet();
  sheet.replaceSync(css);
  output.textContent = css || '/* No edits yet. */';
}

/** A labelled editor; `id` keys it (`mk-property-…`, `mk-part-…`) for the label and for tests. */
function editor(container: Element, id: string, label: string, description: string | undefined, control: HTMLInputElement | HTMLTextAreaElement): void {
  const row = document.createElement('p');
  const caption = document.createElement('label');
  caption.htmlFor = id;
  const code = document.createElement('code');
  code.textContent = label;
  caption.append(code);
  control.id = id;
  row.append(caption, document.createElement('br'), control);
  if (description) {
    const hint = document.createElement('small');
    hint.textContent = ` ${description}`;
    caption.append(hint);
  }
  container.append(row);
}

const propertyList = document.querySelector('#custom-properties')!;
for (const property of properties) {
  const input = document.createElement('input');
  input.type = 'text';
  input.dataset.property = property.name;
  input.spellcheck = false;
  input.autocomplete = 'off';
  input.addEventListener('input', () => {
    edited.properties.set(property.name, input.value);
    apply();
  });
  editor(propertyList, `mk-property-${property.name.slice(2)}`, property.name, property.description, input);
}

const partList = document.querySelector('#parts')!;
for (const part of parts) {
  const area = document.createElement('textarea');
  area.rows = 2;
  area.dataset.part = part.name;
  area.spellcheck = false;
  area.placeholder = 'e.g. border-width: 2px;';
  area.addEventListener('input', () => {
    edited.parts.set(part.name, area.value);
    apply();
  });
  editor(partList, `mk-part-${part.name}`, `::part(${part.name})`, part.description, area);
}

/** An example value for a property, by what its name says it sets. */
function example(name: string): string {
  if (name.includes('color')) return 'e.g. #0f5e4a';
  if (name.endsWith('radius')) return 'e.g. 10px';
  if (name.endsWith('font')) return 'e.g. 1rem/1.5 Georgia, serif';
  if (name.endsWith('width')) return 'e.g. 36rem';
  return 'e.g. 0.875rem';
}
for (const input of propertyList.querySelectorAll<HTMLInputElement>('input[data-property]')) input.placeholder = example(input.dataset.property!);

const theme = document.querySelector<HTMLSelectElement>('#theme-select')!;
theme.value = element.getAttribute('theme') ?? 'light';
theme.addEventListener('change', () => element.setAttribute('theme', theme.value));

document.querySelector('#reset-theme')!.addEventListener('click', () => {
  edited.properties.clear();
  edited.parts.clear();
  for (const control of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('#theme-editor input, #theme-editor textarea')) control.value = '';
  apply();
});

apply();
