// POST /discounts/validate: the discount, or 422 invalid_discount saying why not.
import { DiscountSchema, DiscountValidateParamsSchema } from '@memberkit/sdk';
import { Problem, fieldError } from '../problems.js';
import { parseBody, reply, type Route } from '../runtime.js';
import { quoteOrProblem, replaceableSignups, usableDiscount } from '../signup-flow.js';

export const discountRoutes: Route[] = [
  {
    method: 'POST',
    path: '/organizations/:org/discounts/validate',
    access: 'public',
    handle(context) {
      const { organization, store, today } = context;
      const params = parseBody(DiscountValidateParamsSchema, context.body);
      const type = store.membershipType(organization.organization.id, params.membership_type_id);
      if (!type) {
        throw new Problem(422, 'validation_failed', `No membership type "${params.membership_type_id}".`, {
          errors: [fieldError('membership_type_id', 'not_found', 'membership_type_id', `No membership type "${params.membership_type_id}".`)],
        });
      }
      // The answer POST /signups would give this caller: for a member, the redemptions their own
      // unpaid signups of the type reserve do not count. (An anonymous caller names no member.)
      const { caller } = context;
      const earlier = replaceableSignups(context, caller.kind === 'member' ? caller.member.id : null, type.id);
      const discount = usableDiscount(store, organization.organization.id, params.code, type, today, 'code', earlier.unpaid);
      // The price rules decide the rest (donations take no discount, currencies must match, and
      // the total must still reach the processor's minimum).
      quoteOrProblem(organization, type, { discount }, { amount: 'amount', discount: 'code', group: 'group_members' });
      return reply(200, DiscountSchema, structuredClone(discount));
    },
  },
];
