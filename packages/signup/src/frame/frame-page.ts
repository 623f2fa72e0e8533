/**
 * The hosted frame page's logic: reads the widget's settings from its URL (never a token), checks
 * who embeds it against `organization.embed_origins`, performs its half of the handshake with
 * `<membership-signup-frame>`, then renders `<membership-signup>` full width and talks to the host
 * over the MessageChannel only (token, token refresh, height, events, hosted checkout).
 *
 * It does not register `<membership-signup>` itself: the entry (`frame-main.ts` for the production
 * page, `demo/frame.ts` for the sandbox one) imports the element first.
 */
import { createPublicClient, type PublicClient } from '@memberkit/sdk';
// The element's own default API (a module without imports: no Lit element comes with it).
import { DEFAULT_API_BASE } from '../api-base.js';
import {
  EVENT_NAMES,
  PROTOCOL,
  VERSION,
  isConnect,
  isToken,
  parseHostMessage,
  postToWindow,
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
  client?: PublicClient;
  /** Passed to the widget as `.stripeLoader` (the sandbox's stand-in checkout). */
  stripeLoader?: (publishableKey: string) => Promise<unknown>;
  /** How long to wait for the host's answer before rendering without a token (ms). */
  handshakeTimeout?: number;
  /** The page's own URL (tests). */
  url?: string;
}

/** What the widget element looks like from here (kept structural: no import of the Lit element). */
interface SignupWidget extends HTMLElement {
  authToken?: string | null;
  getAuthToken?: (() => Promise<string>) | null;
  stripeLoader?: (publishableKey: string) => Promise<unknown>;
  hostedPageOpener?: (url: string) => void;
}

export interface FramePage {
  /** The rendered widget, or undefined when the page refused to be shown on this embedder. */
  widget?: HTMLElement;
  /** The embedding page's origin when the handshake succeeded. */
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

const STYLES =
  'html,body{margin:0;padding:0;background:transparent}body{display:flow-root}membership-signup{display:block;width:100%}.mk-frame-refusal{margin:0;padding:1rem;font:1rem/1.5 system-ui,sans-serif}';

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

/** Starts the frame page; resolves once the widget is rendered (or the page refused). */
export async function startFramePage(options: FramePageOptions = {}): Promise<FramePage> {
  applyStyles();
  const params = readFrameParams(options.url ?? location.href);
  const framed = window.parent !== window;
  if (!framed || !params.organization) return { widget: mount(params, options) };

  const hostOrigin = embedderOrigin();
  let allowed: unknown[] = [];
  try {
    const client = options.client ?? createPublicClient({ baseUrl: options.apiBase ?? DEFAULT_API_BASE, organization: params.organization });
    // The organization alone: a hidden or invite-only type is the widget's business (it explains
    // a missing invitation itself), not a reason to refuse the page.
    const config = await client.signupConfig.retrieve();
    allowed = Array.isArray(config.organization.embed_origins) ? config.organization.embed_origins : [];
  } catch {
    renderNotice('This signup form could not be loaded. Please reload the page.');
    return {};
  }
  if (!hostOrigin || !allowed.includes(hostOrigin)) {
    renderNotice('This signup form cannot be shown on this site.');
    return {};
  }
  const channel = await handshake(hostOrigin, options.handshakeTimeout ?? 5000);
  const widget = mount(params, options, channel);
  return channel ? { widget, hostOrigin } : { widget };
}


/** The frame's end of one handshake: the port, its nonce and what the host said about auth. */
export class FrameChannel {
  token: string | null = null;
  refresh = false;
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
    if (message.type === 'auth') {
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
      if (message.token) {
        this.tokens.add(message.token);
        waiting.resolve(message.token);
      } else waiting.reject(new Error('The host has no token for this member.'));
    } else this.onCheckoutClosed?.(message.opened);
  }

  hello(): void {
    this.send({ type: 'hello', nonce: this.nonce });
  }

  /** `.getAuthToken` for the widget: asks the host, which calls its own getAuthToken. */
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
 * parent window and that origin, says hello over the port and waits for the host's auth message.
 * Resolves null when the host does not answer in time (the widget then runs without a token).
 */
export function handshake(hostOrigin: string, timeout: number): Promise<FrameChannel | null> {
  return new Promise((resolve) => {
    let channel: FrameChannel | undefined;
    const finish = (result: FrameChannel | null) => {
      if (result) performance.mark('memberkit-frame:connected');
      removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve(result);
    };
    const onMessage = (event: MessageEvent) => {
      if (channel || event.source !== window.parent || event.origin !== hostOrigin) return;
      if (!isConnect(event.data) || event.ports.length !== 1) return;
      channel = new FrameChannel(event.ports[0]!, event.data.nonce);
      // Later connects (a replayed nonce, a second handshake) find no listener.
      removeEventListener('message', onMessage);
      channel.onAuth = () => finish(channel!);
      channel.hello();
    };
    const timer = setTimeout(() => finish(null), timeout);
    addEventListener('message', onMessage);
    // Marks for integrators and the bench: ready → connected is the handshake's cost.
    performance.mark('memberkit-frame:ready');
    postToWindow(window.parent, { protocol: PROTOCOL, v: VERSION, type: 'ready' }, hostOrigin);
  });
}

/**
 * `.hostedPageOpener` for the widget. Stripe's hosted page refuses to be framed: the host opens it
 * as a popup (the member's click in the frame activates the host page too) and says when it
 * closed; the widget meanwhile polls the signup. If the host's popup was blocked, the next click
 * opens it from the frame, with no opener and no referrer (nothing here needs the window).
 */
export function hostedPageOpener(channel: FrameChannel): (url: string) => void {
  let hostBlocked = false;
  channel.onCheckoutClosed = (opened) => {
    if (!opened) hostBlocked = true;
  };
  return (url) => {
    if (hostBlocked) window.open(url, '_blank', 'popup,noopener,noreferrer');
    else channel.openCheckout(url);
  };
}

function mount(params: Partial<Record<FrameParam, string>>, options: FramePageOptions, channel?: FrameChannel | null): HTMLElement {
  const widget = document.createElement('membership-signup') as SignupWidget;
  for (const name of FRAME_PARAMS) if (params[name]) widget.setAttribute(name, params[name]);
  if (options.apiBase) widget.setAttribute('api-base', options.apiBase);
  if (options.stripeLoader) widget.stripeLoader = options.stripeLoader;
  if (channel) {
    // In memory only: a property, never the auth-token attribute.
    if (channel.token && isToken(channel.token)) widget.authToken = channel.token;
    if (channel.refresh) widget.getAuthToken = channel.requestToken;
    for (const name of EVENT_NAMES) widget.addEventListener(name, (event) => channel.event(name, (event as CustomEvent).detail));
    widget.hostedPageOpener = hostedPageOpener(channel);
    observeHeight(channel);
  }
  document.body.append(widget);
  return widget;
}

function observeHeight(channel: FrameChannel): void {
  let last = -1;
  new ResizeObserver(() => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    channel.height(height);
  }).observe(document.body);
}
