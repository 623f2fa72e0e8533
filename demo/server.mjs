// A tiny static server (no dependencies) for the demo, the end-to-end tests and the benchmarks:
// the demo pages, the built bundles under /dist/, msw's worker at /mockServiceWorker.js, and
// optionally the sandbox API itself under /v1/ (answered in Node by the sandbox's msw handlers,
// for pages that cannot run a service worker, such as a strict Trusted Types page).
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** Resolves a URL path inside `base`, refusing anything that climbs out of it. */
function inside(base, urlPath) {
  const file = normalize(join(base, decodeURIComponent(urlPath)));
  return file === base || file.startsWith(base.endsWith(sep) ? base : base + sep) ? file : undefined;
}

/**
 * Starts the server on `port` (0: any free port) and `host`. Options:
 * - `routes`: extra `{ [urlPath]: filePath | { body, type } }` (tests' own pages);
 * - `headers(urlPath)`: extra response headers per path (a CSP, for instance);
 * - `sandbox`: a sandbox whose handlers answer `/v1/*` (create it with `baseUrl` = this origin + `/v1`).
 * Resolves with `{ url, port, close() }`.
 */
export function serve({ port = 4400, host = '127.0.0.1', routes = {}, headers = () => ({}), sandbox } = {}) {
  // /dist/ = the built bundles; /demo/ and / = this folder (its own build output is /demo/dist/).
  const mounts = [
    ['/dist/', join(repositoryRoot, 'packages/signup/dist')],
    ['/demo/', join(repositoryRoot, 'demo')],
    ['/', join(repositoryRoot, 'demo')],
  ];
  const mswWorker = require.resolve('msw/mockServiceWorker.js');
  let getResponse;
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? host}`);
    const path = url.pathname;
    const extra = headers(path) ?? {};
    try {
      if (sandbox && path.startsWith('/v1/')) {
        getResponse ??= (await import('msw')).getResponse;
        // The client hanging up aborts the handler's request, as a browser's fetch would (an
        // injected timeout then stops waiting instead of running on).
        const hangUp = new AbortController();
        response.on('close', () => {
          if (!response.writableFinished) hangUp.abort();
        });
        const chunks = [];
        for await (const chunk of request) chunks.push(chunk);
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const mocked = await getResponse(
          sandbox.handlers,
          new Request(url, {
            method: request.method,
            headers: request.headers,
            body: body?.length ? body : undefined,
            signal: hangUp.signal,
          }),
        );
        if (!mocked) {
          response.writeHead(404, extra).end();
          return;
        }
        if (mocked.type === 'error' || mocked.status === 0) {
          // A network error (an injected lost response): drop the connection without an answer,
          // so the client sees what a real lost response looks like, not a 500.
          response.destroy();
          return;
        }
        response.writeHead(mocked.status, { ...Object.fromEntries(mocked.headers), ...extra });
        response.end(Buffer.from(await mocked.arrayBuffer()));
        return;
      }
      const route = routes[path];
      if (route && typeof route === 'object') {
        response.writeHead(200, { 'content-type': route.type ?? types[extname(path)] ?? 'text/plain', ...extra });
        response.end(route.body);
        return;
      }
      let file = typeof route === 'string' ? route : undefined;
      if (!file && path === '/mockServiceWorker.js') file = mswWorker;
      if (!file) {
        const [prefix, base] = mounts.find(([prefix]) => path.startsWith(prefix));
        file = inside(base, path.slice(prefix.length - 1));
        if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      }
      if (!file || !existsSync(file)) {
        response.writeHead(404, { 'content-type': 'text/plain', ...extra }).end('Not found');
        return;
      }
      response.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...extra,
      });
      createReadStream(file).pipe(response);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({
        port: actual,
        url: `http://${host}:${actual}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
        server,
      });
    });
  });
}
