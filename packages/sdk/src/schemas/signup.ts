import { z } from './zod.js';
import { AmountSchema, CurrencySchema, FieldValuesSchema, IdSchema } from './common.js';
import { MemberSchema } from './member.js';
import { MembershipSchema } from './membership.js';

export const SignupStatusSchema = z.enum([
  'pending',
  'awaiting_payment',
  'awaiting_approval',
  'completed',
  'failed',
]);
export type SignupStatus = z.infer<typeof SignupStatusSchema>;

/** The server's amounts (the client's quote is only a preview that must match). */
export const SignupQuoteSchema = z.object({
  currency: CurrencySchema,
  subtotal: AmountSchema,
  discount_amount: AmountSchema,
  total: AmountSchema,
});
export type SignupQuote = z.infer<typeof SignupQuoteSchema>;

const stripe = z.literal('stripe');
/** What the member does next: nothing, wait for approval, or pay (embedded or hosted Stripe page). */
export const NextActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('approval') }),
  z.discriminatedUnion('ui_mode', [
    z.object({
      type: z.literal('payment'),
      provider: stripe,
      ui_mode: z.literal('embedded_page'),
      client_secret: z.string(),
    }),
    z.object({
      type: z.literal('payment'),
      provider: stripe,
      ui_mode: z.literal('hosted_page'),
      url: z.string(),
    }),
  ]),
]);
export type NextAction = z.infer<typeof NextActionSchema>;

export const SignupSchema = z.object({
  id: IdSchema,
  status: SignupStatusSchema,
  member: MemberSchema,
  membership: MembershipSchema,
  quote: SignupQuoteSchema,
  next_action: NextActionSchema,
});
export type Signup = z.infer<typeof SignupSchema>;

const name = z.nullish(z.string());

/** `POST /signups` (always with an `Idempotency-Key`). */
export const SignupCreateParamsSchema = z.object({
  membership_type_id: IdSchema,
  member: z.object({ email: z.email(), first_name: z.string(), last_name: z.string() }),
  fields: FieldValuesSchema,
  /** Donation types: the member's amount in minor units. */
  amount: z.nullish(AmountSchema),
  discount_code: z.nullish(z.string()),
  /** Only meaningful when the type's `recurring` is null. */
  auto_renew: z.nullish(z.boolean()),
  group_members: z.nullish(z.array(z.object({ email: z.email(), first_name: name, last_name: name }))),
  invitation_code: z.nullish(z.string()),
});
export type SignupCreateParams = z.infer<typeof SignupCreateParamsSchema>;
