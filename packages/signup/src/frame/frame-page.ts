/**
 * The hosted frame page's logic: reads the widget's settings from its URL (never a token), checks
 * who embeds it against `organization.embed_origins`, performs its half of the handshake with
 * `<membership-signup-frame>`, then renders `<membership-signup>` full width and talks to the host
 * over the MessageChannel only (token, token refresh, height, events, hosted checkout).
 *
 * It does not register `<membership-signup>` itself: the entry (`frame-main.ts` for the production
 * page, `demo/frame.ts` for the sandbox one) imports the element first.
 */
import { createSignupClient, type SignupClient } from '@memberkit/sdk';
// The element's own default API (a module without imports: no Lit element comes with it).
import { DEFAULT_API_BASE } from '../api-base.js';
import {
  EVENT_NAMES,
  PROTOCOL,
  VERSION,
  isConnect,
  httpOrigin,
  isToken,
  parseHostMessage,
  postToWindow,
  type FrameEventName,
  type FrameTheme,
  type FrameToHost,
  type Nonce,
} from './protocol.js';

/** The URL parameters the frame page passes on to the widget; nothing else is read. */
export const FRAME_PARAMS = ['organization', 'membership-type', 'invitation', 'discount-code', 'locale', 'theme'] as const;
export type FrameParam = (typeof FRAME_PARAMS)[number];

export interface FramePageOptions {
  /** API base for the page's own signup-config read and for the widget (`api-base`); the element's DEFAULT_API_BASE otherwise. */
  apiBase?: string;
  /** A client for the page's own signup-config read (tests, the sandbox); built from apiBase otherwise. */
  client?: SignupClient;
  /** Passed to the widget as `.stripeLoader` (the sandbox's stand-in checkout). */
  stripeLoader?: (publishableKey: string) => Promise<unknown>;
  /**
   * How long to wait for the host's answer before rendering the widget without a token (ms); a
   * host answering later still connects.
   */
  handshakeTimeout?: number;
  /** The page's own URL (tests). */
  url?: string;
}

/** What the widget element looks like from here (kept structural: no import of the Lit element). */
export interface SignupWidget extends HTMLElement {
  authToken?: string | null;
  getAuthToken?: (() => Promise<string>) | null;
  stripeLoader?: (publishableKey: string) => Promise<unknown>;
  hostedPageOpener?: (url: string) => void;
  checkout?: { ui_mode: 'embedded_page' | 'hosted_page' };
  /** Checks the current signup's payment now (the element's public method). */
  refreshPayment?: () => void;
  /** The host page's address and its sign-in link's ticket (the element's `.signInLink`). */
  signInLink?: { page?: string; ticket?: string | undefined };
}

export interface FramePage {
  /** The rendered widget, or undefined when the page refused to be shown on this embedder. */
  widget?: HTMLElement;
  /** The embedding page's origin once the handshake succeeded (set later when the host answers late). */
  hostOrigin?: string;
}

const MAX_PARAM_LENGTH = 256;
const TOKEN_REQUEST_TIMEOUT = 15000;

/** The widget settings in a frame URL; unknown parameters (a `token` above all) are ignored. */
export function readFrameParams(url: string): Partial<Record<FrameParam, string>> {
  const params = new URL(url).searchParams;
  const out: Partial<Record<FrameParam, string>> = {};
  for (const name of FRAME_PARAMS) {
    const value = params.get(name);
    if (value && value.length <= MAX_PARAM_LENGTH) out[name] = value;
  }
  return out;
}

/**
 * The origin of the page that embeds this one: `location.ancestorOrigins` where the browser has it
 * (it cannot be forged), else the referrer's origin (the host element sets `referrerpolicy=origin`).
 * Only a guess to check against embed_origins: the ready message is posted to exactly this origin,
 * so a wrong guess reaches nobody, and a connect is accepted only from it.
 */
export function embedderOrigin(): string | undefined {
  const ancestor = location.ancestorOrigins?.[0];
  if (ancestor) return ancestor;
  try {
    return document.referrer ? new URL(document.referrer).origin : undefined;
  } catch {
    return undefined;
  }
}

// The widget inherits the page's font: here the frame's own, until the host's theme names its family.
const STYLES =
  'html,body{margin:0;padding:0;background:transparent}body{display:flow-root;font:1rem/1.5 system-ui,sans-serif}membership-signup{display:block;width:100%}.mk-frame-refusal{margin:0;padding:1rem}';

/**
 * The host's theme as a stylesheet of this page (constructed, which a strict CSP allows; no style
 * attribute): its custom properties on the widget, its font family on the body. Every value was
 * validated by parseHostMessage (parseTheme), so none can leave its declaration.
 */
export function applyTheme(theme: FrameTheme): void {
  let css = 'membership-signup{';
  for (const [key, value] of Object.entries(theme)) if (key !== 'font-family') css += `--mk-${key}:${value};`;
  css += '}';
  if (theme['font-family']) css += `body{font-family:${theme['font-family']}}`;
  // One sheet, replaced by each new theme (the host sends one whenever the page's look changes).
  if (!themeSheet || !document.adoptedStyleSheets.includes(themeSheet)) {
    themeSheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, themeSheet];
  }
  themeSheet.replaceSync(css);
}
let themeSheet: CSSStyleSheet | undefined;

function applyStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

function renderNotice(text: string): void {
  const notice = document.createElement('p');
  notice.className = 'mk-frame-refusal';
  notice.setAttribute('role', 'alert');
  notice.textContent = text;
  document.body.append(notice);
}

/**
 * Whether `origin` (the embedder's, as the browser reports it) is one of the organization's
 * `embed_origins`. Entries are compared as origins (`new URL(entry).origin`), so `https://Acme.com/`
 * and `https://acme.com:443` name `https://acme.com`; the scheme, host and port must all match, so
 * `http://acme.com`, `https://acme.com:8443` and `https://acme.com.evil.test` do not. Anything that
 * is not an http(s) origin (`null`, `*`, a bare host) allows nobody.
 */
export function isAllowedEmbedder(origin: string | undefined, embedOrigins: unknown): boolean {
  if (!origin || httpOrigin(origin) !== origin || !Array.isArray(embedOrigins)) return false;
  return embedOrigins.some((entry) => typeof entry === 'string' && httpOrigin(entry) === origin);
}

/** Starts the frame page; resolves once the widget is rendered (or the page refused). */
export async function startFramePage(options: FramePageOptions = {}): Promise<FramePage> {
  applyStyles();
  const params = readFrameParams(options.url ?? location.href);
  const framed = window.parent !== window;
  if (!framed || !params.organization) {
    const widget = createWidget(params, options);
    document.body.append(widget);
    return { widget };
  }

  const hostOrigin = embedderOrigin();
  let embedOrigins: unknown;
  try {
    const client = options.client ?? createSignupClient({ baseUrl: options.apiBase ?? DEFAULT_API_BASE, organization: params.organization });
    // The organization alone: a hidden or invite-only type is the widget's business (it explains
    // a missing invitation itself), not a reason to refuse the page.
    const config = await client.signupConfig.retrieve();
    embedOrigins = config.organization.embed_origins;
  } catch {
    // Fail closed: without the list nobody is allowed, and nothing is posted to the parent.
    renderNotice('This signup form could not be loaded. Please reload the page.');
    return {};
  }
  if (!isAllowedEmbedder(hostOrigin, embedOrigins)) {
    renderNotice('This signup form cannot be shown on this site.');
    return {};
  }
  const widget = createWidget(params, options);
  const attach = bridge(widget, hostOrigin);
  const page: FramePage = { widget };
  const connected = handshake(hostOrigin!).then((channel) => {
    attach(channel);
    page.hostOrigin = hostOrigin;
  });
  // Normally the host answers at once and the token is on the widget before its first request.
  // A host that answers after the timeout still connects (the widget then reloads with the token):
  // a slow host page must not leave the embed without token, height and events for good.
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([connected, new Promise((resolve) => (timer = setTimeout(resolve, options.handshakeTimeout ?? 5000)))]);
  clearTimeout(timer);
  document.body.append(widget);
  return page;
}

/** The frame's end of one handshake: the port, its nonce and what the host said about auth. */
export class FrameChannel {
  token: string | null = null;
  /** Whether the host had a getAuthToken at the hello: only then does the widget ask it for tokens (see bridge). */
  refresh = false;
  /** The host's theme (validated), sent before its auth message and again when the page's look changes; undefined from a host that sends none. */
  theme: FrameTheme | undefined;
  /** A new theme after the first (set by bridge once the channel is attached). */
  onTheme?: (theme: FrameTheme) => void;
  /** The host page's address and its sign-in link's ticket (see protocol.ts), once per handshake. */
  page: { url: string; ticket: string | null } | undefined;
  /** Tokens seen in this handshake: an outgoing event that contains one is dropped. */
  private readonly tokens = new Set<string>();
  private authTaken = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (token: string) => void; reject: (error: Error) => void }>();
  onAuth?: () => void;
  onCheckoutClosed?: (opened: boolean) => void;

  constructor(
    readonly port: MessagePort,
    readonly nonce: Nonce,
  ) {
    port.onmessage = (event) => this.receive(event.data);
  }

  private send(message: FrameToHost): void {
    this.port.postMessage(message);
  }

  private receive(data: unknown): void {
    const message = parseHostMessage(data, this.nonce);
    if (!message) return;
    if (message.type === 'page') {
      this.page ??= { url: message.url, ticket: message.ticket };
    } else if (message.type === 'theme') {
      // The latest: before the auth message, the one the widget starts with; after it (once the
      // widget is attached), a change of the page's look.
      this.theme = message.theme;
      if (this.authTaken) this.onTheme?.(message.theme);
    } else if (message.type === 'auth') {
      // Once per handshake: a second auth message (a second token) is ignored.
      if (this.authTaken) return;
      this.authTaken = true;
      this.token = message.token;
      this.refresh = message.refresh;
      if (message.token) this.tokens.add(message.token);
      this.onAuth?.();
    } else if (message.type === 'token') {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.token) this.tokens.add(message.token);
      // No token (the host has no getAuthToken, or it failed): '' tells the widget to go on without one.
      waiting.resolve(message.token ?? '');
    } else this.onCheckoutClosed?.(message.opened);
  }

  hello(): void {
    this.send({ type: 'hello', nonce: this.nonce });
  }

  /**
   * `.getAuthToken` for the widget: asks the host, which calls its own getAuthToken (looked up at
   * the time of the request). Resolves '' when the host has no token; rejects when it does not answer.
   */
  requestToken = (): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('The host did not answer the token request.'));
      }, TOKEN_REQUEST_TIMEOUT);
      this.pending.set(id, {
        resolve: (token) => (clearTimeout(timer), resolve(token)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.send({ type: 'token-request', nonce: this.nonce, id });
    });

  height(height: number): void {
    this.send({ type: 'height', nonce: this.nonce, height });
  }

  /** Forwards a widget event; details are plain data, and never one carrying a token. */
  event(name: (typeof EVENT_NAMES)[number], detail: unknown): void {
    let json: string;
    try {
      json = JSON.stringify(detail ?? null);
    } catch {
      return;
    }
    for (const token of this.tokens) if (json.includes(token)) return;
    this.send({ type: 'event', nonce: this.nonce, name, detail: JSON.parse(json) as unknown });
  }

  /** Asks the host to open Stripe's hosted checkout top-level (it refuses to be framed). */
  openCheckout(url: string): void {
    this.send({ type: 'checkout-open', nonce: this.nonce, url });
  }
}

/**
 * Announces readiness to the parent (exact origin), accepts the first valid connect from the
 * parent window and that origin, says hello over the port and resolves once the host's auth
 * message arrived. It keeps listening until that one connect comes, however late; later connects
 * (a replayed nonce, a second handshake) find no listener.
 */
export function handshake(hostOrigin: string): Promise<FrameChannel> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      // Both checks: a window on the host's origin that is not the parent (a sibling frame, a
      // popup) and the parent window showing another origin are both strangers.
      if (event.source !== window.parent || event.origin !== hostOrigin) return;
      if (!isConnect(event.data) || event.ports.length !== 1) return;
      removeEventListener('message', onMessage);
      const channel = new FrameChannel(event.ports[0]!, event.data.nonce);
      channel.onAuth = () => {
        performance.mark('memberkit-frame:connected');
        resolve(channel);
      };
      channel.hello();
    };
    addEventListener('message', onMessage);
    // Marks for integrators and the bench: ready → connected is the handshake's cost.
    performance.mark('memberkit-frame:ready');
    postToWindow(window.parent, { protocol: PROTOCOL, v: VERSION, type: 'ready' }, hostOrigin);
  });
}

/**
 * `.hostedPageOpener` for the widget. Stripe's hosted page refuses to be framed: the host opens it
 * as a popup (the member's click in the frame activates the host page too) and says when it
 * closed; the widget meanwhile polls the signup, and `onClosed` (the widget's refreshPayment) makes
 * it check at once when the member closes the popup, paid or not. If the host's popup was
 * blocked, the next click opens it from the frame, with no opener and no referrer (nothing here
 * needs the window, and its close cannot be seen: the widget's own poll covers it).
 */
export function hostedPageOpener(channel: FrameChannel, onClosed: () => void = () => {}): (url: string) => void {
  let hostBlocked = false;
  channel.onCheckoutClosed = (opened) => {
    if (opened) onClosed();
    else hostBlocked = true;
  };
  return (url) => {
    if (hostBlocked) window.open(url, '_blank', 'popup,noopener,noreferrer');
    else channel.openCheckout(url);
  };
}

function createWidget(params: Partial<Record<FrameParam, string>>, options: FramePageOptions): SignupWidget {
  const widget = document.createElement('membership-signup') as SignupWidget;
  for (const name of FRAME_PARAMS) if (params[name]) widget.setAttribute(name, params[name]);
  if (options.apiBase) widget.setAttribute('api-base', options.apiBase);
  if (options.stripeLoader) widget.stripeLoader = options.stripeLoader;
  // In a frame a checkout that needs a full-page redirect (some bank payment methods) cannot
  // complete: with Stripe's own Stripe.js, signups ask for Stripe's hosted page, which the host
  // opens as a popup (hostedPageOpener). A frame page given a Stripe loader of its own (the
  // demo's and the tests' stand-ins, whose card form never redirects) leaves the page to the
  // server's default.
  else widget.checkout = { ui_mode: 'hosted_page' };
  return widget;
}

/** Events the widget dispatches before the host connected, kept for it (a late host still hears `-ready`). */
const MAX_QUEUED_EVENTS = 50;

/**
 * Wires the widget to the host, whenever the channel arrives: call it before the widget is in the
 * page, then hand the channel to the function it returns (at once, or when a late host answers).
 * Until then events wait (bounded), the height is kept, and the widget asks for no token.
 * `hostOrigin`: the embedder's origin, the only one whose page address the widget takes.
 * @internal exported for tests
 */
export function bridge(widget: SignupWidget, hostOrigin?: string): (channel: FrameChannel) => void {
  let channel: FrameChannel | undefined;
  const queued: [FrameEventName, unknown][] = [];
  for (const name of EVENT_NAMES) {
    widget.addEventListener(name, (event) => {
      const detail = (event as CustomEvent).detail;
      if (channel) channel.event(name, detail);
      else if (queued.length < MAX_QUEUED_EVENTS) queued.push([name, detail]);
    });
  }
  // '' (nobody signed in) at once before the host connected and when it had no getAuthToken at the
  // hello: no round trip that can only answer "none". The widget then carries on signed out.
  widget.getAuthToken = () => (channel?.refresh ? channel.requestToken() : Promise.resolve(''));
  let height = -1;
  const reportHeight = () => {
    const next = Math.ceil(document.body.getBoundingClientRect().height);
    if (next === height) return;
    height = next;
    channel?.height(next);
  };
  new ResizeObserver(reportHeight).observe(document.body);
  return (connected) => {
    channel = connected;
    // In memory only: a property, never the auth-token attribute. The channel arrives once its one
    // auth message did, so the token is there now.
    if (connected.token && isToken(connected.token)) widget.authToken = connected.token;
    widget.hostedPageOpener = hostedPageOpener(connected, () => widget.refreshPayment?.());
    if (connected.theme) applyTheme(connected.theme);
    connected.onTheme = applyTheme;
    // The host page's address, for the sign-in email's link, if it is the embedder's own (the link
    // opens nothing else); and its ticket, before the widget connects, where it takes it (once).
    const page = connected.page;
    if (page && httpOrigin(page.url) === hostOrigin) widget.signInLink = { page: page.url, ticket: page.ticket ?? undefined };
    for (const [name, detail] of queued.splice(0)) connected.event(name, detail);
    // A late host: the widget is already laid out, and the observer reports only changes.
    if (widget.isConnected) {
      height = -1;
      reportHeight();
    }
  };
}
