// POST /signups (create: validate, find or create the members, pending memberships, next action)
// and GET /signups/{id} (poll; a signup awaiting payment is settled with the processor first).
import { normalizeEmail, SignupCreateParamsSchema, SignupSchema } from '@memberkit/sdk';
import type { Read } from '../../ports/storage.js';
import { expireIfDue, findCheckout } from '../../domain/checkout.js';
import { settleCheckout } from '../../domain/payments.js';
import { advanceSignup, createSignup, signupOr404, signupView } from '../../domain/signups.js';
import type { Route } from '../context.js';
import { parseBody, trimEmails } from '../body.js';
import { problemReply, reply } from '../reply.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The people of a signup body whose emails are trimmed: the member and the group members. */
const signupPeople = (body: Record<string, unknown>): unknown[] => [
  body.member,
  ...(Array.isArray(body.group_members) ? body.group_members : []),
];

export const signupRoutes: Route[] = [
  {
    method: 'POST',
    path: '/organizations/:org/signups',
    access: 'public',
    requiresIdempotencyKey: true,
    // createSignup's first reads (the type, the caller, the member by email) and the webhook
    // endpoints its events read, from the body as sent: a body that does not parse reads them in
    // vain, and a signup that does reads nothing else than it did.
    prefetch(ctx) {
      const body = isRecord(ctx.body) ? ctx.body : {};
      const org = ctx.organization.id;
      const reads: Read[] = [{ table: 'webhook_endpoints', where: { organization_id: org } }];
      if (typeof body.membership_type_id === 'string') reads.push({ table: 'membership_types', where: { organization_id: org, id: body.membership_type_id } });
      if (ctx.callerId !== null) reads.push({ table: 'members', where: { organization_id: org, id: ctx.callerId } });
      const email = isRecord(body.member) ? body.member.email : undefined;
      if (typeof email === 'string') reads.push({ table: 'members', where: { organization_id: org, email: normalizeEmail(email) } });
      return reads;
    },
    async handle(ctx) {
      const params = parseBody(SignupCreateParamsSchema, trimEmails(ctx.body, signupPeople), { emailsLater: true });
      const created = await createSignup(ctx, params, ctx.callerId);
      const { signup, refusal } = await advanceSignup(ctx, created.signup, {
        approval: created.type.requires_approval,
        newHolders: created.newHolders,
      });
      if (refusal) return problemReply(refusal);
      return reply(201, SignupSchema, await signupView(ctx, signup, created.newHolders));
    },
  },
  {
    method: 'GET',
    path: '/organizations/:org/signups/:id',
    access: 'public',
    async handle(ctx) {
      let signup = await expireIfDue(ctx, await signupOr404(ctx, ctx.params.id!));
      // A poll after payment: the processor says whether the checkout was completed (a webhook
      // may not have arrived yet).
      const checkout = signup.status === 'awaiting_payment' && signup.checkout_id ? await findCheckout(ctx, signup.checkout_id) : undefined;
      if (checkout?.status === 'open') {
        await settleCheckout(ctx, checkout);
        signup = await signupOr404(ctx, signup.id);
      }
      return reply(200, SignupSchema, await signupView(ctx, signup));
    },
  },
];
