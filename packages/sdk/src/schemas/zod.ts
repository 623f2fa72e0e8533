// The one place the schema files import zod from: jitless mode must be on before any schema is
// defined, so that strict-CSP pages never see zod probe `new Function`.
import { config, multipleOf, number, object as zodObject, type core } from 'zod/mini';

export * from 'zod/mini';

/**
 * `z.object`, reachable only through the `config` call: the package is `sideEffects: false`, and
 * bundlers (esbuild, rolldown) drop a bare top-level `config(…)` of a module whose exports are
 * all re-exports. Every schema file builds its objects with this, so the call always comes along.
 */
export const object: typeof zodObject = (config({ jitless: true }), zodObject);

/** An integer number with more checks (`multipleOf(1)`: smaller in the bundle than `z.int()`). */
export const integer = (...checks: core.$ZodCheck<number>[]) => number().check(multipleOf(1), ...checks);
