/**
 * Which URLs from the API (hosted checkout pages, terms, logos) and from embedders (`api-base`)
 * the widget may open, link, load or send a member token to. One rule for the element, the frame
 * and the schemas, so no copy of it drifts.
 */

/** Hosts that are this machine: plain http is allowed there, for the sandbox and local servers. */
const LOOPBACK_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])$/;

/**
 * True for an absolute `https:` URL, or an `http:` URL on a loopback host; false for anything
 * else (`javascript:`, `data:`, relative paths, credentials in the URL, non-strings). The URL is
 * parsed with `URL` and its scheme compared exactly: a `javascript://localhost/…` URL has a
 * loopback host but is still script, and a check on the host alone would let it through.
 */
export const isSecureUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // `https://bank.example@evil.test/` reads as the bank's address to a person.
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname));
};
