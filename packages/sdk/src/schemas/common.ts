// Building blocks shared by the object schemas: ids, dates, money, custom field values.
import { isValidDate } from '../calculators/dates.js';
import * as z from './zod.js';

/** A non-empty identifier (opaque string). */
export const IdSchema = z.string().check(z.minLength(1));

/** A calendar date, `YYYY-MM-DD`, that exists (2024-02-29 yes, 2023-02-29 and 2023-04-31 no): the calculators' own rule. */
export const DateSchema = z.string().check(z.refine(isValidDate, 'Expected an existing YYYY-MM-DD date'));

/** An instant, RFC 3339 (the API sends UTC, `…Z`; an offset is accepted too). */
export const InstantSchema = z.string().check(
  z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/),
);

/** An ISO 4217 currency code, upper case. */
export const CurrencySchema = z.string().check(z.regex(/^[A-Z]{3}$/));

/** An amount in the currency's minor unit (cents, yen, fils): a non-negative integer. */
export const AmountSchema = z.integer(z.nonnegative());

/** A non-negative integer (counts, days). */
export const CountSchema = AmountSchema;

/** A custom field value on the wire: text-like, number and date as string, multiselect as string[]. */
export const FieldValueSchema = z.nullable(
  z.union([z.string(), z.array(z.string()), z.boolean(), z.number()]),
);

/** Custom field values by field key (a catchall object: smaller in the bundle than `z.record`). */
export const FieldValuesSchema = z.catchall(z.object({}), FieldValueSchema);
export type FieldValues = z.infer<typeof FieldValuesSchema>;

/**
 * A value a newer API may add to (a status, a kind, a field type): validated as `z.enum(values)`
 * (strictly, so a host checking its own answers still catches a typo), typed as the known values
 * plus any other string. A client reading leniently (the default, see `validateResponses`) passes
 * a value it does not know through as it came, so code that handles the known ones compiles
 * against what a newer server can send.
 */
export const openEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values) as unknown as z.ZodMiniType<T[number] | (string & {})>;
