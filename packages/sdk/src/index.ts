/**
 * @memberkit/sdk: the typed client for the memberkit membership API, its schemas, and the pure
 * domain calculators (terms and expiry, status, prices, custom fields).
 *
 * Import `@memberkit/sdk/calculators` to get the calculators alone (no HTTP, no schemas).
 * @module @memberkit/sdk
 */
export * from './calculators/index.js';
export * from './schemas/index.js';
export * from './client.js';
export * from './core/api-promise.js';
export * from './core/errors.js';
export * from './core/pagination.js';
export * from './core/request-options.js';
export { VERSION } from './version.js';
