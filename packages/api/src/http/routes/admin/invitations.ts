// Admin (secret key): GET /invitations, POST /invitations (create), POST /invitations/{id}/revoke.
import { InvitationCreateParamsSchema, InvitationPageSchema, InvitationSchema } from '@memberkit/sdk';
import { createInvitation, invitationView, revokeInvitation } from '../../../domain/invitations.js';
import type { Route } from '../../context.js';
import { paginate, parseBody } from '../../body.js';
import { reply } from '../../reply.js';

export const invitationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/invitations',
    access: 'admin',
    async handle(ctx) {
      const invitations = await ctx.tx.find('invitations', { organization_id: ctx.organization.id });
      return reply(200, InvitationPageSchema, paginate(invitations, ctx.url, (record) => invitationView(ctx, record)));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/invitations',
    access: 'admin',
    requiresIdempotencyKey: true,
    async handle(ctx) {
      const params = parseBody(InvitationCreateParamsSchema, ctx.body);
      return reply(201, InvitationSchema, invitationView(ctx, await createInvitation(ctx, params)));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/invitations/:id/revoke',
    access: 'admin',
    handle: async (ctx) => reply(200, InvitationSchema, invitationView(ctx, await revokeInvitation(ctx, ctx.params.id!))),
  },
];
