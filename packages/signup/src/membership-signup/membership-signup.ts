import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import {
  APIError,
  isHidden,
  isRunning,
  takesDiscount,
  type MembershipType,
  type SignupClient,
  type SignupConfig,
  type SignupCreateParams,
} from '@memberkit/sdk';
import { DEFAULT_API_BASE } from '../api-base.js';
import { clientContext, configContext, memberContext } from '../context.js';
import { createSignupEvent, type MembershipSignupEventDetails } from '../events.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { ID_PATTERN, signupConfigQuery } from '../prefetch.js';
import { VERSION } from '../version.js';
import { takeSignInLink, type SignInLink } from '../sign-in-link.js';
import { emptyDraft, type Draft, type DraftStep } from './draft.js';
import { DraftController } from './controllers/draft.js';
import { SessionController } from './controllers/session.js';
import { LocaleController } from './controllers/locale.js';
import { prewarmDates, todayIn } from './format.js';
import { canMove, numberedSteps, routeFailure, type ErrorKind, type RetryAction, type State } from './machine.js';
import { openHostedPage } from './hosted-page.js';
import type { StripeLoader } from './payment.js';
import { styles } from './membership-signup.styles.js';
import type { SignupHost } from './controllers/host.js';
import { renderError } from './views/error.js';
import type { OutcomeHandlers } from './views/outcome.js';
import { renderPlans, renderSkeleton } from './views/plans.js';
import type { PlansView } from './views/view.js';
import type { LaterControllers } from './steps.js';

/** Where the element talks to when `api-base` is not set (re-exported from ../api-base.ts). */
export { DEFAULT_API_BASE };

const THEMES = ['light', 'dark', 'auto'];

/**
 * A chunk of its own, imported once for every widget: `keep` holds the module where the element
 * reads it without waiting; after a network fault the next call asks for it again.
 */
function lazyChunk<T>(load: () => Promise<T>, keep: (module: T) => void): () => Promise<unknown> {
  let loading: Promise<unknown> | undefined;
  return () =>
    (loading ??= load().then(keep, (error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
/** The steps after the plans (./steps.ts), imported once the plans are visible. */
let steps: typeof import('./steps.js').later | undefined;
const loadSteps = lazyChunk(async () => (await import('./steps.js')).later, (later) => (steps = later));
/** Signing in (./sign-in.ts), imported when a member signs in, through the steps chunk (./steps.ts). */
let signIn: typeof import('./sign-in.js') | undefined;
const loadSignIn = lazyChunk(() => loadSteps().then(() => steps!.importSignIn()), (module) => (signIn = module));
/** The steps the first chunk renders by itself. */
const firstSteps: readonly State['step'][] = ['loading', 'error', 'plans'];
/** `table[key]` when it is the table's own (never a prototype member such as `constructor`). */
function ownString(table: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * The membership signup form: plans, details, review, payment and confirmation, on the
 * memberkit API.
 *
 * @tag membership-signup
 * @summary A complete membership signup, from choosing a plan to a paid membership.
 *
 * @fires membership-signup-ready - The configuration loaded; plans are shown.
 * @fires membership-signup-plan-select - A plan was chosen or preselected.
 * @fires membership-signup-discount-apply - A discount code was accepted or refused.
 * @fires membership-signup-submit - Cancelable: the signup is about to be created.
 * @fires membership-signup-payment-start - The payment step starts.
 * @fires membership-signup-complete - The member's part is over (active or awaiting approval).
 * @fires membership-signup-error - Something failed; the element shows it too.
 *
 * @slot payment - Filled by the element itself: the light-DOM mount point of the payment form (Stripe's embedded checkout refuses shadow roots).
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading of each step.
 * @csspart term - The heading of a group of plans of one term (from seven plans on).
 * @csspart plan-card - One plan.
 * @csspart plan-name - A plan's name.
 * @csspart price - A plan's price.
 * @csspart badge - A plan's badges (most popular, requires approval, invitation only, group size).
 * @csspart field - One form field (label, hint, input, error).
 * @csspart input - Inputs, selects, text areas and checkboxes.
 * @csspart button - Every button; the main action also has `primary`, donation presets `preset`.
 * @csspart error - Error messages.
 * @csspart error-summary - The list of problems shown after a failed "Continue".
 * @csspart hint - Hints and statuses.
 * @csspart total - The live price preview.
 * @csspart review - The review's line items.
 * @csspart summary - The membership summary on the final screens.
 * @csspart payment - The box around the payment form.
 * @csspart done - The confirmation message.
 *
 * @cssprop --mk-color-background - Background (default white; dark theme #111827).
 * @cssprop --mk-color-surface - Plan cards' background.
 * @cssprop --mk-color-text - Text.
 * @cssprop --mk-color-muted - Secondary text and hints.
 * @cssprop --mk-color-border - Borders of cards and inputs.
 * @cssprop --mk-color-accent - Buttons and links.
 * @cssprop --mk-color-on-accent - Text on accent-coloured buttons.
 * @cssprop --mk-color-error - Errors.
 * @cssprop --mk-color-focus - The focus ring.
 * @cssprop --mk-radius - Corner radius.
 * @cssprop --mk-space - Base spacing.
 * @cssprop --mk-font - The font shorthand (unset: the page's font family at 1rem/1.5).
 * @cssprop --mk-max-width - The widest the element grows.
 */
export class MembershipSignup extends LitElement {
  static version = VERSION;
  /** The element's stylesheet: theme it with the custom properties and parts above, not by replacing it. */
  static override styles = styles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  // Lit's reactive properties, declared without decorators (the decorators' code was ~300 B
  // of the script tag's budget); each is documented where it is declared below.
  static override properties = {
    organization: { reflect: true },
    apiBase: { attribute: 'api-base' },
    membershipType: { attribute: 'membership-type' },
    invitation: {},
    discountCode: { attribute: 'discount-code' },
    locale: {},
    readUrlParams: { type: Boolean, attribute: 'read-url-params' },
    theme: { reflect: true },
    getAuthToken: { attribute: false },
    client: { attribute: false },
    stripeLoader: { attribute: false },
    hostedPageOpener: { attribute: false },
    _state: { state: true },
    _config: { state: true },
    _held: { state: true },
  };

  /** The organization id (required). */
  declare organization: string | undefined;
  /** The API base URL (defaults to the production API). */
  declare apiBase: string | undefined;
  /** Preselect one membership type (may address a hidden type). */
  declare membershipType: string | undefined;
  /** An invitation code for invite-only types. */
  declare invitation: string | undefined;
  /** Also read `?membership-type=`, `?invitation=` and `?discount-code=` from the page URL, where those attributes are not set (a link in a mailing preselects a plan and a code). */
  declare readUrlParams: boolean;
  /** Prefill a discount code. */
  declare discountCode: string | undefined;
  /** Overrides the page's language (BCP 47). */
  declare locale: string | undefined;
  /** `light`, `dark` or `auto` (follows `prefers-color-scheme`). */
  declare theme: string | undefined;

  /** A function returning a fresh member token, called when the token is missing or expired. */
  declare getAuthToken: (() => Promise<string>) | undefined;
  /** An SDK client to use instead of building one. */
  declare client: SignupClient | undefined;
  /** `(publishableKey) => Promise<Stripe>`: loads Stripe.js (replaced by tests and the sandbox). */
  declare stripeLoader: StripeLoader | undefined;
  /** Opens a hosted payment page (top-level navigation, or a new tab when framed); replaceable (call `refreshPayment()` when your popup closes). */
  declare hostedPageOpener: (url: string) => void;
  /**
   * What signups ask of their checkout (the request's `checkout`, e.g. `{ ui_mode: 'hosted_page' }`,
   * which the frame page sets); unset, the server's default. Read when the member submits.
   */
  declare checkout: SignupCreateParams['checkout'];
  /**
   * Set by the frame page: the embedding page's address, which the sign-in email's link opens,
   * and the ticket of the link that page was opened with (../sign-in-link.ts). Unset, this page.
   */
  declare signInLink: SignInLink | undefined;

  /** Set while the element removes its own auth-token attribute. */
  #droppingAttribute = false;

  /** An injected member token. Kept in memory only: never reflected, stored, logged or evented. */
  get authToken(): string | undefined {
    return this.#session.token;
  }
  set authToken(token: string | null | undefined) {
    if (!this.#session.use(token)) return;
    // Signing in (or out) changes what the configuration says about the member: reload it while
    // nothing is under way; later steps just use the new token for their next request.
    const step = this._state.step;
    if (this.isConnected && (step === 'plans' || step === 'details' || step === 'error')) this.#scheduleLoad();
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'auth-token'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'auth-token') {
      // Tokens never live in attributes: take it, then remove the attribute, which must not sign
      // the member out.
      if (value === null && this.#droppingAttribute) {
        this.#droppingAttribute = false;
        return;
      }
      this.authToken = value;
      if (value !== null) {
        this.#warn('auth-token', 'use .authToken, not the auth-token attribute (removed).');
        this.#droppingAttribute = true;
        this.removeAttribute(name);
      }
      return;
    }
    super.attributeChangedCallback(name, old, value);
  }

  declare private _state: State;
  declare private _config: SignupConfig | undefined;
  /** The membership types the signed-in member holds (running): their plans say so. Set by each load. */
  declare private _held: readonly string[] | undefined;

  /** The member's language and its catalogue (controllers/locale.ts). */
  #lang = new LocaleController(this);
  // UTC until the signup-config names the organization's zone. Not todayIn(): the first
  // Intl.DateTimeFormat of a page loads the engine's date data (≈ 60 ms in Chromium), which must
  // not delay the signup-config request; #load starts it (prewarmDates) once that request is out.
  #today = new Date().toISOString().slice(0, 10);
  /** The member's token, the client that carries it, the api-base check (controllers/session.ts). */
  #session = new SessionController(this);
  #abort: AbortController | undefined;
  #warned = new Set<string>();
  #focus: 'step' | 'summary' | null = null;
  #interacted = false;
  #loadScheduled = false;
  /** The controllers of the steps after the plans (steps chunk): created once the steps are here. */
  #later: LaterControllers | undefined;
  /** The member's draft: its key on the page, kept in sessionStorage, resumed, dropped. */
  #draft = new DraftController(this);
  /** The link's invitation was refused at load: its screen (in the steps chunk) asks for another code. */
  #refusedLink(): boolean {
    const state = this._state;
    return state.step === 'error' && state.code === 'invitation_required' && state.retry === 'load';
  }
  /** The invitation code the member typed (on the refusal or the details), kept in memory only. */
  #invitationTyped: string | undefined;
  /** Why the API refused the invitation last (`error.errors[].code`), for its wording. */
  #invitationRefusal = 'unexplained';
  /** "See all plans" after a refused invitation: the page's plan and code are left aside. */
  #allPlans = false;
  /** The `membership-type` asked for is not offered: the plans show a notice. */
  #linkUnavailable = false;
  /** The sign-in email's link this page was opened with, until the sign-in takes it (memory only). */
  #ticket: string | undefined;

  #clientProvider = new ContextProvider(this, { context: clientContext });
  #configProvider = new ContextProvider(this, { context: configContext });
  #memberProvider = new ContextProvider(this, { context: memberContext, initialValue: null });

  /** What the controllers see of this element (controllers/host.ts). */
  #host: SignupHost = ((element: MembershipSignup): SignupHost => ({
    element,
    get state() {
      return element._state;
    },
    get draft() {
      return element.#draft.value;
    },
    get config() {
      return element._config;
    },
    get t() {
      return element.#words();
    },
    get locale() {
      return element.#lang.locale;
    },
    get today() {
      return element.#today;
    },
    type: () => element.#type(),
    client: () => element.#session.client(),
    signal: () => element.#signal(),
    go: (next) => element.#go(next),
    save: (patch) => element.#draft.save(patch),
    edit: (patch) => element.#edit(patch),
    emit: (name, detail) => element.#emit(name, detail),
    fail: (error, retry) => element.#fail(error, retry),
    get invitation() {
      return element.#invitationCode();
    },
    signedIn: () => element.#session.signedIn(),
    adoptMember: (member) => void (element._config = { ...element._config!, member }),
    load: () => void element.#load(),
    interacted: () => void (element.#interacted = true),
    get rendering() {
      return element.#rendering;
    },
    setInvitation: (code) => void (element.#invitationTyped = code),
    focusSummary: () => {
      element.#focus = 'summary';
      element.requestUpdate();
    },
  }))(this);

  constructor() {
    super();
    // Initial values (declared fields have no initializers: they would shadow Lit's accessors).
    this.readUrlParams = false;
    this.hostedPageOpener = openHostedPage;
    this._state = { step: 'loading' };
    // A token set on the element before this class was defined (a page script running before the
    // module) is an own property shadowing the accessor: adopt it.
    if (Object.hasOwn(this, 'authToken')) {
      const early = this.authToken;
      delete (this as { authToken?: string }).authToken;
      this.authToken = early;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Taken once, at once: the address bar forgets it before anything else reads the URL.
    const link = this.signInLink;
    this.#ticket ??= link?.ticket || takeSignInLink();
    if (link) link.ticket = undefined;
    this.#scheduleLoad();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#abort = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme') && this.theme != null && !THEMES.includes(this.theme)) {
      this.#warn('theme', `theme="${this.theme}" is not one of light, dark, auto; using light.`);
    }
    if (changed.has('locale')) void this.#lang.resolve();
    if (
      this.hasUpdated &&
      (changed.has('organization') ||
        changed.has('apiBase') ||
        changed.has('membershipType') ||
        changed.has('invitation') ||
        changed.has('client'))
    ) {
      this.#session.reset();
      this.#scheduleLoad();
    }
  }

  #rendering = false;

  protected override update(changed: PropertyValues<this>): void {
    this.#rendering = true;
    try {
      super.update(changed);
    } finally {
      this.#rendering = false;
    }
  }

  protected override updated(): void {
    // Plans on screen: the steps after them load meanwhile.
    if (this._state.step === 'plans') void loadSteps().catch(() => undefined);
    const focus = this.#focus;
    if (!focus) return;
    const target = this.renderRoot.querySelector<HTMLElement>(focus === 'summary' ? '[data-summary]' : '[data-focus]');
    // A step still waiting for its chunk takes the focus once it renders.
    if (!target && this.#shownStep() !== this._state.step) return;
    this.#focus = null;
    // After this update has finished: moving the focus blurs the field the member was in, and its
    // blur shows that field's error, which is the next update and not part of this one.
    queueMicrotask(() => target?.focus());
  }

  // ── configuration and loading ─────────────────────────────────────────────────────────────

  #warn(key: string, message: string): void {
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    console.warn(`<membership-signup>: ${message}`);
  }

  /** With `read-url-params`, a query parameter of the page named like the attribute it stands in for. */
  #fromUrl(name: 'invitation' | 'membership-type' | 'discount-code'): string | undefined {
    return (this.readUrlParams && new URLSearchParams(location.search).get(name)) || undefined;
  }

  /** The invitation code: the one the member typed, else the page's (attribute, then URL). */
  #invitationCode(): string | undefined {
    if (this.#allPlans) return undefined;
    return this.#invitationTyped ?? (this.invitation || this.#fromUrl('invitation'));
  }

  #scheduleLoad(): void {
    if (this.#loadScheduled) return;
    this.#loadScheduled = true;
    queueMicrotask(() => {
      this.#loadScheduled = false;
      if (this.isConnected) void this.#load();
    });
  }

  #signal(): AbortSignal {
    this.#abort ??= new AbortController();
    return this.#abort.signal;
  }

  /** Loads the catalogue and the signup configuration, then resumes the draft (if any). */
  async #load(): Promise<void> {
    // Attributes set after the element was connected (a framework) name another draft.
    this.#draft.claim();
    this.#abort?.abort();
    this.#abort = undefined;
    this.#controllers?.discounts.cancel();
    this.#controllers?.payment.stop();
    const catalogue = this.#lang.resolve();
    const organization = this.organization;
    if (!organization || !ID_PATTERN.test(organization)) {
      this.#warn(
        'organization',
        organization ? `organization="${organization}" is not a valid organization id.` : 'the organization attribute is missing.',
      );
      this.#error('configuration', organization ? 'invalid_organization' : 'missing_organization', null);
      return;
    }
    const refused = this.#session.refusedBase();
    if (refused) {
      this.#warn('api-base', `api-base="${refused}" is not https; nothing sent.`);
      this.#error('configuration', 'invalid_api_base', null);
      return;
    }
    const membershipType = this.#allPlans ? undefined : this.membershipType || this.#fromUrl('membership-type');
    if (membershipType && !ID_PATTERN.test(membershipType)) {
      this.#warn('membership-type', `membership-type="${membershipType}" is not a valid id; ignored.`);
    }
    const signal = this.#signal();
    this.#go({ step: 'loading' });
    const client = this.#session.client();
    this.#clientProvider.setValue(client);
    let preselect = membershipType && ID_PATTERN.test(membershipType) ? membershipType : undefined;
    this.#linkUnavailable = false;
    const retrieve = (type: string | undefined) => client.signupConfig.retrieve(signupConfigQuery(type, this.#invitationCode()), { signal });
    try {
      const request = retrieve(preselect).catch((error: unknown) => {
        // A linked plan the API does not offer (unknown, or retired) is no broken embed: every
        // plan, with a notice (#resume). A 404 without the plan too is the organization's.
        if (!preselect || !(error instanceof APIError && error.status === 404)) throw error;
        preselect = undefined;
        this.#unavailablePlan(membershipType!);
        return retrieve(undefined);
      });
      // The request is on its way once this task ends: the date data loads while it travels.
      prewarmDates(this.#lang.locale);
      const [config] = await Promise.all([request, catalogue]);
      this._config = config;
      this.#today = todayIn(config.organization.time_zone);
      this.#configProvider.setValue(config);
      this.#memberProvider.setValue(config.member);
      this.#emit('membership-signup-ready', { organization: config.organization, membershipTypes: config.membership_types });
      this._held = [];
      // Signed in: the plans say which the member holds (once the API said; the plans do not wait).
      if (config.member) {
        void client.me.retrieve({ signal }).then(
          (me) => (this._held = me.memberships.filter((held) => isRunning(held.status)).map((held) => held.membership_type_id)),
          () => undefined,
        );
      }
      // Signing in first when the organization asks for it, or by the emailed link (the draft
      // resumes afterwards). A member the page signed in already wins over the link.
      if ((config.signup_requires_sign_in || this.#ticket) && !config.member && !this.client) {
        return this.#go({ step: 'signin', required: config.signup_requires_sign_in || undefined });
      }
      await this.#resume(config, preselect, signal);
    } catch (error) {
      this.#fail(error, 'load');
    }
  }

  /** The linked plan is not offered: the plans say so, the console names the attribute's value. */
  #unavailablePlan(id: string): void {
    this.#linkUnavailable = true;
    this.#warn('membership-type', `membership-type="${id}" is no plan open for signup (unknown or retired); showing every plan.`);
  }

  /** Picks up where the member was (draft), or opens the preselected type, or the plans. */
  async #resume(config: SignupConfig, preselect: string | undefined, signal: AbortSignal): Promise<void> {
    const draft = this.#draft;
    const saved = draft.resume();
    const find = (id: string | null | undefined) => config.membership_types.find((type) => type.id === id);
    if (saved?.finished && saved.signupId) {
      // The confirmation again, while the API still says so; anything else: a new form.
      const signup = await this.#session.client()
        .signups.retrieve(saved.signupId, { signal })
        .catch((error: unknown) => {
          if (error instanceof APIError && error.status === 404) return undefined;
          throw error;
        });
      if (signup && (signup.status === 'completed' || signup.status === 'awaiting_approval')) {
        draft.save(saved);
        return (await this.#steps()).attempt.finish(signup);
      }
      draft.drop();
    }
    if (saved && find(saved.membershipTypeId) && (!preselect || preselect === saved.membershipTypeId)) {
      draft.save(saved);
      this.#withSteps(({ discounts }) => {
        discounts.restore(saved);
        // Check a saved code again (it may have expired since), unless an attempt already went out
        // with it: that attempt's request must stay the same (same key, no second signup).
        if (saved.discountCode && saved.step !== 'plans' && !saved.idempotencyKey) void discounts.apply();
      });
      if (saved.signupId) {
        try {
          const signup = await this.#session.client().signups.retrieve(saved.signupId, { signal });
          const action = signup.next_action;
          // An embedded checkout left unpaid: back at the review, where the member may change
          // their mind; Confirm sends the same attempt (same key) and gets that checkout again.
          // A hosted one resumes its payment: the member comes back from that page by a reload.
          if (signup.status !== 'failed' && action.type === 'payment' && action.ui_mode === 'embedded_page') {
            this.#go({ step: 'review' });
          } else (await this.#steps()).attempt.handle(signup, true);
          return;
        } catch (error) {
          // A signup the API no longer knows: resume at the review with a new attempt.
          if (!(error instanceof APIError && error.status === 404)) throw error;
          draft.save({ signupId: null, idempotencyKey: null, step: 'review' });
        }
      }
      this.#go({ step: saved.step === 'payment' ? 'review' : saved.step });
      return;
    }
    const fresh = emptyDraft();
    const discountCode = this.discountCode || this.#fromUrl('discount-code');
    if (discountCode) fresh.discountCode = discountCode;
    const hidden = config.membership_types.filter(isHidden);
    const direct = find(preselect) ?? (hidden.length === 1 ? hidden[0] : undefined);
    if (preselect && !find(preselect)) this.#unavailablePlan(preselect);
    draft.save(fresh);
    if (direct) {
      this.#selectType(direct);
    } else {
      this.#go({ step: 'plans' });
    }
  }

  // ── the state machine ─────────────────────────────────────────────────────────────────────

  #go(next: State): void {
    const prev = this._state;
    const from = prev.step;
    if (from !== next.step && !canMove(from, next.step)) {
      console.error(`<membership-signup>: no move from ${from} to ${next.step}`);
      return;
    }
    this._state = next;
    if (next.step === 'plans' || next.step === 'details' || next.step === 'review' || next.step === 'payment') {
      this.#draft.save({ step: next.step as DraftStep });
    }
    // Focus follows the member's own actions only: never steal it from the page on load. A new
    // payment phase replaces what had it ("Try again"), so the focus moves then too.
    if (this.#interacted && (from !== next.step || (prev as { phase?: string }).phase !== (next as { phase?: string }).phase)) {
      this.#focus = 'step';
    }
  }

  #emit<K extends keyof MembershipSignupEventDetails>(name: K, detail: MembershipSignupEventDetails[K]): boolean {
    return this.dispatchEvent(createSignupEvent(name, detail));
  }

  // ── derived data ──────────────────────────────────────────────────────────────────────────

  #type(): MembershipType | undefined {
    return this._config?.membership_types.find((type) => type.id === this.#draft.value.membershipTypeId);
  }

  /** The whole catalogue, for the steps after the plans (their chunk is here when they render). */
  #words(): Catalogue {
    return steps!.wholeWords(this.#lang.t);
  }

  // ── member actions ────────────────────────────────────────────────────────────────────────

  #selectType(type: MembershipType): void {
    const changed = type.id !== this.#draft.value.membershipTypeId;
    if (changed) this.#controllers?.discounts.reset();
    this.#draft.save({ membershipTypeId: type.id, ...(changed ? { idempotencyKey: null, renewalKey: null, signupId: null, discount: null } : {}) });
    // A donation opens with the amount the API would charge for an empty one in the box and that
    // preset pressed (form.ts); a member who clears it is asked for an amount. The details wait
    // for the steps chunk, so the box is filled before they show.
    if (type.price.type === 'donation' && !this.#draft.value.amount.trim()) {
      this.#withSteps(() => this.#edit({ amount: steps!.openingAmount(type) }));
    }
    this.#emit('membership-signup-plan-select', { membershipType: type });
    this.#go({ step: 'details' });
    if (changed && this.#draft.value.discountCode && takesDiscount(type)) this.#withSteps(({ discounts }) => void discounts.apply());
  }

  /** Any change to what would be sent starts a new attempt (a new idempotency key). */
  #edit(patch: Partial<Draft>): void {
    this.#draft.save({ ...patch, idempotencyKey: null, renewalKey: null, signupId: null });
  }

  /** The steps chunk's controllers, once the chunk is here (created then, for this element). */
  get #controllers(): LaterControllers | undefined {
    return steps && (this.#later ??= steps.laterControllers(this.#host));
  }

  /** The steps chunk's controllers, loading the chunk when it is not here yet. */
  async #steps(): Promise<LaterControllers> {
    await loadSteps();
    return this.#controllers!;
  }

  /** Runs `then` with the steps chunk's controllers: now when they are here, else once they arrive
   * (a chunk that fails to load shows its error where the step needs it, see #shownStep). */
  #withSteps(then: (later: LaterControllers) => void): void {
    const later = this.#controllers;
    if (later) then(later);
    else this.#steps().then(then, () => undefined);
  }

  #restart(): void {
    this.#interacted = true;
    this.#draft.drop();
    this.#controllers?.form.reset();
    this.#controllers?.discounts.reset();
    this.#controllers?.payment.stop();
    void this.#load();
  }

  /**
   * Checks the current signup's payment now: on the payment step, (re)starts polling the signup
   * at once (for example when the member closes a hosted checkout popup); elsewhere it does nothing.
   */
  refreshPayment(): void {
    const state = this._state;
    if (state.step === 'payment') void this.#controllers?.payment.poll(state.signup.id);
  }

  /** An error code in the member's words, in the catalogue of the moment (worded at render time). */
  #say(code: string, retry = this._state.step === 'error' && this._state.retry): string {
    const t = this.#lang.t;
    // A first load has nothing entered to keep.
    const network = retry === 'load' ? t.networkError : `${t.networkError} ${t.kept}`;
    const ours: Record<string, string> = {
      network,
      timeout: network,
      invalid_response: t.responseError,
      missing_organization: t.missingOrganization,
      invalid_organization: t.invalidOrganization(this.organization ?? ''),
      invalid_api_base: t.invalidApiBase,
    };
    // Codes come from the API: own keys only (`constructor` is no message), else the generic one.
    return ownString(ours, code) ?? ownString(t.apiErrors, code) ?? t.apiError;
  }

  /** Tells the host page; shows the error unless `retry` is null (a side request such as a
   * discount check, shown where it happened) or the embed is misconfigured (nothing to retry). */
  #error(kind: ErrorKind, code: string, retry: RetryAction | null): void {
    const configuration = kind === 'configuration';
    this.#emit('membership-signup-error', { code: configuration ? 'configuration' : code, message: this.#say(code, retry) });
    if (retry || configuration) this.#go({ step: 'error', kind, code, retry: configuration ? null : retry });
  }

  /** Turns any failure into a state the member can act on (routeFailure), and tells the host page. */
  #fail(error: unknown, retry: RetryAction | null): void {
    const route = routeFailure(error, this._state.step, retry);
    if (!route) return;
    const { kind, code } = route;
    if (code === 'invitation_required' && error instanceof APIError) this.#invitationRefusal = String(error.errors[0]?.code);
    const type = this.#type();
    // On the review (the steps are here): the renewal offer, or the details with the API's errors.
    const later = this.#controllers;
    if (route.review && type && later) {
      if (route.review === 'renewal') {
        // An ordinary case (no -error for the host page): the renewal offer, or signing in, here.
        void later.attempt.offerRenewal(type);
        return;
      }
      if (route.review === 'signin') return this.#go({ step: 'signin', required: true });
      if (later.form.backToDetails(error as APIError, type)) {
        this.#emit('membership-signup-error', { code, message: this.#say(code) });
        return;
      }
    }
    if (kind === 'configuration') this.#warn('organization', `organization="${this.organization}" is not known to the API.`);
    this.#error(kind, code, route.retry);
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  /** What the plans show: the first chunk renders them by itself. */
  #plansView(config: SignupConfig): PlansView {
    return {
      // The language's t and locale (the controller's own fields; its private ones do not spread).
      ...this.#lang,
      today: this.#today,
      config,
      held: this._held,
      // With the host's own client the widget cannot carry a session of its own.
      signIn: config.member || this.client ? undefined : () => ((this.#interacted = true), this.#go({ step: 'signin' })),
      linkUnavailable: this.#linkUnavailable,
      choosePlan: (chosen) => {
        this.#interacted = true;
        this.#linkUnavailable = false;
        this.#selectType(chosen);
      },
    };
  }

  #outcome: OutcomeHandlers = {
    // An error of the first steps (the steps chunk not here yet) is retried by loading again.
    retry: () => (this.#controllers ? this.#controllers.attempt.retry() : ((this.#interacted = true), void this.#load())),
    back: () => {
      this.#interacted = true;
      const step = this._state.step;
      // The unpaid checkout goes, and its poll: the signup stays the attempt's (same key) until
      // the member changes something, which starts a new attempt.
      if (step === 'payment') this.#controllers?.payment.stop();
      this.#go({ step: step === 'renewal' ? 'details' : step === 'signin' ? 'plans' : 'review' });
    },
    restart: () => this.#restart(),
    setInvitation: (code) => void (this.#invitationTyped = code),
    allPlans: () => {
      this.#interacted = true;
      this.#allPlans = true;
      void this.#load();
    },
    openHostedPage: () => this.#controllers?.payment.openHosted(),
    renew: () => void this.#controllers?.attempt.renew(),
  };

  /**
   * The step on screen: the state's, or `loading` while the steps chunk it needs is on its way
   * (`data-step` and the live region say what the member sees, never a step not drawn yet).
   */
  #shownStep(): State['step'] {
    const { step } = this._state;
    const signingIn = this.#signingIn();
    if ((steps || (firstSteps.includes(step) && !this.#refusedLink())) && (signIn || !signingIn)) return step;
    void Promise.all([loadSteps(), signingIn && loadSignIn()]).then(
      () => this.requestUpdate(),
      // Try again loads the configuration and resumes the draft, which asks for the chunk again.
      () => this.#error('network', 'network', 'load'),
    );
    return 'loading';
  }

  /** Whether the screen is the sign-in: its step, or the renewal offer to someone not signed in. */
  #signingIn(): boolean {
    const state = this._state;
    return state.step === 'signin' || (state.step === 'renewal' && !state.membership);
  }

  #signInView() {
    const session = this.#session;
    const view = signIn!.signInScreen(this, session, this.#host, () => {
      // The next requests carry the member's token: the renewal offer asks again, anything else
      // loads what the API now says about the member (and resumes the draft).
      session.reset();
      // (A renewal offer is for the type of the draft.)
      void (this._state.step === 'renewal' && this.#controllers ? this.#controllers.attempt.offerRenewal(this.#type()!) : this.#load());
    }, this.#outcome.back, this.#ticket);
    // The ticket is the sign-in's now (memory only).
    this.#ticket = undefined;
    return view;
  }

  #content(shown: State['step']) {
    const state = this._state;
    const t = this.#lang.t;
    const config = this._config;
    if (shown === 'loading') return state.step === 'loading' ? renderSkeleton(t) : html`<p class="muted" aria-busy="true">${t.loadingStep}</p>`;
    if (state.step === 'error') {
      return shown === 'error' && this.#refusedLink()
        ? steps!.renderInvitationRefused(this.#words(), this.#invitationRefusal, this.#invitationCode() ?? '', this.#outcome)
        : renderError(t, state, this.#say(state.code), this.#outcome);
    }
    if (this.#signingIn()) return this.#signInView();
    // Signed in inside the widget (its chunk is here then): who, and the way out.
    if (state.step === 'plans') {
      if (!config) return nothing;
      const session = this.#session;
      return html`${session.signIn ? signIn!.signedInAs(session, this.#words(), config.member, () => this.#restart()) : nothing}${renderPlans(this.#plansView(config))}`;
    }
    // The steps after the plans: their chunk is here (#shownStep) and draws them.
    return steps!.screen(this.#controllers!, this.#host, this.#outcome, config && this.#plansView(config));
  }

  protected override render() {
    const { t, locale } = this.#lang;
    // The live region names the step, worded at render time (a language change rewords it).
    const step = this.#shownStep();
    const index = numberedSteps.indexOf(step);
    const state = this._state;
    // A renewal is confirmed as one (the steps chunk is here once 'done' is shown).
    const name = state.step === 'done' && step === 'done' && steps!.renewedUntil(state.signup) ? this.#words().renewed : (step === 'error' && this.#refusedLink() ? t.inviteOnly : (t.steps[step as keyof Catalogue['steps']] ?? ''));
    return html`<div class="base" part="base" lang=${locale.startsWith(t.lang) ? locale : t.lang} dir=${t.dir} data-step=${step}>
      <p class="sr-only" role="status" aria-live="polite">${index >= 0 ? t.stepOf(index + 1, numberedSteps.length, name) : name}</p>
      ${this.#content(step)}
    </div>`;
  }
}
