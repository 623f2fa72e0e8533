// Admin (secret key): POST /member-tokens mints a short-lived token for the member the host
// site signed in itself (by email or id; a new email becomes a prospective member): the
// token-injection path for the widget.
import { MemberTokenCreateParamsSchema, MemberTokenSchema } from '@memberkit/sdk';
import { normalizeEmail } from '@memberkit/sdk/calculators';
import { createMember, memberByEmail, memberOr404 } from '../../../domain/members.js';
import { fieldError, validationFailed } from '../../../domain/problems.js';
import type { Route } from '../../context.js';
import { parseBody, trimEmails } from '../../body.js';
import { reply } from '../../reply.js';

export const memberTokenRoutes: Route[] = [
  {
    method: 'POST',
    path: '/organizations/:org/member-tokens',
    access: 'admin',
    async handle(ctx) {
      const params = parseBody(MemberTokenCreateParamsSchema, trimEmails(ctx.body, (body) => [body]));
      if ((params.email === undefined) === (params.member_id === undefined)) {
        throw validationFailed([fieldError('email', 'required', 'email', 'Give exactly one of email and member_id.')]);
      }
      const member = params.member_id !== undefined
        ? await memberOr404(ctx, params.member_id)
        : ((await memberByEmail(ctx, params.email!)) ?? (await createMember(ctx, { email: normalizeEmail(params.email!) })));
      const issued = await ctx.memberTokens.issue(ctx.organization.id, member.id, params.expires_in ?? 15 * 60);
      return reply(201, MemberTokenSchema, {
        member_id: member.id,
        token: issued.token,
        expires_at: new Date(issued.expires_at ?? ctx.now + (params.expires_in ?? 900) * 1000).toISOString(),
      });
    },
  },
];
