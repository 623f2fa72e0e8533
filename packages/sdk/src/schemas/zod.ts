// The one place zod is imported from: jitless mode must be on before any schema is defined, so
// that strict-CSP pages never see zod probe `new Function`.
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
