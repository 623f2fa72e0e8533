// Signing in inside the widget, in a chunk of its own (chunks/sign-in.js): imported when the member
// asks to sign in or when a signup needs it; the plans' critical path and the steps chunk carry
// none of it.
import { createSignupClient, isSecureUrl, type Member, type SignupClient, type SignupConfig } from '@memberkit/sdk';
import type { SignInLink } from '../sign-in-link.js';
import { nothing } from 'lit';
import { SignIn } from './controllers/sign-in.js';
import type { Catalogue } from '../i18n/catalogue.js';
import type { State } from './machine.js';
import { renderSignedIn, renderSignIn } from './views/sign-in.js';
import type { SessionController } from './controllers/session.js';

export { SignIn };

/** What the sign-in needs of the element: its public settings and its rendering. */
interface Widget {
  client: SignupClient | undefined;
  organization: string | undefined;
  signInLink: SignInLink | undefined;
  renderRoot: HTMLElement | DocumentFragment;
  updateComplete: Promise<boolean>;
  requestUpdate(): void;
}

/**
 * The page the sign-in email's link opens: the frame's host page, else this one; only an address
 * the API accepts (https or loopback http, on one of the organization's embed origins), else the
 * email carries the code alone.
 */
export function linkPage(link: SignInLink | undefined, config: SignupConfig | undefined): string | undefined {
  const page = (link?.page ?? location.href).split('#')[0]!;
  return isSecureUrl(page) && config?.organization.embed_origins.includes(new URL(page).origin) ? page : undefined;
}

/** The element's sign-in: `opened` once the member is signed in. */
export function signInFor(
  widget: Widget,
  opened: () => void,
  host: { readonly config: SignupConfig | undefined },
  session: SessionController,
): SignIn {
  return new SignIn({
    // A client of its own, without the member's token: the refresh is asked from inside the
    // element client's token function, which that client's requests wait for. Its base is the
    // session's checked one, asked at each request: an api-base refused (now or since) gets nothing.
    auth: () => (widget.client ?? createSignupClient({ baseUrl: session.base(), organization: widget.organization!, timeout: 10_000 })).auth,
    update: () => (widget.requestUpdate(), widget.updateComplete),
    focus: (id) => widget.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus(),
    opened,
    page: () => linkPage(widget.signInLink, host.config),
  });
}

/**
 * The sign-in step: the widget's sign-in, made the first time (the session keeps it, and asks it
 * for the member's token), handed the email link's ticket when the page was opened by one.
 */
export function signInScreen(
  widget: Widget,
  session: SessionController,
  host: { readonly config: SignupConfig | undefined; readonly state: State; readonly t: Catalogue },
  opened: () => void,
  back: () => void,
  ticket: string | undefined,
) {
  const signIn = (session.signIn ??= signInFor(widget, opened, host, session));
  if (ticket) signIn.useLink(ticket);
  return renderSignIn(host.t, signIn, host.state, host.config, back);
}

/**
 * Above the plans, for a member signed in inside the widget (not by the page's token, which the
 * page owns): who, and the way out (a new form, signed out).
 */
export function signedInAs(session: SessionController, t: Catalogue, member: Member | null, restart: () => void) {
  return session.signIn!.signedIn && !session.token && !session.answered && member
    ? renderSignedIn(t, member.email, () => (session.signIn!.signOut(), session.reset(), restart()))
    : nothing;
}
