/**
 * `<membership-signup-frame src="https://signup.example/frame.html?organization=acme">`: the
 * host-side half of the iframe mode. Creates the iframe, answers the frame's handshake, passes the
 * page's theme (the --mk-* custom properties) and the member token over a MessageChannel, sizes the iframe to its content and re-dispatches the
 * widget's events on itself. No Lit, no dependencies: it must stay within 3 kB gzip.
 */
import {
  isReady,
  isToken,
  parseFrameMessage,
  postToWindow,
  randomNonce,
  httpOrigin,
  PROTOCOL,
  VERSION,
  type HostToFrame,
  type Nonce,
} from './protocol.js';
import { takeSignInLink } from '../sign-in-link.js';

/**
 * Sandbox flags the frame keeps: scripts and its own origin (the widget, Stripe.js and the
 * sessionStorage draft), forms, and popups that escape the sandbox (Stripe's 3-D Secure, Link and
 * the hosted checkout page). Everything else stays off, top-level navigation included: in a frame
 * the widget opens the hosted page as a popup and never navigates the host page, so the flag
 * would only let the frame take the member away from this page on any click.
 */
export const FRAME_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox';

const STYLES = ':host{display:block}iframe{display:block;width:100%;border:0;color-scheme:normal}';

/**
 * The host-side element. `.authToken` (memory only, never reflected to an attribute) and
 * `.getAuthToken` behave as on `<membership-signup>`; events are the widget's own, re-dispatched
 * with the same names and details (bubbling, composed). `membership-signup-submit` arrives after
 * the fact: it cannot be cancelled across the frame boundary.
 *
 * @attr src - the hosted frame page URL, e.g. `https://signup.example/frame.html?organization=acme`
 * @attr frame-title - the iframe's accessible title (default "Membership signup")
 * @attr checkout-origins - space-separated origins the frame may ask this page to open a hosted
 *   checkout popup on, besides the frame's own origin (default `https://checkout.stripe.com`).
 *   Any other URL the frame sends is ignored; it must also be https (plain http on loopback
 *   only, for the sandbox). The popup's `opener` is cleared, so the page it shows cannot script
 *   this one.
 */
export class MembershipSignupFrameElement extends HTMLElement {
  static readonly version: string = '0.1.0';
  static readonly observedAttributes = ['src', 'frame-title'];
  /** How long (ms) the frame may take to announce itself before this element warns, once. */
  static readyTimeout = 10000;

  /** Called when the frame needs a token (missing or expired): `() => Promise<string>`. */
  getAuthToken?: (() => Promise<string>) | null;

  #token: string | null = null;
  #iframe: HTMLIFrameElement | undefined;
  #origin: string | undefined;
  #port: MessagePort | undefined;
  #nonce: Nonce | undefined;
  #authSent = false;
  #popupTimer: ReturnType<typeof setInterval> | undefined;
  #readyTimer: ReturnType<typeof setTimeout> | undefined;
  #warned: boolean | undefined;
  /** The ticket of the sign-in email's link this page was opened with, until the frame has it. */
  #ticket: string | undefined;
  /** The theme the frame has (as JSON): only a change is sent again. */
  #theme: string | undefined;
  /** The page's look may change: a class or an attribute switched anywhere (a dark mode), a stylesheet added or removed. */
  #restyled = new MutationObserver(() => this.#sendTheme());

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    root.adoptedStyleSheets = [sheet];
    // A token set on the element before this class was defined shadows the accessor: adopt it.
    if (Object.hasOwn(this, 'authToken')) {
      const early = (this as { authToken?: string | null }).authToken;
      delete (this as { authToken?: string | null }).authToken;
      this.authToken = early;
    }
  }

  get authToken(): string | null {
    return this.#token;
  }

  /** The member's token. Changing it after the frame took one reloads the frame (new handshake). */
  set authToken(token: string | null | undefined) {
    const next = token || null;
    if (next === this.#token) return;
    this.#token = next;
    if (this.#authSent) this.#load();
  }

  /** The iframe this element created (for tests and layout); undefined until connected. */
  get frame(): HTMLIFrameElement | undefined {
    return this.#iframe;
  }

  connectedCallback(): void {
    this.#ticket ??= takeSignInLink();
    addEventListener('message', this.#onWindowMessage);
    this.#restyled.observe(document, { attributes: true, childList: true, subtree: true });
    this.#load();
  }

  disconnectedCallback(): void {
    removeEventListener('message', this.#onWindowMessage);
    this.#restyled.disconnect();
    clearTimeout(this.#readyTimer);
    this.#close();
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'frame-title') {
      if (this.#iframe) this.#iframe.title = this.#title();
    } else if (old !== value && this.isConnected) this.#load();
  }

  #title(): string {
    return this.getAttribute('frame-title') || 'Membership signup';
  }

  /** (Re)creates the iframe for the current `src`; a new load means a new handshake. */
  #load(): void {
    this.#close();
    const src = this.getAttribute('src')?.trim() || '';
    // No src yet means no iframe (an empty URL would resolve to this very page).
    const origin = src ? httpOrigin(src, document.baseURI) : undefined;
    this.#origin = origin;
    if (!origin) {
      this.#iframe?.remove();
      this.#iframe = undefined;
      if (src) console.warn('<membership-signup-frame>: src is not http(s)');
      return;
    }
    const iframe = (this.#iframe ??= document.createElement('iframe'));
    iframe.allow = 'payment';
    // The frame learns who embeds it from the referrer where ancestorOrigins is missing.
    iframe.referrerPolicy = 'origin';
    iframe.setAttribute('sandbox', FRAME_SANDBOX);
    iframe.title = this.#title();
    // A relative src resolves against the document's base, as the origin above did.
    iframe.src = src;
    if (!iframe.isConnected) this.shadowRoot!.append(iframe);
    // A frame that never announces itself (this page not in embed_origins, a wrong src, a
    // redirect to another origin) would otherwise fail in silence. Never mentions the token.
    clearTimeout(this.#readyTimer);
    this.#readyTimer = setTimeout(() => {
      if (!this.#warned) console.warn(`<membership-signup-frame>: no ready from ${origin}; is ${location.origin} in the organization's embed_origins?`);
      this.#warned = true;
    }, MembershipSignupFrameElement.readyTimeout);
  }

  #close(): void {
    this.#port?.close();
    this.#port = this.#nonce = this.#theme = undefined;
    this.#authSent = false;
    clearInterval(this.#popupTimer);
  }

  #onWindowMessage = (event: MessageEvent): void => {
    const frame = this.#iframe?.contentWindow;
    // Exact origin of the src we loaded AND the very window we created: anything else is noise.
    if (!frame || event.source !== frame || event.origin !== this.#origin || !isReady(event.data)) return;
    clearTimeout(this.#readyTimer);
    this.#close();
    const nonce = (this.#nonce = randomNonce());
    const channel = new MessageChannel();
    (this.#port = channel.port1).onmessage = (message) => this.#onPortMessage(nonce, message.data);
    postToWindow(frame, { protocol: PROTOCOL, v: VERSION, type: 'connect', nonce }, this.#origin, [channel.port2]);
  };

  #send(message: HostToFrame): void {
    this.#port?.postMessage(message);
  }

  #onPortMessage(nonce: Nonce, data: unknown): void {
    if (nonce !== this.#nonce) return;
    const message = parseFrameMessage(data, nonce);
    if (!message) return;
    // Each message type to its handler (a switch: the handlers stay private to the element).
    if (message.type === 'hello') this.#hello(nonce);
    else if (message.type === 'height') this.#height(message.height);
    else if (message.type === 'token-request') void this.#tokenRequest(nonce, message.id);
    else if (message.type === 'checkout-open') this.#checkout(nonce, message.url);
    else this.dispatchEvent(new CustomEvent(message.name, { detail: message.detail, bubbles: true, composed: true }));
  }

  #hello(nonce: Nonce): void {
    if (this.#authSent) return;
    this.#authSent = true;
    // This page, which the sign-in email's link should open (the frame's own address would take
    // the member away from it), and the link's ticket, handed over once.
    this.#send({ type: 'page', nonce, url: location.href.split('#')[0]!, ticket: this.#ticket ?? null });
    this.#ticket = undefined;
    this.#sendTheme();
    // A malformed token would get the whole message refused: send none instead.
    const token = isToken(this.#token) ? this.#token : null;
    this.#send({ type: 'auth', nonce, token, refresh: typeof this.getAuthToken === 'function' });
  }

  /**
   * The page's look, before the token and again whenever it changes: the --mk-* custom properties
   * as this element sees them (set on it or inherited; a computed style lists them). The frame
   * keeps the documented ones with valid values only (parseTheme, which also trims), so nothing is
   * filtered here; the 3 kB budget leaves out the page's font family (a page sets --mk-font for
   * its font in the frame) and the system's colour scheme (a page following it by a media query
   * alone is not seen changing).
   */
  #sendTheme(): void {
    // (Before a connect there is no port: nothing goes.)
    const style = getComputedStyle(this);
    const theme: Record<string, string> = {};
    for (const name of style) if (name.startsWith('--mk-')) theme[name.slice(5)] = style.getPropertyValue(name);
    const json = JSON.stringify(theme);
    if (json !== this.#theme) (this.#theme = json), this.#send({ type: 'theme', nonce: this.#nonce!, theme });
  }

  #height(height: number): void {
    if (this.#iframe) this.#iframe.style.height = `${height}px`;
  }

  async #tokenRequest(nonce: Nonce, id: number): Promise<void> {
    let token: string | null = null;
    try {
      const fresh = await this.getAuthToken?.();
      if (isToken(fresh)) token = this.#token = fresh;
    } catch {
      // The frame is told there is no token; the widget then signs up without one.
    }
    if (nonce === this.#nonce) this.#send({ type: 'token', nonce, id, token });
  }

  /** Stripe's hosted checkout refuses to be framed: open it top-level, report the close. */
  #checkout(nonce: Nonce, url: string): void {
    const origin = httpOrigin(url);
    const allowed = (this.getAttribute('checkout-origins') ?? 'https://checkout.stripe.com').split(/\s+/);
    // Only the frame's own origin or an allowed checkout origin: the frame cannot make this page
    // open just any site with the member's click. Never in cleartext: parseFrameMessage already
    // refused any URL but https and loopback http (isCheckoutUrl).
    if (origin !== this.#origin && !allowed.some((entry) => httpOrigin(entry) === origin)) return;
    clearInterval(this.#popupTimer);
    // Not `noopener`: that returns no window and the close could not be seen. Clearing `opener`
    // right away (the popup is still on its same-origin initial document) has the same effect.
    const popup = open(url, '_blank', 'popup,width=520,height=760');
    if (!popup) {
      this.#send({ type: 'checkout-closed', nonce, opened: false });
      return;
    }
    popup.opener = null;
    this.#popupTimer = setInterval(() => {
      if (!popup.closed) return;
      clearInterval(this.#popupTimer);
      if (nonce === this.#nonce) this.#send({ type: 'checkout-closed', nonce, opened: true });
    }, 400);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'membership-signup-frame': MembershipSignupFrameElement;
  }
}
