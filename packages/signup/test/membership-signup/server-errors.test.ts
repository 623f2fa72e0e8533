// The API's validation errors land on the inputs their `field` paths name (member names, group
// members, the amount), labelled as those inputs; a group member who already holds the type is
// that person's problem, not a renewal offer for the member signing up.
import { expect, waitUntil } from '@open-wc/testing';
import type { MembershipSignup } from '../../src/index.js';
import {
  $,
  API,
  cleanup,
  fillAnnual,
  field,
  http,
  problem,
  mount,
  override,
  press,
  record,
  root,
  step,
  type,
  untilStep,
  useSandbox,
} from './helpers.js';

const SIGNUPS = `${API}/organizations/demo/signups`;

/** The API refusing the signup with these field errors. */
function refuse(status: number, code: string, errors: { field: string; code: string }[]): void {
  override(
    http.post(SIGNUPS, () =>
      problem(status, code, { errors: errors.map((error) => ({ ...error, message: 'no' })) }),
    ),
  );
}

async function submitAndReturn(el: MembershipSignup): Promise<string> {
  await press(el, 'Continue');
  await untilStep(el, 'review');
  await press(el, 'Confirm and pay');
  await waitUntil(() => step(el) !== 'review', 'still on the review', { timeout: 10_000 });
  await el.updateComplete;
  return step(el)!;
}

const summary = (el: MembershipSignup) => ($(el, '[part="error-summary"]')?.textContent ?? '').replace(/\s+/g, ' ');

describe('<membership-signup> server errors', function () {
  this.timeout(20_000);
  beforeEach(() => useSandbox());
  afterEach(cleanup);

  it('shows errors on the member\'s names on those inputs', async () => {
    const el = await mount({ 'membership-type': 'annual' });
    await fillAnnual(el);
    refuse(422, 'validation_failed', [
      { field: 'member.first_name', code: 'too_long' },
      { field: 'member.last_name', code: 'required' },
    ]);
    expect(await submitAndReturn(el)).to.equal('details');
    expect(field(el, 'First name').getAttribute('aria-invalid')).to.equal('true');
    expect(field(el, 'Last name').getAttribute('aria-invalid')).to.equal('true');
    expect(summary(el)).to.contain('First name: Use at most 100 characters.').and.contain('Last name: This field is required.');
    // Editing the input clears the server's complaint about it.
    await type(el, 'Last name', 'Newer');
    expect(field(el, 'Last name').getAttribute('aria-invalid')).to.equal('false');
  });

  it('a language switched after the errors are shown rewords them (the API\'s codes, not its English)', async () => {
    const el = await mount({ 'membership-type': 'annual' });
    await fillAnnual(el);
    refuse(422, 'validation_failed', [
      { field: 'member.first_name', code: 'too_long' },
      { field: 'fields.display_name', code: 'pattern_mismatch' },
    ]);
    expect(await submitAndReturn(el)).to.equal('details');
    expect(summary(el)).to.contain('Use at most 100 characters.');
    el.locale = 'fr';
    await waitUntil(() => summary(el).includes('Prénom'), `not reworded: ${summary(el)}`, { timeout: 5000 });
    expect(summary(el)).to.contain("Saisissez au plus 100 caractères.");
    expect(summary(el)).not.to.contain('Use at most');
    expect(summary(el), 'the organization\'s own words stay as written').to.contain('Use letters, digits, spaces, dots, dashes and underscores.');
  });

  it('labels a server error on the amount "Amount", on the amount input', async () => {
    const el = await mount({ 'membership-type': 'supporter' });
    await type(el, 'Email', 'dora@example.org');
    await type(el, 'First name', 'Dora');
    await type(el, 'Last name', 'Donor');
    await type(el, 'Amount', '50');
    refuse(422, 'amount_out_of_range', [{ field: 'amount', code: 'amount_out_of_range' }]);
    expect(await submitAndReturn(el)).to.equal('details');
    expect(summary(el)).to.contain('Amount: The amount is outside the allowed range.');
    expect(summary(el)).not.to.contain('Email:');
    expect(field(el, 'Amount').getAttribute('aria-invalid')).to.equal('true');
  });

  async function family(): Promise<MembershipSignup> {
    const el = await mount({ 'membership-type': 'family' });
    await type(el, 'Email', 'parent@example.org');
    await type(el, 'First name', 'Pat');
    await type(el, 'Last name', 'Parent');
    await type(el, 'Household name', 'The Parents');
    await press(el, 'Add a group member');
    const email = root(el).querySelector<HTMLInputElement>('#mk-group-0-email')!;
    email.value = 'kid@example.org';
    email.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    return el;
  }

  it('shows a group member\'s server error on that group member\'s input', async () => {
    const el = await family();
    refuse(422, 'validation_failed', [{ field: 'group_members.0.first_name', code: 'too_long' }]);
    expect(await submitAndReturn(el)).to.equal('details');
    expect($(el, '#mk-group-0-first_name')!.getAttribute('aria-invalid')).to.equal('true');
    expect(summary(el)).to.contain('Group member 1 – First name');
  });

  it('a group member who already holds the type is shown on their email, with no renewal offer', async () => {
    const el = await family();
    const errors = record(el, 'membership-signup-error');
    refuse(409, 'already_member', [{ field: 'group_members.0.email', code: 'already_member' }]);
    expect(await submitAndReturn(el)).to.equal('details');
    expect($(el, '#mk-group-0-email')!.getAttribute('aria-invalid')).to.equal('true');
    expect(summary(el)).to.contain('Group member 1 – Email: This person already holds this membership.');
    expect(errors['membership-signup-error']![0]!.detail.code).to.equal('already_member');
  });
});
