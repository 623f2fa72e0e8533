// quoteOrProblem: the SDK's PricingErrors as the contract's problems (a unit of the domain that no
// endpoint reaches with every input: the endpoints count the group members themselves).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { quoteOrProblem } from '../src/domain/quotes.js';
import { Problem } from '../src/domain/problems.js';
import { demoData, seedRows } from '../src/index.js';

const rows = seedRows(demoData(), { today: () => '2026-03-01', now: Date.parse('2026-03-01T12:00:00Z') });
const organization = rows.organizations!.find((org) => org.id === 'demo')!;
const family = rows.membership_types!.find((type) => type.organization_id === 'demo' && type.id === 'family')!;
const fields = { amount: 'amount', discount: 'discount_code', group: 'group_members' };

const refusal = (run: () => unknown): Problem => {
  try {
    run();
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('expected a problem');
};

describe('quoteOrProblem', () => {
  it('a group size that is not a whole number ≥ 1 gets its own message, never “at most undefined people”', () => {
    for (const group_size of [0, 2.5]) {
      const problem = refusal(() => quoteOrProblem(organization, family, { group_size }, fields));
      assert.deepEqual([problem.status, problem.code, problem.errors!.map((e) => `${e.field}:${e.code}`)], [422, 'validation_failed', ['group_members:invalid_number']]);
      assert.doesNotMatch(problem.message, /undefined/);
    }
    const tooMany = refusal(() => quoteOrProblem(organization, family, { group_size: 6 }, fields));
    assert.equal(tooMany.message, 'A group registration is for at most 5 people.');
  });
});
