import * as z from './zod.js';
import { AmountSchema, CurrencySchema, IdSchema, openEnum } from './common.js';
import { MemberSchema } from './member.js';
import { MembershipSchema } from './membership.js';
import { isSecureUrl } from '../calculators/url.js';

export const SignupStatusSchema = openEnum([
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
/** The hosted checkout page the member is sent to: `isSecureUrl`, never `javascript:`. */
const HostedPageUrlSchema = z.string().check((payload) => {
  if (!isSecureUrl(payload.value)) payload.issues.push({ code: 'custom', message: 'not https', input: payload.value });
});
/** What the member does next: nothing, wait for approval, or pay (embedded or hosted Stripe page). */
// A plain union (a discriminated one costs half a kilobyte more in the widget).
export const NextActionSchema = z.union([
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('approval') }),
  z.object({ type: z.literal('payment'), provider: stripe, ui_mode: z.literal('embedded_page'), client_secret: z.string() }),
  z.object({ type: z.literal('payment'), provider: stripe, ui_mode: z.literal('hosted_page'), url: HostedPageUrlSchema }),
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

