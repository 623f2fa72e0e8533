// `npm run openapi`: writes docs/openapi.json, the OpenAPI document generated from the SDK's
// schemas (packages/server/src/openapi.ts). A server test fails while the committed copy is stale.
import { writeFileSync } from 'node:fs';
import { openApiText } from '../packages/server/src/openapi.ts';
import { root } from './run.mjs';

writeFileSync(`${root}docs/openapi.json`, openApiText());
console.log('wrote docs/openapi.json');
