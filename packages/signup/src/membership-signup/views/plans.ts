// The plan cards, as a pricing page: badges, the price with its term, the name and description,
// renewal only where the plan renews or the member chooses, the expiry preview, then Choose.
import { html, nothing } from 'lit';
import { groupCapacity, type MembershipType } from '@memberkit/sdk';
import { expiryText, priceText, renewalText } from '../format.js';
import type { PlansWords } from '../../i18n/catalogue.js';
import type { PlansView } from './view.js';

/** One empty card of a plan's shape: a price, a name, two lines of description and two of expiry, the button. */
const blank = html`<li class="card"><p class="price"></p><h3></h3><p></p><p class="hint"></p><i></i></li>`;

/**
 * While the plans load: a row of empty cards in the grid the plans will fill, each as tall as a
 * plan's card (the same classes, lines and button), so the page does not jump from one line of
 * grey text to a screenful of cards. Drawn by CSS alone (no style bindings: strict CSP).
 */
export function renderSkeleton(t: PlansWords) {
  return html`<div class="skeleton" aria-busy="true">
    <p class="sr-only">${t.loading}</p>
    <h2 aria-hidden="true"></h2>
    <ul class="plans" aria-hidden="true">${blank}${blank}${blank}</ul>
  </div>`;
}

/** From this many plans on, the plans are grouped by their term, each group under its heading. */
const GROUPED_FROM = 7;

export function renderPlans(v: PlansView) {
  const { t, config } = v;
  const types = config.membership_types;
  // By term ("Annual", "Monthly", "Every 3 months", "Lifetime"), in the organization's order of
  // the first plan of each: a member scans ten cards for the term they want.
  const terms = new Map<string, MembershipType[]>();
  for (const type of types) {
    const { duration: count, duration_interval_type: unit } = type;
    const name = unit === 'lifetime' || count == null ? t.lifetime : t.term(count, unit);
    terms.set(name, [...(terms.get(name) ?? []), type]);
  }
  const grouped = types.length >= GROUPED_FROM && terms.size > 1;
  const list = (plans: MembershipType[]) =>
    html`<ul class="plans" role="list">
      ${plans.map((type) => renderCard(v, type, grouped))}
    </ul>`;
  return html`
    <h2 tabindex="-1" data-focus part="heading">${t.steps.plans}</h2>
    ${v.linkUnavailable ? html`<p class="notice" part="hint" role="status">${t.planUnavailable}</p>` : nothing}
    ${v.signIn ? html`<p class="sign-in">${t.alreadyMember} <button type="button" part="button" @click=${v.signIn}>${t.steps.signin}</button></p>` : nothing}
    ${types.length === 0
      ? html`<p>${t.noPlans}</p>`
      : grouped
        ? [...terms].map(([name, plans]) => html`<h3 class="term" part="term">${name}</h3>${list(plans)}`)
        : list(types)}
  `;
}

/** One plan; its name an h4 under its term's h3 when the plans are grouped. */
function renderCard(v: PlansView, type: MembershipType, grouped: boolean) {
  const { t, locale, today } = v;
  // "Does not renew automatically" on most cards says nothing: only a renewal, or a choice, is news.
  const renewal = type.recurring === false ? '' : renewalText(type, t);
  const max = type.registration_type === 'group' ? groupCapacity(type) : null;
  const badges = [
    v.held?.includes(type.id) && t.yourPlan,
    type.featured && t.popular,
    type.requires_approval && t.needsApproval,
    type.invite_only && t.inviteOnly,
    max && t.groupUpTo(max),
  ].filter(Boolean);
  return html`<li class=${type.featured ? 'card featured' : 'card'} part="plan-card">
    ${badges.length ? html`<p class="badges">${badges.map((badge) => html`<span class="badge" part="badge">${badge}</span>`)}</p>` : nothing}
    <p class="price" part="price">${priceText(type, t, locale)}</p>
    ${grouped ? html`<h4 part="plan-name">${type.membership_name}</h4>` : html`<h3 part="plan-name">${type.membership_name}</h3>`}
    ${type.description ? html`<p class="description" dir="auto">${type.description}</p>` : nothing}
    ${renewal ? html`<p>${renewal}</p>` : nothing}
    <p class="hint">${expiryText(type, t, locale, today)}</p>
    <button type="button" part="button primary" class="primary" @click=${() => v.choosePlan(type)}>
      ${t.choose}<span class="sr-only"> <bdi>${type.membership_name}</bdi></span>
    </button>
  </li>`;
}
