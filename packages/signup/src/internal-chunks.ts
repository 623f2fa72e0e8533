// Lazy chunks (languages, Stripe.js) for the classic-script build: an IIFE cannot use relative
// `import()` (it would resolve against the page, not the script), so it imports the ES build's
// chunks from next to itself. `__MK_CLASSIC__` is set by the Vite builds; elsewhere it is absent.
declare const __MK_CLASSIC__: boolean | undefined;

/** True in the classic-script (IIFE) build. */
export const classicBuild = typeof __MK_CLASSIC__ !== 'undefined' && __MK_CLASSIC__;

const scriptUrl = classicBuild ? (document.currentScript as HTMLScriptElement | null)?.src : undefined;

/** Imports `chunks/<name>.js` from next to the classic script. */
export function importChunk<T>(name: string): Promise<T> {
  return import(/* @vite-ignore */ new URL(`chunks/${name}.js`, scriptUrl ?? location.href).href) as Promise<T>;
}
