// Context keys the root element provides to its parts (and that tests or host-side extensions can
// provide fakes for): the SDK client, the signup configuration and the signed-in member.
import { createContext } from '@lit/context';
import type { Member, SignupClient, SignupConfig } from '@memberkit/sdk';

/** The SDK client the element talks to the API through. */
export const clientContext = createContext<SignupClient | undefined>(Symbol.for('memberkit.client'));

/** The organization's signup configuration (one round trip: organization, plans, payment). */
export const configContext = createContext<SignupConfig | undefined>(Symbol.for('memberkit.config'));

/** The member known from the member token, to prefill and skip retyping (null when anonymous). */
export const memberContext = createContext<Member | null>(Symbol.for('memberkit.member'));
