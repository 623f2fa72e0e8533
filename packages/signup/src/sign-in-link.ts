// The sign-in email's one-click link opens the page with the widget at
// `#memberkit-sign-in=<ticket>` (a fragment: no server, proxy or Referer header ever sees it). The
// ticket is single-use and short-lived, and it is not a token: the widget exchanges it through the
// API once the member confirms (so a mail scanner opening the link uses nothing). Taken once per
// page, and removed from the address bar at once (replaceState: no history entry, nothing left for
// a bookmark, a shared URL or another script). Shared by the element and the frame host script.

/** The ticket of the sign-in link this page was opened with, once; undefined after that, or without one. */
export function takeSignInLink(): string | undefined {
  const [whole, ticket] = /^#memberkit-sign-in=([\w-]{1,200})?/.exec(location.hash) ?? [];
  if (whole) history.replaceState(history.state, '', location.pathname + location.search);
  return ticket;
}

/** What the frame page hands the widget (`.signInLink`): the embedding page's address, and the ticket that page took. */
export interface SignInLink {
  page?: string;
  ticket?: string | undefined;
}
