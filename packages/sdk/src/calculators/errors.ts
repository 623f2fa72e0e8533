/** Every way a calculator can refuse its input; `code` is stable, the message is for developers. */
export type CalculatorErrorCode =
  | 'invalid_date'
  | 'invalid_time_zone'
  | 'invalid_locale'
  | 'invalid_count'
  | 'invalid_interval'
  | 'invalid_duration'
  | 'invalid_grace_days'
  | 'invalid_cycle_interval'
  | 'invalid_cycle_day'
  | 'invalid_cycle_month'
  | 'invalid_buffer_days'
  | 'renewal_not_open'
  | 'invalid_currency'
  | 'invalid_amount'
  | 'too_many_decimals'
  | 'invalid_discount'
  /** A choice the type does not offer (`auto_renew` against a fixed `recurring`). */
  | 'invalid_option'
  | PricingErrorCode;

/** Why a price cannot be quoted; the API answers with the same codes. */
export type PricingErrorCode =
  | 'amount_not_integer'
  | 'amount_below_minimum'
  | 'amount_above_maximum'
  | 'discount_currency_mismatch'
  | 'discount_not_applicable'
  /** A discount with both `percent_off` and `amount_off`. */
  | 'conflicting_discount'
  | 'below_processor_minimum'
  /** A `group_size` that is not a whole number ≥ 1. */
  | 'invalid_group_size'
  | 'group_too_large';

export class CalculatorError extends Error {
  readonly code: CalculatorErrorCode;

  /** `detail` (the offending value) is appended to the message: "invalid_date: 2023-02-29". */
  constructor(code: CalculatorErrorCode, detail?: unknown) {
    super(detail === undefined ? code : `${code}: ${String(detail)}`);
    this.name = 'CalculatorError';
    this.code = code;
  }
}

export class PricingError extends CalculatorError {
  declare readonly code: PricingErrorCode;
  /**
   * The bound that was crossed, in minor units (or people for `group_too_large`), so a message
   * can say "at least ¥50" without recomputing it.
   */
  readonly limit: number | undefined;

  constructor(code: PricingErrorCode, limit?: number) {
    super(code);
    this.name = 'PricingError';
    this.limit = limit;
  }
}
