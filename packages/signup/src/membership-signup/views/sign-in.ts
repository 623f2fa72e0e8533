// The sign-in view: the email, then the emailed code; or, on a page the email's link opened, one
// button that signs in. One form per phase, so Enter sends it; the problem shows under its input and
// is announced.
import { html, nothing } from 'lit';
import type { SignupConfig } from '@memberkit/sdk';
import type { Catalogue } from '../../i18n/catalogue.js';
import type { State } from '../machine.js';
import { signInEn } from '../../i18n/sign-in-en.js';
import type { SignIn, SignInProblem } from '../controllers/sign-in.js';

// Not ./view.js's heading and isolated: a module this chunk shared with the steps chunk would
// become a third chunk, taking lit with it off the first one (checked in the build).
const heading = (text: string) => html`<h2 tabindex="-1" data-focus part="heading">${text}</h2>`;
/** A sentence of ours around an address or a name from elsewhere, that one in a <bdi> (see ./view.ts). */
function isolated(say: (value: string) => string, value: string) {
  const [before, after = ''] = say('\uE000').split('\uE000');
  return html`${before}<bdi>${value}</bdi>${after}`;
}


/** Who is signed in inside the widget, and the way out (never shown for a page's own token). */
export function renderSignedIn(t: Catalogue, email: string, signOut: () => void) {
  return html`<p class="sign-in">${isolated(t.signedInAs, email)} <button type="button" part="button" @click=${signOut}>${(t.signInWords ?? signInEn).signOut}</button></p>`;
}

const EMAIL = 'mk-sign-in-email';
const CODE = 'mk-sign-in-code';
const ERROR = 'mk-sign-in-error';

function say(t: Catalogue, s: SignIn, problem: SignInProblem): string {
  const words = t.signInWords ?? signInEn;
  if (problem === 'wrong') return words.problems.wrong(s.attemptsLeft);
  if (problem === 'network') return t.networkError;
  if (problem === 'failed') return t.apiError;
  return Object.hasOwn(words.problems, problem)
    ? words.problems[problem as keyof typeof words.problems] as string
    : t.fieldErrors[problem as keyof Catalogue['fieldErrors']]({ maxLength: 254 });
}

/**
 * The sign-in where `state` stands: the plans' "Sign in" (Back to the plans), signing in first (no
 * Back), or the renewal offer to someone signed out (Back to the details).
 */
export function renderSignIn(t: Catalogue, s: SignIn, state: State, config: SignupConfig | undefined, onBack: () => void) {
  const purpose = state.step === 'renewal' ? 'renewal' : state.step === 'signin' && state.required ? 'required' : 'plans';
  const words = t.signInWords ?? signInEn;
  const problem = s.problem ? html`<p class="error" id=${ERROR} part="error" role="alert">${say(t, s, s.problem)}</p>` : nothing;
  const input = (id: string, label: string, value: string, set: (value: string) => void, code: boolean) =>
    html`<div class="field" part="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        part="input"
        type=${code ? 'text' : 'email'}
        inputmode=${code ? 'numeric' : 'email'}
        autocomplete=${code ? 'one-time-code' : 'email'}
        dir="ltr"
        required
        .value=${value}
        aria-invalid=${s.problem ? 'true' : 'false'}
        aria-describedby=${s.problem ? ERROR : nothing}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
      />
      ${problem}
    </div>`;
  const submit = (label: string, id?: string) =>
    html`<button type="submit" id=${id ?? nothing} part="button primary" class="primary" aria-disabled=${s.busy ? 'true' : 'false'}>${s.busy ? t.submitting : label}</button>`;
  const back = purpose !== 'required' ? html`<button type="button" part="button" @click=${onBack}>${t.back}</button>` : nothing;
  const send = (e: Event, again = false) => {
    e.preventDefault();
    void s.send(again);
  };
  let body;
  if (s.phase === 'link') {
    // The problem here is the network's or the API's (a refused link goes back to the email).
    body = html`<form
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        void s.follow();
      }}
    >
      ${s.problem ? html`<p class="error" part="error" role="alert">${say(t, s, s.problem)}</p>` : nothing}
      <div class="actions">${back}${submit(t.steps.signin, 'mk-sign-in-link')}</div>
    </form>`;
  } else if (s.phase === 'code') {
    body = html`<p>${isolated((email) => words.codeSent(email, s.codeLength), s.email)}${s.linked ? html` ${words.orLink}` : nothing}</p>
      <p class="muted" role="status">${s.resent ? words.resent : ''}</p>
      <form
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          void s.verify();
        }}
      >
        ${input(CODE, words.code, s.code, (value) => (s.code = value), true)}
        <div class="actions">
          ${submit(t.steps.signin)}
          <button type="button" part="button" @click=${(e: Event) => send(e, true)}>${words.resend}</button>
          <button type="button" part="button" @click=${() => s.restart()}>${words.otherEmail}</button>
        </div>
      </form>`;
  } else {
    body = html`<form novalidate @submit=${send}>
      ${input(EMAIL, t.email, s.email, (value) => (s.email = value), false)}
      <div class="actions">${back}${submit(words.sendCode)}</div>
    </form>`;
  }
  return html`${heading(purpose === 'renewal' ? t.steps.renewal : t.steps.signin)}
    ${s.phase === 'code' && purpose === 'plans'
      ? nothing
      : html`<p>${s.phase === 'link' ? words.link : purpose === 'renewal' ? t.renewSignIn : purpose === 'required' ? isolated(words.required, config?.organization.name ?? '') : words.intro}</p>`}
    ${body}`;
}
