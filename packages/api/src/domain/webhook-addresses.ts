// Which addresses a webhook may be sent to. An organization's admin names the endpoint URL, and
// the server then POSTs to it from inside our network: without this rule an endpoint could reach
// the database, a cloud metadata service (169.254.169.254) or an admin port on this machine
// (server-side request forgery). One rule, here: the API checks IP literals when an endpoint is
// created, and the server checks every address a hostname resolves to before each delivery.
// Pure code (no node:net): the sandbox runs the API in a browser.

/** Why an address is refused, or null for a public one. */
export type InternalAddressKind = 'unspecified' | 'loopback' | 'private' | 'link-local' | 'shared (CGNAT)' | 'multicast' | 'reserved';

const ipv4Pattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The 32-bit value of a dotted IPv4 address, or null. */
function ipv4Value(address: string): number | null {
  const parts = ipv4Pattern.exec(address);
  if (!parts) return null;
  const octets = parts.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return null;
  return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

/** The eight 16-bit groups of an IPv6 address (brackets, a zone and a dotted IPv4 tail allowed), or null. */
function ipv6Groups(input: string): number[] | null {
  let address = input.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  if (!address.includes(':')) return null;
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (tail) {
    const value = ipv4Value(tail[1]!);
    if (value === null) return null;
    address = `${address.slice(0, -tail[1]!.length)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const parse = (half: string) => (half === '' ? [] : half.split(':'));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return null;
  return groups.map((group) => parseInt(group, 16));
}

function ipv4Kind(value: number): InternalAddressKind | null {
  const inRange = (base: string, bits: number) => (value >>> (32 - bits)) === (ipv4Value(base)! >>> (32 - bits));
  if (inRange('0.0.0.0', 8)) return 'unspecified';
  if (inRange('127.0.0.0', 8)) return 'loopback';
  if (inRange('10.0.0.0', 8) || inRange('172.16.0.0', 12) || inRange('192.168.0.0', 16)) return 'private';
  if (inRange('169.254.0.0', 16)) return 'link-local';
  if (inRange('100.64.0.0', 10)) return 'shared (CGNAT)';
  if (inRange('224.0.0.0', 4)) return 'multicast';
  // 240.0.0.0/4 (reserved, and 255.255.255.255, the broadcast address).
  if (inRange('240.0.0.0', 4)) return 'reserved';
  return null;
}

/**
 * What kind of internal address `address` is (an IPv4 or IPv6 literal, as a URL's hostname or a
 * resolver gives it), or null for a public address or something that is not an IP address.
 * IPv4-mapped (`::ffff:127.0.0.1`), IPv4-compatible and NAT64 (`64:ff9b::/96`) IPv6 addresses are
 * judged by the IPv4 address inside them: they reach it.
 */
export function internalAddressKind(address: string): InternalAddressKind | null {
  const v4 = ipv4Value(address);
  if (v4 !== null) return ipv4Kind(v4);
  const groups = ipv6Groups(address);
  if (!groups) return null;
  const embedded = () => ((groups[6]! << 16) | groups[7]!) >>> 0;
  const zeros = (count: number) => groups.slice(0, count).every((group) => group === 0);
  if (groups.every((group) => group === 0)) return 'unspecified';
  if (zeros(7) && groups[7] === 1) return 'loopback';
  if (zeros(5) && groups[5] === 0xffff) return ipv4Kind(embedded());
  if (zeros(6)) return ipv4Kind(embedded()) ?? 'reserved';
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) return ipv4Kind(embedded());
  if ((groups[0]! & 0xffc0) === 0xfe80) return 'link-local';
  // fec0::/10, the deprecated site-local range, is private as well.
  if ((groups[0]! & 0xfe00) === 0xfc00 || (groups[0]! & 0xffc0) === 0xfec0) return 'private';
  if ((groups[0]! & 0xff00) === 0xff00) return 'multicast';
  return null;
}

/** Whether `address` is an IP literal (IPv4 dotted, or IPv6 with or without brackets). */
export const isIpLiteral = (address: string): boolean => ipv4Value(address) !== null || ipv6Groups(address) !== null;

/** Whether a hostname names this machine by name: `localhost` and `*.localhost` (RFC 6761). */
export const isLocalhostName = (hostname: string): boolean => /(?:^|\.)localhost$/i.test(hostname.replace(/\.$/, ''));

export interface WebhookUrlRule {
  /** Loopback endpoints (`localhost`, 127.0.0.0/8, ::1, over http or https): development only. */
  allowLoopback: boolean;
}

/**
 * Why an endpoint URL is refused (a sentence for the admin), or null when it is acceptable:
 * https (http only to a loopback host, where loopback is allowed), no credentials, and not an
 * IP literal in an internal range. A hostname's resolved addresses are checked at delivery.
 */
export function webhookUrlProblem(value: string, rule: WebhookUrlRule): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The endpoint must be an absolute https URL.';
  }
  if (url.username || url.password) return 'The endpoint URL may not contain credentials.';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The endpoint must be an https URL.';
  const hostname = url.hostname.replace(/\.$/, '');
  const kind = isLocalhostName(hostname) ? 'loopback' : internalAddressKind(hostname);
  if (kind === 'loopback' && rule.allowLoopback) return null;
  if (kind !== null) {
    return `The endpoint may not point at an internal address (${hostname} is ${kind === 'loopback' ? 'this machine' : `a ${kind} address`}); use a public https URL.`;
  }
  if (url.protocol !== 'https:') return `The endpoint must be an https URL${rule.allowLoopback ? ' (http only to localhost, for development)' : ''}.`;
  return null;
}
