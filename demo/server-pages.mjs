// The demo's pages on memberkit-server (`npm start`, and the end-to-end test of that demo): the
// organization page at /, its bootstrap and styles. The widget itself comes from the server's
// own widget files (/membership-signup.js).
import { readFileSync } from 'node:fs';

const demo = new URL('./', import.meta.url);
const file = (name, type) => () =>
  new Response(readFileSync(new URL(name, demo)), { headers: { 'Content-Type': type, 'Cache-Control': 'no-cache' } });

export const serverDemoPages = {
  '/': file('server.html', 'text/html; charset=utf-8'),
  '/server-demo.js': file('server-demo.js', 'text/javascript; charset=utf-8'),
  '/demo.css': file('demo.css', 'text/css; charset=utf-8'),
};
