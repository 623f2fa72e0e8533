import * as z from './zod.js';

export const CustomFieldTypeSchema = z.enum([
  'text',
  'textarea',
  'email',
  'tel',
  'url',
  'number',
  'date',
  'select',
  'multiselect',
  'checkbox',
  'consent',
]);

export const CustomFieldOptionSchema = z.object({ value: z.string(), label: z.string() });
export type CustomFieldOption = z.infer<typeof CustomFieldOptionSchema>;

const bound = z.nullish(z.union([z.number(), z.string()]));
const length = z.nullish(z.integer(z.nonnegative()));

/** A custom field of a membership type, in order. `min`/`max` are numbers, or dates for date fields. */
export const CustomFieldSchema = z.object({
  key: z.string().check(z.minLength(1)),
  label: z.string(),
  type: CustomFieldTypeSchema,
  required: z.boolean(),
  help_text: z.nullish(z.string()),
  options: z.nullish(z.array(CustomFieldOptionSchema)),
  min: bound,
  max: bound,
  min_length: length,
  max_length: length,
  pattern: z.nullish(z.string()),
  /**
   * What `pattern` allows, in the members' words ("Five digits, like 12345"): the widget's message
   * when an answer does not match. Plain text (rendered as text), at most 200 characters.
   */
  pattern_description: z.nullish(z.string()),
});
export type CustomField = z.infer<typeof CustomFieldSchema>;
