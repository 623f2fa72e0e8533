// The one place the schema files import zod from: jitless mode must be on before any schema is
// defined, so that strict-CSP pages never see zod probe `new Function`.
import { config, object as zodObject } from 'zod/mini';

export * from 'zod/mini';

/**
 * `z.object`, reachable only through the `config` call: the package is `sideEffects: false`, and
 * bundlers (esbuild, rolldown) drop a bare top-level `config(…)` of a module whose exports are
 * all re-exports. Every schema file builds its objects with this, so the call always comes along.
 */
export const object: typeof zodObject = (config({ jitless: true }), zodObject);
