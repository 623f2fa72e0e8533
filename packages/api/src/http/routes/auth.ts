// Member sign-in (public, CORS-readable like every answer): POST /auth/email-codes sends a code
// and a one-click link; POST /auth/tokens exchanges a code, a link token or a refresh token for a
// member token and the next refresh token. The rules: domain/sign-in.ts.
import { EmailCodeCreateParamsSchema, EmailCodeSchema, MemberSessionSchema, TokenCreateParamsSchema } from '@memberkit/sdk';
import { exchange, sendEmailCode } from '../../domain/sign-in.js';
import type { Route } from '../context.js';
import { parseBody, trimEmails } from '../body.js';
import { problemReply, reply } from '../reply.js';

/**
 * Who is asking, for the per-client limit: the first address a proxy in front of the host names
 * (the server's own per-IP limiter covers requests without one); null: unknown.
 */
export function clientOf(request: Request): string | null {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded ? forwarded.slice(0, 100) : null;
}

export const authRoutes: Route[] = [
  {
    method: 'POST',
    path: '/organizations/:org/auth/email-codes',
    access: 'public',
    async handle(ctx) {
      const params = parseBody(EmailCodeCreateParamsSchema, trimEmails(ctx.body, (body) => [body]));
      return reply(201, EmailCodeSchema, await sendEmailCode(ctx, params, clientOf(ctx.request)));
    },
  },
  {
    method: 'POST',
    path: '/organizations/:org/auth/tokens',
    access: 'public',
    async handle(ctx) {
      const params = parseBody(TokenCreateParamsSchema, trimEmails(ctx.body, (body) => [body]));
      const outcome = await exchange(ctx, ctx.memberTokens, params);
      // A wrong code is answered after its count commits.
      if ('problem' in outcome) return problemReply(outcome.problem);
      return reply(201, MemberSessionSchema, outcome.session);
    },
  },
];
