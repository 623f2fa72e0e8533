// A frame page entry for the adversarial tests: the real frame-page logic around a stand-in
// <membership-signup> that can grow, shrink and dispatch events, so these tests do not depend on
// the widget's UI. embed_origins come from the frame server's /config/<organization>.json; a test
// that needs the host to answer late (or a long wait) sets ?handshake-timeout=<ms> on the frame URL.
import type { PublicClient } from '@memberkit/sdk';
import { startFramePage } from '../../../packages/signup/src/frame/frame-page.js';

class StubSignup extends HTMLElement {
  /** Every token the frame page handed over, in order: the host's token arrives once per handshake. */
  tokens: string[] = [];
  #token: string | null = null;
  getAuthToken?: (() => Promise<string>) | null;
  private rows = document.createElement('div');

  get authToken(): string | null {
    return this.#token;
  }

  set authToken(token: string | null | undefined) {
    this.#token = token ?? null;
    if (token) this.tokens.push(token);
  }

  connectedCallback(): void {
    const heading = document.createElement('h1');
    heading.textContent = `Stub widget for ${this.getAttribute('organization')}`;
    const button = (label: string, action: () => void) => {
      const element = document.createElement('button');
      element.textContent = label;
      element.addEventListener('click', action);
      this.append(element);
    };
    this.append(heading, this.rows);
    button('Grow', () => {
      for (let i = 0; i < 10; i += 1) {
        const row = document.createElement('p');
        row.textContent = `row ${this.rows.childElementCount + 1}`;
        this.rows.append(row);
      }
    });
    button('Shrink', () => this.rows.replaceChildren());
    button('Complete', () =>
      this.dispatchEvent(
        new CustomEvent('membership-signup-complete', {
          bubbles: true,
          composed: true,
          detail: { signup: { id: 'sig_stub', status: 'completed' }, membership: { id: `mem_${this.getAttribute('organization')}`, expires_on: '2027-11-21' } },
        }),
      ),
    );
    this.dispatchEvent(new CustomEvent('membership-signup-ready', { bubbles: true, composed: true, detail: { organization: { id: this.getAttribute('organization') } } }));
  }
}
customElements.define('membership-signup', StubSignup);

const settings = new URLSearchParams(location.search);
const organization = settings.get('organization') ?? '';
const client = {
  signupConfig: {
    retrieve: async () => {
      const response = await fetch(`/config/${encodeURIComponent(organization)}.json`);
      if (!response.ok) throw new Error(`signup-config answered ${response.status}`);
      return response.json();
    },
  },
} as unknown as PublicClient;

const page = await startFramePage({ client, handshakeTimeout: Number(settings.get('handshake-timeout') ?? 4000) });
const widget = page.widget as StubSignup | undefined;
(window as unknown as { stub: unknown }).stub = {
  done: true,
  // Read when asked: a host that answers after the timeout connects later.
  hostOrigin: () => page.hostOrigin ?? null,
  token: () => widget?.authToken ?? null,
  tokens: () => widget?.tokens ?? [],
  refresh: () => widget?.getAuthToken?.(),
};
