// What failed when a request got no HTTP answer, read from the fetch error's cause: Node's fetch
// throws a bare "fetch failed" whose cause (or the cause's cause) carries the system error code.
// Kept small: it ships in the script-tag bundle, where a browser only ever says "Failed to fetch".

const kinds: [RegExp, string][] = [
  [/^(ENOTFOUND|EAI_AGAIN)$/, 'could not resolve the host name (DNS)'],
  [/^ECONNREFUSED$/, 'the connection was refused: is the API running there?'],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/, 'the connection was closed'],
  [/TIMEDOUT|TIMEOUT/, 'connecting timed out'],
  [/UNREACH/, 'the host is unreachable'],
  [/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO|EPROTO/, 'the TLS handshake failed'],
];

/** `host: what failed (CODE: detail)`, e.g. `api.example.org: could not resolve the host name (DNS) (ENOTFOUND: …)`. */
export function describeConnectionError(error: unknown, url: URL): string {
  let code: string | undefined;
  let detail = String((error as Error)?.message ?? error);
  // The innermost cause with a code (undici nests the socket's error, sometimes twice).
  for (let e = error as { code?: unknown; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') [code, detail] = [e.code, e.message ?? detail];
  }
  const kind = code && kinds.find(([pattern]) => pattern.test(code))?.[1];
  return code
    ? `${url.host}: ${kind || 'no answer'} (${code}: ${detail})`
    : // Browsers say only "Failed to fetch".
      `${url.host}: ${detail} (offline, blocked, or not allowed by the API's CORS settings?)`;
}
