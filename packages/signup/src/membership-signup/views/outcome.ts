// The screens after the review: payment, approval pending, done, renewal offer (in the steps
// chunk, with details and review; errors, which a first load can reach, are in ./error.ts).
import { html, nothing } from 'lit';
import { formatMoney, type Signup } from '@memberkit/sdk';
import type { Catalogue, OutcomeWords } from '../../i18n/catalogue.js';
import { formatDate } from '../format.js';
import type { PaymentPhase, State } from '../machine.js';
import { heading, isolated } from './view.js';

export interface OutcomeHandlers {
  retry(): void;
  /** Back to the review (from an error after sending, or the payment) or the details (from the renewal offer). */
  back(): void;
  restart(): void;
  openHostedPage(): void;
  renew(): void;
  /** A refused invitation at load: the code typed instead ("Continue" is retry), or every plan. */
  setInvitation(code: string): void;
  allPlans(): void;
}

export function renderPayment(t: Catalogue, phase: PaymentPhase, on: OutcomeHandlers) {
  return html`
    ${heading(t.steps.payment)}
    ${phase === 'unavailable' || phase === 'declined'
      ? html`<p class="error" part="error" role="alert">${phase === 'declined' ? t.paymentDeclined : t.paymentUnavailable}</p>
          <button type="button" part="button primary" class="primary" @click=${on.retry}>${t.retry}</button>`
      : phase === 'hosted'
        ? html`<p>${t.hostedWaiting}</p>
            <button type="button" part="button primary" class="primary" @click=${on.openHostedPage}>${t.hostedPage}</button>`
        : html`<p class="muted">${phase === 'confirming' ? t.paymentConfirming : t.paymentIntro}</p>`}
    <div class="payment" part="payment" ?hidden=${phase !== 'ready' && phase !== 'loading'}>
      <slot name="payment"></slot>
    </div>
    ${phase === 'confirming' || phase === 'declined'
      ? nothing
      : html`<div class="actions"><button type="button" part="button" @click=${on.back}>${t.back}</button></div>`}
  `;
}

/** The term this signup bought: a renewal's is the membership's last (new) term, not its first start. */
const termOf = ({ membership }: Signup) => membership.terms?.at(-1);

/** A renewal's new expiry (undefined: the signup is no renewal, or its term never ends). */
export function renewedUntil(signup: Signup): string | null | undefined {
  const { kind, expires_on } = signup.membership;
  return kind === 'renewal' || kind === 'reinstated' ? (termOf(signup)?.expires_on ?? expires_on) : undefined;
}

/** What the signup bought; an application (not granted yet) has no dates and nothing paid. */
function summary(t: Catalogue, signup: Signup, locale: string) {
  const { membership, quote } = signup;
  const term = termOf(signup);
  const expires = term ? term.expires_on : membership.expires_on;
  return html`<dl class="review" part="summary">
    <div><dt>${t.plan}</dt><dd>${membership.membership_name}</dd></div>
    ${signup.status === 'completed'
      ? html`<div><dt>${t.starts}</dt><dd>${formatDate((term ?? membership).starts_on, locale)}</dd></div>
          <div><dt>${t.expires}</dt><dd>${expires ? formatDate(expires, locale) : t.never}</dd></div>
          <div><dt>${t.amountPaid}</dt><dd>${formatMoney(term?.amount_paid ?? membership.price_paid, quote.currency, locale)}</dd></div>`
      : nothing}
    <div><dt>${t.status}</dt><dd>${(t.statuses as Partial<Record<string, string>>)[membership.status] ?? membership.status}</dd></div>
  </dl>`;
}

/** "Sign up someone else": the draft cleared, a new form. */
const another = (t: Catalogue, on: OutcomeHandlers) =>
  html`<div class="actions"><button type="button" part="button" @click=${on.restart}>${t.another}</button></div>`;

/** English, here rather than in the first chunk's catalogue; the other languages carry their own. */
const english: OutcomeWords = {
  next: (organization) => `${organization} will be in touch by email about what comes next.`,
  welcomeSent: (email) => `A welcome email was sent to ${email}.`,
  renewedNext: 'Nothing else to do: your membership continues without a break.',
};

export function renderDone(t: Catalogue, signup: Signup, locale: string, organization: string, on: OutcomeHandlers) {
  const until = renewedUntil(signup);
  const name = signup.membership.membership_name;
  const words = t.outcome ?? english;
  const email = signup.member.email;
  // What the API mails: a receipt for a payment, a welcome for a membership that began without one.
  return html`${heading(until ? t.renewed : t.steps.done)}
    <p part="done">${until ? isolated((plan) => t.renewedText(plan, formatDate(until, locale)), name) : isolated(t.doneText, name)}</p>
    ${summary(t, signup, locale)}
    <p class="muted">${isolated(signup.quote.total > 0 ? t.receiptSent : words.welcomeSent, email)}</p>
    <p>${until ? words.renewedNext : isolated(words.next, organization)}</p>
    ${another(t, on)}`;
}

export function renderApproval(t: Catalogue, signup: Signup, locale: string, organization: string, on: OutcomeHandlers) {
  return html`${heading(t.steps.approval)}
    <p>${isolated(t.approvalText, organization)}</p>
    ${signup.quote.total > 0 ? html`<p>${t.approvalPay(formatMoney(signup.quote.total, signup.quote.currency, locale))}</p>` : nothing}
    ${summary(t, signup, locale)} ${another(t, on)}`;
}

export function renderRenewal(t: Catalogue, state: Extract<State, { step: 'renewal' }>, locale: string, inFlight: boolean, on: OutcomeHandlers) {
  const { membership, renewsUntil } = state;
  return html`${heading(t.steps.renewal)}
    ${membership
      ? html`<p>
            ${isolated((plan) => t.renewOffer(plan, membership.expires_on ? formatDate(membership.expires_on, locale) : t.never), membership.membership_name)}
          </p>
          ${renewsUntil
            ? html`<p>${t.renewTo(formatDate(renewsUntil, locale))}</p>
                <button type="button" part="button primary" class="primary" aria-disabled=${inFlight ? 'true' : 'false'} @click=${on.renew}>
                  ${t.renew}
                </button>`
            : nothing}`
      : html`<p>${t.renewSignIn}</p>`}
    <div class="actions">
      <button type="button" part="button" @click=${on.back}>${t.back}</button>
    </div>`;
}
