// POST /discounts/validate: the discount, or 422 invalid_discount saying why not.
import { DiscountSchema, DiscountValidateParamsSchema } from '@memberkit/sdk';
import { discountView, usableDiscount } from '../../domain/discounts.js';
import { requestedType } from '../../domain/membership-types.js';
import { quoteOrProblem } from '../../domain/quotes.js';
import { replaceableSignups } from '../../domain/signups.js';
import type { Route } from '../context.js';
import { parseBody } from '../body.js';
import { reply } from '../reply.js';

export const discountRoutes: Route[] = [
  {
    method: 'POST',
    path: '/organizations/:org/discounts/validate',
    access: 'public',
    async handle(ctx) {
      const params = parseBody(DiscountValidateParamsSchema, ctx.body);
      const type = await requestedType(ctx, params.membership_type_id);
      // The answer POST /signups would give this caller: for a member, the redemptions their own
      // unpaid signups of the type reserve do not count. (An anonymous caller names no member.)
      const earlier = await replaceableSignups(ctx, ctx.callerId, type.id, ctx.callerId);
      const discount = await usableDiscount(ctx, params.code, type, 'code', earlier.unpaid);
      // The price rules decide the rest (donations take no discount, currencies must match, and
      // the total must still reach the processor's minimum).
      quoteOrProblem(ctx.organization, type, { discount }, { amount: 'amount', discount: 'code', group: 'group_members' });
      return reply(200, DiscountSchema, discountView(discount));
    },
  },
];
