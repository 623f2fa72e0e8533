import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  blockingMembershipUnder,
  blocksNewMembership,
  CalculatorError,
  defaultMembershipPolicy,
  effectivePermissions,
  resolveAutoRenew,
  type ExistingMembership,
  type HeldMembership,
  type PermissionSource,
} from '../../src/calculators/index.js';

const on = '2025-06-01';
const held = (id: string, permissions: string[], dates: Partial<PermissionSource> = {}): PermissionSource => ({
  id,
  permissions,
  state: 'confirmed',
  starts_on: '2025-01-01',
  expires_on: '2026-01-01',
  grace_days: 14,
  cancelled_on: null,
  ...dates,
});

describe('effective permissions: the union over memberships that grant access, own and inherited from the company', () => {
  it('unites an active, a cancelled-in-term and an in-grace membership; each permission once, sorted', () => {
    const result = effectivePermissions(
      {
        own: [
          held('ms_active', ['newsletter', 'member-area']),
          held('ms_cancelled', ['events'], { cancelled_on: '2025-05-01' }),
          held('ms_grace', ['member-area', 'archive'], { starts_on: '2024-05-01', expires_on: '2025-05-25' }),
        ],
      },
      on,
    );
    assert.deepEqual(result, {
      permissions: ['archive', 'events', 'member-area', 'newsletter'],
      granted_by: [
        { membership_id: 'ms_active', via_company: false },
        { membership_id: 'ms_cancelled', via_company: false },
        { membership_id: 'ms_grace', via_company: false },
      ],
    });
  });

  it('pending, declined, future, expired and terminated memberships grant nothing', () => {
    const result = effectivePermissions(
      {
        own: [
          held('ms_pending', ['a'], { state: 'pending' }),
          held('ms_declined', ['b'], { state: 'declined' }),
          held('ms_future', ['c'], { starts_on: '2025-07-01' }),
          held('ms_expired', ['d'], { starts_on: '2024-01-01', expires_on: '2025-01-01' }),
          held('ms_terminated', ['e'], { state: 'terminated' }),
        ],
      },
      on,
    );
    assert.deepEqual(result, { permissions: [], granted_by: [] });
  });

  it("a member linked to a company inherits its active memberships' permissions, marked via_company", () => {
    const result = effectivePermissions(
      {
        own: [held('ms_own', ['member-area'])],
        company: [held('ms_corp', ['member-area', 'corporate-directory']), held('ms_corp_old', ['x'], { expires_on: '2025-02-01' })],
      },
      on,
    );
    assert.deepEqual(result, {
      permissions: ['corporate-directory', 'member-area'],
      granted_by: [
        { membership_id: 'ms_own', via_company: false },
        { membership_id: 'ms_corp', via_company: true },
      ],
    });
  });

  it('unlinked (no company memberships passed): the inherited permissions are gone at once', () => {
    assert.deepEqual(effectivePermissions({ own: [], company: null }, on), { permissions: [], granted_by: [] });
  });

  it('is decided on the day asked: the same membership grants on 2025-12-31 and not on 2026-01-15 (after 14 days of grace)', () => {
    const own = [held('ms', ['member-area'])];
    assert.deepEqual(effectivePermissions({ own }, '2025-12-31').permissions, ['member-area']);
    assert.deepEqual(effectivePermissions({ own }, '2026-01-14').permissions, ['member-area']);
    assert.deepEqual(effectivePermissions({ own }, '2026-01-15').permissions, []);
  });
});

describe('auto-renewal at signup: recurring true/false is fixed, null is the member’s choice', () => {
  it('recurring: true always renews, whether the member says true or nothing', () => {
    assert.equal(resolveAutoRenew({ recurring: true }, true), true);
    assert.equal(resolveAutoRenew({ recurring: true }, undefined), true);
    assert.equal(resolveAutoRenew({ recurring: true }, null), true);
  });

  it('recurring: false never renews', () => {
    assert.equal(resolveAutoRenew({ recurring: false }, false), false);
    assert.equal(resolveAutoRenew({ recurring: false }, null), false);
  });

  it('asking for the opposite of a fixed recurring is refused with invalid_option', () => {
    for (const recurring of [true, false]) {
      assert.throws(
        () => resolveAutoRenew({ recurring }, !recurring),
        (error) => error instanceof CalculatorError && error.code === 'invalid_option',
      );
    }
  });

  it('recurring: null: the member’s answer, and no answer means no auto-renewal', () => {
    assert.equal(resolveAutoRenew({ recurring: null }, true), true);
    assert.equal(resolveAutoRenew({ recurring: null }, false), false);
    assert.equal(resolveAutoRenew({ recurring: null }, undefined), false);
  });

  it('recurring: null with no answer on a renewal keeps the membership’s current setting', () => {
    assert.equal(resolveAutoRenew({ recurring: null }, null, true), true);
    assert.equal(resolveAutoRenew({ recurring: null }, false, true), false);
  });
});

describe('one running membership per member and type: a pending application blocks, an unpaid checkout does not', () => {
  const existing = (dates: Partial<ExistingMembership>): ExistingMembership => ({
    state: 'confirmed',
    starts_on: '2025-01-01',
    expires_on: '2026-01-01',
    grace_days: 14,
    cancelled_on: null,
    ...dates,
  });

  it('an active, cancelled-in-term, in-grace or not-yet-started membership blocks (the member renews instead)', () => {
    assert.equal(blocksNewMembership(existing({}), on), true);
    assert.equal(blocksNewMembership(existing({ cancelled_on: '2025-05-01' }), on), true);
    assert.equal(blocksNewMembership(existing({}), '2026-01-10'), true);
    assert.equal(blocksNewMembership(existing({ starts_on: '2025-09-01' }), on), true);
  });

  it('an application blocks, waiting for approval or approved and waiting for payment; an unpaid checkout does not', () => {
    assert.equal(blocksNewMembership(existing({ state: 'pending', application: 'awaiting_approval' }), on), true);
    assert.equal(blocksNewMembership(existing({ state: 'pending', application: 'approved' }), on), true);
    assert.equal(blocksNewMembership(existing({ state: 'pending', application: null }), on), false);
    assert.equal(blocksNewMembership(existing({ state: 'pending' }), on), false);
  });

  it('declined, expired (past 14 days of grace: 2026-01-15) and terminated memberships do not block', () => {
    assert.equal(blocksNewMembership(existing({ state: 'declined', application: 'awaiting_approval' }), on), false);
    assert.equal(blocksNewMembership(existing({}), '2026-01-15'), false);
    assert.equal(blocksNewMembership(existing({ state: 'terminated' }), on), false);
    assert.equal(blocksNewMembership(existing({ cancelled_on: '2025-05-01' }), '2026-01-15'), false);
  });
});

describe('the membership policy: one running membership per organization (default), per type, or unlimited', () => {
  const held = (type: string, dates: Partial<ExistingMembership> = {}): HeldMembership => ({
    membership_type_id: type,
    state: 'confirmed',
    starts_on: '2025-01-01',
    expires_on: '2026-01-01',
    grace_days: 14,
    cancelled_on: null,
    ...dates,
  });
  const annual = held('annual');
  const monthlyApplication = held('monthly', { state: 'pending', application: 'awaiting_approval' });

  it('one_per_organization (the default): a running membership of any type blocks, and is the one named', () => {
    assert.equal(defaultMembershipPolicy, 'one_per_organization');
    assert.equal(blockingMembershipUnder('one_per_organization', [annual], 'monthly', on), annual);
    assert.equal(blockingMembershipUnder('one_per_organization', [monthlyApplication], 'annual', on), monthlyApplication);
    assert.equal(blockingMembershipUnder('one_per_organization', [held('annual', { state: 'terminated' })], 'monthly', on), undefined);
  });

  it('one_per_organization: the free default membership does not stand in the way of another type, but of itself', () => {
    const friend = held('free');
    assert.equal(blockingMembershipUnder('one_per_organization', [friend], 'annual', on, 'free'), undefined);
    assert.equal(blockingMembershipUnder('one_per_organization', [friend], 'free', on, 'free'), friend);
    assert.equal(blockingMembershipUnder('one_per_organization', [friend, annual], 'monthly', on, 'free'), annual);
    assert.equal(blockingMembershipUnder('one_per_organization', [annual], 'free', on, 'free'), annual);
  });

  it('one_per_type: only a running membership (or application) of the same type blocks', () => {
    assert.equal(blockingMembershipUnder('one_per_type', [annual], 'monthly', on), undefined);
    assert.equal(blockingMembershipUnder('one_per_type', [annual], 'annual', on), annual);
    assert.equal(blockingMembershipUnder('one_per_type', [monthlyApplication], 'monthly', on), monthlyApplication);
  });

  it('unlimited: running memberships never block, even of the same type; an application still waiting does for its type', () => {
    assert.equal(blockingMembershipUnder('unlimited', [annual], 'annual', on), undefined);
    assert.equal(blockingMembershipUnder('unlimited', [monthlyApplication], 'monthly', on), monthlyApplication);
    assert.equal(blockingMembershipUnder('unlimited', [monthlyApplication], 'annual', on), undefined);
  });
});
