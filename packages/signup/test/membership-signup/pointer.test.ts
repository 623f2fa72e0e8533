// Real pointer clicks (the browser's own mouse events, not `button.click()`): leaving an empty
// field by clicking a button below it must not move that button between the press and the
// release, or the click is lost and the member's action silently does nothing.
import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { $, button, cleanup, field, mount, root, type, useSandbox } from './helpers.js';
import type { MembershipSignup } from '../../src/index.js';

/** Focuses `input` as the member did, then clicks `target` with the mouse where it was drawn
 * before the blur (press, the page reacts, release at the same spot). */
async function clickAwayFrom(el: MembershipSignup, input: HTMLElement, target: HTMLElement): Promise<void> {
  target.scrollIntoView({ block: 'nearest' }); // (a scrolled page's scroll anchoring would hide the shift)
  input.focus({ preventScroll: true });
  await el.updateComplete;
  expect(root(el).activeElement, 'the field has the focus').to.equal(input);
  const box = target.getBoundingClientRect();
  const position: [number, number] = [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
  await sendMouse({ type: 'move', position });
  await sendMouse({ type: 'down' });
  await el.updateComplete; // the blur has run and any re-render is laid out before the release
  await new Promise(requestAnimationFrame);
  await sendMouse({ type: 'up' });
  await el.updateComplete;
}

describe('<membership-signup> pointer clicks after leaving a field', function () {
  this.timeout(20_000);
  beforeEach(() => useSandbox());
  afterEach(async () => {
    await resetMouse();
    cleanup();
  });

  it('adds a group member when the member leaves an empty email for "Add a group member"', async () => {
    const el = await mount({ 'membership-type': 'family' });
    button(el, 'Add a group member').click();
    await el.updateComplete;
    const firstEmail = root(el).getElementById('mk-group-0-email')!;
    await clickAwayFrom(el, firstEmail, button(el, 'Add a group member'));
    await waitUntil(() => root(el).getElementById('mk-group-1-email'), 'the click on "Add a group member" was lost', { timeout: 2000 });
    // The empty field's message still comes, once the click has done its work.
    await waitUntil(() => firstEmail.getAttribute('aria-invalid') === 'true', 'the left field never showed its error', {
      timeout: 2000,
    });
    const message = root(el).getElementById(firstEmail.getAttribute('aria-describedby')!);
    expect(message!.textContent).to.contain('required');
  });

  it('shows the error summary when the member leaves an empty field for "Continue"', async () => {
    const el = await mount({ 'membership-type': 'free' });
    await type(el, 'Email', 'nora@example.org');
    await clickAwayFrom(el, field(el, 'Last name'), button(el, 'Continue'));
    await waitUntil(() => $(el, '[part="error-summary"]'), 'the click on "Continue" was lost', { timeout: 2000 });
    const summary = $(el, '[part="error-summary"]')!;
    expect(root(el).activeElement).to.equal(summary);
    expect(summary.textContent).to.contain('Last name');
    expect(field(el, 'Last name').getAttribute('aria-invalid')).to.equal('true');
  });

  it('still shows an error at once when the member tabs away from an empty field', async () => {
    const el = await mount({ 'membership-type': 'annual' });
    const email = field(el, 'Email');
    email.focus();
    email.blur();
    await el.updateComplete;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
  });
});
