// The discount check: the code the member typed, asked of the API for the chosen plan. Abortable
// and latest-answer-wins: another code, another plan or leaving the page aborts the check under
// way, and an answer that still arrives for it is dropped. A Confirm meanwhile waits for it
// (`pending`), since the answer decides what is sent.
import type { ReactiveController } from 'lit';
import { APIError, APIUserAbortError, checkDiscount, type Discount, type MembershipType } from '@memberkit/sdk';
import type { DiscountRefusal } from '../../events.js';
import type { Draft } from '../draft.js';
import { refusalOf } from '../server-errors.js';
import type { DiscountView } from '../views/view.js';
import type { SignupHost } from './host.js';

const idle = (): DiscountView => ({ status: 'idle', code: '', reason: null });

export class DiscountController implements ReactiveController {
  /** What the code field shows. */
  view = idle();
  /** The check under way, if any. */
  pending: Promise<void> | undefined;
  #abort: AbortController | undefined;

  readonly host: SignupHost;

  constructor(host: SignupHost) {
    this.host = host;
    host.element.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  #show(view: DiscountView): void {
    this.view = view;
    this.host.element.requestUpdate();
  }

  /** A resumed draft: its accepted code shows as applied (until a re-check says otherwise). */
  restore(draft: Draft): void {
    if (draft.discount) this.#show({ status: 'applied', code: draft.discount.code, reason: null });
  }

  /** Checks the draft's code for the chosen plan (the same check under way is not asked twice). */
  apply(): Promise<void> | undefined {
    const type = this.host.type();
    const code = this.host.draft.discountCode.trim();
    if (!type || !code) return;
    // The same code for the same plan is already being checked (Apply pressed twice).
    if (this.pending && this.view.status === 'checking' && this.view.code === code) return this.pending;
    this.cancel();
    const abort = (this.#abort = new AbortController());
    this.#show({ status: 'checking', code, reason: null });
    const pending: Promise<void> = this.#check(type, code, abort.signal).finally(() => {
      if (this.pending === pending) this.pending = undefined;
    });
    return (this.pending = pending);
  }

  /** Stops the check under way; its answer, should it still come, is dropped. */
  cancel(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.pending = undefined;
  }

  /** Nothing applied or being checked (another code, another plan, start over). */
  reset(): void {
    this.cancel();
    if (this.view.status !== 'idle') this.#show(idle());
  }

  /** The member removed the code. */
  remove(): void {
    this.reset();
    this.host.edit({ discountCode: '', discount: null });
  }

  /** The API refused the code when the signup was sent: shown on the code field, nothing applied. */
  refused(reason: DiscountRefusal): void {
    this.#show({ status: 'refused', code: this.view.code, reason });
    this.host.edit({ discount: null });
  }

  async #check(type: MembershipType, code: string, signal: AbortSignal): Promise<void> {
    const host = this.host;
    let reason: DiscountRefusal | null = null;
    let discount: Discount | null = null;
    try {
      discount = await host.client().discounts.validate({ code, membership_type_id: type.id }, { signal });
      const check = checkDiscount(discount, { membership_type_id: type.id, on: host.today });
      if (!check.ok) reason = check.reason;
    } catch (error) {
      if (signal.aborted || error instanceof APIUserAbortError) return;
      if (error instanceof APIError && (error.status === 422 || error.status === 404)) {
        reason = refusalOf(error);
      } else {
        // Shown by the code field (and told to the host page); the step stays as it is.
        this.#show({ status: 'failed', code, reason: null });
        host.fail(error, null);
        return;
      }
    }
    // Answered for a code or plan the member has left since: not theirs any more.
    if (signal.aborted) return;
    if (reason) discount = null;
    this.#show({ status: reason ? 'refused' : 'applied', code, reason });
    // A new attempt (key) only when what the signup sends changes: a re-check that agrees keeps
    // the key, since the attempt may already exist on the server.
    if (!discount !== !host.draft.discount) host.edit({ discount });
    else host.save({ discount });
    host.emit('membership-signup-discount-apply', { code, discount, reason });
  }
}
