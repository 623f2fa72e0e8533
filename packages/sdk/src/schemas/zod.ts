// The one place the schema files import zod from: jitless mode must be on before any schema is
// defined, so that strict-CSP pages never see zod probe `new Function`.
import { config, object as zodObject } from 'zod/mini';

config({ jitless: true });

export * from 'zod/mini';

/**
 * `z.object`, through a binding of this module: bundlers then keep this module, and its `config`
 * call, even with `sideEffects: false` (plain re-exports alone would let them drop it).
 */
export const object: typeof zodObject = zodObject;
