// The error screen: configuration, network, response and API errors, with Back and Try again.
// In the first chunk: a first load can end here before the steps chunk is needed.
import { html, nothing } from 'lit';
import type { Catalogue } from '../../i18n/catalogue.js';
import type { State } from '../machine.js';
import type { OutcomeHandlers } from './outcome.js';
import { heading } from './view.js';

export function renderError(t: Catalogue, state: Extract<State, { step: 'error' }>, message: string, on: OutcomeHandlers, invitation = '') {
  const { retry } = state;
  // The link's invitation refused (expired, used, …): why, a field for another code, or every plan.
  if (state.code === 'invitation_required' && retry === 'load') {
    return html`${heading(t.inviteOnly)}
      <form
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          on.retry();
        }}
      >
        <div class="field" part="field">
          <label for="mk-invitation">${t.invitationCode}</label>
          <input
            id="mk-invitation"
            part="input"
            autocomplete="off"
            .value=${invitation}
            aria-invalid="true"
            aria-describedby="mk-invitation-error"
            @input=${(e: Event) => on.setInvitation((e.target as HTMLInputElement).value)}
          />
          <p class="error" part="error" id="mk-invitation-error" role="alert">${message}</p>
        </div>
        <div class="actions">
          <button type="button" part="button" @click=${on.allPlans}>${t.allPlans}</button>
          <button type="submit" part="button primary" class="primary">${t.continue}</button>
        </div>
      </form>`;
  }
  return html`${heading(state.kind === 'configuration' ? t.configError : t.steps.error)}
    <p class="error" part="error" role="alert">${message}</p>
    <div class="actions">
      ${retry === 'submit' || retry === 'renew' ? html`<button type="button" part="button" @click=${on.back}>${t.back}</button>` : nothing}
      ${retry
        ? html`<button type="button" part="button primary" class="primary" @click=${retry === 'restart' ? on.restart : on.retry}>
            ${retry === 'restart' ? t.startOver : t.retry}
          </button>`
        : nothing}
    </div>`;
}
