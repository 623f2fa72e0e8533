// Registers <membership-signup-frame> once: a page that loads the script twice keeps the first
// definition (and hears about a version mismatch) instead of throwing.
import { MembershipSignupFrameElement } from './host.js';

const TAG = 'membership-signup-frame';
const existing = customElements.get(TAG) as (CustomElementConstructor & { version?: string }) | undefined;
if (!existing) customElements.define(TAG, MembershipSignupFrameElement);
else if (existing.version !== MembershipSignupFrameElement.version) {
  console.warn(`<${TAG}> ${MembershipSignupFrameElement.version} not registered: version ${existing.version ?? 'unknown'} already is`);
}
