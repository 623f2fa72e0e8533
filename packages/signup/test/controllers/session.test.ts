// The session controller on its own (controllers/session.ts): the token the page injects and the
// fresh one `.getAuthToken` gives after a 401, the client it builds (or the page's own), and the
// api-base check. Requests are answered by a stand-in `fetch` that records what was sent.
import { expect } from '@open-wc/testing';
import type { SignupClient } from '@memberkit/sdk';
import { SessionController, type SessionElement } from '../../src/membership-signup/controllers/session.js';
import type { SignIn } from '../../src/membership-signup/controllers/sign-in.js';
import { signInFor } from '../../src/membership-signup/sign-in.js';

const API = 'https://api.memberkit.test/v1';

interface Sent {
  url: string;
  authorization: string | undefined;
}

/** `fetch` answering each request with the next status (401s, then 404s): what was sent is kept. */
function standIn(statuses: number[]): { sent: Sent[]; restore(): void } {
  const real = window.fetch;
  const sent: Sent[] = [];
  window.fetch = async (input, init) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    sent.push({ url: String(input), authorization: headers.authorization });
    const status = statuses.shift() ?? 404;
    return new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, code: status === 401 ? 'unauthorized' : 'not_found' }), {
      status,
      headers: { 'content-type': 'application/problem+json' },
    });
  };
  return { sent, restore: () => void (window.fetch = real) };
}

function element(settings: Partial<SessionElement> = {}): SessionElement {
  return Object.assign(document.createElement('membership-session-test'), { organization: 'demo', apiBase: API, client: undefined, getAuthToken: undefined }, settings) as SessionElement;
}

/** One request on the session's client (the membership lookup a signed-in page makes). */
const ask = (session: SessionController) => session.client().me.retrieve().catch(() => undefined);

describe('SessionController', () => {
  let fetch: ReturnType<typeof standIn>;
  afterEach(() => fetch?.restore());

  it("sends the page's token to the configured API, and a new token with the next request", async () => {
    fetch = standIn([]);
    const session = new SessionController(element());
    expect(session.use('tok-1')).to.equal(true);
    expect(session.use('tok-1')).to.equal(false);
    await ask(session);
    expect(session.use('tok-2')).to.equal(true);
    await ask(session);
    expect(fetch.sent.map((request) => request.authorization)).to.deep.equal(['Bearer tok-1', 'Bearer tok-2']);
    expect(fetch.sent[0]!.url).to.equal(`${API}/organizations/demo/me`);
    expect(session.token).to.equal('tok-2');
  });

  it('asks .getAuthToken for a fresh token after a 401 and sends the request again with it', async () => {
    fetch = standIn([401]);
    const session = new SessionController(element({ getAuthToken: async () => 'fresh' }));
    session.use('stale');
    await ask(session);
    expect(fetch.sent.map((request) => request.authorization)).to.deep.equal(['Bearer stale', 'Bearer fresh']);
  });

  it("carries on signed out, with one warning, when the page's token is refused and nothing can refresh it", async () => {
    fetch = standIn([401]);
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const session = new SessionController(element());
      session.use('stale');
      expect(session.signedIn()).to.equal(true);
      await ask(session);
      expect(fetch.sent.map((request) => request.authorization)).to.deep.equal(['Bearer stale', undefined]);
      expect(warnings.filter((line) => line.includes('no .getAuthToken can refresh it'))).to.have.length(1);
      expect(session.signedIn()).to.equal(false);
      expect(warnings.join(' ')).not.to.contain('stale');
    } finally {
      console.warn = warn;
    }
  });

  it("is signed out when the page's .getAuthToken answers '' (a visitor), and the widget's own sign-in gives the token then", async () => {
    fetch = standIn([401]);
    const session = new SessionController(element({ getAuthToken: async () => '' }));
    expect(session.signedIn()).to.equal(true); // not asked yet
    await ask(session);
    expect(session.signedIn()).to.equal(false);
    const asked: boolean[] = [];
    session.signIn = { token: async (refresh: boolean) => (asked.push(refresh), 'widget-token'), signedIn: true } as unknown as SignIn;
    expect(session.signedIn()).to.equal(true);
    session.reset();
    await ask(session);
    expect(fetch.sent.at(-1)!.authorization).to.equal('Bearer widget-token');
    expect(asked).to.deep.equal([false]);
  });

  it("builds one client until reset, and uses the page's own client when it sets one", () => {
    const page = {} as SignupClient;
    const el = element();
    const session = new SessionController(el);
    const first = session.client();
    expect(session.client()).to.equal(first);
    session.reset();
    expect(session.client()).not.to.equal(first);
    el.client = page;
    expect(session.client()).to.equal(page);
  });

  it('refuses an api-base that is neither https nor loopback http, and no other', () => {
    for (const [base, refused] of [
      ['http://api.example.org/v1', true],
      ['javascript://localhost/%0aalert(1)', true],
      ['ftp://localhost/v1', true],
      ['https://api.example.org/v1/', false],
      ['http://localhost:8787/v1', false],
      ['http://127.0.0.1/v1', false],
    ] as const) {
      expect(new SessionController(element({ apiBase: base })).refusedBase(), base).to.equal(refused ? base : undefined);
    }
    // The page's own client sends nothing through api-base.
    expect(new SessionController(element({ apiBase: 'http://api.example.org/v1', client: {} as SignupClient })).refusedBase()).to.equal(undefined);
  });

  it('builds no client for a refused api-base, so no request (and no token) leaves', async () => {
    fetch = standIn([]);
    const el = element({ apiBase: API });
    const session = new SessionController(el);
    session.use('secret');
    await ask(session);
    el.apiBase = 'http://api.example.org/v1';
    session.reset();
    expect(() => session.client()).to.throw('api-base refused');
    expect(fetch.sent.map((request) => request.url)).to.deep.equal([`${API}/organizations/demo/me`]);
  });

  it("sends the widget's sign-in requests to the checked api-base only: none once it is refused", async () => {
    fetch = standIn([]);
    const el = Object.assign(element(), {
      signInLink: undefined,
      renderRoot: document.createDocumentFragment(),
      updateComplete: Promise.resolve(true),
      requestUpdate() {},
    });
    const session = new SessionController(el);
    const signIn = signInFor(el, () => {}, { config: undefined }, session);
    signIn.email = 'ada@example.org';
    await signIn.send();
    // The page points api-base elsewhere, over plain http, while the sign-in is on screen.
    el.apiBase = 'http://api.example.org/v1';
    await signIn.send(true);
    signIn.code = '123456';
    await signIn.verify();
    expect(fetch.sent.map((request) => request.url)).to.deep.equal([`${API}/organizations/demo/auth/email-codes`]);
    // The member is told it failed, not left waiting.
    expect([signIn.problem, signIn.busy]).to.deep.equal(['failed', false]);
  });

  it('sends to the api-base without its trailing slashes', async () => {
    fetch = standIn([]);
    const session = new SessionController(element({ apiBase: `${API}//` }));
    session.use('t');
    await ask(session);
    expect(fetch.sent[0]!.url).to.equal(`${API}/organizations/demo/me`);
  });
});
