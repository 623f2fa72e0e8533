// The frame page's half of the protocol, in one page: URL settings, the channel (token once,
// refresh by request id, events without tokens) and the handshake against this window as parent.
import { expect, waitUntil } from '@open-wc/testing';
import { FrameChannel, handshake, hostedPageOpener, readFrameParams } from '../../src/frame/frame-page.js';

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

  it('rejects the refresh when the host has no token', async () => {
    const { host, frame, received } = pair();
    const fresh = frame.requestToken();
    await waitUntil(() => received.length === 1);
    host.postMessage({ type: 'token', nonce, id: 1, token: null });
    let error: unknown;
    await fresh.catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
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
  it('announces readiness to the exact origin, accepts one connect, and ignores a replay', async () => {
    const hellos: unknown[][] = [[], []];
    let connects = 0;
    const answer = (event: MessageEvent) => {
      if ((event.data as { type?: string })?.type !== 'ready' || connects > 0) return;
      expect(event.origin).to.equal(location.origin);
      for (const attempt of [0, 1]) {
        const channel = new MessageChannel();
        channel.port1.onmessage = (message) => {
          hellos[attempt]!.push(message.data);
          channel.port1.postMessage({ type: 'auth', nonce, token: 'tok', refresh: false });
        };
        connects += 1;
        window.postMessage({ protocol: 'memberkit-frame', v: 1, type: 'connect', nonce }, location.origin, [channel.port2]);
      }
    };
    // Every hello the frame's end posts, on any port, as it posts it.
    const said: unknown[] = [];
    const portPost = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (this: MessagePort, ...args: unknown[]) {
      if ((args[0] as { type?: string })?.type === 'hello') said.push(args[0]);
      return (portPost as (...a: unknown[]) => void).apply(this, args);
    } as typeof MessagePort.prototype.postMessage;
    addEventListener('message', answer);
    try {
      const channel = await handshake(location.origin, 2000);
      expect(channel?.token).to.equal('tok');
      // A marker posted to this window now arrives after the replayed connect was handled.
      await new Promise<void>((resolve) => {
        const marker = (event: MessageEvent) => event.data === 'after-replay' && (removeEventListener('message', marker), resolve());
        addEventListener('message', marker);
        window.postMessage('after-replay', location.origin);
      });
      expect(said).to.deep.equal([{ type: 'hello', nonce }]);
      expect(hellos[0]).to.deep.equal([{ type: 'hello', nonce }]);
    } finally {
      MessagePort.prototype.postMessage = portPost;
      removeEventListener('message', answer);
    }
  });

  it('ignores a connect without a port, and gives up (null) when nobody answers', async () => {
    const noPort = (event: MessageEvent) => {
      if ((event.data as { type?: string })?.type === 'ready') {
        window.postMessage({ protocol: 'memberkit-frame', v: 1, type: 'connect', nonce }, location.origin);
      }
    };
    addEventListener('message', noPort);
    try {
      expect(await handshake(location.origin, 300)).to.equal(null);
    } finally {
      removeEventListener('message', noPort);
    }
  });

  it('posts nothing that reaches this page when the embedder is another origin', async () => {
    const seen: unknown[] = [];
    const record = (event: MessageEvent) => seen.push(event.data);
    addEventListener('message', record);
    try {
      expect(await handshake('https://acme.com.evil.test', 200)).to.equal(null);
      expect(seen).to.deep.equal([]);
    } finally {
      removeEventListener('message', record);
    }
  });
});
