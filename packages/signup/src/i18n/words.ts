// The whole catalogue, once the steps chunk is here (it imports this module): English's steps
// words join its plans' words; every other language already is a whole Catalogue.
import type { Catalogue, PlansWords } from './catalogue.js';
import { en } from './en.js';
import { enFirst } from './en-first.js';

/** `t` (what loadCatalogue answered) as a whole Catalogue: only English is ever partial. */
export const wholeWords = (t: PlansWords): Catalogue => (t === enFirst ? en : (t as Catalogue));
