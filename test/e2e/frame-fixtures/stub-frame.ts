// A frame page entry for the adversarial tests: the real frame-page logic around a stand-in
// <membership-signup> that can grow, shrink and dispatch events, so these tests do not depend on
// the widget's UI. embed_origins come from the frame server's /config.json.
import type { PublicClient } from '@memberkit/sdk';
import { startFramePage } from '../../../packages/signup/src/frame/frame-page.js';

class StubSignup extends HTMLElement {
  authToken?: string | null;
  getAuthToken?: (() => Promise<string>) | null;
  private rows = document.createElement('div');

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

const client = {
  signupConfig: { retrieve: async () => (await fetch('/config.json')).json() },
} as unknown as PublicClient;

const page = await startFramePage({ client, handshakeTimeout: 4000 });
const widget = page.widget as StubSignup | undefined;
(window as unknown as { stub: unknown }).stub = {
  done: true,
  hostOrigin: page.hostOrigin ?? null,
  token: () => widget?.authToken ?? null,
  refresh: () => widget?.getAuthToken?.(),
};
