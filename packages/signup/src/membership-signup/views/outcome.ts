// The screens after the review: payment, approval pending, done, renewal offer (in the steps
// chunk, with details and review; errors, which a first load can reach, are in ./error.ts).
import { html, nothing } from 'lit';
import { formatMoney, type Signup } from '@memberkit/sdk';
import type { Catalogue } from '../../i18n/catalogue.js';
import { formatDate } from '../format.js';
import type { PaymentPhase, State } from '../machine.js';
import { heading, isolated } from './view.js';

export interface OutcomeHandlers {
  retry(): void;
  /** Back to the review (from an error after sending) or the details (from the renewal offer). */
  back(): void;
  restart(): void;
  openHostedPage(): void;
  renew(): void;
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
  `;
}

function summary(t: Catalogue, signup: Signup, locale: string) {
  const { membership, quote } = signup;
  return html`<dl class="review" part="summary">
    <div><dt>${t.plan}</dt><dd>${membership.membership_name}</dd></div>
    <div><dt>${t.starts}</dt><dd>${formatDate(membership.starts_on, locale)}</dd></div>
    <div><dt>${t.expires}</dt><dd>${membership.expires_on ? formatDate(membership.expires_on, locale) : t.never}</dd></div>
    <div><dt>${t.amountPaid}</dt><dd>${formatMoney(signup.status === 'completed' ? membership.price_paid : 0, quote.currency, locale)}</dd></div>
    <div><dt>${t.status}</dt><dd>${(t.statuses as Partial<Record<string, string>>)[membership.status] ?? membership.status}</dd></div>
  </dl>`;
}

export function renderDone(t: Catalogue, signup: Signup, locale: string) {
  return html`${heading(t.steps.done)}
    <p part="done">${isolated(t.doneText, signup.membership.membership_name)}</p>
    ${summary(t, signup, locale)}`;
}

export function renderApproval(t: Catalogue, signup: Signup, locale: string, organization: string) {
  return html`${heading(t.steps.approval)}
    <p>${isolated(t.approvalText, organization)}</p>
    ${summary(t, signup, locale)}`;
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
