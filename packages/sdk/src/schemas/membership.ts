import * as z from './zod.js';
import { AmountSchema, CountSchema, CurrencySchema, DateSchema, IdSchema, InstantSchema, openEnum } from './common.js';

/** Derived from the dates on the day asked (see the domain page). */
export const membershipStatuses = ['pending', 'declined', 'future', 'active', 'grace', 'expired', 'cancelled', 'terminated'] as const;
/** A status a client receives: one of `membershipStatuses`, or one a newer API added. */
export const MembershipStatusSchema = openEnum(membershipStatuses);

export const MembershipKindSchema = openEnum(['new', 'renewal', 'reinstated']);
export type MembershipKind = z.infer<typeof MembershipKindSchema>;

/** One member's (or company's) holding of one type; snapshots term, price and grace. */
export const MembershipSchema = z.object({
  id: IdSchema,
  member_id: z.nullable(z.string()),
  company_id: z.nullable(z.string()),
  membership_type_id: z.string(),
  membership_name: z.string(),
  kind: MembershipKindSchema,
  status: MembershipStatusSchema,
  starts_on: DateSchema,
  /** null for lifetime. */
  expires_on: z.nullable(DateSchema),
  anchor_on: DateSchema,
  grace_days: CountSchema,
  auto_renew: z.boolean(),
  cancelled_on: z.nullable(DateSchema),
  price_paid: AmountSchema,
  currency: CurrencySchema,
  permissions: z.array(z.string()),
  created_at: InstantSchema,
  /**
   * Listed for a member who holds it through their company (a company's membership, inherited
   * while they are linked to it): it counts in their status and permissions, but it is the
   * company's to renew or cancel. False for the holder's own (and absent from older APIs).
   */
  via_company: z._default(z.boolean(), false),
});
export type Membership = z.infer<typeof MembershipSchema>;

