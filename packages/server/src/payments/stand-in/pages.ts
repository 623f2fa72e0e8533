// The stand-in's member side, what Stripe's own pages do: the checkout page (hosted at the
// session's `url`, or framed in the widget by /js/stripe.js for `embedded_page`), a renewal's
// authentication page (a PaymentIntent's `next_action`), and the Billing Portal's card update.
// A card whose bank asks for authentication at the checkout (4000 0025 0000 3155) gets the bank's
// test challenge inside the checkout page, as Stripe's Checkout shows its 3D Secure test page.
// Every page is labelled TEST MODE, takes Stripe's test cards (@memberkit/api's rules), and runs
// under a strict CSP: no inline script or style; text goes in as text.
import { formatMoney } from '@memberkit/sdk/calculators';
import type { Hono } from 'hono';
import type { CardDecline, TestCard } from '@memberkit/api';
import type { StandInBillingPortalSession, StandInCheckoutSession, StandInPaymentIntent } from './objects.js';

/** What the member pages ask of the stand-in (the StripeStandIn passes itself). */
export interface StandInForPages {
  readonly origin: string;
  sessionBySecret(secret: string): StandInCheckoutSession | undefined;
  paymentIntentBySecret(secret: string): StandInPaymentIntent | undefined;
  confirmSession(session: StandInCheckoutSession, card: TestCard): { decline: CardDecline | null; requires_action?: true };
  authenticateSession(session: StandInCheckoutSession, outcome: 'succeed' | 'fail'): { decline: CardDecline | null };
  authenticate(intent: StandInPaymentIntent, outcome: 'succeed' | 'fail'): StandInPaymentIntent;
  billingPortalSession(sessionId: string): StandInBillingPortalSession | undefined;
  updateCustomerCard(customerId: string, card: TestCard): CardDecline | null;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const csp = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors *";

function page(title: string, kind: string, data: Record<string, string>, body: string): Response {
  const attributes = Object.entries({ page: kind, ...data })
    .map(([key, value]) => ` data-${key.replace(/_/g, '-')}="${escape(value)}"`)
    .join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><link rel="stylesheet" href="/assets/pages.css"><script type="module" src="/assets/pages.js"></script></head>
<body${attributes}><main>
<p class="badge">TEST MODE: Stripe stand-in. No real card is charged.</p>
${body}
</main></body></html>`;
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' } });
}

const cardForm = (button: string) => `
<form id="card" novalidate>
  <label>Card number <input name="number" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required></label>
  <div class="row">
    <label>Expiry (MM / YY) <input name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" required></label>
    <label>CVC <input name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123" required></label>
  </div>
  <p class="error" role="alert" id="error"></p>
  <button type="submit">${escape(button)}</button>
  <p role="status" id="status"></p>
</form>
<details><summary>Test cards</summary><ul>
<li>4242 4242 4242 4242 succeeds</li><li>4000 0000 0000 0002 is declined</li>
<li>4000 0000 0000 9995 has insufficient funds</li><li>4000 0025 0000 3155 asks you to authenticate now</li><li>4000 0027 6000 3184 asks for authentication at each renewal</li><li>4000 0000 0000 0341 is saved, then declined at renewal</li>
</ul><p>Any future expiry date and any 3-digit CVC.</p></details>`;

const styles = `
body { font: 16px/1.45 system-ui, sans-serif; margin: 0; color: #1f2937; }
main { max-width: 28rem; margin: 0 auto; padding: 1rem; }
.badge { background: #fef3c7; color: #78350f; font-weight: 700; padding: .25rem .5rem; border-radius: 4px; }
label { display: block; margin: .5rem 0; font-size: .875rem; }
input { display: block; box-sizing: border-box; width: 100%; padding: .5rem; font: inherit; margin-top: .25rem; }
.row { display: flex; gap: .5rem; } .row > label { flex: 1; }
.error { color: #b91c1c; min-height: 1.25em; }
button { padding: .6rem 1rem; font: inherit; cursor: pointer; }
.amount { font-size: 1.5rem; font-weight: 700; margin: .25rem 0 1rem; }
.challenge { border: 1px solid #9ca3af; border-radius: 6px; padding: .75rem; margin: 1rem 0; }
.challenge h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
.challenge button { margin: .25rem .5rem .25rem 0; }
`;

// The pages' one script: reads the page's data attributes, posts the form as JSON, and says
// what happened as text. An embedded checkout tells its parent (the widget's page, whose exact
// origin the frame's URL names) that the session completed; a hosted one goes to success_url.
const script = `
const data = document.body.dataset;
const form = document.getElementById('card');
const error = document.getElementById('error');
const status = document.getElementById('status');
function expiry(text) {
  if (text.includes('/')) { const [m = '', y = ''] = text.split('/').map((p) => p.trim()); return { exp_month: m, exp_year: y }; }
  const digits = text.replace(/\\D/g, '');
  return digits.length === 4 || digits.length === 6 ? { exp_month: digits.slice(0, 2), exp_year: digits.slice(2) } : { exp_month: digits, exp_year: '' };
}
function done(message) {
  if (form) form.replaceChildren(Object.assign(document.createElement('p'), { textContent: message, role: 'status' }));
}
async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { ok: response.ok, body: await response.json().catch(() => ({})) };
}
function finish(body) {
  done(body.message ?? 'Payment complete.');
  if (data.parent && window.parent !== window) window.parent.postMessage({ type: 'stand-in:checkout-complete', session: data.session }, data.parent);
  else if (body.redirect_url) location.assign(body.redirect_url);
}
function refused(body) {
  const field = body.error?.param === 'cvc' ? form.cvc : body.error?.param === 'expiry' ? form.expiry : form.number;
  field.setAttribute('aria-invalid', 'true'); field.focus();
  error.textContent = body.error?.message ?? 'The payment failed. Try another card.';
  status.textContent = '';
}
// The bank's test challenge (Stripe's 3D Secure test page), over the card form until answered.
function challenge() {
  const dialog = document.createElement('section');
  dialog.className = 'challenge';
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-labelledby', 'challenge-title');
  const title = Object.assign(document.createElement('h2'), { id: 'challenge-title', textContent: 'Authenticate your payment (test)' });
  const text = Object.assign(document.createElement('p'), { textContent: 'Your bank asks you to confirm this payment.' });
  const buttons = [['succeed', 'Complete authentication'], ['fail', 'Fail authentication']].map(([outcome, label]) => {
    const button = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
    button.addEventListener('click', async () => {
      for (const each of buttons) each.disabled = true;
      try {
        const result = await post(data.authenticate, { outcome });
        dialog.remove(); form.hidden = false;
        if (result.ok) return finish(result.body);
        refused(result.body);
      } catch {
        for (const each of buttons) each.disabled = false;
        text.textContent = 'Could not reach the payment service. Try again.';
      }
    });
    return button;
  });
  dialog.append(title, text, ...buttons);
  form.hidden = true; status.textContent = '';
  form.before(dialog);
  buttons[0].focus();
}
if (form) form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = form.querySelector('button');
  if (button.disabled) return;
  button.disabled = true; error.textContent = ''; status.textContent = 'Processing…';
  for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
  try {
    const card = { number: form.number.value, cvc: form.cvc.value, ...expiry(form.expiry.value) };
    const result = await post(data.confirm, card);
    if (!result.ok) return refused(result.body);
    if (result.body.status === 'requires_action') return challenge();
    finish(result.body);
  } catch {
    error.textContent = 'Could not reach the payment service. Try again.'; status.textContent = '';
  } finally { button.disabled = false; }
});
for (const button of document.querySelectorAll('button[data-outcome]')) {
  button.addEventListener('click', async () => {
    const result = await post(data.confirm, { outcome: button.dataset.outcome });
    document.getElementById('status').textContent = result.body.message ?? '';
    for (const other of document.querySelectorAll('button[data-outcome]')) other.remove();
  });
}
`;

// Stripe.js's embedded checkout for the stand-in: createEmbeddedCheckoutPage frames the
// stand-in's checkout page and calls onComplete when that frame (and only it) says so.
/** The module, for a stand-in at `origin` (its own /js/stripe.js, or served by the server that uses it). */
export const stripeJsModule = (origin: string) => `
const origin = ${JSON.stringify(origin)};
function createEmbeddedCheckoutPage(options = {}) {
  let frame = null; let listener = null; let destroyed = false;
  const secret = options.clientSecret ? Promise.resolve(options.clientSecret) : options.fetchClientSecret ? options.fetchClientSecret() : Promise.reject(new Error('clientSecret or fetchClientSecret is required'));
  return secret.then((clientSecret) => ({
    mount(target) {
      if (destroyed) throw new Error('This checkout was destroyed');
      if (frame) throw new Error('This checkout is already mounted');
      const node = typeof target === 'string' ? document.querySelector(target) : target;
      if (!node) throw new Error('No element matches ' + String(target));
      frame = document.createElement('iframe');
      frame.title = 'Secure payment (test mode)';
      frame.allow = 'payment';
      frame.width = '100%'; frame.height = '520';
      frame.setAttribute('frameborder', '0');
      const url = new URL('/c/pay/' + encodeURIComponent(clientSecret), origin);
      url.searchParams.set('embedded', '1');
      url.searchParams.set('parent', location.origin);
      frame.src = url.href;
      listener = (event) => {
        if (event.origin !== origin || event.source !== frame?.contentWindow) return;
        if (event.data?.type === 'stand-in:checkout-complete') options.onComplete?.();
      };
      window.addEventListener('message', listener);
      node.append(frame);
    },
    unmount() { frame?.remove(); frame = null; if (listener) window.removeEventListener('message', listener); listener = null; },
    destroy() { this.unmount(); destroyed = true; },
  }));
}
export async function loadStripe() {
  return { createEmbeddedCheckoutPage, initEmbeddedCheckout: createEmbeddedCheckoutPage };
}
export default loadStripe;
`;

const asset = (body: string, type: string, extra: Record<string, string> = {}) => () =>
  new Response(body, { headers: { 'Content-Type': type, 'Cache-Control': 'no-cache', ...extra } });

/** The answer to a paid (or saved) checkout: where the page goes next. */
function completed(session: StandInCheckoutSession) {
  const redirect = session.ui_mode === 'hosted_page' ? session.success_url : session.redirect_on_completion === 'never' ? null : session.return_url;
  return { status: 'complete', message: 'Payment complete.', redirect_url: redirect?.replaceAll('{CHECKOUT_SESSION_ID}', session.id) ?? null };
}

/** A `parent` origin for an embedded page: an http(s) origin exactly, else none. */
function parentOrigin(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value ? value : null;
  } catch {
    return null;
  }
}

export function memberPages(app: Hono, standIn: StandInForPages): void {
  app.get('/assets/pages.js', asset(script, 'text/javascript; charset=utf-8'));
  app.get('/assets/pages.css', asset(styles, 'text/css; charset=utf-8'));
  app.get('/js/stripe.js', () => asset(stripeJsModule(standIn.origin), 'text/javascript; charset=utf-8', { 'Access-Control-Allow-Origin': '*' })());

  app.get('/c/pay/:key', (c) => {
    const key = c.req.param('key');
    const session = standIn.sessionBySecret(key);
    if (!session) return c.text('No such checkout session.', 404);
    const parent = parentOrigin(c.req.query('parent'));
    const seller = session.stand_in.seller_name;
    // `auto` is Stripe's "the browser's language": the page is in English, so is its amount.
    const locale = session.locale === null || session.locale === 'auto' ? 'en' : session.locale;
    const amount = session.mode === 'payment' ? formatMoney(session.amount_total ?? 0, (session.currency ?? 'usd').toUpperCase(), locale) : null;
    const heading =
      session.status === 'complete'
        ? '<p role="status">This checkout is complete.</p>'
        : session.status === 'expired'
          ? '<p role="status">This checkout has expired. Nothing was charged.</p>'
          : cardForm(amount ? `Pay ${amount}` : 'Save card');
    return page(
      `Pay ${seller}`,
      'checkout',
      { confirm: `/c/api/${key}/confirm`, authenticate: `/c/api/${key}/authenticate`, session: session.id, ...(parent && { parent }) },
      `<h1>${escape(seller)}</h1><p>${escape(session.stand_in.line_item)}</p>
${amount ? `<p class="amount">${escape(amount)}</p>` : '<p class="amount">Nothing to pay today: your card is saved for renewals.</p>'}
${session.stand_in.setup_future_usage || session.mode === 'setup' ? '<p>Your card will be saved to renew your membership automatically.</p>' : ''}
${heading}`,
    );
  });

  app.post('/c/api/:key/confirm', async (c) => {
    const session = standIn.sessionBySecret(c.req.param('key'));
    if (!session) return c.json({ error: { type: 'invalid_request_error', message: 'No such checkout session.' } }, 404);
    const card = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    if (session.status === 'expired') return c.json({ error: { type: 'invalid_request_error', message: 'This checkout has expired. Nothing was charged.' } }, 409);
    const { decline, requires_action } = standIn.confirmSession(session, { number: card.number, exp_month: card.exp_month, exp_year: card.exp_year, cvc: card.cvc });
    if (decline) return c.json({ error: { type: 'card_error', code: 'card_declined', decline_code: decline.decline_code, message: decline.message, param: decline.field } }, 402);
    if (requires_action) return c.json({ status: 'requires_action', message: 'Your bank asks you to authenticate this payment.' });
    return c.json(completed(session));
  });

  // The checkout's authentication challenge answered: `succeed` pays, anything else fails it.
  app.post('/c/api/:key/authenticate', async (c) => {
    const session = standIn.sessionBySecret(c.req.param('key'));
    if (!session) return c.json({ error: { type: 'invalid_request_error', message: 'No such checkout session.' } }, 404);
    if (session.status === 'expired') return c.json({ error: { type: 'invalid_request_error', message: 'This checkout has expired. Nothing was charged.' } }, 409);
    const { outcome } = (await c.req.json().catch(() => ({}))) as { outcome?: string };
    const { decline } = standIn.authenticateSession(session, outcome === 'succeed' ? 'succeed' : 'fail');
    if (decline) return c.json({ error: { type: 'card_error', code: decline.decline_code, message: decline.message, param: decline.field } }, 402);
    return c.json(completed(session));
  });

  app.get('/authenticate/:secret', (c) => {
    const secret = c.req.param('secret');
    const intent = standIn.paymentIntentBySecret(secret);
    if (!intent) return c.text('No such payment.', 404);
    const amount = formatMoney(intent.amount, intent.currency.toUpperCase(), 'en');
    const body =
      intent.status === 'requires_action'
        ? `<p>Your bank asks you to confirm this payment.</p><button type="button" data-outcome="succeed">Complete authentication</button> <button type="button" data-outcome="fail">Fail authentication</button><p role="status" id="status"></p>`
        : `<p role="status">${intent.status === 'succeeded' ? 'This payment is complete.' : 'This payment can no longer be authenticated.'}</p>`;
    return page('Confirm your payment', 'authenticate', { confirm: `/authenticate/${secret}` }, `<h1>Confirm your payment</h1><p class="amount">${escape(amount)}</p><p>${escape(intent.description ?? '')}</p>${body}`);
  });

  app.post('/authenticate/:secret', async (c) => {
    const intent = standIn.paymentIntentBySecret(c.req.param('secret'));
    if (!intent) return c.json({ error: { type: 'invalid_request_error', message: 'No such payment.' } }, 404);
    const { outcome } = (await c.req.json().catch(() => ({}))) as { outcome?: string };
    const after = standIn.authenticate(intent, outcome === 'succeed' ? 'succeed' : 'fail');
    return c.json({ status: after.status, message: after.status === 'succeeded' || after.status === 'requires_capture' ? 'Payment complete.' : 'Authentication failed. Nothing was charged.' });
  });

  app.get('/p/session/:id', (c) => {
    const portal = standIn.billingPortalSession(c.req.param('id'));
    if (!portal) return c.text('No such portal session.', 404);
    return page('Update your card', 'portal', { confirm: `/p/api/${portal.id}` }, `<h1>Update your card</h1><p>The new card is used for your next renewal.</p>${cardForm('Save card')}`);
  });

  app.post('/p/api/:id', async (c) => {
    const portal = standIn.billingPortalSession(c.req.param('id'));
    if (!portal) return c.json({ error: { type: 'invalid_request_error', message: 'No such portal session.' } }, 404);
    const card = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const decline = standIn.updateCustomerCard(portal.customer, { number: card.number, exp_month: card.exp_month, exp_year: card.exp_year, cvc: card.cvc });
    if (decline) return c.json({ error: { type: 'card_error', code: 'card_declined', decline_code: decline.decline_code, message: decline.message, param: decline.field } }, 402);
    return c.json({ status: 'complete', message: 'Card saved.', redirect_url: portal.return_url });
  });
}
