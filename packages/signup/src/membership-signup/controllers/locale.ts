// The member's language, one concern: the `locale` attribute, else the nearest `lang` (followed as
// a page switches it later, inside a component's shadow root too), else <html lang>; and its
// catalogue, loaded on demand. In the first chunk: the plans are worded from it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { canonicalLocale, enFirst, loadCatalogue, resolveLocale, type PlansWords } from '../../i18n/index.js';

export interface LocaleElement extends ReactiveControllerHost, HTMLElement {
  locale: string | undefined;
}

export class LocaleController implements ReactiveController {
  /** The member's language (BCP 47). */
  locale = 'en';
  /** Its catalogue, once loaded (English's plans words until then: the steps chunk has the rest). */
  t: PlansWords = enFirst;
  readonly #element: LocaleElement;
  /** The console was told once that `locale` is no language tag. */
  #warned = false;
  /** Follows `lang` on the element, its ancestors and <html>: a page may switch language later. */
  #observer = new MutationObserver(() => (this.resolve(), this.#element.requestUpdate()));

  constructor(element: LocaleElement) {
    this.#element = element;
    element.addController(this);
  }

  hostConnected(): void {
    // A subtree does not reach into shadow roots: inside a component, its own root holds the
    // ancestors resolveLocale reads (and the element itself); <html lang> is the fallback.
    const root = this.#element.getRootNode();
    for (const target of root instanceof ShadowRoot ? [document.documentElement, root] : [document.documentElement]) {
      this.#observer.observe(target, { attributeFilter: ['lang'], subtree: true });
    }
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }

  /** The language again, and its catalogue: the element updates once that has loaded. */
  resolve(): Promise<unknown> {
    const element = this.#element;
    if (element.locale && !canonicalLocale(element.locale) && !this.#warned) {
      this.#warned = true;
      console.warn(`<${element.localName}>: locale="${element.locale}" is not a valid language tag; ignored.`);
    }
    const locale = (this.locale = resolveLocale(element, element.locale));
    return loadCatalogue(locale).then((t) => {
      if (this.locale === locale) (this.t = t), element.requestUpdate();
    });
  }
}
