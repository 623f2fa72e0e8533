// The script-tag entry: `membership-signup.js`, and `membership-signup.classic.js` (the same as a
// classic script). It is small so that it runs at once: it starts each widget's signup-config
// request (those in the page, and those added while the element's code is on its way), then
// imports the element's chunk from next to itself. The plans then wait for one round trip or for
// the chunk, whichever is slower, instead of the two one after the other.
import { prefetchSignupConfig } from './prefetch.js';

declare const __MK_CLASSIC__: boolean | undefined;

const TAG = 'membership-signup';
/** Set by the first copy of the loader on a page (a CMS plugin and a pasted tag load it twice). */
const STARTED = Symbol.for('memberkit.loader');

const global = globalThis as { [STARTED]?: boolean };
if (!global[STARTED]) {
  global[STARTED] = true;
  // An IIFE has no import.meta: the classic script knows its URL only while it first runs.
  const here = typeof __MK_CLASSIC__ !== 'undefined' && __MK_CLASSIC__ ? (document.currentScript as HTMLScriptElement).src : import.meta.url;
  if (!customElements.get(TAG)) {
    // Without `api-base`, the widget talks to the server that served this script.
    const defaultBase = new URL('/v1', here).href;
    const seen = new WeakSet<Element>();
    const start = (element: Element) => {
      if (seen.has(element)) return;
      seen.add(element);
      prefetchSignupConfig(element, defaultBase);
    };
    document.querySelectorAll(TAG).forEach(start);
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          if (node.localName === TAG) start(node);
          node.querySelectorAll(TAG).forEach(start);
        }
      }
    });
    observer.observe(document, { childList: true, subtree: true });
    void customElements.whenDefined(TAG).then(() => observer.disconnect());
  }
  void import(/* @vite-ignore */ new URL('chunks/element.js', here).href);
}

export {};
