// The element's default `.hostedPageOpener`, in a module of its own: the element (first chunk)
// sets it at construction, while the rest of the payment (./payment.ts: Stripe.js, the embedded
// checkout, the poll's sleep) comes with the steps chunk.

/** Opens a hosted payment page: the top window, or a new tab when the element runs in a frame.
 * The page needs no opener (the element polls the signup), so it gets none and no referrer. */
export function openHostedPage(url: string, framed = window.top !== window.self): void {
  if (framed) {
    window.open(url, '_blank', 'noopener,noreferrer');
  } else {
    window.location.assign(url);
  }
}
