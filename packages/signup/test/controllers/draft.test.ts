// The draft controller on its own (controllers/draft.ts), on a small Lit element of its own: the
// key each widget claims on a page, the draft kept in sessionStorage on every change, the draft a
// reload resumes (one of the wrong shape dropped) and dropping it.
import { expect, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { DraftController, draftKey } from '../../src/membership-signup/controllers/draft.js';
import { emptyDraft } from '../../src/membership-signup/draft.js';

class DraftHost extends LitElement {
  static override properties = { organization: {} };
  declare organization: string | undefined;
  draft = new DraftController(this);
  renders = 0;
  protected override render() {
    this.renders++;
    return html`${this.draft.value.email}`;
  }
}
customElements.define('draft-host', DraftHost);

const stored = (key: string) => JSON.parse(sessionStorage.getItem(key) ?? 'null') as Record<string, unknown> | null;

async function host(attributes: { organization?: string; id?: string } = {}, parent?: HTMLElement): Promise<DraftHost> {
  const element = document.createElement('draft-host') as DraftHost;
  if (attributes.organization) element.setAttribute('organization', attributes.organization);
  if (attributes.id) element.id = attributes.id;
  (parent ?? document.body).append(element);
  await element.updateComplete;
  return element;
}

describe('DraftController', () => {
  const made: HTMLElement[] = [];
  const add = async (attributes?: { organization?: string; id?: string }, parent?: HTMLElement) => {
    const element = await host(attributes, parent);
    made.push(element);
    return element;
  };
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    for (const element of made.splice(0)) element.remove();
    sessionStorage.clear();
  });

  it("keeps every change under the organization's key, and the element renders it", async () => {
    const el = await add({ organization: 'demo' });
    el.draft.save({ email: 'a@example.org', step: 'details' });
    await el.updateComplete;
    expect(stored('memberkit:signup:demo')).to.include({ email: 'a@example.org', step: 'details' });
    expect(el.draft.value.email).to.equal('a@example.org');
    expect(el.shadowRoot!.textContent).to.contain('a@example.org');
  });

  it("keeps each widget's draft apart: its id names it, one without gets its place among its organization's widgets and a warning", async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const named = await add({ organization: 'demo', id: 'first' });
      const a = await add({ organization: 'demo' });
      const b = await add({ organization: 'demo' });
      const other = await add({ organization: 'other' });
      named.draft.save({ email: 'named@example.org' });
      a.draft.save({ email: 'a@example.org' });
      b.draft.save({ email: 'b@example.org' });
      other.draft.save({ email: 'other@example.org' });
      expect(stored(draftKey('demo', 'first'))?.email).to.equal('named@example.org');
      expect(stored(draftKey('demo', '1'))?.email).to.equal('a@example.org');
      expect(stored(draftKey('demo', '2'))?.email).to.equal('b@example.org');
      expect(stored(draftKey('other', ''))?.email).to.equal('other@example.org');
      expect(stored(draftKey('demo', ''))).to.equal(null);
      // Each widget without an id past the first of its organization is told once (`named`, with an
      // id, is the first: `a` and `b`); `other` is its organization's first.
      expect(warnings.filter((line) => line.includes('its own id'))).to.have.length(2);
    } finally {
      console.warn = warn;
    }
  });

  it('gives a key another connected widget holds (one in a shadow root) a further suffix, and frees it when that widget leaves', async () => {
    const outer = await add({ organization: 'demo', id: 'x' });
    const component = document.createElement('div');
    document.body.append(component);
    made.push(component);
    const shadow = component.attachShadow({ mode: 'open' });
    const inner = document.createElement('draft-host') as DraftHost;
    inner.setAttribute('organization', 'demo');
    inner.id = 'x';
    shadow.append(inner);
    await inner.updateComplete;
    outer.draft.save({ email: 'outer@example.org' });
    inner.draft.save({ email: 'inner@example.org' });
    expect(stored(draftKey('demo', 'x'))?.email).to.equal('outer@example.org');
    expect(stored(draftKey('demo', 'x~1'))?.email).to.equal('inner@example.org');
    // The outer widget leaves (a reload): the next widget with that id takes its key and its draft.
    outer.remove();
    const again = await add({ organization: 'demo', id: 'x' });
    expect(again.draft.resume()?.email).to.equal('outer@example.org');
  });

  it('claims another key when the organization or id changes after connecting (a framework sets them late)', async () => {
    const el = await add();
    el.organization = 'demo';
    el.id = 'late';
    el.draft.claim();
    el.draft.save({ email: 'late@example.org' });
    expect(stored(draftKey('demo', 'late'))?.email).to.equal('late@example.org');
    // The key without organization was freed: another widget takes it, not a suffixed one.
    const bare = await add();
    bare.organization = 'x';
    bare.draft.save({ email: 'bare@example.org' });
    expect(stored(draftKey('', ''))?.email).to.equal('bare@example.org');
  });

  it('stores nothing without an organization (no key names it), and keeps the draft in memory', async () => {
    const el = await add();
    el.draft.save({ email: 'a@example.org' });
    expect(sessionStorage.length).to.equal(0);
    expect(el.draft.value.email).to.equal('a@example.org');
  });

  it('resumes the draft a reload left, with the defaults of fields it did not have', async () => {
    const { autoRenew: _, ...older } = { ...emptyDraft(), email: 'a@example.org', step: 'review' as const, idempotencyKey: 'k-1' };
    sessionStorage.setItem(draftKey('demo', ''), JSON.stringify(older));
    const el = await add({ organization: 'demo' });
    const resumed = el.draft.resume();
    expect(resumed).to.include({ email: 'a@example.org', step: 'review', idempotencyKey: 'k-1', autoRenew: false });
  });

  for (const [what, value] of [
    ['not JSON', '{"v":1,'],
    ['a draft of another version', JSON.stringify({ ...emptyDraft(), v: 2 })],
    ['a step no reload resumes at', JSON.stringify({ ...emptyDraft(), step: 'done' })],
    ['a field of the wrong type', JSON.stringify({ ...emptyDraft(), email: 42 })],
    ['an answer of the wrong shape', JSON.stringify({ ...emptyDraft(), fields: { size: { no: 1 } } })],
    ['a person of the wrong shape', JSON.stringify({ ...emptyDraft(), groupMembers: [{ email: 'a@example.org' }] })],
    ['a discount of the wrong shape', JSON.stringify({ ...emptyDraft(), discount: { code: 'X' } })],
    ['a number', '42'],
  ] as const) {
    it(`drops ${what} under its key: nothing resumes, and the key is empty`, async () => {
      const key = draftKey('demo', '');
      sessionStorage.setItem(key, value);
      const el = await add({ organization: 'demo' });
      el.draft.save({ email: 'typed@example.org' });
      sessionStorage.setItem(key, value);
      expect(el.draft.resume()).to.equal(undefined);
      expect(sessionStorage.getItem(key)).to.equal(null);
      // The draft in memory goes too: nothing of it is rendered.
      expect(el.draft.value).to.deep.equal(emptyDraft());
    });
  }

  it('drops the draft: the stored one and the one in memory, and the element renders the empty one', async () => {
    const el = await add({ organization: 'demo' });
    el.draft.save({ email: 'a@example.org' });
    await el.updateComplete;
    const renders = el.renders;
    el.draft.drop();
    await el.updateComplete;
    expect(sessionStorage.getItem(draftKey('demo', ''))).to.equal(null);
    expect(el.draft.value).to.deep.equal(emptyDraft());
    expect(el.renders).to.equal(renders + 1);
    expect(el.shadowRoot!.textContent).not.to.contain('a@example.org');
    expect(el.draft.resume()).to.equal(undefined);
  });

  it('keeps the draft in memory when storage refuses it (quota, blocked storage)', async () => {
    const el = await add({ organization: 'demo' });
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      el.draft.save({ email: 'a@example.org' });
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(el.draft.value.email).to.equal('a@example.org');
    expect(sessionStorage.getItem(draftKey('demo', ''))).to.equal(null);
  });
});
