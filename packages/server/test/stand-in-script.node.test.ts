// The stand-in's stripeLoader script is loaded by organizations' pages on other origins as a
// module script, which the browser refuses without CORS headers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memberPaymentPages } from '../src/payments/pages.js';
import type { StripeStandIn } from '../src/payments/stand-in/stand-in.js';
import type { StripePayments } from '../src/payments/stripe-payments.js';

describe('/stripe-stand-in.js', () => {
  it('is served as JavaScript with CORS headers, so a page on another origin can import it', async () => {
    const pages = memberPaymentPages({
      standIn: { origin: 'http://127.0.0.1:4499' } as StripeStandIn,
      stripe: {} as StripePayments,
      publishableKey: async () => null,
    });
    const page = pages['/stripe-stand-in.js'];
    assert.ok(page, 'the stand-in serves the script');
    const response = await page(new Request('http://127.0.0.1:4400/stripe-stand-in.js', { headers: { Origin: 'https://shop.example' } }));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.match(await response.text(), /127\.0\.0\.1:4499/, 'the script frames the stand-in’s own origin');
  });

  it('is not served when the server uses real Stripe', () => {
    const pages = memberPaymentPages({ standIn: null, stripe: {} as StripePayments, publishableKey: async () => null });
    assert.equal(pages['/stripe-stand-in.js'], undefined);
  });
});
