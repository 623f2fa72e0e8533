export { MemoryStorage } from '../src/memory/storage.js';
export { sampleRows as sampleRowsForTest } from '../src/testing/sample-rows.js';
