import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  DETAIL_LIMITS,
  MAX_HEIGHT,
  copyDetail,
  isConnect,
  isInvalidDetail,
  isReady,
  isToken,
  parseFrameMessage,
  parseHostMessage,
  parseTheme,
  postToWindow,
  randomNonce,
} from '../../src/frame/protocol.js';

const nonce = 'a'.repeat(32);
const ready = { protocol: 'memberkit-frame', v: 1, type: 'ready' };
const connect = { ...ready, type: 'connect', nonce };

describe('frame protocol: handshake messages', () => {
  it('accepts exactly the ready and connect shapes', () => {
    expect(isReady(ready)).to.equal(true);
    expect(isConnect(connect)).to.equal(true);
    expect(isReady(connect)).to.equal(false);
    expect(isConnect(ready)).to.equal(false);
  });

  it('rejects other protocols, versions, extra keys, inherited keys and non-objects', () => {
    expect(isReady({ ...ready, protocol: 'other' })).to.equal(false);
    expect(isReady({ ...ready, v: 2 })).to.equal(false);
    expect(isReady({ ...ready, extra: 1 })).to.equal(false);
    expect(isReady(Object.create(ready))).to.equal(false);
    expect(isReady(JSON.stringify(ready))).to.equal(false);
    expect(isReady([ready])).to.equal(false);
    expect(isReady(null)).to.equal(false);
    expect(isConnect({ ...connect, nonce: 'A'.repeat(32) })).to.equal(false);
    expect(isConnect({ ...connect, nonce: 'a'.repeat(31) })).to.equal(false);
    expect(isConnect(JSON.parse(`{"protocol":"memberkit-frame","v":1,"type":"connect","nonce":"${nonce}","__proto__":{}}`))).to.equal(false);
  });

  it('makes a fresh 128-bit hex nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, randomNonce));
    expect(nonces.size).to.equal(50);
    for (const value of nonces) expect(value).to.match(/^[0-9a-f]{32}$/);
  });
});

describe('frame protocol: frame → host messages', () => {
  const heightOf = (height: unknown) => (parseFrameMessage({ type: 'height', nonce, height }, nonce) as { height?: number } | undefined)?.height;

  it('accepts a height rounded up to whole pixels', () => {
    expect(parseFrameMessage({ type: 'height', nonce, height: 420.2 }, nonce)).to.deep.equal({ type: 'height', nonce, height: 421 });
    expect(heightOf(MAX_HEIGHT)).to.equal(MAX_HEIGHT);
  });

  it('clamps finite heights to 1…MAX_HEIGHT: tall content gets the tallest frame, not its last smaller height', () => {
    expect(heightOf(MAX_HEIGHT + 1)).to.equal(MAX_HEIGHT);
    expect(heightOf(1e9)).to.equal(MAX_HEIGHT);
    expect(heightOf(Number.MAX_VALUE)).to.equal(MAX_HEIGHT);
    // An empty frame would collapse to nothing, and the member could not see the notice inside.
    expect(heightOf(0)).to.equal(1);
    expect(heightOf(0.2)).to.equal(1);
  });

  it('ignores heights that are not finite non-negative numbers: -1, NaN, Infinity, strings, null', () => {
    for (const height of [-1, -0.5, -1e9, NaN, Infinity, -Infinity, '300', null, undefined, { valueOf: () => 300 }]) {
      expect(parseFrameMessage({ type: 'height', nonce, height }, nonce), String(height)).to.equal(undefined);
    }
  });

  it('ignores any message whose nonce is not the handshake’s', () => {
    expect(parseFrameMessage({ type: 'hello', nonce: 'b'.repeat(32) }, nonce)).to.equal(undefined);
    expect(parseFrameMessage({ type: 'hello' }, nonce)).to.equal(undefined);
    expect(parseFrameMessage({ type: 'hello', nonce }, nonce)).to.deep.equal({ type: 'hello', nonce });
  });

  it('forwards only the widget’s own event names', () => {
    const complete = { type: 'event', nonce, name: 'membership-signup-complete', detail: { signup: { id: 's1' }, membership: { id: 'm1' } } };
    expect(parseFrameMessage(complete, nonce)).to.deep.equal(complete);
    expect(parseFrameMessage({ ...complete, name: 'click' }, nonce)).to.equal(undefined);
    expect(parseFrameMessage({ ...complete, name: 'membership-signup-complete ' }, nonce)).to.equal(undefined);
  });

  it('accepts only https checkout pages and positive integer token requests', () => {
    expect(parseFrameMessage({ type: 'checkout-open', nonce, url: 'https://checkout.stripe.com/c/pay/cs_1' }, nonce)?.type).to.equal('checkout-open');
    for (const url of ['javascript:alert(1)', 'http://checkout.stripe.com/', 'data:text/html,x', `https://a.test/${'x'.repeat(5000)}`]) {
      expect(parseFrameMessage({ type: 'checkout-open', nonce, url }, nonce), url.slice(0, 30)).to.equal(undefined);
    }
    expect(parseFrameMessage({ type: 'token-request', nonce, id: 3 }, nonce)).to.deep.equal({ type: 'token-request', nonce, id: 3 });
    for (const id of [0, -1, 1.5, '1']) expect(parseFrameMessage({ type: 'token-request', nonce, id }, nonce)).to.equal(undefined);
  });
});

describe('frame protocol: event details', () => {
  it('copies plain data into fresh objects', () => {
    const detail = { signup: { id: 's1', lines: [{ amount: 6000 }], paid: true, note: null } };
    const copy = copyDetail(detail) as typeof detail;
    expect(copy).to.deep.equal(detail);
    expect(copy).not.to.equal(detail);
    expect(copy.signup.lines).not.to.equal(detail.signup.lines);
  });

  it('rejects prototype-polluting keys anywhere in the tree', () => {
    for (const json of ['{"__proto__":{"polluted":true}}', '{"a":[{"constructor":{"prototype":{"polluted":true}}}]}', '{"prototype":1}']) {
      expect(isInvalidDetail(copyDetail(JSON.parse(json))), json).to.equal(true);
    }
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('rejects oversized strings, totals, entry counts and depth', () => {
    expect(isInvalidDetail(copyDetail({ big: 'x'.repeat(10 * 1024 * 1024) }))).to.equal(true);
    expect(isInvalidDetail(copyDetail({ s: 'x'.repeat(DETAIL_LIMITS.strings + 1) }))).to.equal(true);
    expect(isInvalidDetail(copyDetail(Array.from({ length: 40 }, () => 'x'.repeat(DETAIL_LIMITS.strings))))).to.equal(true);
    expect(isInvalidDetail(copyDetail(new Array(DETAIL_LIMITS.entries + 1).fill(0)))).to.equal(true);
    let deep: unknown = 1;
    for (let i = 0; i <= DETAIL_LIMITS.depth + 1; i += 1) deep = { deep };
    expect(isInvalidDetail(copyDetail(deep))).to.equal(true);
  });

  it('accepts a large but real detail: ready with 50 plans of 100 custom fields', () => {
    const field = (i: number) => ({ id: `f${i}`, label: `Field ${i}`, type: 'select', required: i % 2 === 0, options: ['a', 'b', 'c'], help_text: 'Some help.' });
    const plan = (i: number) => ({ id: `p${i}`, membership_name: `Plan ${i}`, description: 'x'.repeat(200), value: 1000 * i, custom_fields: Array.from({ length: 100 }, (_, n) => field(n)) });
    const detail = { organization: { id: 'acme', embed_origins: ['https://acme.example'] }, membershipTypes: Array.from({ length: 50 }, (_, i) => plan(i)) };
    const copy = copyDetail(detail);
    expect(isInvalidDetail(copy)).to.equal(false);
    expect(JSON.stringify(copy)).to.equal(JSON.stringify(detail));
  });

  it('rejects non-JSON values: NaN, class instances, dates', () => {
    for (const value of [{ n: NaN }, { d: new Date(0) }, { m: new Map() }]) expect(isInvalidDetail(copyDetail(value))).to.equal(true);
  });

  it('never throws and never yields an own __proto__, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (value) => {
        const copy = copyDetail(value);
        // A key, not a string value: ["__proto__"] is a harmless array of one string.
        const ownProtoKey = (node: unknown): boolean =>
          typeof node === 'object' && node !== null &&
          (Object.prototype.hasOwnProperty.call(node, '__proto__') || Object.values(node).some(ownProtoKey));
        return isInvalidDetail(copy) || !ownProtoKey(copy);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (data, other) => {
        parseFrameMessage(data, nonce);
        parseHostMessage(data, nonce);
        isReady(other);
        isConnect(other);
      }),
      { numRuns: 300 },
    );
  });
});

describe('frame protocol: host → frame messages', () => {
  it('accepts the auth message with a token or null', () => {
    expect(parseHostMessage({ type: 'auth', nonce, token: 'eyJ.abc-def_1', refresh: true }, nonce)).to.deep.equal({ type: 'auth', nonce, token: 'eyJ.abc-def_1', refresh: true });
    expect(parseHostMessage({ type: 'auth', nonce, token: null, refresh: false }, nonce)?.type).to.equal('auth');
  });

  it('rejects malformed tokens and wrong shapes', () => {
    for (const token of ['', 'has space', 'x'.repeat(8193), 42, { t: 1 }, 'tab\t']) {
      expect(isToken(token)).to.equal(false);
      expect(parseHostMessage({ type: 'auth', nonce, token, refresh: false }, nonce)).to.equal(undefined);
    }
    expect(parseHostMessage({ type: 'auth', nonce, token: 't', refresh: 'yes' }, nonce)).to.equal(undefined);
    expect(parseHostMessage({ type: 'token', nonce, id: 0, token: 't' }, nonce)).to.equal(undefined);
    expect(parseHostMessage({ type: 'auth', nonce: 'c'.repeat(32), token: 't', refresh: false }, nonce)).to.equal(undefined);
  });
});

describe('frame protocol: posting to a window', () => {
  it('refuses "*" and anything that is not an exact http(s) origin', () => {
    for (const origin of ['*', 'null', '', 'https://a.test/path', 'javascript:', 'file://']) {
      expect(() => postToWindow(window, ready as never, origin), origin).to.throw(TypeError);
    }
  });

  it('falls back to the target’s own postMessage whatever the engine throws for another window as `this`, keeping the exact origin', () => {
    const original = window.postMessage;
    for (const refusal of [new TypeError('Illegal invocation'), new DOMException('Blocked a frame', 'SecurityError')]) {
      const calls: unknown[][] = [];
      const target = { postMessage: (...args: unknown[]) => calls.push(args) } as unknown as Window;
      window.postMessage = (() => {
        throw refusal;
      }) as typeof window.postMessage;
      try {
        postToWindow(target, ready as never, 'https://frame.example');
      } finally {
        window.postMessage = original;
      }
      expect(calls, refusal.name).to.deep.equal([[ready, 'https://frame.example', []]]);
    }
  });

  it('posts with the exact origin', async () => {
    const received = new Promise<MessageEvent>((resolve) => addEventListener('message', resolve, { once: true }));
    postToWindow(window, ready as never, location.origin);
    const event = await received;
    expect(event.data).to.deep.equal(ready);
    expect(event.origin).to.equal(location.origin);
  });
});

describe('frame protocol: the host\'s theme', () => {
  const good = {
    'color-background': '#fff',
    'color-accent': '#0f5e4a',
    'color-text': 'rgb(27, 31, 36)',
    'color-muted': 'hsl(220 9% 30% / 90%)',
    'color-border': 'transparent',
    radius: '10px',
    space: '0.875rem',
    'max-width': '36rem',
    font: 'bold 1rem/1.4 "Inter", system-ui, sans-serif',
    'font-family': 'Georgia, "Times New Roman", serif',
  };

  it('keeps colours (hex, keywords, rgb and hsl of numbers), lengths and fonts (a size, a line height, family names)', () => {
    expect(parseTheme(good)).to.deep.equal(good);
    expect(parseHostMessage({ type: 'theme', nonce, theme: good }, nonce)).to.deep.equal({ type: 'theme', nonce, theme: good });
  });

  it('drops each value that could leave its declaration, load or compute anything, and unknown keys; the rest is kept', () => {
    const hostile: Record<string, string> = {
      'color-accent': 'red;} body{display:none',
      'color-text': 'url(https://evil.test/x.png)',
      'color-muted': 'var(--secret)',
      'color-error': 'expression(alert(1))',
      'color-focus': 'rgb(0,0,0) url(x)',
      'color-surface': '#12',
      radius: 'calc(1px + 1px)',
      space: '1rem }',
      'max-width': 'env(safe-area-inset-left)',
      font: '1rem "Inter\\", x',
      'font-family': 'serif; background: url(https://evil.test)',
      'color-background': '#fff',
      position: 'fixed',
      '--mk-color-accent': '#000',
    };
    expect(parseTheme(hostile)).to.deep.equal({ 'color-background': '#fff' });
    expect(parseTheme({ ...good, font: 'Inter' }), 'a shorthand needs its size').not.to.have.property('font');
    expect(parseTheme({ radius: `${'1'.repeat(300)}px` })).to.deep.equal({});
    expect(parseTheme({ 'font-family': `"${'a'.repeat(65)}"` })).to.deep.equal({});
  });

  it('refuses a theme that is not a plain object of strings, inherited keys included', () => {
    expect(parseTheme(null)).to.equal(undefined);
    expect(parseTheme(['#fff'])).to.equal(undefined);
    expect(parseTheme('color-accent: red')).to.equal(undefined);
    expect(parseTheme(Object.create({ 'color-accent': '#000' }))).to.equal(undefined);
    expect(parseTheme({ radius: 10 })).to.deep.equal({});
    expect(parseTheme(Object.fromEntries(Array.from({ length: 40 }, (_, n) => [`k${n}`, 'x'])))).to.equal(undefined);
    expect(parseHostMessage({ type: 'theme', nonce, theme: 'red' }, nonce)).to.equal(undefined);
    expect(parseHostMessage({ type: 'theme', nonce: 'b'.repeat(32), theme: good }, nonce)).to.equal(undefined);
  });
});

describe('frame protocol: the host page\'s address and its sign-in link', () => {
  const nonce = 'a'.repeat(32);
  const page = (url: unknown, ticket: unknown, extra: Record<string, unknown> = {}) => parseHostMessage({ type: 'page', nonce, url, ticket, ...extra }, nonce);

  it('takes an https (or loopback http) address with a ticket of letters, digits, _ and -, or none', () => {
    expect(page('https://acme.example/join?plan=annual', 'slt_0a1b-2c')).to.deep.equal({ type: 'page', nonce, url: 'https://acme.example/join?plan=annual', ticket: 'slt_0a1b-2c' });
    expect(page('http://localhost:4400/', null)).to.deep.equal({ type: 'page', nonce, url: 'http://localhost:4400/', ticket: null });
  });

  it('refuses another scheme, a ticket that could be anything else, a missing or an extra key', () => {
    for (const url of ['javascript:alert(1)', 'http://acme.example/', 'data:text/html,x', `https://acme.example/${'x'.repeat(5000)}`, 42]) {
      expect(page(url, null), String(url).slice(0, 40)).to.equal(undefined);
    }
    for (const ticket of ['', 'a b', 'slt_<script>', 'x'.repeat(201), 42, undefined]) expect(page('https://acme.example/', ticket), String(ticket)).to.equal(undefined);
    expect(page('https://acme.example/', null, { token: 'x' })).to.equal(undefined);
    expect(parseHostMessage({ type: 'page', nonce, url: 'https://acme.example/' }, nonce)).to.equal(undefined);
  });
});
