// The details form's timing and errors: which fields show their errors (touched, or all after a
// failed Continue), the API's field errors by input (worded when shown), the pointer press that
// holds a left field's error until the release, and the details and review's view with its
// handlers. In the steps chunk with the form's rules (../form.ts): the plans need none of it.
import type { APIError, MembershipType } from '@memberkit/sdk';
import type { Draft, GroupMemberDraft } from '../draft.js';
import { fieldMessage, problemsOf, quoteOf, type Problem, type Wording } from '../form.js';
import { ids } from '../ids.js';
import { mapServerErrors, refusalOf } from '../server-errors.js';
import type { PlansView, View } from '../views/view.js';
import type { AttemptController } from './attempt.js';
import type { DiscountController } from './discount.js';
import type { SignupHost } from './host.js';
import { invitationProblem, invitationText, invitationWords } from './invitation.js';

export class FormController {
  readonly host: SignupHost;
  readonly #discounts: DiscountController;
  readonly #attempt: AttemptController;
  /** Fields whose errors show: left once (blur), or changed where a change is the answer (amount). */
  #touched = new Set<string>();
  /** After a failed Continue (or the API's field errors): every error, and the summary above. */
  #showAll = false;
  /** The API's errors by input id: worded at render time, in the language of the moment. */
  #server: Record<string, string | (() => string)> = {};
  /** While a pointer is pressed on the element: the fields left, whose errors wait for the release. */
  #held: Set<string> | null = null;

  constructor(host: SignupHost, discounts: DiscountController, attempt: AttemptController) {
    this.host = host;
    this.#discounts = discounts;
    this.#attempt = attempt;
    // A field's error appearing on blur moves what is below it. When the blur comes from pressing
    // a button below (Continue, Add a group member), the button would move between the press and
    // the release, and the browser would drop the click. So a field left by a pointer press shows
    // its error once the press is over (after the click, which follows the release in the same
    // task), and one left by the keyboard at once. A touch tap moves the focus on its
    // compatibility mousedown, so mousedown/mouseup cover mouse, pen and touch. (Created with the
    // steps chunk, before any field exists.)
    host.element.addEventListener('mousedown', () => {
      if (this.#held) return;
      const held = (this.#held = new Set());
      addEventListener(
        'mouseup',
        () =>
          setTimeout(() => {
            this.#held = null;
            if (held.size) this.#touch(...held);
          }),
        { capture: true, once: true },
      );
    });
  }

  #wording(): Wording {
    return { t: this.host.t, locale: this.host.locale };
  }

  /** Everything the member must fix on `type`'s form now, the API's field errors among them. */
  problems(type: MembershipType): Problem[] {
    const { host } = this;
    const server = Object.fromEntries(Object.entries(this.#server).map(([id, say]) => [id, typeof say == 'string' ? say : say()]));
    return problemsOf(type, host.draft, host.config?.member, this.#wording(), server, invitationWords(host.t).code);
  }

  /** A new form (Start over): nothing touched, no errors. */
  reset(): void {
    this.#touched = new Set();
    this.#showAll = false;
    this.#server = {};
  }

  /** Continue on the details: the review, or the problems' summary (an invitation asked of the API first). */
  async toReview(event: Event): Promise<void> {
    event.preventDefault();
    const { host } = this;
    host.interacted();
    const type = host.type();
    const attempt = this.#attempt;
    if (!type || attempt.inFlight) return;
    if (type.invite_only && !this.problems(type).length) {
      attempt.busy(true);
      const found = await invitationProblem(host.client(), type, host.invitation, host.config?.member, host.draft.email, host.t, host.signal());
      attempt.busy(false);
      if (found) this.#server = { ...this.#server, ...found };
    }
    if (this.problems(type).length > 0) {
      this.#showAll = true;
      host.focusSummary();
      return;
    }
    this.#showAll = false;
    host.go({ step: 'review' });
  }

  /** Server-side validation: the messages on the fields, back on the details step (false: none of them is a field's). */
  backToDetails(error: APIError, type: MembershipType): boolean {
    const { host } = this;
    // Worded when shown: a language switched after the error rewords it. Codes come from the
    // API: own keys only.
    const { fieldErrors, discountRefused } = mapServerErrors(error, type, (code, rule, id) => () => {
      const { t } = host;
      if (id === ids.invitation) return invitationText(t, code);
      return Object.hasOwn(t.apiErrors, code) ? t.apiErrors[code]! : fieldMessage(this.#wording(), code, rule);
    });
    if (discountRefused) {
      this.#discounts.refused(refusalOf(error));
    } else if (Object.keys(fieldErrors).length === 0) {
      return false;
    }
    this.#server = fieldErrors;
    this.#showAll = true;
    host.go({ step: 'details' });
    host.focusSummary();
    return true;
  }

  /** The details' and the review's view: the plans' part, the form's state and its handlers. */
  view(plans: PlansView): View {
    const { host } = this;
    const type = host.type();
    const draft = host.draft;
    const step = host.state.step;
    const priced = type ? quoteOf(type, draft, this.#wording()) : {};
    const errors: Record<string, string> = {};
    const problems = type && (step === 'details' || step === 'review') ? this.problems(type) : [];
    for (const [id, , message] of problems) {
      if (this.#showAll || this.#touched.has(id)) errors[id] = message;
    }
    return {
      ...plans,
      t: host.t,
      type,
      draft,
      errors,
      summary: this.#showAll ? problems : [],
      quote: priced.quote,
      priceError: priced.error,
      discount: this.#discounts.view,
      inFlight: this.#attempt.inFlight,
      invitation: host.invitation ?? '',
      setInvitation: (code) => {
        host.setInvitation(code);
        this.#clear(ids.invitation, ids.email);
        host.edit({});
      },
      setValue: (key, value) => {
        // The built-in inputs' ids share their draft keys (email, firstName, lastName, amount).
        const id = (ids as Record<string, unknown>)[key];
        if (typeof id === 'string') this.#clear(id);
        if (key === 'discountCode') {
          // Another code: nothing applied until the API accepts it, and no older answer lands.
          this.#discounts.reset();
          host.edit({ discount: null });
        }
        host.edit({ [key]: value } as Partial<Draft>);
        if (key === 'amount') this.#touch(ids.amount);
      },
      setField: (key, value) => {
        const index = type?.fields.findIndex((field) => field.key === key) ?? -1;
        // Its error shows once the member leaves it (blur), like the built-in inputs.
        this.#clear(ids.field(index));
        host.edit({ fields: { ...host.draft.fields, [key]: value } });
      },
      touch: (id) => {
        if (this.#held) this.#held.add(id);
        else if (!this.#touched.has(id)) this.#touch(id);
      },
      setGroupMember: (index, key, value) => {
        this.#clear(ids.group(index, key));
        const people = host.draft.groupMembers.map((person, n) => (n === index ? { ...person, [key]: value } : person));
        host.edit({ groupMembers: people });
      },
      addGroupMember: () => {
        const person: GroupMemberDraft = { email: '', first_name: '', last_name: '' };
        host.edit({ groupMembers: [...host.draft.groupMembers, person] });
        const index = host.draft.groupMembers.length - 1;
        void host.element.updateComplete.then(() => this.#focusInput(ids.group(index, 'email')));
      },
      removeGroupMember: (index) => {
        // The server's errors name people by position, which this shifts.
        this.#clear(...Object.keys(this.#server).filter((id) => id.startsWith('mk-group-')));
        host.edit({ groupMembers: host.draft.groupMembers.filter((_, n) => n !== index) });
      },
      applyDiscount: () => void this.#discounts.apply(),
      removeDiscount: () => this.#discounts.remove(),
      focusInput: (id) => this.#focusInput(id),
      back: () => {
        host.interacted();
        host.go({ step: host.state.step === 'review' ? 'details' : 'plans' });
      },
      toReview: (event) => void this.toReview(event),
      edit: (to) => {
        host.interacted();
        host.go({ step: to });
      },
      submit: () => void this.#attempt.submit(),
    };
  }

  /** Forgets the server's errors on these inputs (the member changed them). */
  #clear(...list: (string | undefined)[]): void {
    if (!list.some((id) => id && this.#server[id])) return;
    const rest = { ...this.#server };
    for (const id of list) if (id) delete rest[id];
    this.#server = rest;
  }

  /** Shows these fields' errors from now on. */
  #touch(...list: string[]): void {
    // A focused field that a render removes (the form leaving, a group member removed) blurs
    // during that render: nothing to show for it, and state set inside a render costs a second one.
    // Not `isConnected` on the blurred input: Chromium fires that blur before the removal, while
    // the input is still connected (checked in Chromium).
    if (this.host.rendering) return;
    this.#touched = new Set([...this.#touched, ...list]);
    this.host.element.requestUpdate();
  }

  #focusInput(id: string): void {
    this.host.element.renderRoot.querySelector<HTMLElement>(`#${id}, #${id}-0`)?.focus();
  }
}
