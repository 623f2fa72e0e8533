// The iframe-mode demo page's own script (no inline script: the page runs under a strict CSP).
// Points <membership-signup-frame> at the sandbox frame page on the second demo origin, passes the
// demo's URL settings on, and shows the events the frame host re-dispatches.
// The host script exports the names of the events it re-dispatches (the same module the page's
// own script tag loads: one instance, one registration).
import { EVENT_NAMES } from '/dist/membership-signup-frame.js';

/** The sandbox frame page registers this token for alice@example.org (see demo/frame.ts). */
const DEMO_MEMBER_TOKEN = 'demo_member_token_alice';
const SETTINGS = ['membership-type', 'invitation', 'discount-code', 'locale', 'theme'];

const frame = document.getElementById('signup');
const here = new URLSearchParams(location.search);
// The frame origin: the second demo origin, or ?frame-origin=… (tests run on other ports).
const frameOrigin = here.get('frame-origin') ?? `${location.protocol}//127.0.0.1:4401`;
const src = new URL('/demo/dist/frame.html', frameOrigin);
src.searchParams.set('organization', here.get('organization') ?? 'demo');
for (const name of SETTINGS) if (here.get(name)) src.searchParams.set(name, here.get(name));
frame.setAttribute('src', src.href);

const who = document.getElementById('who');
document.getElementById('sign-in').addEventListener('click', async () => {
  // A real site's backend mints the token; the demo server does when it runs the sandbox in Node
  // (GET /frame-demo/member-token), else the in-browser sandbox of the frame knows a fixed one.
  let token = DEMO_MEMBER_TOKEN;
  try {
    const response = await fetch('/frame-demo/member-token?email=alice%40example.org');
    if (response.ok) token = (await response.json()).token;
  } catch {
    // keep the fixed demo token
  }
  frame.authToken = token; // memory only: the frame reloads and takes it over the port
  who.textContent = 'Signed in as alice@example.org (the site passed a member token).';
});
document.getElementById('sign-out').addEventListener('click', () => {
  frame.authToken = null;
  who.textContent = 'Not signed in.';
});

const log = document.getElementById('event-log');
for (const name of EVENT_NAMES) {
  frame.addEventListener(name, (event) => {
    const item = document.createElement('li');
    const detail = event.detail ?? {};
    const summary =
      detail.membership?.membership_name ?? detail.membershipType?.membership_name ?? detail.code ?? detail.signup?.status ?? '';
    item.textContent = `${name.replace('membership-signup-', '')}${summary ? ` · ${summary}` : ''}`;
    log.prepend(item);
  });
}
