// `npm start`: installs dependencies when missing, builds, then serves the demo — an
// organization's page with <membership-signup> on the in-browser sandbox — at
// http://localhost:4400, and the same files at http://127.0.0.1:4401 (the frame origin of the
// iframe demo). No other dependencies: demo/server.mjs is a small Node static server.
import { ensureDependencies, run } from './run.mjs';

ensureDependencies();
const { serve } = await import('../demo/server.mjs');

if (!process.argv.includes('--no-build')) {
  console.log('Building…');
  const { code } = await run('node', ['scripts/build.mjs']);
  if (code !== 0) process.exit(code);
}

// The iframe demo's frame origin answers the API itself, from a sandbox running here in Node:
// browsers block storage (so msw's service worker) in third-party frames. The host origin's
// `/frame-demo/member-token` plays the organization's backend minting a member token.
const { createSandbox } = await import('@memberkit/sandbox');
const frameSandbox = createSandbox({ baseUrl: 'http://127.0.0.1:4401/v1' });
const memberToken = () => ({
  body: JSON.stringify({ token: frameSandbox.issueMemberToken('demo', 'alice@example.org') }),
  type: 'application/json',
});
const hostRoutes = {
  get '/frame-demo/member-token'() {
    return memberToken();
  },
};
const servers = [
  await serve({ port: 4400, host: '127.0.0.1', routes: hostRoutes }),
  await serve({ port: 4401, host: '127.0.0.1', sandbox: frameSandbox }),
];
// `localhost` may resolve to ::1 first: answer there too when IPv6 loopback exists.
await serve({ port: 4400, host: '::1', routes: hostRoutes }).then((server) => servers.push(server), () => {});

console.log(`
memberkit demo ready:

  http://localhost:4400/          an organization's page with <membership-signup> (sandbox API, test-mode checkout)
  http://localhost:4400/frame-host.html   the iframe mode: a host page framing the signup from http://127.0.0.1:4401
                                          (sign in as alice: the host passes a member token through the handshake)

Press Ctrl+C to stop.`);

const stop = async () => {
  await Promise.all(servers.map((server) => server.close()));
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
