// The member's draft, one concern: the sessionStorage key this widget claims on the page, the
// draft itself (written on every change), the draft a reload resumes (one failing its schema is
// dropped, ../draft.ts) and dropping it. In the first chunk: the key is claimed at connect and the
// draft read before the plans show.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emptyDraft, parseDraft, type Draft } from '../draft.js';

/** Draft keys that connected widgets hold on this page (see hostConnected); keys, not elements. */
const claimed = new Set<string>();

/**
 * `use(sessionStorage)`, or undefined where the page blocks storage (sandboxed frames, privacy
 * modes) or it fails (quota, a value that is not JSON): then the draft is in memory only.
 */
function stored<T>(use: (storage: Storage) => T): T | undefined {
  try {
    return use(sessionStorage);
  } catch {
    return undefined;
  }
}

/** The sessionStorage key of an organization's widget (the element's id, or its place on the page). */
export function draftKey(organization: string, elementId: string): string {
  return `memberkit:signup:${organization}${elementId ? `#${elementId}` : ''}`;
}

/** What the draft needs of its element: where it sits, its organization and id. */
export interface DraftElement extends ReactiveControllerHost, HTMLElement {
  organization: string | undefined;
}

export class DraftController implements ReactiveController {
  readonly #element: DraftElement;
  /** The console was told once that this widget needs an id. */
  #warned = false;
  /** The draft of the moment: read it here, change it with save and drop (which update the element). */
  value = emptyDraft();
  /** This widget's key, claimed at connect; kept after a disconnect for late writes. */
  #key = '';
  /** The organization and id #key was claimed for, and whether this widget holds it now. */
  #for = '';
  #held = false;

  constructor(element: DraftElement) {
    this.#element = element;
    element.addController(this);
  }



  /** Frees the key for other widgets (this one left the page); late writes still use it. */
  hostDisconnected(): void {
    if (this.#held) claimed.delete(this.#key);
    this.#held = false;
  }

  /** Before a load: attributes set after the element was connected (a framework) name another draft. */
  claim(): void {
    if (this.#for !== this.#owner()) {
      this.hostDisconnected();
      this.hostConnected();
    }
  }

  /** Changes the draft (a whole one replaces it) and keeps it (not without an organization: no key names it). */
  save(patch: Partial<Draft>): void {
    this.value = { ...this.value, ...patch };
    this.#element.requestUpdate();
    if (this.#element.organization) stored((storage) => storage.setItem(this.#key, JSON.stringify(this.value)));
  }

  /**
   * The draft a reload left under this widget's key. One of the wrong shape (the page, an
   * extension or an older widget may have left anything there) is dropped, and undefined returned:
   * kept, it would throw at every render, and "Try again" would not leave it.
   */
  resume(): Draft | undefined {
    const value = stored((storage) => JSON.parse(storage.getItem(this.#key) ?? 'null') as unknown);
    const draft = parseDraft(value);
    if (!draft && value !== null) this.drop();
    return draft;
  }

  /** Forgets the draft: the stored one, and the one in memory (an empty one instead). */
  drop(): void {
    stored((storage) => storage.removeItem(this.#key));
    this.value = emptyDraft();
    this.#element.requestUpdate();
  }

  #owner(): string {
    return `${this.#element.organization ?? ''}#${this.#element.id}`;
  }

  /**
   * Claims the draft's key: the organization plus the element's id; without an id, the element's
   * position among the widgets (of its tag) of that organization in its document or shadow root. A key another
   * connected widget holds (one in another component's shadow root) gets a further suffix, so two
   * widgets never share a draft and an idempotency key. Claimed in the order the widgets connect,
   * which a reload repeats (the order their answers arrive in may not). A second widget without an
   * id gets one warning: an id keeps its draft stable when widgets are added or removed.
   */
  hostConnected(): void {
    const element = this.#element;
    const organization = element.organization ?? '';
    let suffix = element.id;
    if (!suffix) {
      const same = [...(element.getRootNode() as ParentNode).querySelectorAll(element.localName)].filter(
        (other) => other.getAttribute('organization') === organization,
      );
      const index = same.indexOf(element);
      suffix = index > 0 ? String(index) : '';
    }
    let key = draftKey(organization, suffix);
    for (let n = 1; claimed.has(key); n++) key = draftKey(organization, `${suffix}~${n}`);
    if (!element.id && key !== draftKey(organization, '') && !this.#warned) {
      this.#warned = true;
      console.warn(`<${element.localName}>: a second widget of organization="${organization}" has no id: give each widget its own id so each keeps its own draft.`);
    }
    claimed.add(key);
    this.#key = key;
    this.#for = this.#owner();
    this.#held = true;
  }
}
