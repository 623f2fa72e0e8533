// The details step: who is joining (or "signed in as"), amount, group, custom fields, discount,
// the live price preview, and the error summary after a failed attempt to continue.
import { html, nothing } from 'lit';
import {
  canAddGroupMember,
  formatMoney,
  groupCapacity,
  memberChoosesAutoRenew,
  takesDiscount,
  toDecimalString,
  type MembershipType,
} from '@memberkit/sdk';
import { invitationWords } from '../controllers/invitation.js';
import { renderField, termsLink } from './fields.js';
import { describedBy, ids, isolated, type View } from './view.js';

/** A text input with its label and error, for the built-in fields. */
function input(
  v: View,
  id: string,
  label: string,
  value: string,
  onInput: (value: string) => void,
  options: { type?: string; autocomplete: string; required?: boolean },
) {
  const error = v.errors[id];
  const errorId = error ? `${id}-error` : undefined;
  return html`<div class="field" part="field">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      part="input"
      type=${options.type ?? 'text'}
      autocomplete=${options.autocomplete}
      dir=${options.type === 'email' ? 'ltr' : nothing}
      .value=${value}
      ?required=${options.required ?? true}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${errorId ?? nothing}
      @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}
      @blur=${() => v.touch(id)}
    />
    ${errorId ? html`<p class="error" id=${errorId} part="error">${error}</p>` : nothing}
  </div>`;
}

export function renderDetails(v: View) {
  const { t, type, draft } = v;
  if (!type) return nothing;
  const member = v.config.member;
  return html`
    <h2 tabindex="-1" data-focus part="heading">${t.steps.details}</h2>
    <p class="muted">${type.membership_name}</p>
    ${renderSummary(v)}
    <form novalidate @submit=${v.toReview}>
      ${type.invite_only ? input(v, ids.invitation, invitationWords(t).code, v.invitation, v.setInvitation, { autocomplete: 'off' }) : nothing}
      ${member
        ? html`<p class="signed-in">${isolated(t.signedInAs, member.email)}</p>`
        : input(v, ids.email, t.email, draft.email, (value) => v.setValue('email', value), {
            type: 'email',
            autocomplete: 'email',
          })}
      ${member?.first_name
        ? nothing
        : input(v, ids.firstName, t.firstName, draft.firstName, (value) => v.setValue('firstName', value), {
            autocomplete: 'given-name',
          })}
      ${member?.last_name
        ? nothing
        : input(v, ids.lastName, t.lastName, draft.lastName, (value) => v.setValue('lastName', value), {
            autocomplete: 'family-name',
          })}
      ${type.price.type === 'donation' ? renderAmount(v, type) : nothing}
      ${type.fields.map((field, index) => renderField(v, field, index))}
      ${type.registration_type === 'group' ? renderGroup(v, type) : nothing}
      ${memberChoosesAutoRenew(type)
        ? html`<div class="field check" part="field">
            <input
              type="checkbox"
              id="mk-auto-renew"
              part="input"
              .checked=${draft.autoRenew}
              @change=${(e: Event) => v.setValue('autoRenew', (e.target as HTMLInputElement).checked)}
            />
            <label for="mk-auto-renew">${t.autoRenew}</label>
          </div>`
        : nothing}
      ${takesDiscount(type) ? renderDiscount(v) : nothing}
      ${renderTerms(v, type)}
      ${renderTotal(v)}
      <div class="actions">
        ${v.config.membership_types.length > 1
          ? html`<button type="button" part="button" @click=${v.back}>${t.back}</button>`
          : nothing}
        <button type="submit" part="button primary" class="primary">${t.continue}</button>
      </div>
    </form>
  `;
}

/** After a failed "Continue": focusable, lists each problem with a link to its field. */
function renderSummary(v: View) {
  if (v.summary.length === 0) return nothing;
  return html`<div class="summary" role="alert" tabindex="-1" data-summary part="error-summary">
    <p>${v.t.errorSummary(v.summary.length)}</p>
    <ul>
      ${v.summary.map(
        ([id, label, message]) =>
          html`<li>
            <a
              href=${`#${id}`}
              @click=${(e: Event) => {
                e.preventDefault();
                v.focusInput(id);
              }}
              ><bdi>${label}</bdi>: ${message}</a
            >
          </li>`,
      )}
    </ul>
  </div>`;
}

function renderAmount(v: View, type: MembershipType) {
  const { t, locale } = v;
  const { price } = type;
  const money = (minor: number) => formatMoney(minor, price.currency, locale);
  const error = v.errors[ids.amount];
  const hintId = `${ids.amount}-hint`;
  const errorId = error ? `${ids.amount}-error` : undefined;
  return html`<div class="field" part="field">
    <label for=${ids.amount}>${t.amount} (${price.currency})</label>
    <p class="hint" id=${hintId}>${t.amountHint(money(price.value), price.maximum != null ? money(price.maximum) : null)}</p>
    ${price.presets?.length
      ? html`<div class="presets">
          ${price.presets.map((preset) => {
            const text = toDecimalString(preset, price.currency);
            return html`<button
              type="button"
              part="button preset"
              aria-pressed=${v.draft.amount === text ? 'true' : 'false'}
              @click=${() => v.setValue('amount', text)}
            >
              ${money(preset)}
            </button>`;
          })}
        </div>`
      : nothing}
    <input
      id=${ids.amount}
      part="input"
      inputmode="decimal"
      autocomplete="off"
      .value=${v.draft.amount}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy(hintId, errorId) ?? nothing}
      @input=${(e: Event) => v.setValue('amount', (e.target as HTMLInputElement).value)}
      @blur=${() => v.touch(ids.amount)}
    />
    ${errorId ? html`<p class="error" id=${errorId} part="error">${error}</p>` : nothing}
  </div>`;
}

function renderGroup(v: View, type: MembershipType) {
  const { t, draft } = v;
  // No maximum (null): no "up to" hint, and no limit on adding people.
  const max = groupCapacity(type);
  return html`<fieldset class="group" part="field" aria-describedby=${max === null ? nothing : 'mk-group-hint'}>
    <legend>${t.groupMembers}</legend>
    ${max === null ? nothing : html`<p class="hint" id="mk-group-hint">${t.groupHint(max)}</p>`}
    ${draft.groupMembers.map(
      (person, index) => html`<fieldset class="person">
        <legend>${t.groupMember(index + 1)}</legend>
        ${input(v, ids.group(index, 'email'), t.email, person.email, (value) => v.setGroupMember(index, 'email', value), {
          type: 'email',
          autocomplete: 'off',
        })}
        ${input(v, ids.group(index, 'first_name'), `${t.firstName} ${t.optional}`, person.first_name, (value) => v.setGroupMember(index, 'first_name', value), {
          autocomplete: 'off',
          required: false,
        })}
        ${input(v, ids.group(index, 'last_name'), `${t.lastName} ${t.optional}`, person.last_name, (value) => v.setGroupMember(index, 'last_name', value), {
          autocomplete: 'off',
          required: false,
        })}
        <button type="button" part="button" @click=${() => v.removeGroupMember(index)}>${t.removeMember(index + 1)}</button>
      </fieldset>`,
    )}
    ${canAddGroupMember(type, draft.groupMembers.length)
      ? html`<button type="button" part="button" @click=${v.addGroupMember}>${t.addMember}</button>`
      : nothing}
  </fieldset>`;
}

function renderDiscount(v: View) {
  const { t, discount } = v;
  const statusId = `${ids.discount}-status`;
  const status =
    discount.status === 'applied'
      ? t.discountApplied(discount.code)
      : discount.status === 'failed'
        ? t.discountCheckFailed
        : discount.status === 'refused' && discount.reason
          ? t.discountRefused[discount.reason]
          : '';
  const bad = discount.status === 'refused' || discount.status === 'failed';
  return html`<div class="field" part="field">
    <label for=${ids.discount}>${t.discountCode} <span class="muted">${t.optional}</span></label>
    <div class="inline">
      <input
        id=${ids.discount}
        part="input"
        autocomplete="off"
        .value=${v.draft.discountCode}
        aria-invalid=${discount.status === 'refused' ? 'true' : 'false'}
        aria-describedby=${statusId}
        @input=${(e: Event) => v.setValue('discountCode', (e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            v.applyDiscount();
          }
        }}
      />
      ${discount.status === 'applied'
        ? html`<button type="button" part="button" @click=${v.removeDiscount}>${t.removeDiscount}</button>`
        : html`<button type="button" part="button" aria-disabled=${discount.status === 'checking' ? 'true' : 'false'} @click=${v.applyDiscount}>
            ${t.apply}
          </button>`}
    </div>
    <p id=${statusId} class=${bad ? 'error' : 'hint'} part=${bad ? 'error' : 'hint'} aria-live="polite">${status}</p>
  </div>`;
}

/** The terms link, unless a consent field already carries it. */
function renderTerms(v: View, type: MembershipType) {
  const link = termsLink(v);
  if (link === nothing || type.fields.some((field) => field.type === 'consent')) return nothing;
  return html`<p class="hint">${link}</p>`;
}

/** The live price preview, announced politely when it changes. */
export function renderTotal(v: View) {
  const { t, quote, locale } = v;
  return html`<p class="total" part="total" aria-live="polite" aria-atomic="true">
    ${v.priceError
      ? // Said once: not here when the amount field already says it.
        v.priceError === v.errors[ids.amount]
        ? nothing
        : html`<span class="error">${v.priceError}</span>`
      : quote
        ? html`${t.totalIs(formatMoney(quote.total, quote.currency, locale))}${quote.discount_amount > 0
            ? html` <s class="muted">${formatMoney(quote.subtotal, quote.currency, locale)}</s>`
            : nothing}`
        : nothing}
  </p>`;
}
