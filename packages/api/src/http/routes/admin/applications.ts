// Admin (secret key): GET /applications (the open ones: awaiting approval, or approved and
// unpaid), GET /applications/{id}, POST /applications/{id}/approve and …/decline. The same
// actions as POST /memberships/{id}/approve and …/decline, keyed by the application (its signup).
import { ApplicationPageSchema, ApplicationSchema } from '@memberkit/sdk';
import {
  applicationOr404,
  applicationView,
  applicationViews,
  approveApplication,
  closeApplication,
  openApplications,
} from '../../../domain/applications.js';
import { Problem, fieldError } from '../../../domain/problems.js';
import type { Route, RouteContext } from '../../context.js';
import { paginate } from '../../body.js';
import { problemReply, reply } from '../../reply.js';

/** The application again, as the action left it. */
async function freshView(ctx: RouteContext) {
  const { signup, membership } = await applicationOr404(ctx, ctx.params.id!);
  const member = await ctx.tx.findOne('members', { organization_id: ctx.organization.id, id: signup.member_id });
  return applicationView(signup, membership, member);
}

export const applicationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/applications',
    access: 'admin',
    async handle(ctx) {
      const status = ctx.url.searchParams.get('status');
      if (status !== null && status !== 'awaiting_approval' && status !== 'approved') {
        throw new Problem(422, 'validation_failed', `Unknown status "${status}": awaiting_approval or approved.`, {
          errors: [fieldError('status', 'invalid_option', 'status')],
        });
      }
      const signups = await openApplications(ctx, status ?? undefined);
      const views = await applicationViews(ctx, signups);
      return reply(200, ApplicationPageSchema, paginate(views, ctx.url, (view) => view));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:org/applications/:id',
    access: 'admin',
    handle: async (ctx) => reply(200, ApplicationSchema, await freshView(ctx)),
  },
  {
    method: 'POST',
    path: '/organizations/:org/applications/:id/approve',
    access: 'admin',
    async handle(ctx) {
      const { membership } = await applicationOr404(ctx, ctx.params.id!);
      const refusal = await approveApplication(ctx, membership);
      if (refusal) return problemReply(refusal);
      return reply(200, ApplicationSchema, await freshView(ctx));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/applications/:id/decline',
    access: 'admin',
    async handle(ctx) {
      const { membership } = await applicationOr404(ctx, ctx.params.id!);
      if (!(await closeApplication(ctx, membership, { declined: true }))) {
        throw new Problem(409, 'not_an_application', `Application ${ctx.params.id!} is not open (waiting for approval or for payment).`);
      }
      return reply(200, ApplicationSchema, await freshView(ctx));
    },
  },
];
