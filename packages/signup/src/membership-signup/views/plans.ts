// The plan cards: name, description (text), price, term, renewal, expiry preview.
import { html, nothing } from 'lit';
import type { MembershipType } from '@memberkit/sdk';
import { expiryText, priceText, renewalText, termText } from '../format.js';
import type { View } from './view.js';

export function renderPlans(v: View) {
  const { t, locale, today, config } = v;
  const types = config.membership_types;
  return html`
    <h2 tabindex="-1" data-focus part="heading">${t.steps.plans}</h2>
    ${types.length === 0
      ? html`<p>${t.noPlans}</p>`
      : html`<ul class="plans" role="list">
          ${types.map((type) => renderCard(v, type, locale, today))}
        </ul>`}
  `;
}

function renderCard(v: View, type: MembershipType, locale: string, today: string) {
  const { t } = v;
  const renewal = renewalText(type, t);
  return html`<li class="card" part="plan-card">
    <h3 part="plan-name">${type.membership_name}</h3>
    ${type.description ? html`<p class="description">${type.description}</p>` : nothing}
    <p class="price" part="price">${priceText(type, t, locale)}</p>
    <p class="term">${termText(type, t, locale, today)}${renewal ? html` · ${renewal}` : nothing}</p>
    <p class="muted">${expiryText(type, t, locale, today)}</p>
    <button type="button" part="button primary" class="primary" @click=${() => v.choosePlan(type)}>
      ${t.choose}<span class="sr-only"> <bdi>${type.membership_name}</bdi></span>
    </button>
  </li>`;
}
