/**
 * `@memberkit/signup/frame`: the host-side script of the iframe mode. Importing it registers
 * `<membership-signup-frame>`; it is built alone as `membership-signup-frame.js` (≤ 3 kB gzip).
 * @module @memberkit/signup/frame
 */
import './define.js';

export { MembershipSignupFrameElement, FRAME_SANDBOX } from './host.js';
export { EVENT_NAMES, MAX_HEIGHT, type FrameEventName } from './protocol.js';
// Types only (no bytes): the widget's events, which this element re-dispatches with the same details.
export type { MembershipSignupEvent, MembershipSignupEventDetails, MembershipSignupEventName } from '../events.js';
// Types only: <membership-signup-frame> in JSX (React 19, Preact) and in Vue render functions.
export type { MembershipSignupFrameProps, MembershipSignupFrameAttributes, MembershipSignupFrameVueProps } from '../jsx.js';
