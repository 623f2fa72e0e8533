// Signing in inside the widget, in a chunk of its own (chunks/sign-in.js): imported when the member
// asks to sign in or when a signup needs it; the plans' critical path and the steps chunk carry
// none of it.
import { createPublicClient, type PublicClient } from '@memberkit/sdk';
import { defaultApiBase } from '../api-base.js';
import { SignIn } from './controllers/sign-in.js';

export { SignIn };
export { renderSignIn } from './views/sign-in.js';

/** What the sign-in needs of the element: its public settings and its rendering. */
interface Widget {
  client: PublicClient | undefined;
  apiBase: string | undefined;
  organization: string | undefined;
  renderRoot: HTMLElement | DocumentFragment;
  updateComplete: Promise<boolean>;
  requestUpdate(): void;
}

/** The element's sign-in: `opened` once the member is signed in. */
export function signInFor(widget: Widget, opened: () => void): SignIn {
  return new SignIn({
    // A client of its own, without the member's token: the refresh is asked from inside the
    // element client's token function, which that client's requests wait for. (The element has
    // refused an api-base that is not https before anything could reach this.)
    auth: () =>
      (widget.client ?? createPublicClient({ baseUrl: (widget.apiBase || defaultApiBase()).replace(/\/+$/, ''), organization: widget.organization!, timeout: 10_000 })).auth,
    update: () => (widget.requestUpdate(), widget.updateComplete),
    focus: (id) => widget.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus(),
    opened,
  });
}
