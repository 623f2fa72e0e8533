// The review: the plan, who is joining and their answers, each with "Edit" to its step; then the
// line items, discount, total, the expiry and renewal from the calculators, and confirm.
import { html, nothing } from 'lit';
import { firstRenewal, formatMoney, memberChoosesAutoRenew, renewsAutomatically, type CustomField, type FirstRenewal } from '@memberkit/sdk';
import type { ReviewWords } from '../../i18n/catalogue.js';
import { fieldValues } from '../form.js';
import { expiryText, formatDate, renewalText, termText } from '../format.js';
import type { View } from './view.js';

/** English, here rather than in the first chunk's catalogue; the other languages carry their own. */
const english: ReviewWords = { edit: 'Edit', name: 'Name', yes: 'Yes', no: 'No' };

/** An answer as the member chose it: an option's label, not its value; a checkbox's yes or no. */
function answer(field: CustomField, value: unknown, words: ReviewWords): string {
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  const label = (chosen: unknown) => field.options?.find((option) => option.value === chosen)?.label ?? String(chosen);
  return Array.isArray(value) ? value.map(label).join(', ') : label(value);
}

/** A section's heading with its "Edit" (named by the heading for screen readers). */
const section = (title: string, words: ReviewWords, go: () => void) =>
  html`<div class="actions"><h3>${title}</h3><button type="button" part="button" @click=${go}>${words.edit}<span class="sr-only"> ${title}</span></button></div>`;

export function renderReview(v: View) {
  const { t, type, quote, locale, today, draft } = v;
  if (!type || !quote) return nothing;
  // The plan once: "Annual", not "Annual · Annual".
  const term = termText(type, t, locale, today);
  const money = (minor: number) => formatMoney(minor, quote.currency, locale);
  const words = t.review ?? english;
  const member = v.config.member;
  const email = member?.email ?? draft.email;
  const name = [member?.first_name || draft.firstName, member?.last_name || draft.lastName].join(' ').trim();
  const values = fieldValues(type, draft);
  // The answers given (a consent is the terms accepted, not an answer to read back).
  const answers = type.fields.filter(({ key, type: kind }) => kind !== 'consent' && values[key] !== '' && String(values[key]) !== '');
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
    ${v.config.membership_types.length > 1 ? section(t.plan, words, () => v.edit('plans')) : html`<h3>${t.plan}</h3>`}
    <p class="review" part="review"><span><bdi>${type.membership_name}</bdi>${term === type.membership_name ? nothing : ` · ${term}`}</span></p>
    ${section(t.steps.details, words, () => v.edit('details'))}
    <dl class="review" part="review">
      <div><dt>${t.email}</dt><dd dir="ltr">${email}</dd></div>
      ${name ? html`<div><dt>${words.name}</dt><dd><bdi>${name}</bdi></dd></div>` : nothing}
      ${draft.groupMembers.length
        ? html`<div><dt>${t.groupMembers}</dt><dd>${draft.groupMembers.map((person) => html`<span dir="ltr">${person.email}</span><br />`)}</dd></div>`
        : nothing}
      ${answers.map((field) => html`<div><dt><bdi>${field.label}</bdi></dt><dd><bdi>${answer(field, values[field.key], words)}</bdi></dd></div>`)}
    </dl>
    <dl class="review" part="review">
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
