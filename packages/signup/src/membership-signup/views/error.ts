// The error screen: configuration, network, response and API errors, with Back and Try again.
// In the first chunk: a first load can end here before the steps chunk is needed.
import { html, nothing } from 'lit';
import type { PlansWords } from '../../i18n/catalogue.js';
import type { State } from '../machine.js';
import type { OutcomeHandlers } from './outcome.js';
import { heading } from './heading.js';

export function renderError(t: PlansWords, state: Extract<State, { step: 'error' }>, message: string, on: OutcomeHandlers) {
  const { retry } = state;
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
