// Building blocks shared by the object schemas: ids, dates, money, custom field values.
import { z } from './zod.js';

/** A non-empty identifier (opaque string). */
export const IdSchema = z.string().check(z.minLength(1));

/** A calendar date, `YYYY-MM-DD` (a real date: no 2023-02-30). */
export const DateSchema = z.iso.date();

/** An instant, RFC 3339 (the API sends UTC, `…Z`; an offset is accepted too). */
export const InstantSchema = z.iso.datetime({ offset: true });

/** An ISO 4217 currency code, upper case. */
export const CurrencySchema = z.string().check(z.regex(/^[A-Z]{3}$/));

/** An amount in the currency's minor unit (cents, yen, fils): a non-negative integer. */
export const AmountSchema = z.int().check(z.nonnegative());

/** A non-negative integer (counts, days). */
export const CountSchema = AmountSchema;

/** A custom field value on the wire: text-like, number and date as string, multiselect as string[]. */
export const FieldValueSchema = z.nullable(
  z.union([z.string(), z.array(z.string()), z.boolean(), z.number()]),
);

/** Custom field values by field key. */
export const FieldValuesSchema = z.record(z.string(), FieldValueSchema);
export type FieldValues = z.infer<typeof FieldValuesSchema>;
