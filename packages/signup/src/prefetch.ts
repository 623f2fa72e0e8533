// A widget's first request, started by the script-tag loader before the element's code has
// arrived, and picked up by the element's client instead of being sent a second time. The answer
// waits on the element itself, under a symbol Lit never sees: the loader and the element are
// separate files (the classic loader and the ES one share the element's chunk), so no module
// state can carry it. Only the public, token-free request is started early; the element decides
// whether the answer fits (same URL, no member token), else it asks as it always did.
import { isSecureUrl } from '@memberkit/sdk/calculators';

/** The shape of organization and membership-type ids: anything else is never sent. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

const EARLY = Symbol.for('memberkit.signup-config');

interface Early {
  url: string;
  /** Undefined when the request failed: the element then sends its own (with its retries). */
  response: Promise<Response | undefined>;
}

type Holder = Element & { [EARLY]?: Early | undefined };

/**
 * `GET /signup-config`'s query for a widget: the preselected type when it is a valid id, the
 * invitation code. The element passes it to the SDK, the loader builds the same URL from it.
 */
export const signupConfigQuery = (membershipType: string | null | undefined, invitation: string | null | undefined): Record<string, string> => ({
  ...(membershipType && ID_PATTERN.test(membershipType) ? { membership_type: membershipType } : {}),
  ...(invitation ? { invitation } : {}),
});

/**
 * Starts the signup-config request of a `<membership-signup>` that is not upgraded yet, from its
 * attributes, as the element would send it without a member token. Nothing is sent for an
 * invalid organization or a refused API base (not https, nor http on this machine): the element
 * will show that configuration error.
 */
export function prefetchSignupConfig(element: Element, defaultBase: string): void {
  const organization = element.getAttribute('organization');
  const base = element.getAttribute('api-base') || defaultBase;
  if (!organization || !ID_PATTERN.test(organization) || !isSecureUrl(base)) return;
  // With `read-url-params`, the page's query stands in for a missing attribute, as in the element.
  const fromPage = (name: string) =>
    element.getAttribute(name) || (element.hasAttribute('read-url-params') && new URLSearchParams(location.search).get(name)) || null;
  // The same URL the SDK's transport builds: `{base}/organizations/{id}/signup-config?…`.
  const url = new URL(`${base.replace(/\/+$/, '')}/organizations/${organization}/signup-config`);
  for (const [name, value] of Object.entries(signupConfigQuery(fromPage('membership-type'), fromPage('invitation')))) {
    url.searchParams.set(name, value);
  }
  (element as Holder)[EARLY] = {
    url: url.href,
    response: fetch(url, { headers: { accept: 'application/json' } }).catch(() => undefined),
  };
}

/**
 * The fetch of the element's own client: its first token-free request for the URL the loader
 * asked for (the signup-config GET) gets the loader's answer; everything else, and a failed
 * early request, goes to the network.
 */
export const fetchWithEarlyAnswer =
  (element: Element): typeof fetch =>
  (input, init) => {
    const early = (element as Holder)[EARLY];
    // The SDK's transport sends its headers as a record with lower-case names.
    if (String(input) !== early?.url || (init?.headers as Record<string, string> | undefined)?.authorization) return fetch(input, init);
    (element as Holder)[EARLY] = undefined;
    const signal = init?.signal;
    return new Promise<Response>((resolve, reject) => {
      // An attribute change aborts the element's load: the early answer must not land after it.
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      early.response.then((response) => response ?? fetch(input, init)).then(resolve, reject);
    });
  };
