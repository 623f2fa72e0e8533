// The early signup-config request (src/prefetch.ts): what the script-tag loader sends for a widget
// that is not upgraded yet, and when the element's client takes that answer instead of asking
// again. The whole path, loader and built element together, is in test/e2e/element.test.ts.
import { expect } from '@open-wc/testing';
import { fetchWithEarlyAnswer, prefetchSignupConfig } from '../src/prefetch.js';

const realFetch = window.fetch;
let sent: string[] = [];
/** The network as the page sees it: answers each URL with its own text, or fails when told to. */
let network: (url: string) => Promise<Response>;

function widget(attributes: Record<string, string>): Element {
  // Not the registered tag: an element the loader finds before the element's code has arrived.
  const element = document.createElement('membership-signup-early');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

const asked = (url: string) => `https://api.example/v1/organizations/acme/signup-config${url}`;

describe('the early signup-config request', () => {
  beforeEach(() => {
    sent = [];
    network = async (url) => new Response(JSON.stringify({ url }), { headers: { 'content-type': 'application/json' } });
    window.fetch = ((input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input);
      sent.push(url);
      return network(url);
    }) as typeof fetch;
  });
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('is sent once, as the element would ask, and the element takes its answer instead of asking again', async () => {
    const element = widget({ organization: 'acme', 'api-base': 'https://api.example/v1/', 'membership-type': 'annual', invitation: 'INV 1' });
    prefetchSignupConfig(element, 'https://members.example.org/v1');
    expect(sent).to.deep.equal([asked('?membership_type=annual&invitation=INV+1')]);
    const fetch = fetchWithEarlyAnswer(element);
    const first = await fetch(new URL(asked('?membership_type=annual&invitation=INV+1')), { method: 'GET', headers: { accept: 'application/json' } });
    expect(await first.json()).to.deep.equal({ url: asked('?membership_type=annual&invitation=INV+1') });
    expect(sent).to.have.length(1);
    // Taken once: a retry, or a reload of the config after an attribute change, asks the network.
    await fetch(new URL(asked('?membership_type=annual&invitation=INV+1')), { method: 'GET', headers: {} });
    expect(sent).to.have.length(2);
  });

  it('uses the default API (the origin that served the script) without api-base, and drops an invalid membership-type as the element does', () => {
    prefetchSignupConfig(widget({ organization: 'acme', 'membership-type': 'not valid!' }), 'https://members.example.org/v1');
    expect(sent).to.deep.equal(['https://members.example.org/v1/organizations/acme/signup-config']);
  });

  it('with read-url-params, reads the page\'s ?membership-type= and ?invitation= where the attributes are not set, as the element does', () => {
    const page = location.href;
    history.replaceState(null, '', `${location.pathname}?membership-type=founders&invitation=FOUNDERS-2026`);
    try {
      prefetchSignupConfig(widget({ organization: 'acme', 'read-url-params': '' }), 'https://members.example.org/v1');
      prefetchSignupConfig(widget({ organization: 'acme', 'read-url-params': '', 'membership-type': 'annual' }), 'https://members.example.org/v1');
      prefetchSignupConfig(widget({ organization: 'acme' }), 'https://members.example.org/v1');
    } finally {
      history.replaceState(null, '', page);
    }
    const base = 'https://members.example.org/v1/organizations/acme/signup-config';
    expect(sent).to.deep.equal([
      `${base}?membership_type=founders&invitation=FOUNDERS-2026`,
      `${base}?membership_type=annual&invitation=FOUNDERS-2026`,
      base,
    ]);
  });

  it('sends nothing for a missing or invalid organization, or an API base that is not https (nor http on this machine)', () => {
    prefetchSignupConfig(widget({}), 'https://members.example.org/v1');
    prefetchSignupConfig(widget({ organization: '../admin' }), 'https://members.example.org/v1');
    prefetchSignupConfig(widget({ organization: 'acme', 'api-base': 'http://api.example/v1' }), 'https://members.example.org/v1');
    prefetchSignupConfig(widget({ organization: 'acme', 'api-base': 'javascript://localhost/%0aalert(1)' }), 'https://members.example.org/v1');
    prefetchSignupConfig(widget({ organization: 'acme' }), 'http://members.example.org/v1');
    expect(sent).to.deep.equal([]);
  });

  it('is not used for a request with a member token (the answer then holds the member), nor for another URL', async () => {
    const element = widget({ organization: 'acme', 'api-base': 'https://api.example/v1' });
    prefetchSignupConfig(element, 'https://members.example.org/v1');
    const fetch = fetchWithEarlyAnswer(element);
    await fetch(new URL(asked('')), { method: 'GET', headers: { authorization: 'Bearer mt_1' } });
    await fetch(new URL(asked('?membership_type=annual')), { method: 'GET', headers: {} });
    expect(sent).to.deep.equal([asked(''), asked(''), asked('?membership_type=annual')]);
  });

  it('falls back to the network when the early request failed', async () => {
    network = async (url) => {
      if (sent.length === 1) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ url, again: true }));
    };
    const element = widget({ organization: 'acme', 'api-base': 'https://api.example/v1' });
    prefetchSignupConfig(element, 'https://members.example.org/v1');
    const response = await fetchWithEarlyAnswer(element)(new URL(asked('')), { method: 'GET', headers: {} });
    expect(await response.json()).to.deep.equal({ url: asked(''), again: true });
    expect(sent).to.have.length(2);
  });

  it('rejects with the abort reason when the element aborts its load before the early answer arrives', async () => {
    let answer!: (response: Response) => void;
    network = () => new Promise((resolve) => (answer = resolve));
    const element = widget({ organization: 'acme', 'api-base': 'https://api.example/v1' });
    prefetchSignupConfig(element, 'https://members.example.org/v1');
    const controller = new AbortController();
    const pending = fetchWithEarlyAnswer(element)(new URL(asked('')), { method: 'GET', headers: {}, signal: controller.signal });
    controller.abort(new DOMException('attributes changed', 'AbortError'));
    answer(new Response('{}'));
    const error = await pending.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect((error as DOMException).message).to.equal('attributes changed');
  });
});
