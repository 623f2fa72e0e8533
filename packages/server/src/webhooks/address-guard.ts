// Webhook deliveries go only to public addresses. The API refuses endpoints whose URL is an
// internal IP literal; a hostname, though, can resolve to anything (and be changed to later),
// so before every attempt the server resolves it and refuses to connect when any of its
// addresses is internal (the API's rule, internalAddressKind). The refusal is a failed attempt
// with its reason in the delivery log, retried on the usual backoff like any other failure.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promisify } from 'node:util';
import { internalAddressKind, isIpLiteral, isLocalhostName } from '@memberkit/api';

/** Resolves a hostname to all its addresses (node:dns `lookup` with `all: true`). */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

const lookupAll = promisify(dnsLookup);
export const resolveAll: ResolveAll = (hostname) => lookupAll(hostname, { all: true, verbatim: true });

export interface AddressGuardOptions {
  /** Endpoints on this machine are allowed (development: NODE_ENV is not production). */
  allowLoopback: boolean;
  /** The resolver (default: node:dns lookup, every address). */
  resolve?: ResolveAll;
  /** What sends once the addresses are known to be public (default: the global fetch). */
  fetch?: typeof fetch;
}

/** Thrown, before connecting, for an endpoint that resolves to an internal address. */
export class InternalAddressError extends Error {
  override name = 'InternalAddressError';
}

/**
 * A fetch for webhook deliveries that refuses internal addresses. The name is resolved here and
 * again by fetch when it connects: a DNS server answering differently within that moment
 * (rebinding) is not caught; the usual case, a name that points inside, is.
 */
export function guardedWebhookFetch(options: AddressGuardOptions): typeof fetch {
  const resolve = options.resolve ?? resolveAll;
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const hostname = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
    let addresses: string[];
    if (isIpLiteral(hostname)) {
      addresses = [hostname];
    } else if (isLocalhostName(hostname)) {
      addresses = ['127.0.0.1'];
    } else {
      try {
        addresses = (await resolve(hostname)).map((found) => found.address);
      } catch (error) {
        throw new Error(`${hostname} could not be resolved (${(error as NodeJS.ErrnoException)?.code ?? String(error)})`, { cause: error });
      }
      if (addresses.length === 0) throw new Error(`${hostname} could not be resolved (no addresses)`);
    }
    for (const address of addresses) {
      const kind = internalAddressKind(address);
      if (kind === null || (kind === 'loopback' && options.allowLoopback)) continue;
      throw new InternalAddressError(
        `refused: ${hostname} resolves to ${address}, ${kind === 'loopback' ? 'this machine' : `a ${kind} address`}; webhooks go only to public addresses`,
      );
    }
    return send(input, init);
  };
}
