// One custom field of a membership type, with its label, hint and error in the same shadow root
// and linked (aria-describedby, aria-invalid). Labels, hints and options from the API are text.
import { html, nothing } from 'lit';
import { isSecureUrl, type CustomField } from '@memberkit/sdk';
import { describedBy, ids, type View } from './view.js';

const inputTypes: Partial<Record<CustomField['type'], string>> = {
  text: 'text',
  email: 'email',
  tel: 'tel',
  url: 'url',
  number: 'number',
  date: 'date',
};
const autocompleteOf: Partial<Record<CustomField['type'], string>> = { email: 'email', tel: 'tel', url: 'url' };

/** The organization's terms (an https URL from the API), opening in a new tab; nothing without one. */
export function termsLink(v: View) {
  const terms = v.config.organization.terms_url;
  return isSecureUrl(terms)
    ? html`<a href=${terms} target="_blank" rel="noopener noreferrer">${v.t.readTerms}<span class="sr-only"> ${v.t.opensNewTab}</span></a>`
    : nothing;
}

export function renderField(v: View, field: CustomField, index: number) {
  const { t } = v;
  const id = ids.field(index);
  // Own answers only: a field keyed `constructor` has no inherited answer.
  const value = Object.hasOwn(v.draft.fields, field.key) ? v.draft.fields[field.key] : undefined;
  const error = v.errors[id];
  const hintId = field.help_text ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describe = describedBy(hintId, errorId) ?? nothing;
  const invalid = error ? 'true' : 'false';
  const label = html`<bdi>${field.label}</bdi>${field.required ? nothing : html` <span class="muted">${t.optional}</span>`}`;
  const hint = hintId ? html`<p class="hint" id=${hintId}>${field.help_text}</p>` : nothing;
  const message = errorId ? html`<p class="error" id=${errorId} part="error">${error}</p>` : nothing;
  const touch = () => v.touch(id);

  if (field.type === 'checkbox' || field.type === 'consent') {
    return html`<div class="field check" part="field">
      <input
        type="checkbox"
        id=${id}
        part="input"
        .checked=${value === true}
        ?required=${field.required}
        aria-invalid=${invalid}
        aria-describedby=${describe}
        @change=${(e: Event) => v.setField(field.key, (e.target as HTMLInputElement).checked)}
        @blur=${touch}
      />
      <label for=${id}>${label}</label>
      ${field.type === 'consent' ? termsLink(v) : nothing}
      ${hint}${message}
    </div>`;
  }

  if (field.type === 'multiselect') {
    const chosen = Array.isArray(value) ? value : [];
    return html`<fieldset class="field" part="field" aria-describedby=${describe}>
      <legend>${label}</legend>
      ${hint}
      ${(field.options ?? []).map(
        (option, n) => html`<div class="check">
          <input
            type="checkbox"
            id=${`${id}-${n}`}
            part="input"
            .checked=${chosen.includes(option.value)}
            aria-invalid=${invalid}
            @change=${(e: Event) =>
              v.setField(
                field.key,
                (e.target as HTMLInputElement).checked
                  ? [...chosen, option.value]
                  : chosen.filter((item) => item !== option.value),
              )}
            @blur=${touch}
          />
          <label for=${`${id}-${n}`}>${option.label}</label>
        </div>`,
      )}
      ${message}
    </fieldset>`;
  }

  const text = typeof value === 'string' ? value : value == null ? '' : String(value);
  const onInput = (e: Event) => v.setField(field.key, (e.target as HTMLInputElement).value);
  let control;
  if (field.type === 'textarea') {
    control = html`<textarea
      id=${id}
      part="input"
      .value=${text}
      ?required=${field.required}
      maxlength=${field.max_length ?? nothing}
      aria-invalid=${invalid}
      aria-describedby=${describe}
      @input=${onInput}
      @blur=${touch}
    ></textarea>`;
  } else if (field.type === 'select') {
    control = html`<select
      id=${id}
      part="input"
      ?required=${field.required}
      aria-invalid=${invalid}
      aria-describedby=${describe}
      @change=${onInput}
      @blur=${touch}
    >
      <option value="" ?selected=${text === ''}>—</option>
      ${(field.options ?? []).map(
        (option) => html`<option value=${option.value} ?selected=${option.value === text}>${option.label}</option>`,
      )}
    </select>`;
  } else {
    const numeric = field.type === 'number' || field.type === 'date';
    control = html`<input
      id=${id}
      part="input"
      type=${inputTypes[field.type] ?? 'text'}
      .value=${text}
      ?required=${field.required}
      autocomplete=${autocompleteOf[field.type] ?? 'off'}
      dir=${autocompleteOf[field.type] ? 'ltr' : nothing}
      min=${numeric && field.min != null ? String(field.min) : nothing}
      max=${numeric && field.max != null ? String(field.max) : nothing}
      maxlength=${!numeric && field.max_length != null ? field.max_length : nothing}
      aria-invalid=${invalid}
      aria-describedby=${describe}
      @input=${onInput}
      @blur=${touch}
    />`;
  }
  return html`<div class="field" part="field">
    <label for=${id}>${label}</label>
    ${hint}${control}${message}
  </div>`;
}
