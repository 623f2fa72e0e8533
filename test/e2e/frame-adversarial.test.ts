// The iframe handshake under attack, in Chromium with real origins: the host page on
// http://acme.com:<port>, the frame page on http://127.0.0.1:<port>, attackers on evil.test,
// look-alike hosts and other ports (the resolver maps acme.com and *.test to loopback). The frame
// page is the real frame-page logic around a stand-in widget (stub-frame.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Frame, Page } from 'playwright-core';
import { bundle, hostScript, html, instrument, js, json, launch, postTargets, serve, until, type StaticServer } from './frame-server.js';

const TOKEN = 'mk_member_test_7f3a9c01d2e4b5a6';
const EVENTS = ['membership-signup-ready', 'membership-signup-complete', 'membership-signup-error'];

let browser: Browser;
let frameServer: StaticServer;
let hostServer: StaticServer;
let evilServer: StaticServer;
let FRAME: string;
let HOST: string;
const pages: Page[] = [];

const ATTACK = `<script type="module">
  window.received = [];
  addEventListener('message', (event) => window.received.push({ origin: event.origin, ports: event.ports.length, marker: event.data === 'host-done' }));
  const params = new URLSearchParams(location.search);
  const target = params.get('target');
  parent.postMessage({ protocol: 'memberkit-frame', v: 1, type: 'ready' }, target);
  parent.postMessage({ type: 'height', height: 5 }, target);
  parent.postMessage({ type: 'event', name: 'membership-signup-complete', detail: { hacked: true } }, target);
  if (params.has('big')) parent.postMessage({ protocol: 'memberkit-frame', v: 1, type: 'ready', pad: 'x'.repeat(10 * 1024 * 1024) }, target);
  if (params.has('connect')) {
    // Try to hijack the frame's handshake from a sibling window.
    const channel = new MessageChannel();
    window.hijacked = [];
    channel.port1.onmessage = (event) => window.hijacked.push(event.data);
    parent.frames[0].postMessage({ protocol: 'memberkit-frame', v: 1, type: 'connect', nonce: 'a'.repeat(32) }, params.get('frame'), [channel.port2]);
    // A marker after it: once the frame has it, it has handled the connect.
    parent.frames[0].postMessage('attack-done', params.get('frame'));
  }
  // A marker after the attack: once the host page has it, it has handled everything above.
  parent.postMessage('attack-done:' + location.href, target);
  window.sent = true;
</script>`;

function hostPage(frames: { id: string; org: string; token: string }[]): string {
  return `<script type="module" src="/membership-signup-frame.js"></script>
    ${frames.map((f) => `<membership-signup-frame id="${f.id}" src="${FRAME}/frame.html?organization=${f.org}"></membership-signup-frame>`).join('\n')}
    <script type="module">
      ${frames.map((f) => `document.getElementById('${f.id}').authToken = '${f.token}';`).join('\n')}
      window.events = [];
      window.markers = [];
      addEventListener('message', (event) => typeof event.data === 'string' && window.markers.push(event.data));
      for (const name of ${JSON.stringify(EVENTS)}) document.addEventListener(name, (event) => window.events.push({ name, id: event.target.id, detail: event.detail }));
      window.attack = (src) => new Promise((resolve) => {
        const frame = document.createElement('iframe');
        frame.onload = resolve;
        frame.src = src;
        document.body.append(frame);
      });
    </script>`;
}

before(async () => {
  const [stub, host] = await Promise.all([bundle('test/e2e/frame-fixtures/stub-frame.ts'), hostScript()]);
  [frameServer, hostServer, evilServer] = await Promise.all([serve(), serve(), serve()]);
  FRAME = `http://127.0.0.1:${frameServer.port}`;
  HOST = `http://acme.com:${hostServer.port}`;
  const hostRoutes = (server: StaticServer) => {
    server.routes.set('/membership-signup-frame.js', js(host));
    server.routes.set('/host.html', html(hostPage([{ id: 'a', org: 'demo', token: TOKEN }])));
    server.routes.set('/two.html', html(hostPage([{ id: 'a', org: 'demo', token: 'token-for-a' }, { id: 'b', org: 'other', token: 'token-for-b' }])));
    server.routes.set('/broken.html', html(hostPage([{ id: 'a', org: 'broken', token: TOKEN }])));
    server.routes.set('/attack.html', html(ATTACK));
  };
  hostRoutes(hostServer);
  hostRoutes(evilServer);
  frameServer.routes.set('/frame.html', html('<script type="module" src="/stub-frame.js"></script>'));
  frameServer.routes.set('/stub-frame.js', js(stub));
  for (const id of ['demo', 'other']) frameServer.routes.set(`/config/${id}.json`, json({ organization: { id, embed_origins: [HOST] } }));
  // The API failing: the frame page must show a notice and tell the parent nothing.
  frameServer.routes.set('/config/broken.json', { ...json({ type: 'about:blank', title: 'Internal Server Error', status: 500 }), status: 500 });
  frameServer.routes.set('/attack.html', html(ATTACK));
  // The host page without the host script: the test performs the host's half by hand, and says
  // how long the frame waits for it (?handshake-timeout=, a minute unless the test wants it late).
  hostServer.routes.set(
    '/plain.html',
    html(`<script type="module">
      window.readies = [];
      addEventListener('message', (event) => { if (event.source === frames[0]) window.readies.push(event.origin); });
      const iframe = document.createElement('iframe');
      iframe.title = 'signup';
      iframe.src = '${FRAME}/frame.html?organization=demo&handshake-timeout=' + (new URLSearchParams(location.search).get('handshake-timeout') ?? 60000);
      document.body.prepend(iframe);
    </script>`),
  );
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([frameServer, hostServer, evilServer].map((server) => server?.close()));
});

async function open(url: string): Promise<Page> {
  const context = await browser.newContext();
  await instrument(context);
  const page = await context.newPage();
  pages.push(page);
  await page.goto(url);
  return page;
}

async function widgetFrame(page: Page, org = 'demo'): Promise<Frame> {
  const frame = await until(
    () => page.frames().find((f) => f.url().startsWith(`${FRAME}/frame.html?organization=${org}`)),
    Boolean,
    'the frame page',
  );
  await until(() => frame!.evaluate(() => Boolean((window as unknown as { stub?: unknown }).stub)).catch(() => false), Boolean, 'the frame page to start');
  return frame!;
}

const frameHeight = (page: Page, id = 'a') =>
  page.evaluate((id) => document.getElementById(id)!.shadowRoot!.querySelector('iframe')!.getBoundingClientRect().height, id);
const contentHeight = (frame: Frame) => frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
/**
 * Waits until the iframe's height equals its content's, both read together, and `accept` holds;
 * returns that height. A baseline read before the first height arrived would be the default 150 px.
 */
const settledHeight = async (page: Page, frame: Frame, id = 'a', accept: (height: number) => boolean = () => true, what = 'the iframe to fit its content') => {
  const [outer] = await until(() => Promise.all([frameHeight(page, id), contentHeight(frame)]), ([a, b]) => a === b && accept(a), what);
  return outer;
};
const stubToken = (frame: Frame) => frame.evaluate(() => (window as unknown as { stub: { token(): string | null } }).stub.token());
/** Every token the frame page handed to the widget, in order. */
const stubTokens = (frame: Frame) => frame.evaluate(() => (window as unknown as { stub: { tokens(): string[] } }).stub.tokens());
const hostPosted = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __posted: { type?: string }[]; __ports: { data: { type?: string } }[] };
    return { posted: w.__posted.map((m) => m?.type ?? String(m)), ports: w.__ports.map((p) => p.data?.type ?? String(p.data)) };
  });
const hostEvents = (page: Page) => page.evaluate(() => (window as unknown as { events: { name: string; id: string; detail: unknown }[] }).events);

/**
 * Records, in the frame page, the string markers that reach its window and (once connected) its
 * end of the port. Messages on one channel arrive in order: once a marker is in, everything posted
 * before it on that channel has been handled.
 */
async function listenForMarkers(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const w = window as unknown as { markers: string[]; __ports: { port: MessagePort; data: { type?: string } }[] };
    w.markers = [];
    // (No named function in here: the bundler would wrap it in a helper the page does not have.)
    for (const target of [window, w.__ports.find((p) => p.data.type === 'hello')?.port]) {
      target?.addEventListener('message', (event) => typeof (event as MessageEvent).data === 'string' && w.markers.push((event as MessageEvent).data));
    }
  });
}
const markersIn = (frame: Frame, ...expected: string[]) =>
  until(() => frame.evaluate(() => (window as unknown as { markers: string[] }).markers), (markers) => expected.every((m) => markers.includes(m)), `markers ${expected.join(', ')}`);
/** How many hellos the frame page has said, on any port. */
const hellosSaid = (frame: Frame) =>
  frame.evaluate(() => (window as unknown as { __ports: { data: { type?: string } }[] }).__ports.filter((p) => p.data.type === 'hello').length);

/**
 * Run in plain.html: connects to the frame by hand, as the host script would (nonce c…c), answers
 * its hello with `token`, and records everything the frame says on that port in `answers`. A
 * string marker (`connect-<n>`) follows the connect to the frame's window.
 */
function connectByHand({ frameOrigin, token }: { frameOrigin: string; token: string }): void {
  const w = window as unknown as { answers: unknown[][] };
  w.answers ??= [];
  const got: unknown[] = [];
  w.answers.push(got);
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => {
    got.push(event.data);
    if ((event.data as { type?: string }).type === 'hello') channel.port1.postMessage({ type: 'auth', nonce: 'c'.repeat(32), token, refresh: false });
  };
  frames[0]!.postMessage({ protocol: 'memberkit-frame', v: 1, type: 'connect', nonce: 'c'.repeat(32) }, frameOrigin, [channel.port2]);
  frames[0]!.postMessage(`connect-${w.answers.length}`, frameOrigin);
}
const answers = (page: Page) => page.evaluate(() => (window as unknown as { answers: unknown[][] }).answers);

async function assertNoWildcard(page: Page): Promise<void> {
  const targets = await postTargets(page);
  assert.ok(targets.length > 0, 'some postMessage calls were recorded');
  for (const target of targets) {
    assert.notEqual(target, '*');
    assert.match(String(target), /^https?:\/\/[^/]+$/);
  }
}

describe('iframe handshake: the token reaches the frame, once, over the port', () => {
  it('the frame gets the host’s token in memory; it is in no URL', async () => {
    const page = await open(`${HOST}/host.html`);
    const frame = await widgetFrame(page);
    assert.equal(await stubToken(frame), TOKEN);
    assert.equal(await frame.evaluate(() => (window as unknown as { stub: { hostOrigin(): string } }).stub.hostOrigin()), HOST);
    for (const f of page.frames()) assert.ok(!f.url().includes(TOKEN));
    await assertNoWildcard(page);
  });
});

describe('iframe handshake: messages from anyone else are ignored', () => {
  it('a third origin, the frame origin in another window, a look-alike and another port get no answer', async () => {
    const page = await open(`${HOST}/host.html`);
    const frame = await widgetFrame(page);
    const before = await settledHeight(page, frame);
    const attackers = [
      `http://evil.test:${evilServer.port}/attack.html?big&target=${HOST}`, // third origin (+ a 10 MB ready)
      `${FRAME}/attack.html?target=${HOST}`, // right origin, another window
      `http://127.0.0.1.evil.test:${frameServer.port}/attack.html?target=${HOST}`, // look-alike of the frame origin
      `http://127.0.0.1:${evilServer.port}/attack.html?target=${HOST}`, // the frame host on another port
    ];
    for (const src of attackers) await page.evaluate((src) => (window as unknown as { attack(s: string): Promise<void> }).attack(src), src);
    for (const src of attackers) {
      const attacker = await until(() => page.frames().find((f) => f.url() === src), Boolean, src);
      await until(() => attacker!.evaluate(() => (window as unknown as { sent?: boolean }).sent), Boolean, `${src} to post`);
    }
    await until(
      () => page.evaluate(() => (window as unknown as { markers: string[] }).markers),
      (markers) => attackers.every((src) => markers.includes(`attack-done:${src}`)),
      'the host page to handle the attacks',
    );
    // Any answer to an attacker would now be on its way, ahead of this marker.
    await page.evaluate(() => {
      for (const iframe of document.querySelectorAll<HTMLIFrameElement>('body > iframe')) iframe.contentWindow!.postMessage('host-done', new URL(iframe.src).origin);
    });
    for (const src of attackers) {
      const attacker = page.frames().find((f) => f.url() === src)!;
      const received = await until(
        () => attacker.evaluate(() => (window as unknown as { received: { marker: boolean }[] }).received),
        (list) => list.some((message) => message.marker),
        `${src} to get the marker`,
      );
      assert.deepEqual(received.filter((message) => !message.marker), [], `${src} got an answer`);
    }
    assert.equal(await frameHeight(page), before);
    assert.ok(!(await hostEvents(page)).some((event) => JSON.stringify(event.detail).includes('hacked')));
    // Still working: the real frame's height and events go through.
    await frame.getByRole('button', { name: 'Grow' }).click();
    await until(() => frameHeight(page), (height) => height > before, 'the frame to grow');
    await frame.getByRole('button', { name: 'Complete' }).click();
    await until(() => hostEvents(page), (events) => events.some((e) => e.name === 'membership-signup-complete'), 'complete');
    await assertNoWildcard(page);
  });

  it('the host’s own iframe, navigated to another origin, gets no new connect', async () => {
    const page = await open(`${HOST}/host.html`);
    const frame = await widgetFrame(page);
    assert.deepEqual((await hostPosted(page)).posted, ['connect']);
    // The very window the host created (so the source check passes), now showing evil.test, says ready.
    const attack = `http://evil.test:${evilServer.port}/attack.html?target=${HOST}`;
    await frame.evaluate((src) => location.assign(src), attack).catch(() => {});
    await until(
      () => page.evaluate(() => (window as unknown as { markers: string[] }).markers),
      (markers) => markers.includes(`attack-done:${attack}`),
      'the host page to handle the navigated frame’s messages',
    );
    // Only the origin check refuses it: no second connect was posted, to anyone.
    assert.deepEqual((await hostPosted(page)).posted, ['connect']);
    assert.ok(!(await hostEvents(page)).some((event) => JSON.stringify(event.detail).includes('hacked')));
  });

  it('spoofed heights, a 10 MB event and a polluting event over the real port are ignored; an absurd height is clamped', async () => {
    const page = await open(`${HOST}/host.html`);
    const frame = await widgetFrame(page);
    await frame.getByRole('button', { name: 'Grow' }).click();
    const height = await settledHeight(page, frame, 'a', (h) => h > 200, 'growth');
    await frame.evaluate(() => {
      const { port, data } = (window as unknown as { __ports: { port: MessagePort; data: { nonce: string } }[] }).__ports[0]!;
      const nonce = data.nonce;
      for (const spoof of [-1, NaN, Infinity, -Infinity, '900', null]) port.postMessage({ type: 'height', nonce, height: spoof });
      port.postMessage({ type: 'event', nonce, name: 'membership-signup-error', detail: { code: 'x', message: 'm'.repeat(10 * 1024 * 1024) } });
      port.postMessage({ type: 'event', nonce, name: 'membership-signup-error', detail: JSON.parse('{"__proto__":{"polluted":"yes"},"code":"x","message":"m"}') });
      port.postMessage({ type: 'event', nonce, name: 'membership-signup-error', detail: { code: 'x', message: 'm', constructor: { prototype: { polluted: 'yes' } } } });
      port.postMessage({ type: 'event', nonce: 'b'.repeat(32), name: 'membership-signup-error', detail: { code: 'wrong-nonce', message: 'm' } });
    });
    await frame.getByRole('button', { name: 'Complete' }).click();
    await until(() => hostEvents(page), (events) => events.some((e) => e.name === 'membership-signup-complete'), 'complete after the junk');
    assert.equal(await frameHeight(page), height);
    assert.deepEqual((await hostEvents(page)).filter((e) => e.name === 'membership-signup-error'), []);
    assert.equal(await page.evaluate(() => ({} as Record<string, unknown>).polluted), undefined);
    // 1e9 is clamped to the tallest frame (20,000 px), and the next real height takes over again.
    await frame.evaluate(() => {
      const { port, data } = (window as unknown as { __ports: { port: MessagePort; data: { nonce: string } }[] }).__ports[0]!;
      port.postMessage({ type: 'height', nonce: data.nonce, height: 1e9 });
    });
    await until(() => frameHeight(page), (h) => h === 20000, 'the clamped height');
    await frame.getByRole('button', { name: 'Shrink' }).click();
    await settledHeight(page, frame, 'a', (h) => h < height, 'the frame to shrink after the junk');
  });

  it('a second token after the first and a replayed nonce are ignored', async () => {
    const page = await open(`${HOST}/host.html`);
    const frame = await widgetFrame(page);
    await listenForMarkers(frame);
    assert.equal(await hellosSaid(frame), 1);
    await page.evaluate((frameOrigin) => {
      const w = window as unknown as { __ports: { port: MessagePort; data: { type: string; nonce: string } }[]; __posted: { type?: string; nonce?: string }[] };
      const auth = w.__ports.find((p) => p.data.type === 'auth')!;
      auth.port.postMessage({ type: 'auth', nonce: auth.data.nonce, token: 'second-token', refresh: true });
      auth.port.postMessage({ type: 'token', nonce: auth.data.nonce, id: 1, token: 'unsolicited-token' });
      auth.port.postMessage('port-marker');
      // Replay the connect (same nonce) with a fresh port: a live frame must not say hello on it.
      const connect = w.__posted.find((m) => m?.type === 'connect')!;
      const channel = new MessageChannel();
      const iframe = document.getElementById('a')!.shadowRoot!.querySelector('iframe')!;
      iframe.contentWindow!.postMessage({ ...connect }, frameOrigin, [channel.port2]);
      iframe.contentWindow!.postMessage('window-marker', frameOrigin);
    }, FRAME);
    await markersIn(frame, 'port-marker', 'window-marker');
    // Both handled: the widget was handed the first token only, and no second hello was said
    // (on the replayed port or any other).
    assert.equal(await hellosSaid(frame), 1);
    assert.deepEqual(await stubTokens(frame), [TOKEN]);
    await frame.getByRole('button', { name: 'Complete' }).click();
    await until(() => hostEvents(page), (events) => events.some((e) => e.name === 'membership-signup-complete'), 'complete');
    await assertNoWildcard(page);
  });

  it('before the host answers, the frame ignores a sibling’s connect (from another origin, and from the host’s own) and a replayed nonce', async () => {
    const page = await open(`${HOST}/plain.html`);
    const frame = await until(() => page.frames().find((f) => f.url().startsWith(`${FRAME}/frame.html`)), Boolean, 'frame');
    await until(() => page.evaluate(() => (window as unknown as { readies: string[] }).readies), (r) => r.length === 1, 'the frame’s ready');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { readies: string[] }).readies), [FRAME]);
    await listenForMarkers(frame!);
    // A third origin, then a window on the host's own origin that is not the frame's parent: only
    // the source check stops the second one.
    for (const sibling of [`http://evil.test:${evilServer.port}`, HOST].map((origin) => `${origin}/attack.html?connect&frame=${FRAME}&target=${HOST}`)) {
      await frame!.evaluate(() => (window as unknown as { markers: string[] }).markers.splice(0));
      await page.evaluate((src) => {
        const iframe = document.createElement('iframe');
        iframe.src = src;
        document.body.append(iframe);
      }, sibling);
      const attacker = await until(() => page.frames().find((f) => f.url() === sibling), Boolean, 'attacker');
      await until(() => attacker!.evaluate(() => (window as unknown as { sent?: boolean }).sent), Boolean, 'attack');
      // The frame handled the sibling's connect (its marker came after it) and said hello to nobody.
      await markersIn(frame!, 'attack-done');
      assert.equal(await hellosSaid(frame!), 0, `${sibling} got a hello`);
      assert.deepEqual(await attacker!.evaluate(() => (window as unknown as { hijacked: unknown[] }).hijacked), []);
    }
    // The same connect twice: the first is accepted, the replay (same nonce) is not.
    const nonce = 'c'.repeat(32);
    await page.evaluate(connectByHand, { frameOrigin: FRAME, token: 'hand-made-token' });
    const [first] = await until(() => answers(page), (list) => list[0]!.length > 0, 'the hello');
    // The hello comes first; once authorised the frame may already have sent its ready event and height.
    assert.deepEqual(first![0], { type: 'hello', nonce });
    await page.evaluate(connectByHand, { frameOrigin: FRAME, token: 'replayed-token' });
    await markersIn(frame!, 'connect-2');
    // Counted where the frame posts: a hello on the replayed port would be recorded before the marker.
    assert.equal(await hellosSaid(frame!), 1, 'no hello on the replayed connect');
    await until(() => frame!.evaluate(() => Boolean((window as unknown as { stub?: unknown }).stub)), Boolean, 'stub');
    assert.deepEqual(await stubTokens(frame!), ['hand-made-token']);
    await assertNoWildcard(page);
  });

  it('a host that answers after the frame’s handshake timeout still connects: token, queued events and height', async () => {
    const page = await open(`${HOST}/plain.html?handshake-timeout=100`);
    const frame = await until(() => page.frames().find((f) => f.url().startsWith(`${FRAME}/frame.html`)), Boolean, 'frame');
    // The frame gave up waiting and rendered the widget without a host.
    await until(() => frame!.evaluate(() => Boolean((window as unknown as { stub?: unknown }).stub)).catch(() => false), Boolean, 'the widget without a host');
    assert.equal(await hellosSaid(frame!), 0);
    assert.equal(await stubToken(frame!), null);
    await page.evaluate(connectByHand, { frameOrigin: FRAME, token: 'late-token' });
    await until(() => stubToken(frame!), (token) => token === 'late-token', 'the late token');
    assert.equal(await frame!.evaluate(() => (window as unknown as { stub: { hostOrigin(): string } }).stub.hostOrigin()), HOST);
    type Answer = { type: string; name?: string; height?: number };
    const got = (await until(() => answers(page), (list) => (list[0] as Answer[]).some((m) => m.type === 'height'), 'the current height'))[0] as Answer[];
    assert.deepEqual(got[0], { type: 'hello', nonce: 'c'.repeat(32) });
    // The widget's ready event, dispatched before the host answered, was kept for it.
    assert.ok(got.some((m) => m.type === 'event' && m.name === 'membership-signup-ready'), JSON.stringify(got));
    const before = got.filter((m) => m.type === 'height').at(-1)!.height!;
    await frame!.getByRole('button', { name: 'Grow' }).click();
    await until(() => answers(page), (list) => (list[0] as Answer[]).some((m) => m.type === 'height' && m.height! > before), 'a new height after growth');
    await assertNoWildcard(page);
  });

  it('a signup-config that fails shows a notice and posts nothing to the host', async () => {
    const page = await open(`${HOST}/broken.html`);
    const frame = await until(() => page.frames().find((f) => f.url().startsWith(`${FRAME}/frame.html?organization=broken`)), Boolean, 'frame');
    await frame!.getByText('This signup form could not be loaded. Please reload the page.').waitFor();
    assert.deepEqual(await frame!.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted), [], 'the frame posted to its parent');
    assert.deepEqual(await hostPosted(page), { posted: [], ports: [] });
    assert.equal(await frame!.evaluate(() => document.querySelector('membership-signup')), null);
  });

  it('the frame refuses look-alike and other-port embedders, and no token leaves the host', async () => {
    for (const origin of [`http://acme.com.evil.test:${hostServer.port}`, `http://acme.com:${evilServer.port}`]) {
      const page = await open(`${origin}/host.html`);
      const frame = await until(() => page.frames().find((f) => f.url().startsWith(`${FRAME}/frame.html`)), Boolean, 'frame');
      await frame!.getByText('This signup form cannot be shown on this site.').waitFor();
      const posted = await page.evaluate(() => (window as unknown as { __posted: unknown[]; __ports: unknown[] }).__posted.length + (window as unknown as { __ports: unknown[] }).__ports.length);
      assert.equal(posted, 0, `${origin}: the host posted something`);
      assert.equal(await frame!.evaluate(() => document.querySelector('membership-signup')), null);
    }
  });
});

describe('iframe: layout and two frames', () => {
  it('the iframe height follows its content as it grows and shrinks', async () => {
    const page = await open(`${HOST}/host.html`);
    const frame = await widgetFrame(page);
    const initial = await settledHeight(page, frame);
    await frame.getByRole('button', { name: 'Grow' }).click();
    await frame.getByRole('button', { name: 'Grow' }).click();
    // Outer and inner read together: an intermediate height (one Grow) does not equal the content.
    const grown = await settledHeight(page, frame, 'a', (h) => h > initial + 200, 'growth');
    assert.ok(grown > initial + 400, `grew by two rounds of rows (${initial} → ${grown})`);
    await frame.getByRole('button', { name: 'Shrink' }).click();
    await settledHeight(page, frame, 'a', (h) => h === initial, 'shrink back');
  });

  it('two frames on one page keep their own token, height and events', async () => {
    const page = await open(`${HOST}/two.html`);
    const [a, b] = [await widgetFrame(page, 'demo'), await widgetFrame(page, 'other')];
    assert.equal(await stubToken(a), 'token-for-a');
    assert.equal(await stubToken(b), 'token-for-b');
    const heightB = await settledHeight(page, b, 'b');
    await a.getByRole('button', { name: 'Grow' }).click();
    await settledHeight(page, a, 'a', (h) => h > heightB + 200, 'a to grow');
    await b.getByRole('button', { name: 'Complete' }).click();
    const events = await until(() => hostEvents(page), (e) => e.some((x) => x.name === 'membership-signup-complete'), 'b complete');
    assert.equal(await frameHeight(page, 'b'), heightB);
    const completes = events.filter((e) => e.name === 'membership-signup-complete');
    assert.deepEqual(completes.map((e) => [e.id, (e.detail as { membership: { id: string } }).membership.id]), [['b', 'mem_other']]);
    await assertNoWildcard(page);
  });
});
