// GET /signup-config: organization, types, payment settings and the prefill member in one trip.
import { SignupConfigSchema, type MembershipType } from '@memberkit/sdk';
import { normalizeEmail } from '@memberkit/sdk/calculators';
import { Problem } from '../problems.js';
import { reply, type Route } from '../runtime.js';
import { usableInvitation } from '../signup-flow.js';
import { memberView } from '../views.js';
import { listedTypes, typeOr404 } from './membership-types.js';

export const signupConfigRoutes: Route[] = [
  {
    method: 'GET',
    path: '/organizations/:org/signup-config',
    access: 'public',
    handle(context) {
      const { organization, store, today, caller, url } = context;
      const orgId = organization.organization.id;
      const types: MembershipType[] = listedTypes(context);
      const member = caller.kind === 'member' ? caller.member : null;
      const wantedType = url.searchParams.get('membership_type');
      const invitationCode = url.searchParams.get('invitation');

      // The type addressed directly (even hidden); an invite-only one needs a valid invitation.
      let addressed: MembershipType | undefined;
      if (wantedType) addressed = typeOr404(context, wantedType);
      // An invitation matters only for an invite-only type: with a type that needs none (a link
      // that carries a code for another type, say) it is ignored, as POST /signups ignores it.
      if (invitationCode && !(addressed && !addressed.invite_only)) {
        const invitation = store.invitation(orgId, invitationCode);
        const type = addressed ?? (invitation ? store.membershipType(orgId, invitation.membership_type_id) : undefined);
        if (!type) {
          throw new Problem(422, 'invitation_required', 'This invitation code is not valid.', {
            errors: [{ field: 'invitation', code: 'invalid', message: 'This invitation code is not valid.' }],
            extensions: { reason: 'invalid' },
          });
        }
        usableInvitation(store, orgId, invitationCode, type, member ? normalizeEmail(member.email) : null, member?.id ?? null, today, 'invitation');
        addressed = type;
      } else if (addressed?.invite_only) {
        usableInvitation(store, orgId, null, addressed, null, null, today, 'invitation');
      }
      if (addressed && !types.some((type) => type.id === addressed.id)) types.push(addressed);

      return reply(200, SignupConfigSchema, {
        organization: structuredClone(organization.organization),
        membership_types: structuredClone(types),
        payment: organization.payment ? { ...organization.payment } : null,
        member: member ? memberView(store, member, today) : null,
      });
    },
  },
];
