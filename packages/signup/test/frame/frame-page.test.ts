// The frame page's half of the protocol, in one page: URL settings, the channel (token once,
// refresh by request id, events without tokens) and the handshake against this window as parent.
import { expect, waitUntil } from '@open-wc/testing';
import { FrameChannel, bridge, handshake, hostedPageOpener, isAllowedEmbedder, readFrameParams, type SignupWidget } from '../../src/frame/frame-page.js';

const nonce = '0123456789abcdef0123456789abcdef';

function pair() {
  const channel = new MessageChannel();
  const frame = new FrameChannel(channel.port2, nonce);
  const received: Record<string, unknown>[] = [];
  channel.port1.onmessage = (event) => received.push(event.data);
  return { host: channel.port1, frame, received };
}

/**
 * Resolves once the frame's end has handled every host message posted before: a checkout-closed
 * goes over the same port (messages arrive in order) and the channel reports it.
 */
async function hostMarker(host: MessagePort, frame: FrameChannel): Promise<void> {
  let seen = false;
  const previous = frame.onCheckoutClosed;
  frame.onCheckoutClosed = () => (seen = true);
  host.postMessage({ type: 'checkout-closed', nonce, opened: true });
  await waitUntil(() => seen, 'no marker');
  frame.onCheckoutClosed = previous;
}

describe('frame page: settings from its URL', () => {
  it('reads the six widget settings and nothing else, never a token', () => {
    const params = readFrameParams(
      'https://signup.example/frame.html?organization=acme&membership-type=family&invitation=FOUNDERS-2026&discount-code=WELCOME20&locale=fr&theme=dark&token=secret&auth-token=secret&api-base=https://evil.test',
    );
    expect(params).to.deep.equal({
      organization: 'acme',
      'membership-type': 'family',
      invitation: 'FOUNDERS-2026',
      'discount-code': 'WELCOME20',
      locale: 'fr',
      theme: 'dark',
    });
  });

  it('drops empty and overlong values', () => {
    expect(readFrameParams(`https://s.example/f?organization=&locale=${'x'.repeat(300)}`)).to.deep.equal({});
  });
});

describe('frame page: the channel to the host', () => {
  it('takes the token from the first auth message only', async () => {
    const { host, frame } = pair();
    let auths = 0;
    frame.onAuth = () => (auths += 1);
    host.postMessage({ type: 'auth', nonce, token: 'first-token', refresh: true });
    host.postMessage({ type: 'auth', nonce, token: 'second-token', refresh: false });
    await hostMarker(host, frame);
    expect(auths).to.equal(1);
    expect(frame.token).to.equal('first-token');
    expect(frame.refresh).to.equal(true);
  });

  it('ignores host messages with another nonce or a bad shape', async () => {
    const { host, frame } = pair();
    let auths = 0;
    frame.onAuth = () => (auths += 1);
    host.postMessage({ type: 'auth', nonce: 'f'.repeat(32), token: 'x', refresh: false });
    host.postMessage({ type: 'auth', nonce, token: 'has space', refresh: false });
    host.postMessage(JSON.parse(`{"type":"auth","nonce":"${nonce}","token":"t","refresh":false,"__proto__":{"admin":true}}`));
    await hostMarker(host, frame);
    expect(auths).to.equal(0);
    expect(frame.token).to.equal(null);
  });

  it('asks the host for a fresh token and takes only the answer to that request', async () => {
    const { host, frame, received } = pair();
    const fresh = frame.requestToken();
    await waitUntil(() => received.length === 1);
    expect(received[0]).to.deep.equal({ type: 'token-request', nonce, id: 1 });
    host.postMessage({ type: 'token', nonce, id: 99, token: 'unsolicited' });
    host.postMessage({ type: 'token', nonce, id: 1, token: 'fresh-token' });
    expect(await fresh).to.equal('fresh-token');
  });

  it('answers the refresh with no token ("") when the host has none, so the widget goes on without one', async () => {
    const { host, frame, received } = pair();
    const fresh = frame.requestToken();
    await waitUntil(() => received.length === 1);
    host.postMessage({ type: 'token', nonce, id: 1, token: null });
    expect(await fresh).to.equal('');
  });

  it('forwards events as plain data, and drops any event that would carry a token', async () => {
    const { host, frame, received } = pair();
    host.postMessage({ type: 'auth', nonce, token: 'member-token-123', refresh: false });
    await waitUntil(() => frame.token === 'member-token-123');
    frame.event('membership-signup-error', { code: 'x', message: 'leak member-token-123' });
    frame.event('membership-signup-plan-select', { membershipType: { id: 'annual', when: new Date(Date.UTC(2026, 10, 21)) } });
    // A height after them on the same port is the marker: once it arrived, so did the events.
    frame.height(1);
    await waitUntil(() => received.some((message) => message.type === 'height'));
    expect(received).to.deep.equal([
      { type: 'event', nonce, name: 'membership-signup-plan-select', detail: { membershipType: { id: 'annual', when: '2026-11-21T00:00:00.000Z' } } },
      { type: 'height', nonce, height: 1 },
    ]);
  });

  it('reports heights and hosted checkouts, and hears when the popup closed', async () => {
    const { host, frame, received } = pair();
    const closed: boolean[] = [];
    frame.onCheckoutClosed = (opened) => closed.push(opened);
    frame.height(512);
    frame.openCheckout('https://checkout.stripe.com/c/pay/cs_1');
    host.postMessage({ type: 'checkout-closed', nonce, opened: true });
    await waitUntil(() => received.length === 2 && closed.length === 1);
    expect(received).to.deep.equal([
      { type: 'height', nonce, height: 512 },
      { type: 'checkout-open', nonce, url: 'https://checkout.stripe.com/c/pay/cs_1' },
    ]);
    expect(closed).to.deep.equal([true]);
  });
});

describe('frame page: which sites may embed it (organization.embed_origins)', () => {
  const acme = ['https://acme.com'];

  it('allows exactly a listed origin', () => {
    expect(isAllowedEmbedder('https://acme.com', acme)).to.equal(true);
    expect(isAllowedEmbedder('http://localhost:4400', ['https://acme.com', 'http://localhost:4400'])).to.equal(true);
  });

  it('refuses the http look-alike of an https origin, and the other way round', () => {
    expect(isAllowedEmbedder('http://acme.com', acme)).to.equal(false);
    expect(isAllowedEmbedder('https://acme.com', ['http://acme.com'])).to.equal(false);
  });

  it('refuses the same host on another port', () => {
    expect(isAllowedEmbedder('https://acme.com:8443', acme)).to.equal(false);
    expect(isAllowedEmbedder('http://localhost:4401', ['http://localhost:4400'])).to.equal(false);
  });

  it('refuses suffix and prefix look-alikes (https://acme.com.evil.test, https://evilacme.com, a subdomain)', () => {
    for (const origin of ['https://acme.com.evil.test', 'https://evilacme.com', 'https://www.acme.com', 'https://acme.co']) {
      expect(isAllowedEmbedder(origin, acme), origin).to.equal(false);
    }
  });

  it('reads entries as origins: case, a trailing slash, a default port or a path still name the origin', () => {
    for (const entry of ['https://Acme.COM', 'https://acme.com/', 'HTTPS://acme.com:443', 'https://acme.com/members/join']) {
      expect(isAllowedEmbedder('https://acme.com', [entry]), entry).to.equal(true);
    }
    expect(isAllowedEmbedder('http://acme.com', ['http://acme.com:80/'])).to.equal(true);
  });

  it('allows nobody for entries that are not http(s) origins, or a list that is not a list', () => {
    for (const entries of [['*'], ['acme.com'], ['null'], ['javascript:alert(1)'], [42, null, { origin: 'https://acme.com' }], 'https://acme.com', undefined, null, {}]) {
      expect(isAllowedEmbedder('https://acme.com', entries), JSON.stringify(entries)).to.equal(false);
    }
  });

  it('allows no embedder that is unknown, opaque or not an exact origin', () => {
    for (const origin of [undefined, '', 'null', 'https://acme.com/', 'https://ACME.com', 'file://']) {
      expect(isAllowedEmbedder(origin, [...acme, 'null', 'file://']), String(origin)).to.equal(false);
    }
  });
});

describe('frame page: the hosted checkout', () => {
  it('asks the host to open it; once the host’s popup was blocked, opens it itself with no opener and no referrer', async () => {
    const { host, frame, received } = pair();
    const openHostedPage = hostedPageOpener(frame);
    const closed: boolean[] = [];
    const onClosed = frame.onCheckoutClosed!;
    frame.onCheckoutClosed = (opened) => (onClosed(opened), closed.push(opened));
    const opened: unknown[][] = [];
    const open = window.open;
    window.open = ((...args: unknown[]) => (opened.push(args), null)) as typeof window.open;
    try {
      openHostedPage('https://checkout.stripe.com/c/pay/cs_1');
      await waitUntil(() => received.length === 1);
      expect(received[0]).to.deep.equal({ type: 'checkout-open', nonce, url: 'https://checkout.stripe.com/c/pay/cs_1' });
      host.postMessage({ type: 'checkout-closed', nonce, opened: false });
      await waitUntil(() => closed.length === 1);
      openHostedPage('https://checkout.stripe.com/c/pay/cs_1');
      expect(opened).to.have.length(1);
      expect(opened[0]![0]).to.equal('https://checkout.stripe.com/c/pay/cs_1');
      expect(String(opened[0]![2]).split(',')).to.include.members(['noopener', 'noreferrer']);
    } finally {
      window.open = open;
    }
  });
});

describe('frame page: handshake (this window plays the parent)', () => {
  /** Every hello the frame's end posts, on any port, as it posts it. */
  function recordHellos(): { said: unknown[]; restore(): void } {
    const said: unknown[] = [];
    const portPost = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (this: MessagePort, ...args: unknown[]) {
      if ((args[0] as { type?: string })?.type === 'hello') said.push(args[0]);
      return (portPost as (...a: unknown[]) => void).apply(this, args);
    } as typeof MessagePort.prototype.postMessage;
    return { said, restore: () => (MessagePort.prototype.postMessage = portPost) };
  }

  /** Resolves once this window has handled every message posted to it before the marker. */
  function windowMarker(marker: string, post = true): Promise<void> {
    return new Promise<void>((resolve) => {
      const listen = (event: MessageEvent) => event.data === marker && (removeEventListener('message', listen), resolve());
      addEventListener('message', listen);
      if (post) window.postMessage(marker, location.origin);
    });
  }

  /** Connects this window (the frame's parent) the way the host does; the host's end answers hello with auth. */
  function connectFromParent(token = 'tok'): unknown[] {
    const hellos: unknown[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = (message) => {
      hellos.push(message.data);
      channel.port1.postMessage({ type: 'auth', nonce, token, refresh: false });
    };
    window.postMessage({ protocol: 'memberkit-frame', v: 1, type: 'connect', nonce }, location.origin, [channel.port2]);
    return hellos;
  }

  it('announces readiness to the exact origin, accepts one connect, and ignores a replay', async () => {
    const hellos: unknown[][] = [];
    let ready: MessageEvent | undefined;
    const answer = (event: MessageEvent) => {
      if ((event.data as { type?: string })?.type !== 'ready' || ready) return;
      ready = event;
      hellos.push(connectFromParent(), connectFromParent());
    };
    const { said, restore } = recordHellos();
    addEventListener('message', answer);
    try {
      const channel = await handshake(location.origin);
      expect(ready!.origin).to.equal(location.origin);
      expect(channel.token).to.equal('tok');
      // A marker posted to this window now arrives after the replayed connect was handled.
      await windowMarker('after-replay');
      expect(said).to.deep.equal([{ type: 'hello', nonce }]);
      expect(hellos[0]).to.deep.equal([{ type: 'hello', nonce }]);
    } finally {
      restore();
      removeEventListener('message', answer);
    }
  });

  it('ignores a connect from a sibling window on the host’s own origin, then accepts the parent’s', async () => {
    const sibling = document.createElement('iframe');
    sibling.src = new URL('./fixtures/fake-frame.html?silent', import.meta.url).href;
    document.body.append(sibling);
    const { said, restore } = recordHellos();
    try {
      await waitUntil(() => (sibling.contentWindow as Window & { fake?: unknown }).fake, 'no sibling');
      const fake = (sibling.contentWindow as Window & { fake: { connectParent(nonce: string): void; hijacked: unknown[] } }).fake;
      const connected = handshake(location.origin);
      // Same origin as the parent, but not the parent: its connect (and port) must be ignored.
      const siblingDone = windowMarker('sibling-done', false);
      fake.connectParent(nonce);
      await siblingDone;
      expect(said).to.deep.equal([]);
      expect(fake.hijacked).to.deep.equal([]);
      const hellos = connectFromParent('parent-token');
      expect((await connected).token).to.equal('parent-token');
      expect(hellos).to.deep.equal([{ type: 'hello', nonce }]);
    } finally {
      restore();
      sibling.remove();
    }
  });

  it('ignores a connect without a port, and keeps listening: a connect however late is accepted', async () => {
    const { said, restore } = recordHellos();
    try {
      const connected = handshake(location.origin);
      window.postMessage({ protocol: 'memberkit-frame', v: 1, type: 'connect', nonce }, location.origin);
      await windowMarker('after-portless');
      expect(said).to.deep.equal([]);
      connectFromParent('late-token');
      expect((await connected).token).to.equal('late-token');
    } finally {
      restore();
    }
  });

  it('posts nothing that reaches this page when the embedder is another origin', async () => {
    const seen: unknown[] = [];
    const record = (event: MessageEvent) => seen.push(event.data);
    addEventListener('message', record);
    try {
      void handshake('https://acme.com.evil.test');
      // Had the ready reached this window, it would have arrived before the marker.
      await windowMarker('after-ready');
      expect(seen).to.deep.equal(['after-ready']);
    } finally {
      removeEventListener('message', record);
    }
  });
});

describe('frame page: the widget and the host, however late the host answers', () => {
  /** A stand-in widget: the properties the frame page sets, and the events it forwards. */
  function stubWidget(): SignupWidget & { refreshes: number } {
    const widget = document.createElement('div') as unknown as SignupWidget & { refreshes: number };
    widget.refreshes = 0;
    return widget;
  }
  const emit = (widget: HTMLElement, name: string, detail: unknown) => widget.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));

  afterEach(() => {
    for (const element of document.querySelectorAll('[data-stub-widget]')) element.remove();
  });

  it('answers the widget\'s token requests with "" at once before the host connects and when the host had no getAuthToken at the hello', async () => {
    const widget = stubWidget();
    const attach = bridge(widget);
    expect(await widget.getAuthToken!()).to.equal('');
    const { host, frame, received } = pair();
    let authed = false;
    frame.onAuth = () => (authed = true);
    host.postMessage({ type: 'auth', nonce, token: null, refresh: false });
    await waitUntil(() => authed);
    attach(frame);
    const answer = widget.getAuthToken!();
    // Messages leave in order: once this height arrived, a token request sent before it would have too.
    frame.height(7);
    await waitUntil(() => received.some((message) => message.type === 'height' && message.height === 7));
    expect(received.filter((message) => message.type === 'token-request'), 'no round trip').to.deep.equal([]);
    expect(await answer).to.equal('');
  });

  it('asks a host that had a getAuthToken at the hello, and hands the widget its answer', async () => {
    const widget = stubWidget();
    const attach = bridge(widget);
    const { host, frame, received } = pair();
    let authed = false;
    frame.onAuth = () => (authed = true);
    host.postMessage({ type: 'auth', nonce, token: null, refresh: true });
    await waitUntil(() => authed);
    attach(frame);
    const fresh = widget.getAuthToken!();
    await waitUntil(() => received.some((message) => message.type === 'token-request'));
    expect(received.filter((message) => message.type === 'token-request')).to.deep.equal([{ type: 'token-request', nonce, id: 1 }]);
    host.postMessage({ type: 'token', nonce, id: 1, token: 'fresh-token' });
    expect(await fresh).to.equal('fresh-token');
  });

  it('hands the host’s token to the widget, and forwards the events the widget sent before the host connected', async () => {
    const widget = stubWidget();
    const attach = bridge(widget);
    emit(widget, 'membership-signup-ready', { organization: { id: 'acme' } });
    emit(widget, 'click', {});
    const { host, frame, received } = pair();
    host.postMessage({ type: 'auth', nonce, token: 'member-token', refresh: false });
    await waitUntil(() => frame.token === 'member-token');
    attach(frame);
    expect(widget.authToken).to.equal('member-token');
    emit(widget, 'membership-signup-plan-select', { membershipType: { id: 'annual' } });
    frame.height(1);
    // Messages leave in order: once this height arrived, every event sent before it has too. (The
    // height measured at connect may come before or after the queued events; it is not the point.)
    await waitUntil(() => received.some((message) => message.type === 'height' && message.height === 1));
    expect(received.filter((message) => message.type === 'event').map((message) => message.name)).to.deep.equal([
      'membership-signup-ready',
      'membership-signup-plan-select',
    ]);
  });

  it('asks the widget to check its payment when the host reports its checkout popup closed, not when it was blocked', async () => {
    const widget = stubWidget();
    widget.refreshPayment = () => (widget.refreshes += 1);
    const attach = bridge(widget);
    const { host, frame, received } = pair();
    attach(frame);
    const open = window.open;
    const opened: unknown[] = [];
    window.open = ((url: string) => (opened.push(url), null)) as typeof window.open;
    try {
      widget.hostedPageOpener!('https://checkout.stripe.com/c/pay/cs_1');
      await waitUntil(() => received.some((message) => message.type === 'checkout-open'));
      host.postMessage({ type: 'checkout-closed', nonce, opened: true });
      await waitUntil(() => widget.refreshes === 1, 'no refreshPayment after the popup closed');
      // A blocked popup: nothing was paid there; the next click opens the page from the frame.
      // The answer to a token request, sent after it on the same port, is the marker.
      const marker = frame.requestToken();
      host.postMessage({ type: 'checkout-closed', nonce, opened: false });
      host.postMessage({ type: 'token', nonce, id: 1, token: 'marker' });
      expect(await marker).to.equal('marker');
      expect(widget.refreshes).to.equal(1);
      widget.hostedPageOpener!('https://checkout.stripe.com/c/pay/cs_1');
      expect(opened).to.deep.equal(['https://checkout.stripe.com/c/pay/cs_1']);
    } finally {
      window.open = open;
    }
  });

  it('gives the widget the host\'s theme, taken before the auth message: custom properties on it and the font family on the page, through a stylesheet (no style attribute)', async () => {
    const widget = document.createElement('membership-signup') as SignupWidget;
    widget.dataset.stubWidget = '';
    const attach = bridge(widget);
    document.body.append(widget);
    const { host, frame } = pair();
    const before = [...document.adoptedStyleSheets];
    const font = getComputedStyle(document.body).fontFamily;
    try {
      host.postMessage({ type: 'theme', nonce, theme: { 'color-accent': '#0f5e4a', radius: '10px', 'font-family': 'Georgia, serif', 'color-text': 'red;}*{display:none' } });
      await hostMarker(host, frame);
      attach(frame);
      expect(getComputedStyle(widget).getPropertyValue('--mk-color-accent').trim()).to.equal('#0f5e4a');
      expect(getComputedStyle(widget).getPropertyValue('--mk-radius').trim()).to.equal('10px');
      expect(getComputedStyle(widget).getPropertyValue('--mk-color-text').trim(), 'an invalid value is dropped').to.equal('');
      expect(getComputedStyle(document.body).fontFamily).to.equal('Georgia, serif');
      expect(widget.hasAttribute('style')).to.equal(false);
    } finally {
      document.adoptedStyleSheets = before;
      expect(getComputedStyle(document.body).fontFamily).to.equal(font);
    }
  });

  it('hands the widget the host page\'s address and its sign-in link\'s ticket (the widget takes it once), from the embedder\'s origin only', async () => {
    const widget = stubWidget();
    widget.dataset.stubWidget = '';
    const attach = bridge(widget, location.origin);
    const { host, frame } = pair();
    host.postMessage({ type: 'page', nonce, url: `${location.origin}/join?plan=annual`, ticket: 'slt_abc123' });
    host.postMessage({ type: 'page', nonce, url: `${location.origin}/other`, ticket: 'slt_second' });
    await hostMarker(host, frame);
    attach(frame);
    expect(widget.signInLink).to.deep.equal({ page: `${location.origin}/join?plan=annual`, ticket: 'slt_abc123' });
    // Another origin's address (a host page cannot send the member's link elsewhere): nothing.
    const other = stubWidget();
    const attachOther = bridge(other, location.origin);
    const second = pair();
    second.host.postMessage({ type: 'page', nonce, url: 'https://evil.test/join', ticket: 'slt_abc123' });
    await hostMarker(second.host, second.frame);
    attachOther(second.frame);
    expect(other.signInLink).to.equal(undefined);
  });

  it('takes each new theme the host sends (the latest before the auth message, then each change), in the one stylesheet', async () => {
    const widget = document.createElement('membership-signup') as SignupWidget;
    widget.dataset.stubWidget = '';
    const attach = bridge(widget);
    document.body.append(widget);
    const { host, frame } = pair();
    const before = [...document.adoptedStyleSheets];
    try {
      host.postMessage({ type: 'theme', nonce, theme: { 'color-accent': '#000000' } });
      host.postMessage({ type: 'theme', nonce, theme: { 'color-accent': '#0f5e4a' } });
      host.postMessage({ type: 'auth', nonce, token: null, refresh: false });
      await hostMarker(host, frame);
      attach(frame);
      expect(getComputedStyle(widget).getPropertyValue('--mk-color-accent').trim()).to.equal('#0f5e4a');
      host.postMessage({ type: 'theme', nonce, theme: { 'color-accent': '#93c5fd', 'color-background': '#111827' } });
      await hostMarker(host, frame);
      expect(getComputedStyle(widget).getPropertyValue('--mk-color-accent').trim()).to.equal('#93c5fd');
      expect(getComputedStyle(widget).getPropertyValue('--mk-color-background').trim()).to.equal('#111827');
      expect(document.adoptedStyleSheets.length - before.length, 'one sheet, replaced').to.equal(1);
    } finally {
      document.adoptedStyleSheets = before;
    }
  });

  it('tells a late host the height the widget already has', async () => {
    const widget = stubWidget();
    widget.dataset.stubWidget = '';
    const attach = bridge(widget);
    document.body.append(widget);
    const { frame, received } = pair();
    attach(frame);
    await waitUntil(() => received.length > 0);
    expect(received[0]).to.deep.equal({ type: 'height', nonce, height: Math.ceil(document.body.getBoundingClientRect().height) });
  });
});
