// The demo page's bootstrap (demo/index.html): starts the sandbox API in this page (msw's service
// worker, state kept for the browser session), gives every <membership-signup> the sandbox's
// test-mode checkout as its `.stripeLoader`, applies the demo links' URL parameters, and only then
// loads the element's script-tag bundle — the same file an organization pastes — so its first
// request already reaches the sandbox.
import { startSandbox } from '@memberkit/sandbox/browser';
import { createSandboxStripe } from '@memberkit/sandbox/stripe';
import { EVENT_NAMES } from '../packages/signup/src/events.js';

const API = 'https://api.memberkit.test/v1';
const { sandbox } = await startSandbox({ persist: 'session', baseUrl: API });

const params = new URLSearchParams(location.search);
for (const element of document.querySelectorAll('membership-signup')) {
  for (const name of ['organization', 'membership-type', 'invitation', 'locale', 'theme', 'discount-code']) {
    const value = params.get(name);
    if (value) element.setAttribute(name, value);
  }
  (element as HTMLElement & { stripeLoader?: unknown }).stripeLoader = async () => createSandboxStripe({ baseUrl: API });
}

// The event log: what a host page can listen to (details shown as text).
const log = document.querySelector('#event-log');
for (const name of EVENT_NAMES) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    const detail = (event as CustomEvent).detail as Record<string, unknown>;
    item.textContent = `${new Date().toLocaleTimeString()} ${name} ${Object.keys(detail ?? {}).join(', ')}`;
    log?.prepend(item);
  });
}

document.querySelector('#reset-demo')?.addEventListener('click', () => {
  sandbox.reset();
  sessionStorage.clear();
  location.reload();
});

const script = document.createElement('script');
script.type = 'module';
script.src = '/dist/membership-signup.js';
document.head.append(script);
