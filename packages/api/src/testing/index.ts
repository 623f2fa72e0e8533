/**
 * `@memberkit/api/testing`: conformance suites. `storageSuite`: what another implementation of
 * the Storage port (the server's SQL storages) runs to prove it behaves like the memory one.
 * `apiSuite`: the HTTP contract, driven with plain Requests through a fetch and a base URL, that
 * every host of the API runs against itself (see `ApiSuiteHost` for what it needs from one).
 * Node only (node:assert).
 * @module @memberkit/api/testing
 */
export { storageSuite, type StorageSuiteOptions, type SuiteFunctions } from './storage-suite.js';
export { sampleRows } from './sample-rows.js';
export { apiSuite, apiSuiteToday, type ApiSuiteHost, type SuitePayment } from './api-suite.js';
export { memorySuiteHost, type MemorySuiteHost } from './memory-host.js';
export { standInPaymentSteps } from './stand-in-payment-steps.js';
