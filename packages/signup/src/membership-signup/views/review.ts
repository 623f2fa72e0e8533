// The review: line items, discount, total, the expiry from the calculator, then confirm.
import { html, nothing } from 'lit';
import { firstRenewal, formatMoney, memberChoosesAutoRenew, renewsAutomatically, type FirstRenewal } from '@memberkit/sdk';
import { expiryText, formatDate, renewalText, termText } from '../format.js';
import type { View } from './view.js';

export function renderReview(v: View) {
  const { t, type, quote, locale, today, draft } = v;
  if (!type || !quote) return nothing;
  // The plan once: "Annual", not "Annual · Annual".
  const term = termText(type, t, locale, today);
  const money = (minor: number) => formatMoney(minor, quote.currency, locale);
  const email = v.config.member?.email ?? draft.email;
  const groupSize = type.registration_type === 'group' ? draft.groupMembers.length + 1 : 0;
  // What this signup does: the member's choice when they have one (a lifetime plan has none).
  const auto = renewsAutomatically(type, draft.autoRenew);
  let renewal: FirstRenewal | null = null;
  try {
    // What renews, when and for how much, from the SDK: a first term of 0 still renews at the price.
    renewal = firstRenewal(type, { purchased_on: today, auto_renew: auto, amount: quote.subtotal });
  } catch {
    // Term rules the calculator refuses: the general wording below.
  }
  const renews = renewal
    ? t.renewsOn(money(renewal.quote.total), formatDate(renewal.on, locale))
    : memberChoosesAutoRenew(type)
      ? auto
        ? t.renewsAutomatically
        : t.noAutoRenewal
      : renewalText(type, t);
  return html`
    <h2 tabindex="-1" data-focus part="heading">${t.steps.review}</h2>
    <dl class="review" part="review">
      <div><dt>${t.plan}</dt><dd><bdi>${type.membership_name}</bdi>${term === type.membership_name ? nothing : ` · ${term}`}</dd></div>
      <div><dt>${t.email}</dt><dd>${email}</dd></div>
      ${groupSize ? html`<div><dt>${t.groupMembers}</dt><dd>${t.groupOf(groupSize)}</dd></div>` : nothing}
      <div><dt>${t.subtotal}</dt><dd>${money(quote.subtotal)}</dd></div>
      ${quote.discount_amount > 0 && draft.discount
        ? html`<div><dt>${t.discount} (${draft.discount.code})</dt><dd>−${money(quote.discount_amount)}</dd></div>`
        : nothing}
      <div class="total"><dt>${t.total}</dt><dd>${money(quote.total)}</dd></div>
    </dl>
    <p>${expiryText(type, t, locale, today)}</p>
    ${renews ? html`<p class="muted">${renews}</p>` : nothing}
    <div class="actions">
      <button type="button" part="button" @click=${v.back}>${t.back}</button>
      <button
        type="button"
        part="button primary"
        class="primary"
        data-submit
        aria-disabled=${v.inFlight ? 'true' : 'false'}
        @click=${v.submit}
      >
        ${v.inFlight ? t.submitting : type.requires_approval ? t.sendApplication : quote.requires_payment ? t.confirmPay : t.confirmJoin}
      </button>
    </div>
  `;
}
