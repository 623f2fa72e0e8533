// `npm start`: installs dependencies when missing, builds, then runs memberkit-server on the
// embedded database with the demo organizations and the payment stand-in, serving the demo page
// against it at http://localhost:4400 (over real HTTP, the widget from the server's own origin).
// The in-browser sandbox demo (msw in the page) is at http://localhost:4402, and its iframe demo's
// frame origin at http://127.0.0.1:4401, as before.
import { ensureDependencies, run } from './run.mjs';

ensureDependencies();
if (!process.argv.includes('--no-build')) {
  console.log('Building…');
  const { code } = await run('node', ['scripts/build.mjs']);
  if (code !== 0) process.exit(code);
}

const { createServer, parseConfig, ConfigError } = await import('@memberkit/server');
const { demoIds } = await import('@memberkit/api');
const { serve } = await import('../demo/server.mjs');
const { serverDemoPages } = await import('../demo/server-pages.mjs');
let config;
try {
  config = parseConfig({ LOG_LEVEL: 'warn', ...process.env }, { demo: true });
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
const server = await createServer(config, { pages: serverDemoPages });
const url = (await server.listen()).replace('127.0.0.1', 'localhost');

// The in-browser sandbox demo, one link away, and its iframe demo (the frame origin answers the
// API itself from a sandbox in Node: browsers block service workers in third-party frames).
const { createSandbox } = await import('@memberkit/sandbox');
const frameSandbox = createSandbox({ baseUrl: 'http://127.0.0.1:4401/v1' });
const hostRoutes = {
  get '/frame-demo/member-token'() {
    return { body: JSON.stringify({ token: frameSandbox.issueMemberToken('demo', 'alice@example.org') }), type: 'application/json' };
  },
};
const statics = [
  await serve({ port: 4402, host: '127.0.0.1', routes: hostRoutes }),
  await serve({ port: 4401, host: '127.0.0.1', sandbox: frameSandbox }),
];
await serve({ port: 4402, host: '::1', routes: hostRoutes }).then((extra) => statics.push(extra), () => {});

console.log(`
memberkit demo ready:

  ${url}/                 the demo page on memberkit-server (embedded database, real HTTP)
  ${url}/openapi.json     the API's OpenAPI document
  data directory:  ${config.dataDir}
  organization:    ${demoIds.organization} (also ${demoIds.organizationJpy}, ${demoIds.organizationKwd})
  publishable keys (organization="…" in the script tag):
${Object.entries(demoIds.organizationKeys).map(([id, key]) => `    ${key.padEnd(24)} ${id}`).join('\n')}
  secret key:      ${demoIds.secretKey} (the demo organizations' admin key)
  Stripe publishable key: ${demoIds.publishableKey} (the payment stand-in's)

  http://localhost:4402/                 the in-browser sandbox demo (msw, test-mode checkout)
  http://localhost:4402/frame-host.html  the iframe mode, framed from http://127.0.0.1:4401

Press Ctrl+C to stop.`);

const stop = async () => {
  await Promise.all([server.close(), ...statics.map((extra) => extra.close())]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
