// Quotes: the SDK's `quotePrice` decides subtotal, discount, total, donation bounds, processor
// minimum and group size; this file turns its refusals into the contract's problems.
import type { Discount, MembershipType } from '@memberkit/sdk';
import { PricingError, formatMoney, quotePrice, type Quote } from '@memberkit/sdk/calculators';
import type { OrganizationRecord } from '../ports/records.js';
import { invalidDiscount } from './discounts.js';
import { Problem, fieldError } from './problems.js';

/** The request fields a quote's problems name. */
export interface QuoteFields {
  amount: string;
  discount: string;
  group: string;
}

export const signupQuoteFields: QuoteFields = { amount: 'amount', discount: 'discount_code', group: 'group_members' };

/** quotePrice, with its PricingErrors turned into the contract's problems. */
export function quoteOrProblem(
  organization: OrganizationRecord,
  type: MembershipType,
  input: { amount?: number | null; discount?: Discount | null; group_size?: number | null },
  fields: QuoteFields,
): Quote {
  // quotePrice ignores an amount on a fixed price; the API refuses it so a client that sends one
  // (and perhaps shows it) learns the price is not theirs to choose.
  if (input.amount != null && type.price.type !== 'donation') {
    throw new Problem(422, 'validation_failed', 'This membership has a fixed price: leave the amount out.', {
      errors: [fieldError(fields.amount, 'not_allowed', 'The amount', 'This membership has a fixed price: leave the amount out.')],
    });
  }
  try {
    return quotePrice(type, input);
  } catch (error) {
    if (!(error instanceof PricingError)) throw error;
    const money = (minor: number | undefined) => (minor === undefined ? '' : formatMoney(minor, type.price.currency, organization.locale));
    switch (error.code) {
      case 'amount_not_integer':
        throw new Problem(422, 'validation_failed', 'The amount must be a whole number of minor units.', {
          errors: [fieldError(fields.amount, 'invalid_number', 'The amount')],
        });
      case 'amount_below_minimum':
      case 'amount_above_maximum': {
        const low = error.code === 'amount_below_minimum';
        const message = low ? `The amount must be at least ${money(error.limit)}.` : `The amount must be at most ${money(error.limit)}.`;
        throw new Problem(422, 'amount_out_of_range', message, {
          errors: [fieldError(fields.amount, low ? 'too_small' : 'too_large', 'The amount', message)],
          extensions: { limit: error.limit },
        });
      }
      case 'discount_not_applicable':
        throw invalidDiscount('not_for_this_type', fields.discount);
      case 'discount_currency_mismatch':
        throw invalidDiscount('currency_mismatch', fields.discount);
      case 'below_processor_minimum': {
        const message = `Payments below ${money(error.limit)} cannot be processed; this total is too small to charge.`;
        throw new Problem(422, 'below_processor_minimum', message, {
          errors: [fieldError(input.discount ? fields.discount : fields.amount, 'below_processor_minimum', 'The total', message)],
          extensions: { minimum: error.limit },
        });
      }
      case 'conflicting_discount':
        // The organization's discount has both a percent and an amount: it cannot be applied.
        throw invalidDiscount('conflicting_discount', fields.discount);
      case 'group_too_large': {
        const message = type.registration_type === 'group'
          ? `A group registration is for at most ${error.limit} people.`
          : 'This membership is for one person: it takes no group members.';
        throw new Problem(422, 'validation_failed', message, {
          errors: [fieldError(fields.group, 'too_large', 'The group', message)],
        });
      }
      case 'invalid_group_size': {
        // Not sent by the API's own endpoints (they count the group members), but a caller of
        // this function gets a message of its own rather than the too-large one.
        const message = 'The group size must be a whole number of people, at least 1.';
        throw new Problem(422, 'validation_failed', message, {
          errors: [fieldError(fields.group, 'invalid_number', 'The group', message)],
        });
      }
    }
    // No default: every PricingErrorCode is handled above, and TypeScript refuses to compile
    // this function (no return at its end) when one is added without a case.
  }
}
