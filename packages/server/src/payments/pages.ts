// The server's pages around payments:
// - /checkout/complete: where a hosted checkout returns the member (the signup page, still open
//   in the other tab, polls the signup and shows the outcome).
// - /stripe-stand-in.js (the stand-in only): the widget's `stripeLoader` for the stand-in's
//   embedded checkout (it frames the stand-in's checkout page), served by this server so that a
//   page loads its scripts from this server only.
import { stripeJsModule } from './stand-in/pages.js';
import type { StripeStandIn } from './stand-in/stand-in.js';

type Pages = Record<string, (request: Request) => Response | Promise<Response>>;

const csp = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function memberPaymentPages(options: { standIn: StripeStandIn | null }): Pages {
  const pages: Pages = {
    '/checkout/complete': () =>
      new Response(
        `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Payment received</title></head>
<body><main><h1>Payment received</h1><p role="status">Thank you. Your signup is being confirmed: go back to the signup page, which shows it once done. You can close this tab.</p></main></body></html>`,
        { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' } },
      ),
  };
  const standIn = options.standIn;
  if (standIn) {
    pages['/stripe-stand-in.js'] = () =>
      new Response(stripeJsModule(standIn.origin), {
        headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' },
      });
  }
  return pages;
}
