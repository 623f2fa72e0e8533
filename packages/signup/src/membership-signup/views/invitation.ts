// The link's invitation refused (expired, used, for another plan, none given): why, a field for
// another code ("Continue" loads the plan with it), or every listed plan. In the steps chunk.
import { html } from 'lit';
import type { Catalogue } from '../../i18n/catalogue.js';
import { invitationText, invitationWords } from '../controllers/invitation.js';
import type { OutcomeHandlers } from './outcome.js';
import { heading } from './view.js';

export function renderInvitationRefused(t: Catalogue, reason: string, invitation: string, on: OutcomeHandlers) {
  const words = invitationWords(t);
  const message = invitationText(t, reason);
    return html`${heading(t.inviteOnly)}
      <form
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          on.retry();
        }}
      >
        <div class="field" part="field">
          <label for="mk-invitation">${words.code}</label>
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
          <button type="button" part="button" @click=${on.allPlans}>${words.allPlans}</button>
          <button type="submit" part="button primary" class="primary">${t.continue}</button>
        </div>
      </form>`;
}
