import * as z from './zod.js';
import { CurrencySchema, IdSchema } from './common.js';

/** The seller: public facts a signup page needs. */
export const OrganizationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  currency: CurrencySchema,
  time_zone: z.string(),
  locale: z.string(),
  logo_url: z.nullable(z.string()),
  /** https only. */
  terms_url: z.nullable(z.string().check(z.regex(/^https:\/\//))),
  /** The exact origins allowed to frame the signup page. */
  embed_origins: z.array(z.string()),
});
export type Organization = z.infer<typeof OrganizationSchema>;
