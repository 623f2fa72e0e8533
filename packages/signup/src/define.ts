// Registers <membership-signup> safely: third-party pages often load a widget twice (a CMS plugin
// and a hand-pasted tag), so an already-registered tag is left alone, with a warning when the two
// copies are different versions.
import { MembershipSignup } from './membership-signup/membership-signup.js';
import { VERSION } from './version.js';

/** Defines `tag` unless it is already defined; warns once when the existing one is another version. */
export function safeDefine(tag: string, element: CustomElementConstructor & { version?: string }): void {
  const existing = customElements.get(tag) as (CustomElementConstructor & { version?: string }) | undefined;
  if (!existing) {
    customElements.define(tag, element);
    return;
  }
  if (existing !== element && existing.version !== element.version) {
    console.warn(
      `<${tag}>: version ${String(existing.version)} is already registered on this page; version ${String(element.version)} was not registered.`,
    );
  }
}

safeDefine('membership-signup', MembershipSignup);

export { MembershipSignup, VERSION };

declare global {
  // Beside the define (not in events.ts, which every part imports: a type import of the element
  // there made the parts circle back through it).
  interface HTMLElementTagNameMap {
    'membership-signup': MembershipSignup;
  }
}
