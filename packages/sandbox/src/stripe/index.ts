/**
 * `@memberkit/sandbox/stripe`: an offline stand-in for the small part of Stripe.js the widget
 * uses — `createEmbeddedCheckoutPage({ clientSecret | fetchClientSecret, onComplete })` →
 * `{ mount, unmount, destroy }` — backed by the sandbox's checkout endpoints. It renders an
 * obviously labelled TEST MODE card form into a light-DOM node. Stripe's test cards behave as
 * documented: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0000 0000 9995
 * has insufficient funds (the message shows in the form and another card can be tried), and
 * 4000 0025 0000 3155 opens the bank's test authentication (complete it and the payment goes
 * through; fail it and the form says so and takes another card), as Stripe's 3D Secure test page.
 *
 * The DOM is built with createElement/textContent only (no innerHTML) and carries no inline
 * style: its few rules go in a constructable stylesheet adopted by the target's document or
 * shadow root, which strict-CSP pages allow.
 * @module @memberkit/sandbox/stripe
 */
import { defaultBaseUrl } from '../constants.js';

export { testCards } from '@memberkit/api';
export type { CheckoutSummary, ConfirmResult } from './endpoints.js';

export interface SandboxStripeOptions {
  /** The sandbox's base URL (default `https://api.memberkit.test/v1`). */
  baseUrl?: string;
  /** A fetch implementation (default: the global one, which the sandbox intercepts). */
  fetch?: typeof globalThis.fetch;
}

export interface EmbeddedCheckoutOptions {
  clientSecret?: string;
  fetchClientSecret?: () => Promise<string>;
  /** Called once, after the payment succeeded and the signup was marked paid. */
  onComplete?: () => void;
}

export interface SandboxEmbeddedCheckout {
  /** Renders the form into `target` (an element or a selector of the document). */
  mount(target: string | HTMLElement): void;
  /** Removes the form; it may be mounted again. */
  unmount(): void;
  /** Removes the form for good. */
  destroy(): void;
}

export interface SandboxStripe {
  createEmbeddedCheckoutPage(options: EmbeddedCheckoutOptions): Promise<SandboxEmbeddedCheckout>;
  /** The older Stripe.js name of the same call. */
  initEmbeddedCheckout(options: EmbeddedCheckoutOptions): Promise<SandboxEmbeddedCheckout>;
}

interface Summary {
  status: 'open' | 'complete' | 'expired';
  amount_display: string;
  organization_name: string;
  membership_name: string;
}

// The error's colour follows the color-scheme the form inherits (light-dark()): inside a dark
// widget, red on near-black was 2.74:1; the light red keeps AA contrast there.
const css = `
.mk-sandbox-checkout { border: 2px dashed #b45309; border-radius: 8px; padding: 1rem; font: inherit; max-width: 28rem; }
.mk-sandbox-checkout__badge { margin: 0 0 .75rem; padding: .25rem .5rem; background: #fef3c7; color: #78350f; font-weight: 700; border-radius: 4px; }
.mk-sandbox-checkout__field { display: block; margin: .5rem 0; }
.mk-sandbox-checkout__field > span { display: block; font-size: .875em; margin-bottom: .25rem; }
.mk-sandbox-checkout__field > input { box-sizing: border-box; width: 100%; padding: .5rem; font: inherit; }
.mk-sandbox-checkout__row { display: flex; gap: .5rem; }
.mk-sandbox-checkout__row > .mk-sandbox-checkout__field { flex: 1; }
.mk-sandbox-checkout__error { color: light-dark(#b91c1c, #fca5a5); min-height: 1.25em; margin: .5rem 0; }
.mk-sandbox-checkout__pay { padding: .5rem 1rem; font: inherit; cursor: pointer; }
.mk-sandbox-checkout__cards { font-size: .875em; margin-top: .75rem; }
.mk-sandbox-checkout [hidden] { display: none; }
.mk-sandbox-checkout__challenge { border: 1px solid currentColor; border-radius: 6px; padding: .75rem; margin: .75rem 0; }
.mk-sandbox-checkout__challenge > h3 { margin: 0 0 .5rem; font-size: 1em; }
.mk-sandbox-checkout__challenge > button { margin: .25rem .5rem .25rem 0; padding: .5rem 1rem; font: inherit; cursor: pointer; }
`;

let sheet: CSSStyleSheet | null | undefined;
function stylesheet(): CSSStyleSheet | null {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    } catch {
      sheet = null;
    }
  }
  return sheet;
}

function adoptStyles(root: Node): () => void {
  const styles = stylesheet();
  const host = root as Document | ShadowRoot;
  if (!styles || !('adoptedStyleSheets' in host) || host.adoptedStyleSheets.includes(styles)) return () => {};
  host.adoptedStyleSheets = [...host.adoptedStyleSheets, styles];
  return () => {
    host.adoptedStyleSheets = host.adoptedStyleSheets.filter((s) => s !== styles);
  };
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function field(label: string, input: HTMLInputElement): HTMLLabelElement {
  const wrapper = element('label', 'mk-sandbox-checkout__field');
  wrapper.append(element('span', undefined, label), input);
  return wrapper;
}

function input(name: string, autocomplete: string, placeholder: string): HTMLInputElement {
  const node = element('input');
  node.name = name;
  node.type = 'text';
  node.inputMode = 'numeric';
  node.autocomplete = autocomplete as AutoFill;
  node.placeholder = placeholder;
  node.required = true;
  return node;
}

/**
 * The month and year of an expiry as typed: `MM / YY`, `MM/YYYY`, or the digits alone (`1234`,
 * `122034`), as Stripe's field accepts. Anything else is passed on for the server to refuse.
 */
function parseExpiry(text: string): { month: string; year: string } {
  if (text.includes('/')) {
    const [month = '', year = ''] = text.split('/').map((part) => part.trim());
    return { month, year };
  }
  const digits = text.replace(/\s/g, '');
  if (/^\d{4}$/.test(digits) || /^\d{6}$/.test(digits)) return { month: digits.slice(0, 2), year: digits.slice(2) };
  return { month: digits, year: '' };
}

/** Creates the stand-in (same role as `loadStripe(publishableKey)` in Stripe.js). */
export function createSandboxStripe(options: SandboxStripeOptions = {}): SandboxStripe {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '');
  const doFetch = (...args: Parameters<typeof fetch>) => (options.fetch ?? globalThis.fetch)(...args);

  async function createEmbeddedCheckoutPage(checkout: EmbeddedCheckoutOptions): Promise<SandboxEmbeddedCheckout> {
    const secret = checkout.clientSecret ?? (await checkout.fetchClientSecret?.());
    if (!secret) throw new Error('createEmbeddedCheckoutPage needs clientSecret or fetchClientSecret');
    const endpoint = `${baseUrl}/_sandbox/checkout/${encodeURIComponent(secret)}`;
    const response = await doFetch(endpoint, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`Unknown checkout session (${response.status})`);
    const summary = (await response.json()) as Summary;

    let destroyed = false;
    let completed = summary.status === 'complete';
    let root: HTMLElement | null = null;
    let dropStyles: () => void = () => {};

    function render(): HTMLElement {
      const section = element('section', 'mk-sandbox-checkout');
      section.setAttribute('aria-label', 'Test payment (sandbox)');
      section.dataset.sandboxCheckout = '';
      section.append(
        element('p', 'mk-sandbox-checkout__badge', 'TEST MODE — sandbox checkout. No real card is charged.'),
        element('p', 'mk-sandbox-checkout__summary', `${summary.organization_name} · ${summary.membership_name} · ${summary.amount_display}`),
      );
      const status = element('p', 'mk-sandbox-checkout__status');
      status.setAttribute('role', 'status');
      if (completed) {
        status.textContent = 'Payment complete.';
        section.append(status);
        return section;
      }
      const form = element('form', 'mk-sandbox-checkout__form');
      form.noValidate = true;
      const number = input('cardnumber', 'cc-number', '4242 4242 4242 4242');
      const expiry = input('exp-date', 'cc-exp', 'MM / YY');
      const cvc = input('cvc', 'cc-csc', '123');
      const error = element('p', 'mk-sandbox-checkout__error');
      error.setAttribute('role', 'alert');
      const pay = element('button', 'mk-sandbox-checkout__pay', `Pay ${summary.amount_display} (test)`);
      pay.type = 'submit';
      const row = element('div', 'mk-sandbox-checkout__row');
      row.append(field('Expiry (MM / YY)', expiry), field('CVC', cvc));
      form.append(field('Card number', number), row, error, pay, status);

      const cards = element('details', 'mk-sandbox-checkout__cards');
      const list = element('ul');
      for (const [card, what] of [
        ['4242 4242 4242 4242', 'succeeds'],
        ['4000 0000 0000 0002', 'is declined'],
        ['4000 0000 0000 9995', 'has insufficient funds'],
        ['4000 0025 0000 3155', 'asks you to authenticate'],
      ] as const) {
        list.append(element('li', undefined, `${card} ${what}`));
      }
      cards.append(element('summary', undefined, 'Test cards'), list, element('p', undefined, 'Any future expiry date and any 3-digit CVC.'));

      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (pay.disabled || completed) return;
        void submit();
      });

      async function post(path: string, body: unknown): Promise<Response> {
        return doFetch(`${endpoint}/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
        });
      }

      function done(): void {
        completed = true;
        status.textContent = 'Payment complete.';
        form.replaceChildren(status);
        checkout.onComplete?.();
      }

      /** A refused card or authentication: its message in the form, the field at fault marked. */
      async function refused(result: Response): Promise<void> {
        const problem = (await result.json().catch(() => ({}))) as { detail?: string; errors?: { field: string }[] };
        const target = problem.errors?.[0]?.field === 'cvc' ? cvc : problem.errors?.[0]?.field === 'expiry' ? expiry : number;
        target.setAttribute('aria-invalid', 'true');
        error.textContent = problem.detail ?? 'The payment failed. Try another card.';
        status.textContent = '';
        target.focus();
      }

      /**
       * The bank's test challenge (Stripe's 3D Secure test page): the member completes or fails
       * it; the card form waits behind it until then.
       */
      function challenge(): void {
        const dialog = element('section', 'mk-sandbox-checkout__challenge');
        dialog.setAttribute('role', 'dialog');
        dialog.setAttribute('aria-label', 'Authenticate your payment (test)');
        const heading = element('h3', undefined, 'Authenticate your payment (test)');
        const complete = element('button', undefined, 'Complete authentication');
        const fail = element('button', undefined, 'Fail authentication');
        complete.type = fail.type = 'button';
        dialog.append(heading, element('p', undefined, `Your bank asks you to confirm the payment of ${summary.amount_display}.`), complete, fail);
        const answer = async (outcome: 'complete' | 'fail') => {
          if (complete.disabled) return;
          complete.disabled = fail.disabled = true;
          try {
            const result = await post('authenticate', { outcome });
            dialog.remove();
            row.hidden = number.parentElement!.hidden = pay.hidden = false;
            if (result.ok) return done();
            await refused(result);
          } catch {
            complete.disabled = fail.disabled = false;
            error.textContent = 'Could not reach the sandbox. Try again.';
          } finally {
            pay.disabled = false;
          }
        };
        complete.addEventListener('click', () => void answer('complete'));
        fail.addEventListener('click', () => void answer('fail'));
        row.hidden = number.parentElement!.hidden = pay.hidden = true;
        status.textContent = '';
        form.insertBefore(dialog, error);
        complete.focus();
      }

      async function submit(): Promise<void> {
        const { month, year } = parseExpiry(expiry.value);
        for (const node of [number, expiry, cvc]) node.removeAttribute('aria-invalid');
        error.textContent = '';
        pay.disabled = true;
        status.textContent = 'Processing…';
        let waiting = false;
        try {
          const result = await post('confirm', { number: number.value, exp_month: month, exp_year: year, cvc: cvc.value });
          if (!result.ok) return await refused(result);
          const body = (await result.json().catch(() => ({}))) as { status?: string };
          if (body.status === 'requires_action') {
            waiting = true;
            return challenge();
          }
          done();
        } catch {
          error.textContent = 'Could not reach the sandbox. Try again.';
          status.textContent = '';
        } finally {
          // The button stays off while the challenge is open (its answer turns it back on).
          if (!waiting) pay.disabled = false;
        }
      }

      section.append(form, cards);
      return section;
    }

    function unmount(): void {
      root?.remove();
      root = null;
      dropStyles();
      dropStyles = () => {};
    }

    return {
      mount(target) {
        if (destroyed) throw new Error('This checkout was destroyed');
        if (root) throw new Error('This checkout is already mounted');
        const node = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
        if (!node) throw new Error(`No element matches ${String(target)}`);
        root = render();
        dropStyles = adoptStyles(node.getRootNode());
        node.append(root);
      },
      unmount,
      destroy() {
        unmount();
        destroyed = true;
      },
    };
  }

  return { createEmbeddedCheckoutPage, initEmbeddedCheckout: createEmbeddedCheckoutPage };
}

/** Like Stripe.js's `loadStripe(publishableKey)`, for a `stripeLoader` property. */
export async function loadSandboxStripe(_publishableKey?: string, options?: SandboxStripeOptions): Promise<SandboxStripe> {
  return createSandboxStripe(options);
}

/** The `client_secret` of a hosted checkout page's URL (for a page set as `hostedCheckoutUrl`). */
export function hostedCheckoutSecret(url: string = globalThis.location?.href ?? ''): string | null {
  try {
    return new URL(url).searchParams.get('client_secret');
  } catch {
    return null;
  }
}

export interface HostedCheckoutOptions extends SandboxStripeOptions {
  /** The page's URL (default: `location.href`); its `client_secret` parameter names the session. */
  url?: string;
  /** Called after the payment succeeded (default: nothing; the signup page polls the signup). */
  onComplete?: () => void;
}

/**
 * For the page set as the sandbox's `hostedCheckoutUrl`: mounts the TEST MODE form for the
 * session in the URL's `client_secret` into `target`.
 */
export async function mountHostedCheckout(
  target: string | HTMLElement,
  options: HostedCheckoutOptions = {},
): Promise<SandboxEmbeddedCheckout> {
  const clientSecret = hostedCheckoutSecret(options.url);
  if (!clientSecret) throw new Error('This page was opened without a client_secret parameter');
  const checkout = await createSandboxStripe(options).createEmbeddedCheckoutPage({
    clientSecret,
    ...(options.onComplete && { onComplete: options.onComplete }),
  });
  checkout.mount(target);
  return checkout;
}
