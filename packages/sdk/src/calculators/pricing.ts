/** The price quote of a signup: subtotal, discount, total, and whether a payment is needed. */
import type { DiscountTerms } from './discounts.js';
import { CalculatorError, PricingError } from './errors.js';
import { processorMinimum } from './money.js';

export interface Price {
  /** Fixed: the price. Donation: the minimum. Minor units. */
  value: number;
  currency: string;
  type: 'fixed' | 'donation';
  /** Donation ceiling, minor units. */
  maximum?: number | null | undefined;
  /** Suggested donation amounts; the first is used when the member leaves the amount empty. */
  presets?: readonly number[] | null | undefined;
}

export interface PricedType {
  id?: string | undefined;
  price: Price;
  registration_type?: 'individual' | 'group' | undefined;
  group_size_max?: number | null | undefined;
}

export interface QuoteInput {
  /** The donation amount in minor units; ignored for fixed prices. */
  amount?: number | null | undefined;
  /** A discount already accepted by `checkDiscount` (dates and redemptions are not re-checked). */
  discount?: DiscountTerms | null | undefined;
  /** People in a group registration (one price for the whole group). */
  group_size?: number | null | undefined;
}

export interface Quote {
  currency: string;
  subtotal: number;
  discount_amount: number;
  total: number;
  requires_payment: boolean;
}

/**
 * Quotes a signup of `type`. Throws `PricingError` (with `limit` where a bound was crossed) for a
 * donation that is not an integer or out of `value…maximum`, a discount on a donation or on a
 * type it is not for, an `amount_off` in another currency, a discount with both `percent_off`
 * and `amount_off` (`conflicting_discount`), a `group_size` that is not a whole number ≥ 1
 * (`invalid_group_size`), a group over `group_size_max`, and a total above 0 but under the
 * processor's minimum (`below_processor_minimum`, see `processorMinimum`). Malformed discounts
 * (neither a percent in 0–100 nor a non-negative integer amount) throw a `CalculatorError`
 * `invalid_discount`, a price in something that is not a currency code `invalid_currency`.
 */
export const quotePrice = (type: PricedType, { amount, discount, group_size: people }: QuoteInput = {}): Quote => {
  const { price } = type;
  const groupMax = type.registration_type === 'group' ? type.group_size_max : 1;
  if (people != null && !(Number.isSafeInteger(people) && people >= 1)) throw new PricingError('invalid_group_size');
  if (people != null && groupMax != null && people > groupMax) throw new PricingError('group_too_large', groupMax);

  let subtotal = price.value;
  if (price.type === 'donation') {
    // An empty amount takes the first suggestion the bounds allow (an admin may have changed the
    // minimum after the presets), else the minimum.
    const { value, maximum } = price;
    if (amount == null) subtotal = price.presets?.find((p) => Number.isSafeInteger(p) && p >= value && !(maximum != null && p > maximum)) ?? value;
    else if (!Number.isSafeInteger(amount)) throw new PricingError('amount_not_integer');
    else if (amount < value) throw new PricingError('amount_below_minimum', value);
    else if (maximum != null && amount > maximum) throw new PricingError('amount_above_maximum', maximum);
    else subtotal = amount;
  }

  let discountAmount = 0;
  if (discount) {
    const ids = discount.membership_type_ids;
    if (price.type === 'donation' || (ids?.length && !ids.includes(type.id!))) {
      throw new PricingError('discount_not_applicable');
    }
    const { percent_off: percent, amount_off: off } = discount;
    // Both set: which one the admin meant is unknowable; applying either could be wrong.
    if (percent != null && off != null) throw new PricingError('conflicting_discount');
    if (percent != null && percent > 0 && percent <= 100) {
      // Half up on integer minor units, with the percent in hundredths so 12.5 % stays exact.
      discountAmount = Math.floor((subtotal * Math.round(percent * 100) + 5000) / 10000);
    } else if (percent == null && Number.isSafeInteger(off) && off! >= 0) {
      if (discount.currency?.toUpperCase() !== price.currency.toUpperCase()) {
        throw new PricingError('discount_currency_mismatch');
      }
      discountAmount = off!;
    } else {
      throw new CalculatorError('invalid_discount', discount.code);
    }
    discountAmount = Math.min(discountAmount, subtotal);
  }

  const total = subtotal - discountAmount;
  // Only a payment needs the processor: a free signup quotes in any currency.
  const minimum = total > 0 ? processorMinimum(price.currency) : 0;
  if (total < minimum) throw new PricingError('below_processor_minimum', minimum);
  return { currency: price.currency, subtotal, discount_amount: discountAmount, total, requires_payment: total > 0 };
};

/**
 * Whether a signup opens a checkout: a total to pay, or a first term of 0 (a full discount, a
 * free first term) on a membership that renews automatically at a price. The checkout then
 * charges nothing and saves the card, so that the renewal can be charged; without it the
 * renewal would find no card.
 */
export function needsCheckout(quote: Pick<Quote, 'total'>, renewal: { auto_renew: boolean; renewal_price: number }): boolean {
  return quote.total > 0 || (renewal.auto_renew && renewal.renewal_price > 0);
}
