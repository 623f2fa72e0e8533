import * as z from './zod.js';
import { CurrencySchema, IdSchema } from './common.js';
import { isSecureUrl } from '../calculators/url.js';

/**
 * A link or image URL the organization set: kept when `isSecureUrl` (https, or http on loopback),
 * else read as null. An unsafe one (`javascript:`, plain http) costs the page its link or logo,
 * with a warning for the developer, never the whole signup form: the plans still show. (A check
 * that rewrites the value: zod's catch and refine would cost the widget ~300 B gzip.)
 */
const optionalSecureUrl = (name: string) =>
  z.nullable(
    z.string().check((payload: { value: string | null }) => {
      if (isSecureUrl(payload.value)) return;
      console.warn(`memberkit: organization.${name} is not https: ignored`);
      payload.value = null;
    }),
  );

/** The seller: public facts a signup page needs. */
export const OrganizationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  currency: CurrencySchema,
  time_zone: z.string(),
  locale: z.string(),
  /** https (http on loopback); an unsafe one reads as null. */
  logo_url: optionalSecureUrl('logo_url'),
  /** https (http on loopback); an unsafe one reads as null. */
  terms_url: optionalSecureUrl('terms_url'),
  /** The exact origins allowed to frame the signup page. */
  embed_origins: z.array(z.string()),
});
export type Organization = z.infer<typeof OrganizationSchema>;
