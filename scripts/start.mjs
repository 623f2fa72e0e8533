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

const servers = [await serve({ port: 4400, host: '127.0.0.1' }), await serve({ port: 4401, host: '127.0.0.1' })];
// `localhost` may resolve to ::1 first: answer there too when IPv6 loopback exists.
await serve({ port: 4400, host: '::1' }).then((server) => servers.push(server), () => {});

console.log(`
memberkit demo ready:

  http://localhost:4400/          an organization's page with <membership-signup> (sandbox API, test-mode checkout)
  http://127.0.0.1:4401/          the same files on a second origin (frame origin for the iframe demo)

Press Ctrl+C to stop.`);

const stop = async () => {
  await Promise.all(servers.map((server) => server.close()));
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
