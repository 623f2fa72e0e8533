// Signing a member in inside the widget, through the API's sign-in endpoints: an email, then the
// emailed 6-digit code or the email's one-click link, exchanged for a member token and a refresh
// token. The link opens the page with the widget (../../sign-in-link.ts): the element takes its
// ticket from the address bar and hands it here, and the member confirms before it is exchanged
// (the API's rule: opening the link uses nothing, so a mail scanner that follows it cannot spend
// it). The session lives in this object's private fields only, like an injected token: never in
// storage, a URL, an event or a log line. In the sign-in chunk (../sign-in.ts): a page that never
// signs anybody in never downloads it.
import { APIConnectionError, APIError, APITimeoutError, memberFieldRules, validateFields, type SignupClient, type FieldErrorCode, type MemberSession } from '@memberkit/sdk';

/** Why the last step did not work, as the view words it. */
export type SignInProblem =
  | FieldErrorCode
  | 'code_format'
  | 'wrong'
  | 'expired'
  | 'used'
  | 'too_many_attempts'
  | 'unknown'
  | 'rate_limited'
  | 'network'
  | 'failed'
  /** The emailed link was refused (used, expired, unknown): a code by email instead. */
  | 'link';

export interface SignInHost {
  /** The sign-in endpoints, on a client that sends no member token. */
  auth(): SignupClient['auth'];
  /** Something on screen changed: resolves once it is drawn. */
  update(): Promise<unknown>;
  /** Moves the focus to the input with this id (the member goes on typing there). */
  focus(id: string): void;
  /** A session opened (the element reloads what it knows about the member). */
  opened(): void;
  /** The page the email's link should open, when the API would accept it (see ../sign-in.ts). */
  page(): string | undefined;
}

/** Asks for a fresh member token this long before the one held expires. */
const EARLY_MS = 30_000;
/** The `invalid_sign_in` reasons the view words; any other reads as `unknown` (the code cannot be used). */
const reasons = ['wrong', 'expired', 'used', 'too_many_attempts', 'unknown'];

export class SignIn {
  /** email: asking for a code; code: the code was sent; link: the page opened by the email's link, waiting for the member's go. */
  phase: 'email' | 'code' | 'link' = 'email';
  /** The email's link was asked for with the code. */
  linked = false;
  email = '';
  code = '';
  codeLength = 6;
  problem: SignInProblem | null = null;
  attemptsLeft = 0;
  /** A new code went out after the first. */
  resent = false;
  busy = false;
  #session: MemberSession | undefined;
  #refreshing: Promise<string> | undefined;
  #ticket: string | undefined;

  constructor(private readonly host: SignInHost) {}

  /** Whether a session is open. */
  get signedIn(): boolean {
    return this.#session !== undefined;
  }

  /**
   * Ends the session opened here: its tokens are forgotten (they were in this object only; the
   * API has no way to revoke them, and the member token lapses within 15 minutes), and the next
   * sign-in starts from the email.
   */
  signOut(): void {
    this.#session = this.#refreshing = undefined;
    this.email = this.code = '';
    this.phase = 'email';
    this.problem = null;
  }

  /** The page was opened by the email's link: its ticket, exchanged when the member confirms. */
  useLink(ticket: string): void {
    this.#ticket = ticket;
    this.phase = 'link';
    this.problem = null;
  }

  /** Exchanges the link's ticket (once: a refused one leaves the email to ask for a new code). */
  async follow(): Promise<void> {
    const ticket = this.#ticket;
    if (!ticket) return this.restart();
    await this.#open({ link_token: ticket });
    this.#ticket = undefined;
    if (this.problem) {
      // The API refused the ticket itself (used, expired…): a code instead. Anything else (the
      // network, a busy API) leaves the link to be tried again.
      if (reasons.includes(this.problem)) (this.phase = 'email'), (this.problem = 'link');
      else this.#ticket = ticket;
      this.#focus(this.phase === 'link' ? 'mk-sign-in-link' : 'mk-sign-in-email');
    }
  }

  /** Back to the email (another address, or a new start). */
  restart(): void {
    this.phase = 'email';
    this.code = '';
    this.problem = null;
    this.resent = false;
    this.#focus('mk-sign-in-email');
  }

  /** Sends a code to `email` (a new one when asked again). */
  async send(again = false): Promise<void> {
    if (this.busy) return;
    const email = this.email.trim();
    const invalid = validateFields(memberFieldRules.slice(0, 1), { email }).email;
    if (invalid) return this.#refuse(invalid.code);
    await this.#run(async () => {
      const page = this.host.page();
      const sent = await this.host.auth().sendEmailCode(page ? { email, redirect_url: page } : { email });
      this.linked = Boolean(page);
      this.email = sent.email;
      this.codeLength = sent.code_length;
      this.phase = 'code';
      this.code = '';
      this.resent = again;
    });
    this.#focus(this.phase === 'code' ? 'mk-sign-in-code' : 'mk-sign-in-email');
  }

  /** Exchanges the code the member typed. */
  async verify(): Promise<void> {
    const code = this.code.replace(/\s+/g, '');
    if (!new RegExp(`^\\d{${this.codeLength}}$`).test(code)) return this.#refuse('code_format');
    await this.#open({ email: this.email, code });
    if (this.problem) this.#focus('mk-sign-in-code');
  }

  /**
   * The member token for a request; `refresh` when the API refused the one it had, or when it is
   * about to expire: the refresh token gets the next (each is used once). A refresh the API
   * refuses ends the session: the member is signed out, never stuck in an error.
   */
  token(refresh: boolean): Promise<string> {
    const session = this.#session;
    if (!session) return Promise.resolve('');
    if (!refresh && Date.parse(session.expires_at) - Date.now() > EARLY_MS) return Promise.resolve(session.token);
    return (this.#refreshing ??= this.host
      .auth()
      .createToken({ refresh_token: session.refresh_token })
      .then(
        (next) => ((this.#session = next), next.token),
        () => ((this.#session = undefined), ''),
      )
      .finally(() => (this.#refreshing = undefined)));
  }

  async #open(params: { email: string; code: string } | { link_token: string }): Promise<void> {
    await this.#run(async () => {
      this.#session = await this.host.auth().createToken(params);
      this.code = '';
      this.host.opened();
    });
  }

  #refuse(problem: SignInProblem): void {
    this.problem = problem;
    this.#focus(this.phase === 'code' ? 'mk-sign-in-code' : 'mk-sign-in-email');
  }

  #focus(id: string): void {
    void this.host.update().then(() => this.host.focus(id));
  }

  /** Runs one request: busy meanwhile (a second press does nothing), its refusal worded. */
  async #run(request: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.problem = null;
    this.host.update();
    try {
      await request();
    } catch (error) {
      this.problem = error instanceof APIConnectionError || error instanceof APITimeoutError ? 'network' : 'failed';
      if (error instanceof APIError) {
        const reason = error.problem?.reason;
        if (error.code === 'rate_limited') this.problem = 'rate_limited';
        else if (error.code === 'invalid_sign_in') {
          this.problem = (reasons.includes(reason as string) ? reason : 'unknown') as SignInProblem;
          const left = error.problem?.attempts_left;
          this.attemptsLeft = typeof left === 'number' ? left : 0;
        } else if (error.errors.some(({ field }) => field === 'email')) this.problem = 'invalid_email';
      }
    } finally {
      this.busy = false;
      this.host.update();
    }
  }
}
