// The OpenAPI document: generated from the SDK's schemas, committed as docs/openapi.json (this
// fails while that copy is stale: `npm run openapi`), every reference resolving, and served at
// /openapi.json with the server's own origin.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import pino from 'pino';
import { createServer, openPgliteStorage, parseConfig } from '../src/index.js';
import { openApiDocument, openApiText, routes } from '../src/openapi.js';

const committed = new URL('../../../docs/openapi.json', import.meta.url);

describe('the OpenAPI document', () => {
  it('docs/openapi.json is what the SDK’s schemas generate today (else: npm run openapi)', () => {
    assert.equal(readFileSync(committed, 'utf8'), openApiText(), 'docs/openapi.json is stale: run `npm run openapi` and commit it');
  });

  it('is OpenAPI 3.1 with every route once, and every $ref resolves to a component', () => {
    const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { operationId: string }>>; components: { schemas: Record<string, unknown> } };
    assert.equal(document.openapi, '3.1.0');
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
    assert.equal(new Set(operations).size, routes.length);
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map(([, ref]) => ref!);
    assert.ok(refs.length > routes.length);
    for (const ref of refs) {
      const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
      assert.ok(name && Object.hasOwn(document.components.schemas, name), `${ref} resolves`);
    }
    // The signup's body is the SDK's, required fields included.
    const signup = document.components.schemas.SignupCreateParams as { required: string[] };
    assert.deepEqual([...signup.required].sort(), ['fields', 'member', 'membership_type_id']);
  });

  it('the server serves it at /openapi.json, naming its own origin', async () => {
    const server = await createServer(parseConfig({ PORT: '0', HOST: '127.0.0.1' }), {
      api: () => async () => new Response(null, { status: 404 }),
      logger: pino({ level: 'silent' }),
      storage: await openPgliteStorage(),
    });
    try {
      const response = await server.app.request('http://members.example:8080/openapi.json');
      assert.equal(response.status, 200);
      const served = await response.json();
      assert.deepEqual(served.servers, [{ url: 'http://members.example:8080/v1' }]);
      assert.deepEqual(served.paths, openApiDocument().paths);
    } finally {
      await server.close();
    }
  });
});
