/**
 * `@memberkit/api/testing`: conformance suites that another implementation of a port (the
 * server's SQL storage) runs to prove it behaves like the memory one. Node only (node:assert).
 * @module
 */
export { storageSuite, type StorageSuiteOptions, type SuiteFunctions } from './storage-suite.js';
export { sampleRows } from './sample-rows.js';
