// Shared by the element's browser tests: the sandbox on msw's worker (one worker per page, fresh
// handlers per test), the sandbox's Stripe stand-in, and small DOM helpers that act like a member.
import { waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { startSandbox, type RunningSandbox } from '@memberkit/sandbox/browser';
import { createSandbox, type Sandbox, type SandboxOptions } from '@memberkit/sandbox';
import { createSandboxStripe } from '@memberkit/sandbox/stripe';
import '../../src/define.js';
import type { MembershipSignup } from '../../src/index.js';

export const API = 'https://api.memberkit.test/v1';
/**
 * The `demo` organization's today as the sandbox and the element see it: both read the clock in
 * the organization's zone (America/New_York), so the UTC date would be a day ahead every evening
 * there. Asked of the sandbox (never computed here) and refreshed by every `useSandbox()`, which
 * seeds its members' dates from that same today; a live binding, so importers see the new value.
 */
export let TODAY = createSandbox().today('demo');

/** A date in words as the element shows it in English ("March 10, 2027"). */
export function words(date: string): string {
  return new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** `date` plus whole years (no clamping needed for the days the suite runs on, except Feb 29). */
export function plusYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

let running: RunningSandbox | undefined;

/** A fresh sandbox (demo data, today from the clock in each organization's zone) answering under API for this test. */
export async function useSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  running ??= await startSandbox();
  const sandbox = createSandbox(options);
  TODAY = sandbox.today('demo');
  running.worker.resetHandlers(...sandbox.handlers);
  return sandbox;
}

/** Overrides one route for this test (prepended to the sandbox's handlers). */
export function override(...handlers: Parameters<NonNullable<RunningSandbox['worker']>['use']>): void {
  running!.worker.use(...handlers);
}
export { http, HttpResponse };

/** An `application/problem+json` refusal, as the API answers one (`extra`: errors, reason, detail). */
export function problem(status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return HttpResponse.json(
    { type: 'about:blank', title: 'Refused', status, code, detail: 'refused', ...extra },
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );
}

const mounted: HTMLElement[] = [];

/** Mounts <membership-signup> with attributes and properties; waits until it left `loading`. */
export async function mount(
  attributes: Record<string, string> = {},
  properties: Partial<MembershipSignup> = {},
  parent: HTMLElement = document.body,
): Promise<MembershipSignup> {
  const el = document.createElement('membership-signup');
  for (const [name, value] of Object.entries({ organization: 'demo', 'api-base': API, ...attributes })) {
    el.setAttribute(name, value);
  }
  Object.assign(el, { stripeLoader: async () => createSandboxStripe(), ...properties });
  parent.append(el);
  mounted.push(parent === document.body ? el : parent);
  await waitUntil(() => step(el) && step(el) !== 'loading', 'the element never left loading', { timeout: 10_000 });
  return el;
}

/** Removes what the tests mounted and the drafts they left behind. */
export function cleanup(): void {
  for (const el of mounted.splice(0)) el.remove();
  sessionStorage.clear();
}

export function root(el: MembershipSignup): ShadowRoot {
  return el.shadowRoot!;
}

/** The machine's step, as the element exposes it on its wrapper (`data-step`). */
export function step(el: MembershipSignup): string | undefined {
  return root(el)?.querySelector<HTMLElement>('.base')?.dataset.step;
}

export async function untilStep(el: MembershipSignup, name: string, timeout = 10_000): Promise<void> {
  await waitUntil(() => step(el) === name, `never reached ${name} (at ${step(el)}: ${text(el).slice(0, 300)})`, { timeout });
}

/**
 * No inline `style` attribute on the host, in its shadow root or in its light-DOM children (the
 * checkout slot): a strict CSP without 'unsafe-inline' would block them. `step` names the screen.
 */
export function expectNoInlineStyles(el: MembershipSignup, where = step(el)): void {
  const styled = [el, ...el.querySelectorAll('[style]'), ...root(el).querySelectorAll('[style]')].filter((node) =>
    node.hasAttribute('style'),
  );
  if (styled.length > 0) {
    throw new Error(`inline style at ${where}: ${styled.map((node) => node.outerHTML.slice(0, 120)).join(' | ')}`);
  }
}

export function text(el: MembershipSignup): string {
  return (root(el).querySelector('.base')?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function $(el: MembershipSignup, selector: string): HTMLElement | null {
  return root(el).querySelector<HTMLElement>(selector);
}

/** The button whose accessible text starts with `label`. */
export function button(el: MembershipSignup, label: string | RegExp): HTMLButtonElement {
  const buttons = [...root(el).querySelectorAll('button')];
  const found = buttons.find((candidate) => {
    const name = candidate.textContent!.replace(/\s+/g, ' ').trim();
    return typeof label === 'string' ? name.startsWith(label) : label.test(name);
  });
  if (!found) throw new Error(`No button "${label}" in: ${buttons.map((b) => b.textContent!.trim()).join(' | ')}`);
  return found;
}

/** The input labelled `label` (exact label text, or a prefix). */
export function field(el: MembershipSignup, label: string): HTMLInputElement {
  const labels = [...root(el).querySelectorAll('label')];
  const found = labels.find((candidate) => candidate.textContent!.replace(/\s+/g, ' ').trim().startsWith(label));
  if (!found) throw new Error(`No field "${label}" in: ${labels.map((l) => l.textContent!.trim()).join(' | ')}`);
  return root(el).getElementById(found.htmlFor) as HTMLInputElement;
}

/** Types into a field as a member would (value + input event), then waits for the render. */
export async function type(el: MembershipSignup, label: string, value: string): Promise<void> {
  const input = field(el, label);
  input.value = value;
  input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  input.dispatchEvent(new Event('blur'));
  await el.updateComplete;
}

export async function check(el: MembershipSignup, label: string): Promise<void> {
  const input = field(el, label);
  input.click();
  await el.updateComplete;
}

export async function press(el: MembershipSignup, label: string | RegExp): Promise<void> {
  button(el, label).click();
  await el.updateComplete;
}

/** Fills the member's details and the `annual` type's required fields. */
export async function fillAnnual(el: MembershipSignup, email = 'new.member@example.org'): Promise<void> {
  await type(el, 'Email', email);
  await type(el, 'First name', 'Nora');
  await type(el, 'Last name', 'Newman');
  await type(el, 'Display name', 'Nora N.');
  await type(el, 'T-shirt size', 'm');
  await check(el, 'I accept the membership terms');
}

/** Waits for the sandbox's TEST MODE card form in the element's light-DOM slot and pays with `card`. */
export async function payWith(el: MembershipSignup, card: string): Promise<void> {
  await waitUntil(() => el.querySelector('[slot="payment"] input'), 'no checkout form', { timeout: 10_000 });
  const form = el.querySelector<HTMLElement>('[slot="payment"]')!;
  const inputs = [...form.querySelectorAll('input')];
  const set = (input: HTMLInputElement | undefined, value: string) => {
    if (!input) return;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  set(inputs.find((input) => /number|card/i.test(input.name + input.autocomplete)), card);
  set(inputs.find((input) => /exp/i.test(input.name + input.autocomplete)), '12 / 34');
  set(inputs.find((input) => /cvc|csc/i.test(input.name + input.autocomplete)), '123');
  form.querySelector('button')!.click();
}

/** Collects the element's events by name. */
export function record(el: HTMLElement, ...names: string[]): Record<string, CustomEvent[]> {
  const events: Record<string, CustomEvent[]> = {};
  for (const name of names) {
    events[name] = [];
    el.addEventListener(name, (event) => events[name]!.push(event as CustomEvent));
  }
  return events;
}
