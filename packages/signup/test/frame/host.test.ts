// <membership-signup-frame> against a stand-in frame page on the same origin (fixtures/fake-frame.html):
// iframe attributes, handshake, token passing, height, events, popups. Two-origin behaviour is
// proven end to end in test/e2e/frame*.test.ts.
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import '../../src/frame/index.js';
import { FRAME_SANDBOX, MAX_HEIGHT, MembershipSignupFrameElement } from '../../src/frame/index.js';

interface Fake {
  connects: { data: { nonce: string }; origin: string; ports: number }[];
  received: Record<string, unknown>[];
  themes: { type: 'theme'; nonce: string; theme: Record<string, string> }[];
  pages: { type: 'page'; nonce: string; url: string; ticket: string | null }[];
  markers: string[];
  port?: MessagePort;
  nonce?: string;
  send(message: unknown): void;
  ready(): void;
}

const FAKE = new URL('./fixtures/fake-frame.html', import.meta.url).href;
const TOKEN = 'member-token.abc123';

function fakeOf(el: MembershipSignupFrameElement): Fake {
  return (el.frame!.contentWindow as Window & { fake: Fake }).fake;
}

async function mount(setup: (el: MembershipSignupFrameElement) => void = () => {}, src = FAKE): Promise<MembershipSignupFrameElement> {
  const el = document.createElement('membership-signup-frame');
  if (src) el.setAttribute('src', src);
  setup(el);
  document.body.append(el);
  return el;
}

/** Mounts and completes the handshake; resolves once the host answered hello with auth. */
async function connected(setup?: (el: MembershipSignupFrameElement) => void): Promise<{ el: MembershipSignupFrameElement; fake: Fake; nonce: string }> {
  const el = await mount(setup);
  await waitUntil(() => fakeOf(el)?.port, 'no handshake');
  const fake = fakeOf(el);
  fake.send({ type: 'hello', nonce: fake.nonce });
  await waitUntil(() => fake.received.length > 0, 'no auth');
  return { el, fake, nonce: fake.nonce! };
}

let markers = 0;

/**
 * Resolves once the host has handled every port message the fake sent before: a token request
 * goes over the same port (messages arrive in order) and the host answers it.
 */
async function portMarker(fake: Fake, nonce = fake.nonce): Promise<void> {
  const id = 1000 + (markers += 1);
  fake.send({ type: 'token-request', nonce, id });
  await waitUntil(() => fake.received.some((message) => message.type === 'token' && message.id === id), 'no answer to the marker');
}

/** Resolves once this window has handled every message posted to it before (one task queue, in order). */
function windowMarker(): Promise<void> {
  const marker = `marker-${(markers += 1)}`;
  return new Promise((resolve) => {
    const listen = (event: MessageEvent) => {
      if (event.data !== marker) return;
      removeEventListener('message', listen);
      resolve();
    };
    addEventListener('message', listen);
    window.postMessage(marker, location.origin);
  });
}

/** Resolves once a fake frame's window has handled every message posted to it before. */
async function fakeMarker(frame: Window): Promise<void> {
  const marker = `marker-${(markers += 1)}`;
  frame.postMessage(marker, location.origin);
  await waitUntil(() => (frame as Window & { fake: Fake }).fake.markers.includes(marker), 'no marker in the frame');
}

afterEach(() => {
  for (const el of document.querySelectorAll('membership-signup-frame')) el.remove();
  fixtureCleanup();
});

describe('<membership-signup-frame>: the iframe it creates', () => {
  it('is registered once, safely', async () => {
    expect(customElements.get('membership-signup-frame')).to.equal(MembershipSignupFrameElement);
    await import('../../src/frame/define.js');
    expect(customElements.get('membership-signup-frame')).to.equal(MembershipSignupFrameElement);
  });

  it('has allow="payment", a title, the sandbox flags and the resolved src', async () => {
    const el = await mount();
    const iframe = el.frame!;
    expect(iframe.getAttribute('allow')).to.equal('payment');
    expect(iframe.title).to.equal('Membership signup');
    expect(iframe.getAttribute('sandbox')).to.equal(FRAME_SANDBOX);
    // The frame may not navigate this page, not even on a click: the widget opens hosted pages as popups.
    expect([...iframe.sandbox].sort()).to.deep.equal(['allow-forms', 'allow-popups', 'allow-popups-to-escape-sandbox', 'allow-same-origin', 'allow-scripts']);
    expect(iframe.referrerPolicy).to.equal('origin');
    expect(iframe.src).to.equal(FAKE);
    expect(iframe.hasAttribute('style')).to.equal(false);
    el.setAttribute('frame-title', 'Join Acme');
    expect(iframe.title).to.equal('Join Acme');
  });

  it('creates no iframe until it has a src (an empty one would load the host page itself)', async () => {
    const el = await mount(() => {}, '');
    expect(el.frame).to.equal(undefined);
    el.setAttribute('src', FAKE);
    expect(el.frame?.src).to.equal(FAKE);
  });

  it('creates no iframe for a non-http src, and warns', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await mount(() => {}, 'javascript:alert(1)');
      expect(el.frame).to.equal(undefined);
      expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
      expect(warnings).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });
});

describe('<membership-signup-frame>: handshake', () => {
  it('answers the frame’s ready with a nonce and a port, posted to the exact frame origin', async () => {
    const el = await mount(() => {}, `${FAKE}?silent`);
    await waitUntil(() => fakeOf(el));
    const targets: unknown[] = [];
    const post = window.postMessage;
    window.postMessage = function (this: Window, ...args: unknown[]) {
      targets.push(typeof args[1] === 'string' ? args[1] : (args[1] as WindowPostMessageOptions | undefined)?.targetOrigin);
      return (post as (...a: unknown[]) => void).apply(this, args);
    } as typeof window.postMessage;
    try {
      fakeOf(el).ready();
      await waitUntil(() => fakeOf(el)?.connects.length === 1, 'no connect');
      const [connect] = fakeOf(el).connects;
      expect(connect.ports).to.equal(1);
      expect(connect.origin).to.equal(location.origin);
      expect(connect.data).to.include({ protocol: 'memberkit-frame', v: 1, type: 'connect' });
      expect(connect.data.nonce).to.match(/^[0-9a-f]{32}$/);
    } finally {
      window.postMessage = post;
    }
    expect(targets).to.deep.equal([location.origin]);
  });

  it('sends the token once, over the port, after hello with the right nonce', async () => {
    const el = await mount((host) => (host.authToken = TOKEN));
    await waitUntil(() => fakeOf(el)?.port);
    const fake = fakeOf(el);
    fake.send({ type: 'hello', nonce: 'f'.repeat(32) });
    await portMarker(fake);
    expect(fake.received.filter((message) => message.type === 'auth')).to.deep.equal([]);
    fake.send({ type: 'hello', nonce: fake.nonce });
    fake.send({ type: 'hello', nonce: fake.nonce });
    await portMarker(fake);
    expect(fake.received.filter((message) => message.type === 'auth')).to.deep.equal([{ type: 'auth', nonce: fake.nonce, token: TOKEN, refresh: false }]);
  });

  it('sends no token rather than a malformed one', async () => {
    const { fake, nonce } = await connected((host) => (host.authToken = 'not a token'));
    expect(fake.received[0]).to.deep.equal({ type: 'auth', nonce, token: null, refresh: false });
  });

  it('keeps the token out of the DOM, the attributes and the iframe URL', async () => {
    const { el } = await connected((host) => (host.authToken = TOKEN));
    expect(el.outerHTML).not.to.include(TOKEN);
    expect(el.shadowRoot!.innerHTML).not.to.include(TOKEN);
    expect(el.frame!.src).not.to.include(TOKEN);
    expect([...el.attributes].map((attr) => attr.value).join(' ')).not.to.include(TOKEN);
  });

  it('ignores a ready from a window it did not create, even on the same origin', async () => {
    const el = await mount();
    await waitUntil(() => fakeOf(el)?.connects.length === 1);
    const stranger = document.createElement('iframe');
    stranger.src = `${FAKE}?silent`;
    document.body.append(stranger);
    await waitUntil(() => (stranger.contentWindow as Window & { fake?: Fake }).fake);
    const strangerFake = (stranger.contentWindow as Window & { fake: Fake }).fake;
    strangerFake.ready();
    // This window handled the stranger's ready; any answer would reach the stranger before a marker.
    await windowMarker();
    await fakeMarker(stranger.contentWindow!);
    expect(strangerFake.connects).to.deep.equal([]);
    expect(fakeOf(el).connects).to.have.length(1);
    stranger.remove();
  });

  it('ignores a ready posted by the host page itself', async () => {
    const el = await mount();
    await waitUntil(() => fakeOf(el)?.connects.length === 1);
    window.postMessage({ protocol: 'memberkit-frame', v: 1, type: 'ready' }, location.origin);
    await windowMarker();
    await fakeMarker(el.frame!.contentWindow!);
    expect(fakeOf(el).connects).to.have.length(1);
  });

  it('reloads the frame for a new handshake when the token changes after it was sent', async () => {
    const { el, nonce } = await connected((host) => (host.authToken = TOKEN));
    el.authToken = 'another-token';
    await waitUntil(() => fakeOf(el)?.port && fakeOf(el).nonce !== nonce, 'no second handshake');
    const fake = fakeOf(el);
    fake.send({ type: 'hello', nonce: fake.nonce });
    await waitUntil(() => fake.received.length > 0);
    expect(fake.received[0]).to.deep.include({ type: 'auth', token: 'another-token' });
  });
});

describe('<membership-signup-frame>: the page\'s theme', () => {
  it('sends the custom properties it sees (set on it or inherited), once, before the token', async () => {
    const page = document.createElement('div');
    page.className = 'themed-page';
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      '.themed-page{font-family:Georgia, serif;--mk-color-accent:#0f5e4a;--mk-radius: 10px}membership-signup-frame{--mk-font:1rem/1.4 "Inter", sans-serif;--mk-color-on-accent:rgb(255 255 255)}',
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      const el = document.createElement('membership-signup-frame');
      el.setAttribute('src', FAKE);
      el.authToken = TOKEN;
      page.append(el);
      document.body.append(page);
      await waitUntil(() => fakeOf(el)?.port, 'no handshake');
      const fake = fakeOf(el);
      fake.send({ type: 'hello', nonce: fake.nonce });
      fake.send({ type: 'hello', nonce: fake.nonce });
      await portMarker(fake);
      expect(fake.themes).to.deep.equal([
        {
          type: 'theme',
          nonce: fake.nonce,
          theme: {
            'color-accent': '#0f5e4a',
            'color-on-accent': 'rgb(255 255 255)',
            radius: '10px',
            font: '1rem/1.4 "Inter", sans-serif',
          },
        },
      ]);
      expect(fake.received[0]).to.deep.include({ type: 'auth', token: TOKEN });
    } finally {
      page.remove();
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((one) => one !== sheet);
    }
  });
});

describe('<membership-signup-frame>: the page\'s theme, again when it changes', () => {
  it('sends a new theme when the page\'s look changes (a class switched above it, a stylesheet added), and nothing when it did not', async () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.page-dark{--mk-color-accent:#93c5fd;--mk-color-background:#111827}');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const added = document.createElement('style');
    try {
      const { fake, nonce } = await connected();
      await portMarker(fake);
      const before = fake.themes.length;
      // The page's dark mode, by a class on <body>.
      document.body.classList.add('page-dark');
      await waitUntil(() => fake.themes.length > before, 'no theme after the class changed');
      expect(fake.themes.at(-1)).to.deep.equal({ type: 'theme', nonce, theme: { 'color-accent': '#93c5fd', 'color-background': '#111827' } });
      // An attribute that changes nothing of the look: nothing sent.
      document.body.dataset.unrelated = 'yes';
      await portMarker(fake);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fake.themes.length).to.equal(before + 1);
      // A stylesheet added to the page.
      added.textContent = 'body{--mk-radius:3px}';
      document.head.append(added);
      await waitUntil(() => fake.themes.at(-1)?.theme.radius === '3px', 'no theme after a stylesheet was added');
    } finally {
      document.body.classList.remove('page-dark');
      delete document.body.dataset.unrelated;
      added.remove();
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((one) => one !== sheet);
    }
  });
});

describe('<membership-signup-frame>: the sign-in email\'s link', () => {
  const here = location.pathname + location.search;
  afterEach(() => history.replaceState(null, '', here));

  it('tells the frame this page\'s address (which the link opens) and hands it the ticket of the link the page was opened with, once; the address bar forgets the ticket at once', async () => {
    history.replaceState(null, '', `${here}#memberkit-sign-in=slt_abc123`);
    const entries = history.length;
    const { el, fake, nonce } = await connected();
    expect(location.hash, 'out of the address bar').to.equal('');
    expect(history.length, 'replaced, not pushed').to.equal(entries);
    expect(fake.pages).to.deep.equal([{ type: 'page', nonce, url: location.href, ticket: 'slt_abc123' }]);
    // A new handshake (the page's token changed): the address again, the ticket not.
    el.authToken = 'another-token';
    await waitUntil(() => fakeOf(el)?.port && fakeOf(el).nonce !== nonce, 'no second handshake');
    const next = fakeOf(el);
    next.send({ type: 'hello', nonce: next.nonce });
    await waitUntil(() => next.pages.length > 0, 'no page message');
    expect(next.pages).to.deep.equal([{ type: 'page', nonce: next.nonce, url: location.href, ticket: null }]);
  });

  it('a page opened without a link hands no ticket', async () => {
    const { fake, nonce } = await connected();
    expect(fake.pages).to.deep.equal([{ type: 'page', nonce, url: location.href, ticket: null }]);
  });
});

describe('<membership-signup-frame>: height', () => {
  it('follows the frame’s height through the CSSOM', async () => {
    const { el, fake, nonce } = await connected();
    fake.send({ type: 'height', nonce, height: 432.5 });
    await waitUntil(() => el.frame!.style.height === '433px');
    fake.send({ type: 'height', nonce, height: 120 });
    await waitUntil(() => el.frame!.style.height === '120px');
    expect(el.frame!.getBoundingClientRect().height).to.equal(120);
  });

  it('ignores spoofed heights (-1, NaN, Infinity, strings) and heights with another nonce', async () => {
    const { el, fake, nonce } = await connected();
    fake.send({ type: 'height', nonce, height: 300 });
    await waitUntil(() => el.frame!.style.height === '300px');
    for (const height of [-1, NaN, Infinity, '500', null]) fake.send({ type: 'height', nonce, height });
    fake.send({ type: 'height', nonce: 'e'.repeat(32), height: 500 });
    fake.send({ type: 'height', nonce, height: 300, extra: true });
    await portMarker(fake);
    expect(el.frame!.style.height).to.equal('300px');
  });

  it('clamps absurd finite heights (1e9, 0) to 1…MAX_HEIGHT instead of freezing, and follows real ones again', async () => {
    const { el, fake, nonce } = await connected();
    fake.send({ type: 'height', nonce, height: 1e9 });
    await waitUntil(() => el.frame!.style.height === `${MAX_HEIGHT}px`, 'no clamp to MAX_HEIGHT');
    fake.send({ type: 'height', nonce, height: 0 });
    await waitUntil(() => el.frame!.style.height === '1px', 'no clamp to 1px');
    fake.send({ type: 'height', nonce, height: 240 });
    await waitUntil(() => el.frame!.style.height === '240px');
  });
});

describe('<membership-signup-frame>: events', () => {
  it('re-dispatches the widget’s events with the same name and detail, bubbling and composed', async () => {
    const { el, fake, nonce } = await connected();
    const seen: CustomEvent[] = [];
    document.addEventListener('membership-signup-complete', (event) => seen.push(event as CustomEvent), { once: true });
    const detail = { signup: { id: 'sig_1', status: 'completed' }, membership: { id: 'mem_1', expires_on: '2027-11-20' } };
    fake.send({ type: 'event', nonce, name: 'membership-signup-complete', detail });
    await waitUntil(() => seen.length === 1);
    expect(seen[0].target).to.equal(el);
    expect(seen[0].detail).to.deep.equal(detail);
    expect(seen[0].bubbles).to.equal(true);
    expect(seen[0].composed).to.equal(true);
  });

  it('ignores unknown names, polluting details and 10 MB details, and keeps working', async () => {
    const { el, fake, nonce } = await connected();
    const seen: string[] = [];
    for (const name of ['membership-signup-error', 'click', 'membership-signup-ready']) el.addEventListener(name, (event) => seen.push(`${name} ${JSON.stringify((event as CustomEvent).detail)}`));
    fake.send({ type: 'event', nonce, name: 'click', detail: {} });
    fake.send({ type: 'event', nonce, name: 'membership-signup-error', detail: JSON.parse('{"__proto__":{"polluted":"yes"},"code":"x"}') });
    fake.send({ type: 'event', nonce, name: 'membership-signup-error', detail: { code: 'x', message: 'm'.repeat(10 * 1024 * 1024) } });
    // The legitimate event, sent last on the same port, is the marker: the others came first.
    fake.send({ type: 'event', nonce, name: 'membership-signup-ready', detail: { a: 1 } });
    await waitUntil(() => seen.some((line) => line.startsWith('membership-signup-ready')));
    expect(seen).to.deep.equal(['membership-signup-ready {"a":1}']);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});

describe('<membership-signup-frame>: token refresh', () => {
  it('calls getAuthToken when the frame asks, and answers that request', async () => {
    let calls = 0;
    const { fake, nonce } = await connected((host) => {
      host.getAuthToken = async () => `fresh-${(calls += 1)}`;
    });
    expect(fake.received[0]).to.deep.equal({ type: 'auth', nonce, token: null, refresh: true });
    fake.send({ type: 'token-request', nonce, id: 7 });
    await waitUntil(() => fake.received.length === 2);
    expect(fake.received[1]).to.deep.equal({ type: 'token', nonce, id: 7, token: 'fresh-1' });
  });

  it('answers with a getAuthToken the page assigned after the handshake, and null while it has none', async () => {
    const { el, fake, nonce } = await connected();
    expect(fake.received[0]).to.deep.equal({ type: 'auth', nonce, token: null, refresh: false });
    fake.send({ type: 'token-request', nonce, id: 1 });
    await waitUntil(() => fake.received.length === 2);
    el.getAuthToken = async () => 'assigned-after-hello';
    fake.send({ type: 'token-request', nonce, id: 2 });
    await waitUntil(() => fake.received.length === 3);
    expect(fake.received.slice(1)).to.deep.equal([
      { type: 'token', nonce, id: 1, token: null },
      { type: 'token', nonce, id: 2, token: 'assigned-after-hello' },
    ]);
  });

  it('answers null when getAuthToken fails or returns a malformed token', async () => {
    let answer: () => Promise<string> = async () => 'has spaces in it';
    const { fake, nonce } = await connected((host) => {
      host.getAuthToken = () => answer();
    });
    fake.send({ type: 'token-request', nonce, id: 1 });
    await waitUntil(() => fake.received.length === 2);
    answer = async () => {
      throw new Error('signed out');
    };
    fake.send({ type: 'token-request', nonce, id: 2 });
    await waitUntil(() => fake.received.length === 3);
    expect(fake.received.slice(1)).to.deep.equal([
      { type: 'token', nonce, id: 1, token: null },
      { type: 'token', nonce, id: 2, token: null },
    ]);
  });
});

describe('<membership-signup-frame>: hosted checkout popup', () => {
  it('opens Stripe’s checkout top-level, cut off from this page, and tells the frame when the popup closes', async () => {
    const { fake, nonce } = await connected();
    const popup = { closed: false, opener: window as Window | null };
    const opened: unknown[][] = [];
    const open = window.open;
    window.open = ((...args: unknown[]) => {
      opened.push(args);
      return popup;
    }) as typeof window.open;
    try {
      for (const url of ['javascript:alert(1)', 'https://evil.test/c/pay/cs_test_1', 'https://checkout.stripe.com.evil.test/c/pay/cs_test_1', 'http://checkout.stripe.com/c/pay/cs_test_1']) {
        fake.send({ type: 'checkout-open', nonce, url });
      }
      fake.send({ type: 'checkout-open', nonce, url: 'https://checkout.stripe.com/c/pay/cs_test_1' });
      // Port messages arrive in order: once the last one opened, the others were refused.
      await waitUntil(() => opened.length > 0);
      expect(opened.map((args) => args[0])).to.deep.equal(['https://checkout.stripe.com/c/pay/cs_test_1']);
      expect(popup.opener).to.equal(null);
      popup.closed = true;
      await waitUntil(() => fake.received.length === 2, 'no checkout-closed', { timeout: 3000 });
      expect(fake.received[1]).to.deep.equal({ type: 'checkout-closed', nonce, opened: true });
    } finally {
      window.open = open;
    }
  });

  it('opens only the frame’s own origin and the origins of checkout-origins, which replace Stripe’s', async () => {
    const { el, fake, nonce } = await connected((host) => host.setAttribute('checkout-origins', 'https://pay.example.org  https://other.example.org:8443/'));
    const opened: unknown[] = [];
    const open = window.open;
    window.open = ((url: string) => (opened.push(url), { closed: false, opener: window })) as typeof window.open;
    try {
      for (const url of ['https://checkout.stripe.com/c/pay/cs_1', 'https://evil.test/pay', 'https://pay.example.org/c/1', `${location.origin}/checkout.html`, 'https://other.example.org:8443/c/2']) {
        fake.send({ type: 'checkout-open', nonce, url });
      }
      await waitUntil(() => opened.length === 3);
      expect(opened).to.deep.equal(['https://pay.example.org/c/1', `${location.origin}/checkout.html`, 'https://other.example.org:8443/c/2']);
      expect(el.frame!.src.startsWith(location.origin)).to.equal(true);
    } finally {
      window.open = open;
    }
  });

  it('opens no checkout in cleartext: an http origin in checkout-origins is refused, unless it is this machine (the sandbox)', async () => {
    const { fake, nonce } = await connected((host) => host.setAttribute('checkout-origins', 'http://pay.example.org http://127.0.0.1:9 https://ok.example.org'));
    const opened: unknown[] = [];
    const open = window.open;
    window.open = ((url: string) => (opened.push(url), { closed: false, opener: window })) as typeof window.open;
    try {
      for (const url of ['http://pay.example.org/c/1', 'http://127.0.0.1:9/c/2', 'https://ok.example.org/c/3']) {
        fake.send({ type: 'checkout-open', nonce, url });
      }
      // Port messages arrive in order: once the last one opened, the first was refused.
      await waitUntil(() => opened.includes('https://ok.example.org/c/3'));
      expect(opened).to.deep.equal(['http://127.0.0.1:9/c/2', 'https://ok.example.org/c/3']);
    } finally {
      window.open = open;
    }
  });

  it('tells the frame when the popup was blocked', async () => {
    const { fake, nonce } = await connected();
    const open = window.open;
    window.open = (() => null) as typeof window.open;
    try {
      fake.send({ type: 'checkout-open', nonce, url: 'https://checkout.stripe.com/c/pay/cs_test_2' });
      await waitUntil(() => fake.received.length === 2);
      expect(fake.received[1]).to.deep.equal({ type: 'checkout-closed', nonce, opened: false });
    } finally {
      window.open = open;
    }
  });
});

describe('<membership-signup-frame>: a frame that never announces itself', () => {
  const readyTimeout = MembershipSignupFrameElement.readyTimeout;
  let warnings: string[];
  const warn = console.warn;

  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    MembershipSignupFrameElement.readyTimeout = 50;
  });

  afterEach(() => {
    console.warn = warn;
    MembershipSignupFrameElement.readyTimeout = readyTimeout;
  });

  // Nothing answers on this origin (the iframe shows an error page and never announces itself); a
  // warning naming it comes from an element whose timer started later than the others'.
  const NOWHERE = 'http://127.0.0.1:1';
  const about = (origin: string) => warnings.filter((line) => line.includes(`no ready from ${origin};`));

  it('warns once per element, naming the frame’s origin and this page’s, never the token', async () => {
    const silent = await mount((host) => (host.authToken = TOKEN), `${FAKE}?silent`);
    await waitUntil(() => warnings.length === 1, 'no warning', { timeout: 5000 });
    expect(warnings[0]).to.include(`no ready from ${location.origin};`).and.include(`is ${location.origin} in the organization's embed_origins?`);
    expect(warnings[0]).not.to.include(TOKEN);
    // A second load of the same element, then another element: timers of the same delay run in
    // the order they were set, so once the other one warned, the first one's second timer ran out.
    silent.setAttribute('src', `${FAKE}?silent&again`);
    await mount(() => {}, `${NOWHERE}/frame.html`);
    await waitUntil(() => about(NOWHERE).length === 1, 'no warning from the other element', { timeout: 5000 });
    expect(about(location.origin)).to.have.length(1);
  });

  it('does not warn when the frame announces itself in time', async () => {
    // Long enough for the fake frame to load on a busy machine; the silent element below uses the same.
    MembershipSignupFrameElement.readyTimeout = 3000;
    await connected();
    await mount(() => {}, `${NOWHERE}/frame.html`);
    await waitUntil(() => about(NOWHERE).length === 1, 'no warning from the silent element', { timeout: 8000 });
    expect(about(location.origin)).to.deep.equal([]);
  });
});

describe('<membership-signup-frame>: two on one page', () => {
  it('each frame gets its own nonce, port and token; heights do not cross', async () => {
    const a = await connected((host) => (host.authToken = 'token-a'));
    const b = await connected((host) => (host.authToken = 'token-b'));
    expect(a.nonce).not.to.equal(b.nonce);
    expect(a.fake.received[0]).to.include({ token: 'token-a' });
    expect(b.fake.received[0]).to.include({ token: 'token-b' });
    a.fake.send({ type: 'height', nonce: a.nonce, height: 111 });
    b.fake.send({ type: 'height', nonce: a.nonce, height: 999 });
    await waitUntil(() => a.el.frame!.style.height === '111px');
    await portMarker(b.fake);
    expect(b.el.frame!.style.height).to.equal('');
  });
});
