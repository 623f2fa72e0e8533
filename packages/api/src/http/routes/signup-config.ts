// GET /signup-config: organization, types, payment settings and the prefill member in one trip.
import { SignupConfigSchema, type MembershipType } from '@memberkit/sdk';
import { normalizeEmail } from '@memberkit/sdk/calculators';
import { findInvitation, invitationProblem, usableInvitation } from '../../domain/invitations.js';
import { memberView } from '../../domain/members.js';
import { findType, listedTypes, offeredTypeOr404, typeView } from '../../domain/membership-types.js';
import { organizationView, paymentSettingsView } from '../../domain/organizations.js';
import type { MembershipTypeRecord } from '../../ports/records.js';
import type { Route } from '../context.js';
import { reply } from '../reply.js';

export const signupConfigRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/signup-config',
    access: 'public',
    async handle(ctx) {
      const types: MembershipTypeRecord[] = await listedTypes(ctx);
      const member = ctx.caller.kind === 'member' ? ctx.caller.member : null;
      const wantedType = ctx.url.searchParams.get('membership_type');
      const invitationCode = ctx.url.searchParams.get('invitation');

      // The type addressed directly (even hidden); an invite-only one needs a valid invitation.
      let addressed: MembershipTypeRecord | undefined;
      if (wantedType) addressed = await offeredTypeOr404(ctx, wantedType);
      // An invitation matters only for an invite-only type: with a type that needs none (a link
      // that carries a code for another type, say) it is ignored, as POST /signups ignores it.
      if (invitationCode && !(addressed && !addressed.invite_only)) {
        const invitation = await findInvitation(ctx, invitationCode);
        const type = addressed ?? (invitation ? await findType(ctx, invitation.membership_type_id) : undefined);
        if (!type) throw invitationProblem('invalid', 'invitation', 'This invitation code is not valid.');
        // The person's email (a signed-in member's, else `?email=` the page asks about before the
        // signup is sent): an invitation for another address is refused now, not at the last step.
        const asked = ctx.url.searchParams.get('email');
        const email = member ? normalizeEmail(member.email) : asked ? normalizeEmail(asked) : null;
        await usableInvitation(ctx, invitationCode, type, email, member?.id ?? null, 'invitation');
        addressed = type;
      } else if (addressed?.invite_only) {
        await usableInvitation(ctx, null, addressed, null, null, 'invitation');
      }
      if (addressed && !types.some((type) => type.id === addressed.id)) types.push(addressed);

      return reply(200, SignupConfigSchema, {
        organization: organizationView(ctx.organization),
        membership_types: types.map((type): MembershipType => typeView(type)),
        payment: paymentSettingsView(ctx.organization),
        member: member ? await memberView(ctx, member) : null,
        signup_requires_sign_in: ctx.organization.signup_requires_sign_in,
      });
    },
  },
];
