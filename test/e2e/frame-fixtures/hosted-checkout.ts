// The sandbox's stand-in for Stripe's hosted checkout page, opened as a popup by the frame host.
// It closes itself once paid, as a real return page would hand control back.
import { createSandboxStripe, hostedCheckoutSecret } from '@memberkit/sandbox/stripe';

declare const __API_BASE__: string;

const checkout = await createSandboxStripe({ baseUrl: __API_BASE__ }).createEmbeddedCheckoutPage({
  clientSecret: hostedCheckoutSecret() ?? '',
  onComplete: () => setTimeout(() => window.close(), 200),
});
checkout.mount(document.getElementById('checkout')!);
