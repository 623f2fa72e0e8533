// Picks the member's language and loads its catalogue: the `locale` attribute, then the nearest
// `lang` (the element or an ancestor), then `<html lang>`, then English. English is bundled; the
// other catalogues are separate chunks loaded on first use. English's plans words are bundled in
// the first chunk, its other words come with the steps chunk (see PlansWords): until then a
// catalogue here may be only the plans' words (English), hence the PlansWords type.
import type { Catalogue, PlansWords } from './catalogue.js';
import { enFirst } from './en-first.js';

export type { Catalogue, PlansWords } from './catalogue.js';
export { enFirst };

/** Imports a language's chunk. */
function importLanguage(language: string): Promise<{ default: Catalogue }> | undefined {
  switch (language) {
    case 'fr':
      return import('./fr.js');
    case 'de':
      return import('./de.js');
    case 'es':
      return import('./es.js');
    case 'ar':
      return import('./ar.js');
    default:
      return undefined;
  }
}

/** The languages with a catalogue. */
export const languages = ['en', 'fr', 'de', 'es', 'ar'];

const loaded = new Map<string, Promise<PlansWords>>([['en', Promise.resolve(enFirst)]]);


/** Canonicalizes a BCP 47 tag; undefined when it is not one. */
export function canonicalLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** The member's locale for `element`: `locale` attribute → nearest `lang` → `<html lang>` → en. */
export function resolveLocale(element: Element, localeAttribute: string | undefined): string {
  const fromAttribute = canonicalLocale(localeAttribute);
  if (fromAttribute) return fromAttribute;
  const nearest = element.closest('[lang]')?.getAttribute('lang');
  return canonicalLocale(nearest) ?? canonicalLocale(document.documentElement.lang) ?? 'en';
}

/** The catalogue for a locale's language (English when we have none, or it fails to load). */
export function loadCatalogue(locale: string): Promise<PlansWords> {
  const language = locale.split('-')[0]!.toLowerCase();
  let catalogue = loaded.get(language);
  if (!catalogue) {
    const loading = importLanguage(language);
    catalogue = loading ? loading.then((module): PlansWords => module.default, () => enFirst) : Promise.resolve(enFirst);
    loaded.set(language, catalogue);
  }
  return catalogue;
}
