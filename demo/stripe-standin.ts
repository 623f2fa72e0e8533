// For pages whose sandbox API runs on their own server (end-to-end tests, benchmarks): gives each
// <membership-signup> the sandbox's test-mode checkout, talking to the element's own `api-base`.
import { createSandboxStripe } from '@memberkit/sandbox/stripe';

for (const element of document.querySelectorAll('membership-signup')) {
  (element as HTMLElement & { stripeLoader?: unknown }).stripeLoader = async () =>
    createSandboxStripe({ baseUrl: element.getAttribute('api-base') ?? undefined });
}
