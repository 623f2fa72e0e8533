// The member's session and the client that carries it, one concern: the token the page injected
// (memory only: never reflected, stored, logged or evented), a fresh one from `.getAuthToken` after
// a 401, else the session the member opened in the widget; the SDK client (the page's `.client`,
// or one built with createSignupClient); and the api-base check: a refused api-base sends nothing
// anywhere, the token least of all. In the first chunk: the plans' request goes through it.
import { createSignupClient, isSecureUrl, type SignupClient } from '@memberkit/sdk';
import { defaultApiBase } from '../../api-base.js';
import { fetchWithEarlyAnswer } from '../../prefetch.js';
import type { SignIn } from './sign-in.js';

/** The element's settings the session reads (the element's own declarations say more). */
export interface SessionElement extends HTMLElement {
  organization: string | undefined;
  apiBase: string | undefined;
  client: SignupClient | undefined;
  getAuthToken: (() => Promise<string>) | undefined;
}

export class SessionController {
  /** The widget's own sign-in, once its chunk came: its session is asked when the page's has none. */
  signIn: SignIn | undefined;
  readonly #element: SessionElement;
  /** The token the page injected ('' once refused with nothing to refresh it). */
  #token: string | undefined;
  #client: SignupClient | undefined;
  /** The next token asked for is the first of this client (not after a 401). */
  #fresh = true;
  /** What `.getAuthToken` last answered: '' means the page has no member signed in. */
  answered: string | undefined;

  constructor(element: SessionElement) {
    this.#element = element;
  }

  /** The page's token. */
  get token(): string | undefined {
    return this.#token;
  }

  /** Takes a token the page sets; false when it is the one held. Another token: another client. */
  use(token: string | null | undefined): boolean {
    const next = token || undefined;
    if (next === this.#token) return false;
    this.#token = next;
    this.#client = undefined;
    return true;
  }

  /** The next request builds another client (another organization, api-base, page client or session). */
  reset(): void {
    this.#client = undefined;
  }

  /**
   * Whether a member may be signed in: a token, a page that can fetch one (and did not answer ''
   * last: a visitor not signed in, the frame of a host without one), or the widget's own sign-in.
   */
  signedIn(): boolean {
    return Boolean(this.#token || (this.#element.getAuthToken && this.answered !== '') || this.signIn);
  }

  /** The api-base, when it is refused (neither https nor loopback http): then nothing is sent. */
  refusedBase(): string | undefined {
    const base = this.#element.apiBase || defaultApiBase();
    return this.#element.client || isSecureUrl(base) ? undefined : base;
  }

  /**
   * The base URL every request goes to, the sign-in's included: the checked api-base, without its
   * trailing slashes. Never a refused one, whatever asks (the element loads nothing then and shows
   * a configuration error): it throws, so nothing, the token least of all, goes anywhere else.
   */
  base(): string {
    const base = this.#element.apiBase || defaultApiBase();
    if (this.refusedBase()) throw new TypeError('api-base refused');
    return base.replace(/\/+$/, '');
  }

  /** The SDK client: the page's `.client`, or one built from the attributes and the token. */
  client(): SignupClient {
    const element = this.#element;
    // A new client asks for the injected token first. (The client held was built from a checked
    // api-base; the element drops it when api-base changes.)
    return (element.client ??
      (this.#client ??= ((this.#fresh = true),
      createSignupClient({
        baseUrl: this.base(),
        organization: element.organization!,
        // Once the widget's sign-in exists its session may open: the token function asks it.
        token: this.#token || element.getAuthToken || this.signIn ? () => this.#next() : undefined,
        // The signup-config answer the script-tag loader may already have asked for.
        fetch: fetchWithEarlyAnswer(element),
        // With the SDK's 2 retries, a hanging network reaches the error state (retry, draft kept)
        // in about half a minute at most, not the SDK's 3 × 30 s.
        timeout: 10_000,
      }))));
  }

  /**
   * The injected token the first time; later (after a 401) a fresh one from `.getAuthToken`. The
   * page's token wins; without one (`.getAuthToken` answering '', as a frame's host without a
   * member does), the session the member opened in the widget, refreshed after a 401.
   */
  async #next(): Promise<string> {
    const fresh = this.#fresh;
    this.#fresh = false;
    const element = this.#element;
    if (fresh && this.#token) return this.#token;
    if (element.getAuthToken) {
      const token = (this.answered = await element.getAuthToken());
      if (token) return token;
    } else if (this.#token) {
      // Refused, and nothing can refresh it: carry on signed out (the public calls need no token)
      // rather than fail every request with "session expired".
      console.warn(`<${element.localName}>: the member token was refused and no .getAuthToken can refresh it; continuing signed out.`);
      this.#token = '';
    }
    return this.signIn?.token(!fresh) ?? '';
  }
}
