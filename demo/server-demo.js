// The server demo page's bootstrap (demo/server.html): points the widget at this server's API,
// applies the demo links' URL parameters, then loads the widget from the server's own origin —
// the same file an organization pastes.
const api = `${location.origin}/v1`;
const params = new URLSearchParams(location.search);
for (const element of document.querySelectorAll('membership-signup')) {
  element.setAttribute('api-base', api);
  for (const name of ['membership-type', 'invitation', 'locale', 'theme', 'discount-code']) {
    const value = params.get(name);
    if (value) element.setAttribute(name, value);
  }
}
const paste = document.querySelector('#paste');
if (paste) {
  const organization = document.querySelector('membership-signup')?.getAttribute('organization') ?? '';
  paste.textContent = `<script type="module" src="${location.origin}/membership-signup.js"></script>\n<membership-signup organization="${organization}"></membership-signup>`;
}
// Without STRIPE_SECRET_KEY the server's payments are the Stripe stand-in: the widget pays on its
// test-mode page (Stripe's test cards). With a key this module is not served and the widget
// loads Stripe.js for Stripe's test mode.
try {
  const { loadStripe } = await import('/stripe-stand-in.js');
  for (const element of document.querySelectorAll('membership-signup')) element.stripeLoader = loadStripe;
} catch {
  // Stripe itself.
}
const script = document.createElement('script');
script.type = 'module';
script.src = '/membership-signup.js';
document.head.append(script);
