/**
 * The iframe protocol between `<membership-signup-frame>` (host page) and the hosted frame page:
 * message shapes, hand-written validators (no zod: the host script has a 3 kB budget) and the one
 * `postMessage` helper both sides use, which refuses the `"*"` target.
 *
 * Handshake (window messages, exact origins both ways):
 *   frame → parent   `{ protocol, v, type: 'ready' }`                 (target: the host origin)
 *   host  → frame    `{ protocol, v, type: 'connect', nonce }` + port  (target: the frame origin)
 * Then over the `MessageChannel` only, every message carrying the handshake's nonce:
 *   frame → host     hello · height · event · token-request · checkout-open
 *   host  → frame    page (once, before theme) · theme · auth (once) · token (answers a token-request) · checkout-closed
 *
 * Every received message is checked here: a plain object with exactly the expected own keys,
 * bounded strings and numbers, nothing inherited, nothing prototype-shaped. Anything else is
 * ignored by the caller.
 */
import { isSecureUrl } from '@memberkit/sdk/calculators';
import { EVENT_NAMES, type MembershipSignupEventName } from '../events.js';

export const PROTOCOL = 'memberkit-frame';
export const VERSION = 1;

/** The widget's events the frame forwards and the host re-dispatches, name for name: the
 * element's own list (one list, so a new event cannot be forgotten by the frame). */
export { EVENT_NAMES };
export type FrameEventName = MembershipSignupEventName;

/**
 * The iframe's height stays within 1…MAX_HEIGHT CSS pixels: a finite height outside is clamped
 * (taller content scrolls inside the frame instead of freezing it at an older height); anything
 * that is not a finite, non-negative number is ignored.
 */
export const MAX_HEIGHT = 20000;
export const MAX_TOKEN_LENGTH = 8192;
export const MAX_URL_LENGTH = 4096;
/**
 * Limits on an event's `detail`: generous enough for `-ready` with 50 plans of 100 custom fields
 * each, far below a 10 MB payload.
 */
export const DETAIL_LIMITS = { strings: 65536, total: 2097152, depth: 16, entries: 200000 } as const;

export type Nonce = string;
export interface ReadyMessage { protocol: typeof PROTOCOL; v: typeof VERSION; type: 'ready' }
export interface ConnectMessage { protocol: typeof PROTOCOL; v: typeof VERSION; type: 'connect'; nonce: Nonce }

export type FrameToHost =
  | { type: 'hello'; nonce: Nonce }
  | { type: 'height'; nonce: Nonce; height: number }
  | { type: 'event'; nonce: Nonce; name: FrameEventName; detail: unknown }
  | { type: 'token-request'; nonce: Nonce; id: number }
  | { type: 'checkout-open'; nonce: Nonce; url: string };

/**
 * The element's documented custom properties (`--mk-` + key) a host passes to the frame, so a
 * framed widget matches its page: colours, sizes and the font shorthand. A theme may also name
 * the page's `font-family` (applied to the frame page's body, which the widget inherits).
 */
export const THEME_KEYS = [
  'color-background',
  'color-surface',
  'color-text',
  'color-muted',
  'color-border',
  'color-accent',
  'color-on-accent',
  'color-error',
  'color-focus',
  'radius',
  'space',
  'max-width',
  'font',
];
/** Theme values by key (`color-accent`, `radius`, `font`, `font-family`, …), each validated by parseTheme. */
export type FrameTheme = Record<string, string>;

/**
 * `page`: the host page's address (without its fragment), which the sign-in email's link should
 * open, and the ticket of the sign-in link that page was opened with (../sign-in-link.ts), if any.
 * A frame that does not know the message ignores it (an older frame page still connects).
 */
export type HostToFrame =
  | { type: 'page'; nonce: Nonce; url: string; ticket: string | null }
  | { type: 'theme'; nonce: Nonce; theme: FrameTheme }
  | { type: 'auth'; nonce: Nonce; token: string | null; refresh: boolean }
  | { type: 'token'; nonce: Nonce; id: number; token: string | null }
  | { type: 'checkout-closed'; nonce: Nonce; opened: boolean };

type Data = Record<string, unknown>;

const own = (value: Data, key: string): unknown =>
  Object.hasOwn(value, key) ? value[key] : undefined;

/** A plain object (own prototype Object.prototype or null) whose own keys are exactly `keys`. */
function shaped(value: unknown, keys: readonly string[]): value is Data {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const present = Object.keys(value);
  return present.length === keys.length && keys.every((key) => Object.hasOwn(value, key));
}

export const isNonce = (value: unknown): value is Nonce => typeof value === 'string' && /^[0-9a-f]{32}$/.test(value);

/** A bearer token: printable ASCII without spaces, bounded. */
export const isToken = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_TOKEN_LENGTH && /^[\x21-\x7e]+$/.test(value);

const isId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

export const isHeight = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

export function randomNonce(): Nonce {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function isReady(data: unknown): data is ReadyMessage {
  return shaped(data, ['protocol', 'v', 'type']) && own(data, 'protocol') === PROTOCOL && own(data, 'v') === VERSION && own(data, 'type') === 'ready';
}

export function isConnect(data: unknown): data is ConnectMessage {
  return (
    shaped(data, ['protocol', 'v', 'type', 'nonce']) &&
    own(data, 'protocol') === PROTOCOL &&
    own(data, 'v') === VERSION &&
    own(data, 'type') === 'connect' &&
    isNonce(own(data, 'nonce'))
  );
}

/** A message over the port, with its nonce equal to the handshake's; `undefined` otherwise. */
export function parseFrameMessage(data: unknown, nonce: Nonce): FrameToHost | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Data;
  const type = own(message, 'type');
  if (own(message, 'nonce') !== nonce) return undefined;
  switch (type) {
    case 'hello':
      return shaped(data, ['type', 'nonce']) ? { type, nonce } : undefined;
    case 'height': {
      const height = own(message, 'height');
      return shaped(data, ['type', 'nonce', 'height']) && isHeight(height)
        ? { type, nonce, height: Math.min(MAX_HEIGHT, Math.max(1, Math.ceil(height))) }
        : undefined;
    }
    case 'token-request': {
      const id = own(message, 'id');
      return shaped(data, ['type', 'nonce', 'id']) && isId(id) ? { type, nonce, id } : undefined;
    }
    case 'checkout-open': {
      const url = own(message, 'url');
      return shaped(data, ['type', 'nonce', 'url']) && isCheckoutUrl(url) ? { type, nonce, url } : undefined;
    }
    case 'event': {
      const name = own(message, 'name');
      if (!shaped(data, ['type', 'nonce', 'name', 'detail']) || !(EVENT_NAMES as readonly unknown[]).includes(name)) return undefined;
      const detail = copyDetail(own(message, 'detail'));
      return detail === INVALID ? undefined : { type, nonce, name: name as FrameEventName, detail };
    }
  }
  return undefined;
}

export function parseHostMessage(data: unknown, nonce: Nonce): HostToFrame | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Data;
  const type = own(message, 'type');
  if (own(message, 'nonce') !== nonce) return undefined;
  const token = own(message, 'token');
  const tokenOk = token === null || isToken(token);
  switch (type) {
    case 'auth': {
      const refresh = own(message, 'refresh');
      return shaped(data, ['type', 'nonce', 'token', 'refresh']) && tokenOk && typeof refresh === 'boolean'
        ? { type, nonce, token: token as string | null, refresh }
        : undefined;
    }
    case 'token': {
      const id = own(message, 'id');
      return shaped(data, ['type', 'nonce', 'id', 'token']) && tokenOk && isId(id) ? { type, nonce, id, token: token as string | null } : undefined;
    }
    case 'theme': {
      const theme = parseTheme(own(message, 'theme'));
      return shaped(data, ['type', 'nonce', 'theme']) && theme ? { type, nonce, theme } : undefined;
    }
    case 'page': {
      const url = own(message, 'url');
      const ticket = own(message, 'ticket');
      return shaped(data, ['type', 'nonce', 'url', 'ticket']) && isCheckoutUrl(url) && (ticket === null || (typeof ticket === 'string' && /^[\w-]{1,200}$/.test(ticket)))
        ? { type, nonce, url, ticket }
        : undefined;
    }
    case 'checkout-closed': {
      const opened = own(message, 'opened');
      return shaped(data, ['type', 'nonce', 'opened']) && typeof opened === 'boolean' ? { type, nonce, opened } : undefined;
    }
  }
  return undefined;
}

// What a theme value may be, strictly: the frame writes these into a stylesheet, so nothing that
// could reach outside a declaration (`;`, `}`, quotes left open, backslashes), load anything
// (url(), image-set(), @import) or compute (var(), calc(), env(), expression()). Colours are hex,
// a keyword (letters only), or rgb()/hsl() of numbers; lengths are a number with px, rem, em or %;
// fonts are an optional style or weight, a size with an optional line height, and family names
// (plain words, or quoted letters, digits, spaces, dots and dashes).
// Built by a function: the host script, which sends themes and never parses one, carries none of it.
const THEME_VALUES = /* @__PURE__ */ themeRules();
function themeRules(): [RegExp, RegExp][] {
  const SIZE = '\\d{1,4}(?:\\.\\d{1,4})?(?:px|rem|em|%)';
  const FAMILY = `(?:"[\\w .-]{1,64}"|'[\\w .-]{1,64}'|[a-z][\\w-]*(?: [a-z][\\w-]*){0,4})`;
  const FAMILIES = `${FAMILY}(?: ?, ?${FAMILY}){0,9}`;
  return [
    [/^color-/, /^(?:#(?:[\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})|[a-z]{3,32}|(?:rgba?|hsla?)\([\d.%, /deg]{1,48}\))$/i],
    [/^(?:radius|space|max-width)$/, new RegExp(`^(?:0|${SIZE})$`)],
    [/^font$/, new RegExp(`^(?:(?:italic|bold|[1-9]00) ){0,2}${SIZE}(?:/(?:\\d{1,2}(?:\\.\\d{1,3})?|${SIZE}))? ${FAMILIES}$`, 'i')],
    [/^font-family$/, new RegExp(`^${FAMILIES}$`, 'i')],
  ];
}

/**
 * A fresh theme holding the entries of `value` that are known keys with valid values (each value a
 * string of at most 200 characters passing its rule above); others are dropped one by one. Not a
 * plain object, or more than 32 keys: undefined.
 */
export function parseTheme(value: unknown): FrameTheme | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || Object.keys(value).length > 32) return undefined;
  const theme: FrameTheme = {};
  for (const key of Object.keys(value)) {
    const raw = own(value as Data, key);
    // As a computed style gives them: `--mk-radius: 10px` reads " 10px" in some engines.
    const text = typeof raw === 'string' ? raw.trim() : raw;
    const known = key === 'font-family' || THEME_KEYS.includes(key);
    const rule = THEME_VALUES.find(([keys]) => keys.test(key))?.[1];
    if (known && rule && typeof text === 'string' && text.length <= 200 && rule.test(text)) theme[key] = text;
  }
  return theme;
}

/**
 * Hosted checkout pages are the SDK's `isSecureUrl` (https; plain http on loopback only, for the
 * sandbox), never `javascript:` or `data:`, and not over-long. Only the URL is checked here: the host element also requires the
 * frame's own origin or one of its `checkout-origins`.
 */
export function isCheckoutUrl(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_URL_LENGTH && isSecureUrl(value);
}

const INVALID = Symbol('invalid');
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A fresh copy of a JSON-like `detail` (null, booleans, finite numbers, bounded strings, arrays,
 * plain objects), or INVALID when it is oversized, too deep, or has a prototype-shaped key.
 * Building new objects key by key (no spread, no Object.assign of untrusted input) keeps the
 * host's prototypes out of reach.
 */
export function copyDetail(value: unknown): unknown {
  const budget = { total: DETAIL_LIMITS.total, entries: DETAIL_LIMITS.entries };
  const copy = (input: unknown, depth: number): unknown => {
    if (input === null || typeof input === 'boolean') return input;
    if (typeof input === 'number') return Number.isFinite(input) ? input : INVALID;
    if (typeof input === 'string') {
      budget.total -= input.length;
      return input.length > DETAIL_LIMITS.strings || budget.total < 0 ? INVALID : input;
    }
    if (typeof input !== 'object' || depth > DETAIL_LIMITS.depth) return INVALID;
    if (Array.isArray(input)) {
      budget.entries -= input.length;
      if (budget.entries < 0) return INVALID;
      const out: unknown[] = [];
      for (const item of input) {
        const next = copy(item, depth + 1);
        if (next === INVALID) return INVALID;
        out.push(next);
      }
      return out;
    }
    const proto = Object.getPrototypeOf(input);
    if (proto !== Object.prototype && proto !== null) return INVALID;
    const keys = Object.keys(input);
    budget.entries -= keys.length;
    if (budget.entries < 0) return INVALID;
    const out: Data = {};
    for (const key of keys) {
      budget.total -= key.length;
      if (FORBIDDEN_KEYS.has(key) || budget.total < 0) return INVALID;
      const next = copy((input as Data)[key], depth + 1);
      if (next === INVALID) return INVALID;
      out[key] = next;
    }
    return out;
  };
  const result = copy(value === undefined ? null : value, 0);
  return result;
}
export const isInvalidDetail = (value: unknown): boolean => value === INVALID;

/** The origin of an absolute http(s) URL, or undefined (opaque, `javascript:`, `data:`…). */
export function httpOrigin(url: string, base?: string): string | undefined {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Posts to another window with an exact target origin; throws on `"*"` or anything that is not
 * an http(s) origin. Called through this realm's own `window.postMessage` (with the target as
 * `this`, which WebIDL allows for cross-origin windows) so that a test can observe every call by
 * wrapping `window.postMessage`; a cross-origin target's own method is out of a test's reach.
 */
export function postToWindow(target: Window, message: ReadyMessage | ConnectMessage, targetOrigin: string, transfer: Transferable[] = []): void {
  if (httpOrigin(targetOrigin) !== targetOrigin) throw new TypeError('memberkit: no exact target origin');
  try {
    (window.postMessage as (message: unknown, targetOrigin: string, transfer: Transferable[]) => void).call(target, message, targetOrigin, transfer);
  } catch {
    // An engine refusing another window as `this` (a TypeError, or a SecurityError for a
    // cross-origin one): fall back to the target's own method, still with the exact origin.
    target.postMessage(message, targetOrigin, transfer);
  }
}
