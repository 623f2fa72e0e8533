// The server's pages around payments:
// - /checkout/complete: where a hosted checkout returns the member (the signup page, still open
//   in the other tab, polls the signup and shows the outcome).
// - /payments/card-updated: where the Billing Portal returns a member who replaced their card
//   and came from no page of the organization's.
// - /payments/authenticate/{organization}/{intent}: where a member confirms a renewal's charge
//   that Stripe held for authentication (Stripe answers an off-session confirm without a page).
// - /stripe-stand-in.js (the stand-in only): the widget's `stripeLoader` for the stand-in's
//   embedded checkout (it frames the stand-in's checkout page), served by this server so that a
//   page loads its scripts from this server only.
import { stripeJsModule } from './stand-in/pages.js';
import type { StripeStandIn } from './stand-in/stand-in.js';
import type { StripePayments } from './stripe-payments.js';

type Pages = Record<string, (request: Request) => Response | Promise<Response>>;

const csp = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Confirms a renewal's PaymentIntent that Stripe held for authentication, with Stripe.js (3-D
// Secure in Stripe's own frame), when the member presses the button.
const authenticateScript = `
const data = document.body.dataset;
const status = document.getElementById('status');
const button = document.getElementById('pay');
button.addEventListener('click', async () => {
  button.disabled = true;
  status.textContent = 'Confirming with your bank…';
  try {
    const stripe = window.Stripe(data.publishableKey);
    const result = await stripe.confirmCardPayment(data.clientSecret, { payment_method: data.paymentMethod });
    if (result.error) { status.textContent = result.error.message || 'The payment was not confirmed.'; button.disabled = false; return; }
    status.textContent = 'Payment complete. Your membership is renewed shortly.';
    button.remove();
  } catch {
    status.textContent = 'Could not reach Stripe. Try again.';
    button.disabled = false;
  }
});
`;

export interface MemberPaymentPagesOptions {
  standIn: StripeStandIn | null;
  stripe: StripePayments;
  /** The organization's publishable key (its payment settings), or null. */
  publishableKey(organizationId: string): Promise<string | null>;
}

export function memberPaymentPages(options: MemberPaymentPagesOptions): Pages {
  const pages: Pages = {
    '/checkout/complete': () =>
      new Response(
        `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Payment received</title></head>
<body><main><h1>Payment received</h1><p role="status">Thank you. Your signup is being confirmed: go back to the signup page, which shows it once done. You can close this tab.</p></main></body></html>`,
        { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' } },
      ),
  };
  pages['/payments/card-updated'] = () =>
    new Response(
      `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Card updated</title></head>
<body><main><h1>Card updated</h1><p role="status">Thank you. If you saved a new card, it is saved and your next renewal charges it. You can close this tab.</p></main></body></html>`,
      { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' } },
    );
  pages['/payments/authenticate.js'] = () =>
    new Response(authenticateScript, { headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' } });
  pages['/payments/authenticate/:organization/:intent'] = async (request) => {
    const [, , , organization = '', intentId = ''] = new URL(request.url).pathname.split('/').map(decodeURIComponent);
    const html = (status: number, body: string, extra: Record<string, string> = {}) =>
      new Response(
        `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Confirm your payment</title>${extra.head ?? ''}</head>
<body${extra.attributes ?? ''}><main><h1>Confirm your payment</h1>${body}</main></body></html>`,
        {
          status,
          headers: {
            'Content-Type': 'text/html; charset=utf-8',
            'Cache-Control': 'no-store',
            'Referrer-Policy': 'no-referrer',
            'Content-Security-Policy':
              "default-src 'none'; script-src 'self' https://js.stripe.com; frame-src https://js.stripe.com https://hooks.stripe.com; connect-src https://api.stripe.com; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
          },
        },
      );
    const intent = await options.stripe.stripe.paymentIntents.retrieve(intentId).catch(() => null);
    if (!intent || intent.metadata?.organization_id !== organization) return html(404, '<p role="status">There is no such payment.</p>');
    if (intent.status === 'succeeded') return html(200, '<p role="status">This payment is complete.</p>');
    if (intent.status === 'canceled') return html(200, '<p role="status">This payment was closed: nothing was charged.</p>');
    const key = await options.publishableKey(organization);
    if (!key || !intent.client_secret) return html(503, '<p role="status">Payments are not available right now.</p>');
    const method = typeof intent.payment_method === 'string' ? intent.payment_method : (intent.payment_method?.id ?? '');
    const amount = new Intl.NumberFormat('en', { style: 'currency', currency: intent.currency.toUpperCase() }).format(intent.amount / 100);
    return html(
      200,
      `<p>Your bank asks you to confirm the payment of ${escape(amount)} for ${escape(intent.description ?? 'your membership')}.</p><button type="button" id="pay">Confirm the payment</button><p role="status" id="status"></p>`,
      {
        head: '<script src="https://js.stripe.com/v3/"></script><script type="module" src="/payments/authenticate.js"></script>',
        attributes: ` data-publishable-key="${escape(key)}" data-client-secret="${escape(intent.client_secret)}" data-payment-method="${escape(method)}"`,
      },
    );
  };
  const standIn = options.standIn;
  if (standIn) {
    pages['/stripe-stand-in.js'] = () =>
      new Response(stripeJsModule(standIn.origin), {
        headers: {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-cache',
          'X-Content-Type-Options': 'nosniff',
          // An organization's page loads it as a module script from this server's origin, and a
          // cross-origin module script needs CORS (like the widget's own files).
          'Access-Control-Allow-Origin': '*',
          'Cross-Origin-Resource-Policy': 'cross-origin',
        },
      });
  }
  return pages;
}
