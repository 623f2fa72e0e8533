// Emails are compared trimmed and lower-cased (normalizeEmail); surrounding spaces are not an
// invalid address, so every endpoint that takes one trims it before the schema checks it.

type Person = { email?: unknown };

/**
 * A copy of a request body with the `email` of each person `select` picks trimmed (the body is
 * left as it is when it is not an object: the schema then refuses it).
 */
export function trimEmails(body: unknown, select: (copy: Record<string, unknown>) => unknown[]): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const person of select(copy)) {
    if (person && typeof person === 'object' && typeof (person as Person).email === 'string') {
      (person as Person).email = ((person as Person).email as string).trim();
    }
  }
  return copy;
}
