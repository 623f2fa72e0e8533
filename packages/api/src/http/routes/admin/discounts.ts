// Admin (secret key): GET /discounts (with redemptions), GET /discounts/{id}, POST /discounts
// (create), POST /discounts/{id} (update), POST /discounts/{id}/deactivate.
import { AdminDiscountPageSchema, AdminDiscountSchema, DiscountCreateParamsSchema, DiscountUpdateParamsSchema } from '@memberkit/sdk';
import { adminDiscountView, createDiscount, deactivateDiscount, discountOr404, updateDiscount } from '../../../domain/discount-admin.js';
import type { Route } from '../../context.js';
import { paginateAsync, parseBody } from '../../body.js';
import { reply } from '../../reply.js';

export const discountAdminRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/discounts',
    access: 'admin',
    async handle(ctx) {
      const discounts = await ctx.tx.find('discounts', { organization_id: ctx.organization.id });
      return reply(200, AdminDiscountPageSchema, await paginateAsync(discounts, ctx.url, (record) => adminDiscountView(ctx, record)));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:org/discounts/:id',
    access: 'admin',
    handle: async (ctx) => reply(200, AdminDiscountSchema, await adminDiscountView(ctx, await discountOr404(ctx, ctx.params.id!))),
  },
  {
    method: 'POST',
    path: '/organizations/:org/discounts',
    access: 'admin',
    requiresIdempotencyKey: true,
    async handle(ctx) {
      const params = parseBody(DiscountCreateParamsSchema, ctx.body);
      return reply(201, AdminDiscountSchema, await adminDiscountView(ctx, await createDiscount(ctx, params)));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/discounts/:id',
    access: 'admin',
    async handle(ctx) {
      const params = parseBody(DiscountUpdateParamsSchema, ctx.body);
      return reply(200, AdminDiscountSchema, await adminDiscountView(ctx, await updateDiscount(ctx, ctx.params.id!, params)));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/discounts/:id/deactivate',
    access: 'admin',
    handle: async (ctx) => reply(200, AdminDiscountSchema, await adminDiscountView(ctx, await deactivateDiscount(ctx, ctx.params.id!))),
  },
];
